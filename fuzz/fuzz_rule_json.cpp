// The rule, template and repository JSON mapping: the input is one JSON document; each of its
// objects (the document itself and the members of its arrays) is read as every shape the app
// reads from ECR, written back, checked as the form would check it, and a registry policy text
// is merged and judged.
#include "EcrTypes.h"
#include "FuzzInput.h"
#include "Preflight.h"
#include "PtcValidation.h"
#include "PullCommand.h"
#include "RepositoryTemplate.h"
#include "RepositoryTypes.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {

void readAs(const QJsonObject& json)
{
    const ecr::PullThroughCacheRule rule = ecr::PullThroughCacheRule::fromJson(json);
    (void)ecr::PullThroughCacheRule::fromJson(rule.toJson());
    (void)ecr::ptc::validateCreate(ecr::CreateRuleRequest::fromJson(json));
    (void)ecr::ptc::validateUpdate(ecr::UpdateRuleRequest::fromJson(json));
    (void)ecr::ptc::validateRuleKey(ecr::RuleKey::fromJson(json));
    (void)ecr::ptc::validateDescribe(ecr::DescribeRulesRequest::fromJson(json));
    (void)ecr::ValidateRuleResult::fromJson(json);
    (void)ecr::DescribeRulesPage::fromJson(json);

    const ecr::RepositoryCreationTemplate t = ecr::RepositoryCreationTemplate::fromJson(json);
    (void)ecr::RepositoryCreationTemplate::fromJson(t.toJson());
    (void)ecr::validateTemplate(t, QStringLiteral("123456789012"));
    (void)ecr::templateWarnings(t);
    const QStringList prefixes{rule.ecrRepositoryPrefix};
    const QList<ecr::RepositoryCreationTemplate> templates{t};
    (void)ecr::templatesForRules(prefixes, templates);
    (void)ecr::templateForRule(rule.ecrRepositoryPrefix, templates);

    (void)ecr::CachedRepository::fromJson(json);
    (void)ecr::ImageSummary::fromJson(json);
    (void)ecr::ImageId::fromJson(ecr::ImageId::fromJson(json).toJson());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray input = ecr::fuzz::bytes(data, size);
    const QJsonDocument doc = QJsonDocument::fromJson(input);
    if (doc.isObject()) {
        readAs(doc.object());
        for (const QJsonValue& member : doc.object())
            for (const QJsonValue& item : member.toArray())
                readAs(item.toObject());
    }

    const ecr::RegistryLocation location{QStringLiteral("123456789012"),
        QStringLiteral("eu-west-1"), QStringLiteral("amazonaws.com")};
    const QString policy = QString::fromUtf8(input);
    const QString prefix = QStringLiteral("docker-hub");
    (void)ecr::registryPolicyCoversPrefix(policy, location, prefix);
    const QString merged = ecr::mergedRegistryPolicy(policy, location, prefix);
    (void)ecr::addedStatementLines(policy, merged);
    return 0;
}
