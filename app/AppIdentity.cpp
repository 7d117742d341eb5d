#include "AppIdentity.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace ecr::identity {

namespace {

const QString kLegacyName = u"ecr-ptc-admin"_s;

// A QSettings location or QStandardPaths folder as it is for another organisation name.
template <typename F>
QString withOrganization(const QString& organization, F&& read)
{
    const QString current = QCoreApplication::organizationName();
    QCoreApplication::setOrganizationName(organization);
    const QString value = read();
    QCoreApplication::setOrganizationName(current);
    return value;
}

} // namespace

void apply()
{
    QCoreApplication::setOrganizationName(QString::fromLatin1(kAppId));
    QCoreApplication::setOrganizationDomain(u"ecrptcadmin.org"_s);
    QCoreApplication::setApplicationName(QString::fromLatin1(kExecutable));
    QCoreApplication::setApplicationVersion(QStringLiteral(ECR_APP_VERSION));
}

QString legacySettingsFile()
{
    return withOrganization(kLegacyName, [] { return QSettings().fileName(); });
}

QString legacyDataDirectory()
{
    return withOrganization(kLegacyName,
        [] { return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation); });
}

Migration migrateLegacyLocations()
{
    Migration done;
    {
        QSettings current;
        const QString oldFile = legacySettingsFile();
        if (oldFile != current.fileName() && QFileInfo::exists(oldFile)
            && current.allKeys().isEmpty()) {
            QSettings old(oldFile, QSettings::NativeFormat);
            const QStringList keys = old.allKeys();
            for (const QString& key : keys)
                current.setValue(key, old.value(key));
            current.sync();
            if (current.status() == QSettings::NoError) {
                old.clear();
                old.sync();
                QFile::remove(oldFile);
                QDir().rmdir(QFileInfo(oldFile).absolutePath()); // only if now empty
                done.settingsMoved = true;
            } else {
                done.problem = u"could not write the settings to "_s + current.fileName();
            }
        }
    }
    const QString oldData = legacyDataDirectory();
    const QString newData = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    if (oldData != newData && QFileInfo(oldData).isDir() && !QFileInfo::exists(newData)) {
        QDir().mkpath(QFileInfo(newData).absolutePath());
        if (QDir().rename(oldData, newData)) {
            QDir().rmdir(QFileInfo(oldData).absolutePath()); // the old organisation folder
            done.dataMoved = true;
        } else {
            if (!done.problem.isEmpty())
                done.problem += u"; "_s;
            done.problem += u"could not move "_s + oldData + u" to "_s + newData;
        }
    }
    return done;
}

} // namespace ecr::identity
