#include "MainWindow.h"

#include <QApplication>

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("ecr-ptc-admin"));
    QApplication::setOrganizationDomain(QStringLiteral("ecr-ptc-admin.example.org"));
    QApplication::setApplicationName(QStringLiteral("ecr-ptc-admin"));
    QApplication::setApplicationDisplayName(
        QApplication::translate("main", "ECR Pull-Through Cache Admin"));
    QApplication::setApplicationVersion(QStringLiteral(ECR_APP_VERSION));

    ecr::MainWindow window;
    window.show();
    return QApplication::exec();
}
