#include "EcrRegistryClient.h"

#include "Paging.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace ecr {

using namespace Qt::StringLiterals;

namespace {

std::optional<AwsError> invalidTemplate(const RepositoryCreationTemplate& t)
{
    const QList<TemplateIssue> issues = validateTemplate(t);
    if (issues.isEmpty())
        return std::nullopt;
    QStringList messages;
    for (const TemplateIssue& issue : issues)
        messages.append(issue.message);
    return makeError(ErrorKind::InvalidInput, issues.first().wireName, messages.join(u' '), 0);
}

RepositoryCreationTemplate templateOf(const ServiceAnswer& answer)
{
    RepositoryCreationTemplate t = RepositoryCreationTemplate::fromJson(
        answer.json.value(u"repositoryCreationTemplate"_s).toObject());
    t.registryId = answer.json.value(u"registryId"_s).toString();
    return t;
}

} // namespace

EcrRegistryClient::EcrRegistryClient(ServiceClient& transport, QObject* parent)
    : QObject(parent)
    , m_transport(transport)
{ }

QCoro::Task<Result<RepositoryCreationTemplate>> EcrRegistryClient::sendTemplate(
    QString operation, RepositoryCreationTemplate t, CancelToken cancel)
{
    if (const std::optional<AwsError> error = invalidTemplate(t)) {
        AwsError copy = *error;
        co_return copy;
    }
    OperationRequest request;
    request.name = operation;
    request.body = t.toJson();
    const Result<ServiceAnswer> answer = co_await m_transport.call(request, cancel);
    if (!answer)
        co_return answer.error();
    co_return templateOf(answer.value());
}

QCoro::Task<Result<RepositoryCreationTemplate>> EcrRegistryClient::createTemplate(
    RepositoryCreationTemplate t, CancelToken cancel)
{
    const QString operation = u"CreateRepositoryCreationTemplate"_s;
    Result<RepositoryCreationTemplate> created = co_await sendTemplate(operation, t, cancel);
    if (created || !created.error().isService(u"TemplateAlreadyExistsException"))
        co_return created;
    // A Create whose earlier answer was lost (a retry after a dropped connection) meets the
    // template it made itself: that is success, as for rules.
    const QStringList prefixes{t.prefix};
    const Result<QList<RepositoryCreationTemplate>> held
        = co_await describeAllTemplates(prefixes, cancel);
    if (held && held->size() == 1 && sameTemplateSettings(held->first(), t)) {
        RepositoryCreationTemplate existing = held->first();
        co_return existing;
    }
    co_return created;
}

QCoro::Task<Result<RepositoryCreationTemplate>> EcrRegistryClient::updateTemplate(
    RepositoryCreationTemplate t, CancelToken cancel)
{
    const QString operation = u"UpdateRepositoryCreationTemplate"_s;
    co_return co_await sendTemplate(operation, t, cancel);
}

QCoro::Task<Result<RepositoryCreationTemplate>> EcrRegistryClient::deleteTemplate(
    QString prefix, CancelToken cancel)
{
    OperationRequest request;
    request.name = u"DeleteRepositoryCreationTemplate"_s;
    request.body = QJsonObject{{u"prefix"_s, prefix}};
    const Result<ServiceAnswer> answer = co_await m_transport.call(request, cancel);
    if (!answer && answer.error().isService(u"TemplateNotFoundException")
        && answer.error().retried()) {
        // An earlier attempt of this Delete went through and its answer was lost.
        RepositoryCreationTemplate gone;
        gone.prefix = prefix;
        co_return gone;
    }
    if (!answer)
        co_return answer.error();
    co_return templateOf(answer.value());
}

QCoro::Task<Result<QList<RepositoryCreationTemplate>>> EcrRegistryClient::describeAllTemplates(
    QStringList prefixes, CancelToken cancel)
{
    QList<RepositoryCreationTemplate> out;
    QString next;
    PageGuard pages(u"DescribeRepositoryCreationTemplates"_s, kMaxPages);
    for (;;) {
        OperationRequest request;
        request.name = u"DescribeRepositoryCreationTemplates"_s;
        request.body = QJsonObject{{u"maxResults"_s, kPageSize}};
        if (!prefixes.isEmpty())
            request.body.insert(u"prefixes"_s, QJsonArray::fromStringList(prefixes));
        if (!next.isEmpty())
            request.body.insert(u"nextToken"_s, next);
        const Result<ServiceAnswer> answer = co_await m_transport.call(request, cancel);
        if (!answer)
            co_return answer.error();
        const QString registry = answer->json.value(u"registryId"_s).toString();
        for (const QJsonValue& v : answer->json.value(u"repositoryCreationTemplates"_s).toArray()) {
            RepositoryCreationTemplate t = RepositoryCreationTemplate::fromJson(v.toObject());
            t.registryId = registry;
            out.append(t);
        }
        next = answer->json.value(u"nextToken"_s).toString();
        if (next.isEmpty())
            co_return out;
        if (std::optional<AwsError> stop = pages.next(next))
            co_return *stop;
    }
}

QCoro::Task<Result<std::optional<QString>>> EcrRegistryClient::registryPolicy(CancelToken cancel)
{
    OperationRequest request;
    request.name = u"GetRegistryPolicy"_s;
    request.body = QJsonObject{};
    const Result<ServiceAnswer> answer = co_await m_transport.call(request, cancel);
    if (!answer) {
        if (answer.error().isService(u"RegistryPolicyNotFoundException"))
            co_return std::optional<QString>();
        co_return answer.error();
    }
    co_return std::optional<QString>(answer->json.value(u"policyText"_s).toString());
}

QCoro::Task<Result<QString>> EcrRegistryClient::putRegistryPolicy(
    QString policyText, CancelToken cancel)
{
    OperationRequest request;
    request.name = u"PutRegistryPolicy"_s;
    request.body = QJsonObject{{u"policyText"_s, policyText}};
    const Result<ServiceAnswer> answer = co_await m_transport.call(request, cancel);
    if (!answer)
        co_return answer.error();
    co_return answer->json.value(u"policyText"_s).toString();
}

} // namespace ecr
