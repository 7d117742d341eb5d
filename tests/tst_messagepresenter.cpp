// QMessageBoxPresenter: what the boxes show, that every text is plain text, what confirm()
// returns — all through open(), never a nested event loop.
#include "ConfirmDialog.h"
#include "CredentialsTestSupport.h"
#include "MessagePresenter.h"

#include <QAbstractButton>
#include <QApplication>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTest>

using namespace ecr;
using namespace ecr::test;
using namespace Qt::StringLiterals;

namespace {

QMessageBox* waitForBox(const QWidget& parent)
{
    QMessageBox* box = nullptr;
    const bool shown = QTest::qWaitFor([&] {
        box = parent.findChild<QMessageBox*>();
        return box && box->isVisible();
    });
    return shown ? box : nullptr;
}

} // namespace

class TestMessagePresenter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showErrorShowsAllPartsAsPlainText()
    {
        QWidget parent;
        parent.show();
        QMessageBoxPresenter presenter;
        // A server's message quoted in an error must never become markup.
        const ErrorText text{u"Rule limit reached"_s,
            u"Creating the rule failed: <b>bold</b> <a href='http://x'>link</a>"_s,
            u"Delete a rule <i>you</i> no longer use."_s, u"Error code: LimitExceededException"_s};
        auto shown = presenter.showError(&parent, text);
        QMessageBox* box = waitForBox(parent);
        QVERIFY(box);
        QVERIFY(box->windowModality() != Qt::NonModal);
        QCOMPARE(box->windowTitle(), text.title);
        QCOMPARE(box->text(), text.what);
        QCOMPARE(box->textFormat(), Qt::PlainText);
        QCOMPARE(box->informativeText(), text.action);
        auto* informative = box->findChild<QLabel*>(u"qt_msgbox_informativelabel"_s);
        QVERIFY(informative);
        QCOMPARE(informative->textFormat(), Qt::PlainText);
        QCOMPARE(box->detailedText(), text.details);
        QCOMPARE(box->icon(), QMessageBox::Warning);
        QVERIFY(!shown.isReady()); // waits for the user
        box->accept();
        awaitTask(std::move(shown));
        QTRY_VERIFY(parent.findChild<QMessageBox*>() == nullptr); // cleaned up
    }

    void confirmReturnsTheChoice_data()
    {
        QTest::addColumn<bool>("accept");
        QTest::newRow("accept") << true;
        QTest::newRow("cancel") << false;
    }
    void confirmReturnsTheChoice()
    {
        QFETCH(bool, accept);
        QWidget parent;
        parent.show();
        QMessageBoxPresenter presenter;
        Confirmation confirmation;
        confirmation.title = u"Delete rule"_s;
        confirmation.text = u"Delete the rule <b>docker-hub</b>?"_s;
        confirmation.acceptLabel = u"&Delete"_s;
        auto answer = presenter.confirm(&parent, confirmation);
        ConfirmDialog* dialog = nullptr;
        QVERIFY(QTest::qWaitFor([&] {
            dialog = parent.findChild<ConfirmDialog*>();
            return dialog && dialog->isVisible();
        }));
        QVERIFY(dialog->windowModality() != Qt::NonModal);
        auto* text = dialog->findChild<QLabel*>(u"textLabel"_s);
        QCOMPARE(text->text(), u"Delete the rule <b>docker-hub</b>?"_s);
        QCOMPARE(text->textFormat(), Qt::PlainText);
        QVERIFY(dialog->findChild<QLabel*>(u"bandLabel"_s) == nullptr); // no marker given
        QCOMPARE(dialog->acceptButton()->text(), u"&Delete"_s);
        // The cancelling choice is the default, so Enter does not delete.
        QVERIFY(dialog->cancelButton()->isDefault());
        QVERIFY(!dialog->acceptButton()->isDefault());
        if (accept)
            dialog->acceptButton()->click();
        else
            QTest::keyClick(dialog, Qt::Key_Escape);
        QCOMPARE(awaitTask(std::move(answer)), accept);
    }

    void enterDoesNotConfirm()
    {
        QWidget parent;
        parent.show();
        QMessageBoxPresenter presenter;
        auto answer = presenter.confirm(
            &parent, {u"Delete"_s, u"Delete?"_s, u"&Delete"_s, {}, {}, {}, {}, {}});
        ConfirmDialog* dialog = nullptr;
        QVERIFY(QTest::qWaitFor([&] {
            dialog = parent.findChild<ConfirmDialog*>();
            return dialog && dialog->isVisible();
        }));
        QTest::keyClick(dialog, Qt::Key_Return);
        QCOMPARE(awaitTask(std::move(answer)), false);
    }

    void destructiveConfirmationsNameWhomTheyTouch()
    {
        QWidget parent;
        parent.show();
        QMessageBoxPresenter presenter;
        Confirmation confirmation;
        confirmation.title = u"Delete rules"_s;
        confirmation.text = u"Delete these 2 pull-through cache rules?"_s;
        confirmation.acceptLabel = u"&Delete"_s;
        confirmation.bandText = u"PRODUCTION"_s;
        confirmation.bandColor = QColor(u"#c62828"_s);
        confirmation.bandTextColor = Qt::white;
        confirmation.target = u"Profile prod-admin · account 111122223333 · eu-west-1"_s;
        confirmation.items = {u"docker-hub"_s, u"quay"_s};
        auto answer = presenter.confirm(&parent, confirmation);
        ConfirmDialog* dialog = nullptr;
        QVERIFY(QTest::qWaitFor([&] {
            dialog = parent.findChild<ConfirmDialog*>();
            return dialog && dialog->isVisible();
        }));
        auto* band = dialog->findChild<QLabel*>(u"bandLabel"_s);
        QVERIFY(band && band->isVisible());
        QCOMPARE(band->text(), u"PRODUCTION"_s);
        QCOMPARE(band->palette().color(QPalette::Window), QColor(u"#c62828"_s));
        QCOMPARE(dialog->findChild<QLabel*>(u"targetLabel"_s)->text(), confirmation.target);
        QCOMPARE(dialog->findChild<QPlainTextEdit*>(u"itemsTextEdit"_s)->toPlainText(),
            u"docker-hub\nquay"_s);
        dialog->reject();
        QCOMPARE(awaitTask(std::move(answer)), false);
    }

    void aBoxWhoseParentGoesAwayAnswersNo()
    {
        auto parent = std::make_unique<QWidget>();
        parent->show();
        QMessageBoxPresenter presenter;
        auto answer = presenter.confirm(
            parent.get(), {u"Delete"_s, u"Delete?"_s, u"&Delete"_s, {}, {}, {}, {}, {}});
        QVERIFY(QTest::qWaitFor([&] { return parent->findChild<ConfirmDialog*>() != nullptr; }));
        parent.reset();
        QCOMPARE(awaitTask(std::move(answer)), false);
    }

    void informationIsPlainText()
    {
        QWidget parent;
        parent.show();
        QMessageBoxPresenter presenter;
        auto shown = presenter.showInformation(&parent, u"About"_s, u"<b>App</b> 1.0"_s);
        QMessageBox* box = waitForBox(parent);
        QVERIFY(box);
        QCOMPARE(box->textFormat(), Qt::PlainText);
        QCOMPARE(box->icon(), QMessageBox::Information);
        box->accept();
        awaitTask(std::move(shown));
    }
};

QTEST_MAIN(TestMessagePresenter)
#include "tst_messagepresenter.moc"
