// QMessageBoxPresenter: what the boxes show and what confirm() returns.
#include "MessagePresenter.h"

#include <QAbstractButton>
#include <QApplication>
#include <QMessageBox>
#include <QPushButton>
#include <QTest>
#include <QTimer>

using namespace ecr;
using namespace Qt::StringLiterals;

namespace {

// Runs `check` on the message box once it is shown (inside its exec()).
template <typename Check>
void whenBoxShows(Check check)
{
    QTimer::singleShot(0, qApp, [check] {
        auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
        QVERIFY(box);
        check(box);
        if (box->isVisible()) // a failed check must not leave exec() waiting
            box->reject();
    });
}

} // namespace

class TestMessagePresenter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showErrorShowsAllParts()
    {
        QMessageBoxPresenter presenter;
        const ErrorText text{u"Rule limit reached"_s, u"Creating the rule failed."_s,
            u"Delete a rule you no longer use."_s, u"Error code: LimitExceededException"_s};
        bool checked = false;
        whenBoxShows([&](QMessageBox* box) {
            QCOMPARE(box->windowTitle(), text.title);
            QCOMPARE(box->text(), text.what);
            QCOMPARE(box->informativeText(), text.action);
            QCOMPARE(box->detailedText(), text.details);
            QCOMPARE(box->icon(), QMessageBox::Warning);
            checked = true;
            box->accept();
        });
        presenter.showError(nullptr, text);
        QVERIFY(checked);
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
        QMessageBoxPresenter presenter;
        whenBoxShows([accept](QMessageBox* box) {
            QCOMPARE(box->text(), u"Delete the rule docker-hub?"_s);
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
        });
        QCOMPARE(presenter.confirm(
                     nullptr, u"Delete rule"_s, u"Delete the rule docker-hub?"_s, u"&Delete"_s),
            accept);
    }
};

QTEST_MAIN(TestMessagePresenter)
#include "tst_messagepresenter.moc"
