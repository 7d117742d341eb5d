// The awsJson1_1 and restJson1 answer and error parsers: part 1 is "status\nName: value" header
// lines, part 2 the body. Every status is read as an error answer (what parseJsonError makes of
// it), and the body as the JSON a successful answer carries, mapped as ECR's Describe page.
#include "AwsError.h"
#include "EcrTypes.h"
#include "FuzzInput.h"
#include "HttpTransport.h"
#include "ServiceProtocol.h"

#include <QJsonDocument>
#include <QJsonObject>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QList<QByteArray> input = ecr::fuzz::parts(ecr::fuzz::bytes(data, size), 2);
    ecr::HttpAnswer answer;
    const QList<QByteArray> lines = input[0].split('\n');
    answer.status = lines.value(0).trimmed().toInt();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines[i].indexOf(':');
        if (colon > 0)
            answer.headers.append({lines[i].left(colon), lines[i].mid(colon + 1).trimmed()});
    }
    answer.body = input[1];

    static const ecr::ServiceInfo ecrService{QStringLiteral("Amazon ECR"), "ecr",
        ecr::Protocol::AwsJson1_1, "AmazonEC2ContainerRegistry_V20150921", {}};
    static const ecr::ServiceInfo oidcService{
        QStringLiteral("AWS IAM Identity Center"), "sso-oauth", ecr::Protocol::RestJson1, {}, {}};
    for (const ecr::ServiceInfo* service : {&ecrService, &oidcService}) {
        const ecr::AwsError error
            = ecr::protocolAdapter(service->protocol).parseError(*service, answer);
        (void)error.message.size();
    }
    (void)ecr::requestIdOf(answer);

    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(answer.body, &parseError);
    if (parseError.error == QJsonParseError::NoError && doc.isObject()) {
        const ecr::DescribeRulesPage page = ecr::DescribeRulesPage::fromJson(doc.object());
        for (const ecr::PullThroughCacheRule& rule : page.rules)
            (void)rule.toJson();
    }
    return 0;
}
