// The MFA prompt: MfaCodeDialog takes exactly six digits, and DialogMfaPrompter opens it without a
// nested event loop and returns the typed code, or nullopt when the user cancels or the dialog
// goes away unanswered.
#include "CredentialsTestSupport.h"
#include "DialogMfaPrompter.h"
#include "MfaCodeDialog.h"

#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QTest>

using namespace ecr;
using namespace ecr::test;
using namespace Qt::StringLiterals;

namespace {

const QString kSerial = u"arn:aws:iam::123456789012:mfa/alice"_s;

QPushButton* button(const QWidget* dialog, const QString& name)
{
    return dialog->findChild<QPushButton*>(name);
}

QLineEdit* codeEdit(const QWidget* dialog)
{
    return dialog->findChild<QLineEdit*>(u"codeLineEdit"_s);
}

// The prompter's dialog, once it is shown.
MfaCodeDialog* waitForDialog(const QWidget& parent)
{
    MfaCodeDialog* dialog = nullptr;
    const bool shown = QTest::qWaitFor([&] {
        dialog = parent.findChild<MfaCodeDialog*>();
        return dialog && dialog->isVisible();
    });
    return shown ? dialog : nullptr;
}

} // namespace

class TestMfaDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void okNeedsExactlySixDigits()
    {
        MfaCodeDialog dialog;
        dialog.setRequest(u"prod"_s, kSerial);
        dialog.show();
        QPushButton* ok = button(&dialog, u"okButton"_s);
        QVERIFY(ok);
        QVERIFY(!ok->isEnabled());
        QTest::keyClicks(codeEdit(&dialog), u"12345"_s);
        QVERIFY(!ok->isEnabled());
        QVERIFY(!dialog.isCodeComplete());
        QTest::keyClick(codeEdit(&dialog), Qt::Key_Return); // Enter does not get past OK either
        QVERIFY(dialog.isVisible());
        QTest::keyClicks(codeEdit(&dialog), u"a"_s); // not a digit: refused
        QCOMPARE(dialog.code(), u"12345"_s);
        QTest::keyClicks(codeEdit(&dialog), u"6"_s);
        QVERIFY(ok->isEnabled());
        QTest::keyClicks(codeEdit(&dialog), u"7"_s); // at most six
        QCOMPARE(dialog.code(), u"123456"_s);
        QVERIFY(dialog.findChild<QLabel*>(u"promptLabel"_s)->text().contains(kSerial));
        QVERIFY(dialog.findChild<QLabel*>(u"promptLabel"_s)->text().contains(u"prod"_s));
    }

    void prompterReturnsTheTypedCode()
    {
        QWidget parent;
        parent.show();
        DialogMfaPrompter prompter(&parent);
        QCoro::Task<std::optional<QString>> task = prompter.askCode(u"prod"_s, kSerial, {});
        MfaCodeDialog* dialog = waitForDialog(parent);
        QVERIFY(dialog);
        QVERIFY(dialog->isModal() || dialog->windowModality() != Qt::NonModal);
        QTest::keyClicks(codeEdit(dialog), u"654321"_s);
        QTest::mouseClick(button(dialog, u"okButton"_s), Qt::LeftButton);
        const std::optional<QString> code = awaitTask(std::move(task));
        QCOMPARE(code, std::optional<QString>(u"654321"_s));
        QTRY_VERIFY(parent.findChild<MfaCodeDialog*>() == nullptr); // cleaned up
    }

    void prompterReturnsNulloptOnCancel()
    {
        QWidget parent;
        parent.show();
        DialogMfaPrompter prompter(&parent);
        QCoro::Task<std::optional<QString>> task = prompter.askCode(u"prod"_s, kSerial, {});
        MfaCodeDialog* dialog = waitForDialog(parent);
        QVERIFY(dialog);
        QTest::keyClicks(codeEdit(dialog), u"123456"_s);
        QTest::mouseClick(button(dialog, u"cancelButton"_s), Qt::LeftButton);
        QVERIFY(!awaitTask(std::move(task)).has_value());
    }

    void prompterReturnsNulloptOnEscape()
    {
        QWidget parent;
        parent.show();
        DialogMfaPrompter prompter(&parent);
        QCoro::Task<std::optional<QString>> task = prompter.askCode(u"prod"_s, kSerial, {});
        MfaCodeDialog* dialog = waitForDialog(parent);
        QVERIFY(dialog);
        QTest::keyClick(codeEdit(dialog), Qt::Key_Escape);
        QVERIFY(!awaitTask(std::move(task)).has_value());
    }

    void prompterReturnsNulloptWhenTheParentGoesAway()
    {
        auto parent = std::make_unique<QWidget>();
        parent->show();
        DialogMfaPrompter prompter(parent.get());
        QCoro::Task<std::optional<QString>> task = prompter.askCode(u"prod"_s, kSerial, {});
        MfaCodeDialog* dialog = waitForDialog(*parent);
        QVERIFY(dialog);
        QTest::keyClicks(codeEdit(dialog), u"123456"_s);
        parent.reset(); // takes the open dialog with it
        QVERIFY(!awaitTask(std::move(task)).has_value());
    }

    // The request that needs the code is cancelled while the prompt is open: the prompt closes
    // and the asker gets no code.
    void cancellingTheRequestClosesThePrompt()
    {
        QWidget parent;
        parent.show();
        DialogMfaPrompter prompter(&parent);
        const CancelToken cancel = Cancellation::create();
        QCoro::Task<std::optional<QString>> task = prompter.askCode(u"prod"_s, kSerial, cancel);
        MfaCodeDialog* dialog = waitForDialog(parent);
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        QTest::keyClicks(codeEdit(dialog), u"123456"_s); // typed, but the request went away
        QPointer<MfaCodeDialog> watched(dialog);
        cancel->cancel();
        QVERIFY(!awaitTask(std::move(task)).has_value());
        QTRY_VERIFY(!watched || !watched->isVisible());
        QTRY_VERIFY(parent.findChild<MfaCodeDialog*>() == nullptr);
    }

    void alreadyCancelledAsksNothing()
    {
        QWidget parent;
        parent.show();
        DialogMfaPrompter prompter(&parent);
        const CancelToken cancel = Cancellation::create();
        cancel->cancel();
        QVERIFY(!awaitTask(prompter.askCode(u"prod"_s, kSerial, cancel)).has_value());
        QTRY_VERIFY(parent.findChild<MfaCodeDialog*>() == nullptr);
    }

    void prompterOpensOverTheActiveModalDialog()
    {
        QWidget window;
        window.show();
        QDialog manager(&window);
        manager.open();
        QTRY_COMPARE(QApplication::activeModalWidget(), &manager);
        DialogMfaPrompter prompter(&window);
        QCoro::Task<std::optional<QString>> task = prompter.askCode(u"prod"_s, kSerial, {});
        MfaCodeDialog* dialog = waitForDialog(manager);
        QVERIFY(dialog);
        QCOMPARE(dialog->parentWidget(), &manager);
        QTest::keyClicks(codeEdit(dialog), u"111222"_s);
        QTest::keyClick(codeEdit(dialog), Qt::Key_Return);
        QCOMPARE(awaitTask(std::move(task)), std::optional<QString>(u"111222"_s));
    }
};

QTEST_MAIN(TestMfaDialog)
#include "tst_mfadialog.moc"
