// The STS (awsQuery) XML parsers: the input is an answer body, read as each success answer the
// app asks for and as an error answer.
#include "FuzzInput.h"
#include "HttpTransport.h"
#include "ServiceProtocol.h"
#include "StsProtocol.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray body = ecr::fuzz::bytes(data, size);
    (void)ecr::sts::parseAssumeRole(body);
    (void)ecr::sts::parseGetSessionToken(body);
    (void)ecr::sts::parseGetCallerIdentity(body);
    if (const std::optional<ecr::FlatXml> xml = ecr::flattenXml(body))
        (void)xml->value(QStringLiteral("Error/Code"));

    static const ecr::ServiceInfo sts{
        QStringLiteral("AWS STS"), "sts", ecr::Protocol::AwsQuery, {}, "2011-06-15"};
    ecr::HttpAnswer answer;
    answer.status = 403;
    answer.body = body;
    (void)ecr::parseQueryError(sts, answer);
    return 0;
}
