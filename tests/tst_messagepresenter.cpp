// QMessageBoxPresenter: what the boxes show, that every text is plain text, what confirm()
// returns — all through open(), never a nested event loop.
#include "CredentialsTestSupport.h"
#include "MessagePresenter.h"

#include <QAbstractButton>
#include <QApplication>
#include <QLabel>
#include <QMessageBox>
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
        auto answer = presenter.confirm(
            &parent, u"Delete rule"_s, u"Delete the rule <b>docker-hub</b>?"_s, u"&Delete"_s);
        QMessageBox* box = waitForBox(parent);
        QVERIFY(box);
        QCOMPARE(box->text(), u"Delete the rule <b>docker-hub</b>?"_s);
        QCOMPARE(box->textFormat(), Qt::PlainText);
        QAbstractButton* deleteButton = nullptr;
        for (QAbstractButton* button : box->buttons()) {
            if (button->text() == u"&Delete"_s)
                deleteButton = button;
        }
        QVERIFY(deleteButton);
        // The cancelling choice is the default, so Enter does not delete.
        QVERIFY(box->defaultButton() != deleteButton);
        if (accept)
            deleteButton->click();
        else
            QTest::keyClick(box, Qt::Key_Escape);
        QCOMPARE(awaitTask(std::move(answer)), accept);
    }

    void aBoxWhoseParentGoesAwayAnswersNo()
    {
        auto parent = std::make_unique<QWidget>();
        parent->show();
        QMessageBoxPresenter presenter;
        auto answer = presenter.confirm(parent.get(), u"Delete"_s, u"Delete?"_s, u"&Delete"_s);
        QVERIFY(waitForBox(*parent));
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
