#pragma once

#include "AwsError.h"
#include "RepositoryTemplate.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

// The sandbox's registry-wide settings, per region of its account: repository creation
// templates (Create, Describe with prefixes and pages, Update, Delete) and the registry policy
// (Get, Put), with the ECR model's validation (RepositoryTemplate's checks, shared with the app)
// and the service's errors. In memory.
namespace ecr::sandbox {

class SandboxRegistry final
{
public:
    static bool isKnownOperation(const QString& operation);

    explicit SandboxRegistry(QString account, int templateQuota = 50)
        : m_account(std::move(account))
        , m_templateQuota(templateQuota)
    { }

    Result<QJsonObject> handle(const QString& region, const QString& operation,
        const QJsonObject& body, const QDateTime& now);

    // For tests and crafted states.
    QList<RepositoryCreationTemplate> templates(const QString& region) const
    {
        return m_templates.value(region);
    }
    void setRegistryPolicy(const QString& region, const QString& policyText)
    {
        m_policies.insert(region, policyText);
    }
    std::optional<QString> registryPolicy(const QString& region) const;
    void reset()
    {
        m_templates.clear();
        m_policies.clear();
    }

private:
    Result<QJsonObject> createTemplate(
        const QString& region, const QJsonObject& body, const QDateTime& now);
    Result<QJsonObject> describeTemplates(const QString& region, const QJsonObject& body) const;
    Result<QJsonObject> updateTemplate(
        const QString& region, const QJsonObject& body, const QDateTime& now);
    Result<QJsonObject> deleteTemplate(const QString& region, const QJsonObject& body);
    Result<QJsonObject> getRegistryPolicy(const QString& region) const;
    Result<QJsonObject> putRegistryPolicy(const QString& region, const QJsonObject& body);
    std::optional<AwsError> check(const RepositoryCreationTemplate& t) const;
    AwsError missing(const QString& prefix) const;
    QJsonObject answer(const RepositoryCreationTemplate& t) const;

    QString m_account;
    int m_templateQuota;
    QHash<QString, QList<RepositoryCreationTemplate>> m_templates; // region → by creation
    QHash<QString, QString> m_policies; // region → policy text
};

} // namespace ecr::sandbox
