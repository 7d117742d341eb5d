// The inline message bar: text, type, optional action, close.
#include "MessageBar.h"

#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>
#include <QVBoxLayout>

using namespace ecr;
using namespace Qt::StringLiterals;

class TestMessageBar : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsAndHides()
    {
        QWidget window;
        auto* bar = new MessageBar(&window);
        (new QVBoxLayout(&window))->addWidget(bar);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(!bar->isVisible());

        bar->showMessage(u"Loading the rules failed."_s, MessageBar::Type::Error);
        QVERIFY(bar->isVisible());
        QCOMPARE(bar->text(), u"Loading the rules failed."_s);
        QCOMPARE(bar->type(), MessageBar::Type::Error);
        auto* textLabel = bar->findChild<QLabel*>(u"messageTextLabel"_s);
        QVERIFY(textLabel);
        QVERIFY(textLabel->wordWrap());
        QCOMPARE(textLabel->text(), u"Loading the rules failed."_s);
        QVERIFY(!bar->findChild<QPushButton*>(u"messageActionButton"_s)->isVisible());

        bar->hideMessage();
        QVERIFY(!bar->isVisible());
        QVERIFY(bar->text().isEmpty());
    }

    void actionButtonEmits()
    {
        MessageBar bar;
        bar.show();
        QVERIFY(QTest::qWaitForWindowExposed(&bar));
        QSignalSpy action(&bar, &MessageBar::actionTriggered);
        bar.showMessage(u"Could not reach Amazon ECR."_s, MessageBar::Type::Warning, u"Retry"_s);
        auto* button = bar.findChild<QPushButton*>(u"messageActionButton"_s);
        QVERIFY(button->isVisible());
        QCOMPARE(button->text(), u"Retry"_s);
        QTest::mouseClick(button, Qt::LeftButton);
        QCOMPARE(action.count(), 1);

        // A later message without an action hides the button again.
        bar.showMessage(u"Loaded."_s, MessageBar::Type::Information);
        QVERIFY(!button->isVisible());
        QCOMPARE(bar.type(), MessageBar::Type::Information);
    }

    void closeButtonHides()
    {
        MessageBar bar;
        bar.show();
        bar.showMessage(u"Something"_s, MessageBar::Type::Warning);
        QVERIFY(bar.isVisible());
        QSignalSpy closed(&bar, &MessageBar::closed);
        auto* close = bar.findChild<QToolButton*>(u"messageCloseButton"_s);
        QVERIFY(close);
        QTest::mouseClick(close, Qt::LeftButton);
        QCOMPARE(closed.count(), 1);
        QVERIFY(!bar.isVisible());
    }
};

QTEST_MAIN(TestMessageBar)
#include "tst_messagebar.moc"
