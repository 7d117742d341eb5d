#pragma once

#include "LocalSandbox.h"
#include "ProfileDirectory.h"

#include <QProcessEnvironment>

namespace ecr {

// The profiles the app offers: the environment's credentials when it has them, and the Local
// sandbox once started.
class AppProfileDirectory final : public ProfileDirectory
{
    Q_OBJECT

public:
    AppProfileDirectory(
        QProcessEnvironment environment, LocalSandbox& sandbox, QObject* parent = nullptr);

    QList<ProfileEntry> profiles() const override;
    QCoro::Task<Result<ConnectionTarget>> resolve(QString profileId, QString region) override;

    static const QString kEnvironmentId;
    static const QString kSandboxId;

private:
    QString environmentRegion() const;
    QUrl environmentEndpoint() const;

    QProcessEnvironment m_environment;
    LocalSandbox& m_sandbox;
};

} // namespace ecr
