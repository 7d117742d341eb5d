#include "MainWindow.h"

#include <QApplication>
#include <QMenuBar>
#include <QTest>

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsWithProductTitle()
    {
        QApplication::setApplicationDisplayName(QStringLiteral("ECR Pull-Through Cache Admin"));
        ecr::MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.windowTitle().contains(QStringLiteral("ECR Pull-Through Cache Admin")));
        QVERIFY(window.menuBar()->actions().size() >= 1);
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
