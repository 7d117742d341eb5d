// Every error family has its own title, what-happened and what-to-do text, with the key advice.
#include "ErrorPresenter.h"

#include <QHash>
#include <QSet>
#include <QTest>

using namespace ecr;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(ecr::ErrorKind)
Q_DECLARE_METATYPE(QList<ecr::ptc::Field>)

namespace {

const QString kOperation = u"Creating the rule"_s;

AwsError serviceError(const QString& code, const QString& message = {}, int status = 400)
{
    AwsError error = makeError(ErrorKind::Service, code, message);
    error.httpStatus = status;
    error.requestId = u"7c3f4a56-0d1e-4b2a-9c8d-123456789abc"_s;
    return error;
}

// The exact headline and advice of every row of addFamilies(): a row that falls back to the
// generic text, or loses its own advice, fails here.
struct ExactText
{
    QString title;
    QString action;
};
const QHash<QString, ExactText>& exactTexts()
{
    static const QHash<QString, ExactText> texts{
        {u"ServerException"_s,
            {u"Amazon ECR service error"_s,
                u"Wait a moment and try again; if it keeps failing, check the AWS Health Dashboard for Amazon ECR in this region."_s}},
        {u"InvalidParameterException"_s,
            {u"Invalid parameter"_s, u"Correct the value the message names and try again."_s}},
        {u"ValidationException"_s,
            {u"Request not valid"_s,
                u"Correct the value the message names and try again; if this app accepted it, the service's rules may have changed."_s}},
        {u"PullThroughCacheRuleAlreadyExistsException"_s,
            {u"Rule already exists"_s,
                u"Choose a different cache repository prefix, or edit the credentials of the existing rule."_s}},
        {u"PullThroughCacheRuleNotFoundException"_s,
            {u"Rule not found"_s, u"Refresh the list of rules."_s}},
        {u"UnsupportedUpstreamRegistryException/authentication"_s,
            {u"Upstream registry needs credentials"_s,
                u"Enter the ARN of a Secrets Manager secret whose name starts with 'ecr-pullthroughcache/' and that holds the upstream user name and access token."_s}},
        {u"UnsupportedUpstreamRegistryException/url"_s,
            {u"Upstream registry not supported"_s,
                u"Choose one of the listed registries and check the Azure registry name or the upstream ECR account and region."_s}},
        {u"LimitExceededException"_s,
            {u"Rule limit reached"_s,
                u"The quota cannot be raised: delete a rule you no longer use, then try again."_s}},
        {u"UnableToAccessSecretException"_s,
            {u"Secret not accessible"_s,
                u"Check the secret's resource policy and KMS key, and that the secret is in the same account and region as this registry."_s}},
        {u"SecretNotFoundException"_s,
            {u"Secret not found"_s,
                u"Check the ARN. Secrets Manager can take a few seconds to make a new secret visible; if you just created it, try again."_s}},
        {u"UnableToDecryptSecretValueException"_s,
            {u"Secret cannot be decrypted"_s,
                u"Allow Amazon ECR to use the secret's KMS key (kms:Decrypt), or store the secret with the default aws/secretsmanager key."_s}},
        {u"ThrottlingException"_s,
            {u"Too many requests"_s, u"Wait a few seconds and try again."_s}},
        {u"InvalidSignatureException"_s,
            {u"Signature rejected"_s,
                u"Check that the secret access key belongs to the access key ID, and that this computer's clock is correct."_s}},
        {u"UnrecognizedClientException"_s,
            {u"Access key not recognised"_s,
                u"Check the profile's access key ID, or sign in again if you use temporary credentials."_s}},
        {u"MissingAuthenticationTokenException"_s,
            {u"Request not signed"_s,
                u"Configure credentials for this profile, and check that the endpoint is an Amazon ECR endpoint."_s}},
        {u"ExpiredTokenException"_s,
            {u"Credentials expired"_s,
                u"Refresh the credentials (for example with 'aws sso login' or a new session token) and try again."_s}},
        {u"AccessDeniedException"_s,
            {u"Access denied"_s,
                u"Ask your AWS administrator for the IAM permission the message names, for example ecr:CreatePullThroughCacheRule."_s}},
        {u"unknown service code"_s,
            {u"Amazon ECR returned an error"_s, u"Check the details and try again."_s}},
        {u"ResourceExistsException"_s,
            {u"Secret already exists"_s,
                u"Choose the existing secret from the list, or give the new one another name."_s}},
        {u"ResourceNotFoundException"_s,
            {u"Not found"_s,
                u"Refresh the list: it may have been deleted, or be in another account or region."_s}},
        {u"InvalidNextTokenException"_s, {u"Listing interrupted"_s, u"Refresh the list."_s}},
        {u"InvalidRequestException"_s,
            {u"Request refused"_s,
                u"Correct what the message names; a secret scheduled for deletion must be restored first."_s}},
        {u"EncryptionFailure"_s,
            {u"KMS key not usable"_s,
                u"Check that the KMS key is enabled and that you may use it (kms:GenerateDataKey, kms:Decrypt), or leave the key empty for the default one."_s}},
        {u"InternalServiceError"_s,
            {u"AWS Secrets Manager service error"_s, u"Wait a moment and try again."_s}},
        {u"MalformedPolicyDocumentException"_s,
            {u"Secret policy refused"_s,
                u"Correct the secret's resource policy as the message says."_s}},
        {u"LimitExceededException/secrets"_s,
            {u"Too many secrets"_s,
                u"Reuse an existing ecr-pullthroughcache/ secret, or delete secrets no longer used."_s}},
        {u"LimitExceededException/templates"_s,
            {u"Too many templates"_s,
                u"Delete a template you no longer need, or widen an existing template's prefix."_s}},
        {u"TemplateAlreadyExistsException"_s,
            {u"Template already exists"_s,
                u"Edit the existing template, or use another prefix."_s}},
        {u"TemplateNotFoundException"_s,
            {u"Template not found"_s, u"Refresh the templates; someone may have deleted it."_s}},
        {u"RegistryPolicyNotFoundException"_s,
            {u"No registry policy"_s,
                u"Add one that lets the pullers create repositories and import images for the cache's prefixes."_s}},
        {u"UnauthorizedException"_s,
            {u"SSO sign-in no longer valid"_s,
                u"Try again to sign in anew, or run 'aws sso login' for the profile."_s}},
        {u"ForbiddenException"_s,
            {u"SSO role not available"_s,
                u"Choose an account and role your sign-in lists, or ask your administrator for the assignment."_s}},
        {u"SsoSignInExpired"_s,
            {u"Sign-in code expired"_s,
                u"Try again and approve the new code in the browser within the time shown."_s}},
        {u"SsoSignInDenied"_s,
            {u"Sign-in denied"_s,
                u"Try again and choose Allow, or ask your administrator for access."_s}},
        {u"SsoSignInUnavailable"_s,
            {u"Sign-in needed"_s,
                u"Run 'aws sso login' for the profile, or use the app's window to sign in."_s}},
        {u"InvalidResponse"_s,
            {u"Unexpected answer"_s,
                u"Check the endpoint URL and any proxy between this computer and AWS."_s}},
        {u"HostNotFound"_s,
            {u"Server not found"_s,
                u"Check your network connection and DNS, and that the region or custom endpoint is correct."_s}},
        {u"ConnectionRefused"_s,
            {u"Connection refused"_s,
                u"Check the endpoint URL and port and your proxy and firewall settings; for the local sandbox, check that it is running."_s}},
        {u"ConnectionReset"_s,
            {u"Connection lost"_s,
                u"Refresh the list to see whether the change was applied, then try again."_s}},
        {u"Tls"_s,
            {u"Secure connection failed"_s,
                u"Check this computer's date and time and, behind a TLS-inspecting proxy, that its certificate is trusted."_s}},
        {u"Timeout"_s,
            {u"No answer in time"_s,
                u"Check your network connection, refresh to see whether the change was applied, and try again."_s}},
        {u"Network"_s,
            {u"Network error"_s,
                u"Check your network connection and proxy settings, then try again."_s}},
        {u"Cancelled"_s,
            {u"Cancelled"_s,
                u"If the request had already reached AWS, refresh the list to see its effect."_s}},
        {u"InvalidInput"_s, {u"Invalid input"_s, u"Correct the marked fields and try again."_s}},
        {u"Configuration"_s,
            {u"Configuration problem"_s, u"Check the profile's region and endpoint settings."_s}},
        {u"Credentials"_s,
            {u"No usable credentials"_s,
                u"Add an access key to the profile, or choose another profile."_s}},
        {u"InsecureEndpoint"_s,
            {u"Insecure endpoint refused"_s,
                u"Use an https endpoint URL, or remove the setting the message names."_s}},
        {u"ClockSkewTooLarge"_s,
            {u"Clock too far off"_s,
                u"Set this computer's date, time and time zone, or check the endpoint URL."_s}},
        {u"CaBundleUnreadable"_s,
            {u"CA bundle not usable"_s,
                u"Check the CA bundle path of the profile (or AWS_CA_BUNDLE) and that the file "
                "holds PEM certificates."_s}},
        {u"ResponseTooLarge"_s,
            {u"Answer too large"_s,
                u"Check the endpoint URL and any proxy: an AWS answer to this request is never "
                "this large."_s}},
        {u"KeychainLocked"_s,
            {u"Keychain locked"_s,
                u"Unlock the keychain (for example by unlocking your login keyring) and try again."_s}},
        {u"KeychainAccessDenied"_s,
            {u"Keychain access denied"_s,
                u"Allow this app to read the entry when the keychain asks, then try again."_s}},
        {u"KeychainUnavailable"_s,
            {u"No keychain available"_s,
                u"Start a keyring service such as GNOME Keyring or KWallet; this app never stores secrets in plain text."_s}},
        {u"KeychainEntryMissing"_s,
            {u"Secret access key not stored"_s,
                u"Enter the secret access key in the profile settings again."_s}},
    };
    return texts;
}

} // namespace

class TestErrorPresenter : public QObject
{
    Q_OBJECT

private:
    // The families, with the words their text must contain (case-insensitive, what + action).
    void addFamilies()
    {
        QTest::addColumn<ErrorKind>("kind");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("message");
        QTest::addColumn<QStringList>("mustContain");
        const auto service = ErrorKind::Service;
        const auto credentials = ErrorKind::Credentials;

        // Modelled ECR errors.
        QTest::newRow("ServerException") << service << u"ServerException"_s << QString()
                                         << QStringList{u"internal error"_s, u"try again"_s};
        QTest::newRow("InvalidParameterException")
            << service << u"InvalidParameterException"_s
            << u"Invalid input: Please set either credential arn or role arn to update the "
               "credentials"_s
            << QStringList{u"Please set either credential arn or role arn"_s};
        QTest::newRow("ValidationException")
            << service << u"ValidationException"_s
            << u"1 validation error detected: Value 'Ab' at 'ecrRepositoryPrefix' failed to "
               "satisfy constraint"_s
            << QStringList{u"ecrRepositoryPrefix"_s, u"correct"_s};
        QTest::newRow("PullThroughCacheRuleAlreadyExistsException")
            << service << u"PullThroughCacheRuleAlreadyExistsException"_s << QString()
            << QStringList{u"already exists"_s, u"different cache repository prefix"_s};
        QTest::newRow("PullThroughCacheRuleNotFoundException")
            << service << u"PullThroughCacheRuleNotFoundException"_s << QString()
            << QStringList{u"does not exist"_s, u"refresh"_s};
        QTest::newRow("UnsupportedUpstreamRegistryException/authentication")
            << service << u"UnsupportedUpstreamRegistryException"_s
            << u"The specified upstream registry requires authentication. Specify a valid "
               "Secrets Manager ARN"_s
            << QStringList{u"requires authentication"_s, u"ecr-pullthroughcache/"_s};
        QTest::newRow("UnsupportedUpstreamRegistryException/url")
            << service << u"UnsupportedUpstreamRegistryException"_s
            << u"The upstream registry URL harbor.example.com is invalid"_s
            << QStringList{u"harbor.example.com"_s, u"listed registries"_s};
        QTest::newRow("LimitExceededException")
            << service << u"LimitExceededException"_s << QString()
            << QStringList{u"50"_s, u"cannot be raised"_s, u"delete"_s};
        QTest::newRow("UnableToAccessSecretException")
            << service << u"UnableToAccessSecretException"_s << QString()
            << QStringList{u"resource policy"_s, u"same account and region"_s};
        QTest::newRow("SecretNotFoundException")
            << service << u"SecretNotFoundException"_s << QString()
            << QStringList{u"few seconds"_s, u"try again"_s};
        QTest::newRow("UnableToDecryptSecretValueException")
            << service << u"UnableToDecryptSecretValueException"_s << QString()
            << QStringList{u"decrypt"_s, u"KMS key"_s};
        QTest::newRow("ThrottlingException") << service << u"ThrottlingException"_s << QString()
                                             << QStringList{u"rate"_s, u"wait"_s};
        // AWS Secrets Manager (the rule's upstream secret).
        QTest::newRow("ResourceExistsException")
            << service << u"ResourceExistsException"_s
            << u"The operation failed because the secret ecr-pullthroughcache/x already exists."_s
            << QStringList{u"ecr-pullthroughcache/x"_s, u"another name"_s};
        QTest::newRow("ResourceNotFoundException")
            << service << u"ResourceNotFoundException"_s
            << u"Secrets Manager can't find the specified secret."_s
            << QStringList{u"can't find"_s, u"refresh"_s};
        QTest::newRow("InvalidNextTokenException")
            << service << u"InvalidNextTokenException"_s << QString() << QStringList{u"refresh"_s};
        QTest::newRow("InvalidRequestException")
            << service << u"InvalidRequestException"_s
            << u"You must provide either SecretString or SecretBinary."_s
            << QStringList{u"SecretString"_s};
        QTest::newRow("EncryptionFailure") << service << u"EncryptionFailure"_s << QString()
                                           << QStringList{u"KMS key"_s, u"kms:GenerateDataKey"_s};
        QTest::newRow("InternalServiceError") << service << u"InternalServiceError"_s << QString()
                                              << QStringList{u"Secrets Manager"_s};
        QTest::newRow("MalformedPolicyDocumentException")
            << service << u"MalformedPolicyDocumentException"_s << u"bad policy"_s
            << QStringList{u"bad policy"_s, u"resource policy"_s};
        // The other quotas.
        QTest::newRow("LimitExceededException/secrets")
            << service << u"LimitExceededException"_s
            << u"You have exceeded the maximum number of secrets (2) in this region."_s
            << QStringList{u"maximum number of secrets"_s, u"reuse"_s};
        QTest::newRow("LimitExceededException/templates")
            << service << u"LimitExceededException"_s
            << u"The limit of 50 repository creation templates has been reached."_s
            << QStringList{u"50 repository creation templates"_s, u"widen"_s};
        // Repository creation templates and the registry policy.
        QTest::newRow("TemplateAlreadyExistsException")
            << service << u"TemplateAlreadyExistsException"_s << QString()
            << QStringList{u"already exists"_s, u"another prefix"_s};
        QTest::newRow("TemplateNotFoundException")
            << service << u"TemplateNotFoundException"_s << QString() << QStringList{u"refresh"_s};
        QTest::newRow("RegistryPolicyNotFoundException")
            << service << u"RegistryPolicyNotFoundException"_s << QString()
            << QStringList{u"no registry policy"_s, u"import images"_s};
        // IAM Identity Center (the SSO portal and the sign-in).
        QTest::newRow("UnauthorizedException")
            << service << u"UnauthorizedException"_s << u"Session token not found or invalid"_s
            << QStringList{u"sign in"_s, u"aws sso login"_s};
        QTest::newRow("ForbiddenException") << service << u"ForbiddenException"_s << u"No access"_s
                                            << QStringList{u"No access"_s, u"assignment"_s};
        QTest::newRow("SsoSignInExpired") << credentials << u"SsoSignInExpired"_s << QString()
                                          << QStringList{u"expired"_s, u"approve"_s};
        QTest::newRow("SsoSignInDenied") << credentials << u"SsoSignInDenied"_s << QString()
                                         << QStringList{u"denied"_s, u"Allow"_s};
        QTest::newRow("SsoSignInUnavailable")
            << credentials << u"SsoSignInUnavailable"_s << u"Sign in to sso-session corp first"_s
            << QStringList{u"sso-session corp"_s, u"aws sso login"_s};
        // Authentication.
        QTest::newRow("InvalidSignatureException")
            << service << u"InvalidSignatureException"_s << QString()
            << QStringList{u"signature"_s, u"secret access key"_s, u"clock"_s};
        QTest::newRow("UnrecognizedClientException")
            << service << u"UnrecognizedClientException"_s << QString()
            << QStringList{u"access key ID"_s, u"sign in again"_s};
        QTest::newRow("MissingAuthenticationTokenException")
            << service << u"MissingAuthenticationTokenException"_s << QString()
            << QStringList{u"no valid AWS credentials"_s, u"configure credentials"_s};
        QTest::newRow("ExpiredTokenException") << service << u"ExpiredTokenException"_s << QString()
                                               << QStringList{u"expired"_s, u"aws sso login"_s};
        QTest::newRow("AccessDeniedException")
            << service << u"AccessDeniedException"_s
            << u"User: arn:aws:iam::111122223333:user/bob is not authorized to perform: "
               "ecr:CreatePullThroughCacheRule"_s
            << QStringList{u"not authorized to perform"_s, u"administrator"_s};
        QTest::newRow("unknown service code")
            << service << u"SomethingNewException"_s << u"A brand-new failure"_s
            << QStringList{u"A brand-new failure"_s};
        // Transport and client-side kinds.
        QTest::newRow("InvalidResponse")
            << ErrorKind::InvalidResponse << QString() << QString()
            << QStringList{u"not an Amazon ECR response"_s, u"proxy"_s};
        QTest::newRow("HostNotFound") << ErrorKind::HostNotFound << QString() << QString()
                                      << QStringList{u"network"_s, u"region"_s, u"DNS"_s};
        QTest::newRow("ConnectionRefused") << ErrorKind::ConnectionRefused << QString() << QString()
                                           << QStringList{u"refused"_s, u"sandbox"_s};
        QTest::newRow("ConnectionReset") << ErrorKind::ConnectionReset << QString() << QString()
                                         << QStringList{u"closed"_s, u"refresh"_s};
        QTest::newRow("Tls") << ErrorKind::Tls << QString() << u"certificate expired"_s
                             << QStringList{u"TLS"_s, u"certificate expired"_s, u"date and time"_s};
        QTest::newRow("Timeout") << ErrorKind::Timeout << QString() << QString()
                                 << QStringList{u"in time"_s, u"network"_s};
        QTest::newRow("Network") << ErrorKind::Network << QString() << u"Network unreachable"_s
                                 << QStringList{u"Network unreachable"_s, u"proxy"_s};
        QTest::newRow("Cancelled")
            << ErrorKind::Cancelled << QString() << QString() << QStringList{u"cancelled"_s};
        QTest::newRow("InvalidInput")
            << ErrorKind::InvalidInput << u"credentialArn"_s << u"Credential ARN is not valid."_s
            << QStringList{u"not sent"_s, u"Credential ARN is not valid"_s};
        QTest::newRow("Configuration")
            << ErrorKind::Configuration << QString() << u"FIPS with a custom endpoint"_s
            << QStringList{u"FIPS with a custom endpoint"_s, u"endpoint settings"_s};
        QTest::newRow("Credentials")
            << credentials << u"NoCredentials"_s << u"No access key is configured."_s
            << QStringList{u"No access key is configured"_s, u"profile"_s};
        // Refused by the call pipeline before sending.
        QTest::newRow("InsecureEndpoint")
            << ErrorKind::Configuration << u"InsecureEndpoint"_s
            << u"The endpoint URL 'http://10.0.0.1' from AWS_ENDPOINT_URL uses plain http"_s
            << QStringList{u"AWS_ENDPOINT_URL"_s, u"https"_s};
        QTest::newRow("ClockSkewTooLarge")
            << ErrorKind::Configuration << u"ClockSkewTooLarge"_s
            << u"The server's clock and this computer's are 3 days apart"_s
            << QStringList{u"3 days"_s, u"time zone"_s};
        QTest::newRow("CaBundleUnreadable") << ErrorKind::Configuration << u"CaBundleUnreadable"_s
                                            << u"The CA bundle /etc/corp.pem cannot be read"_s
                                            << QStringList{u"/etc/corp.pem"_s, u"PEM"_s};
        QTest::newRow("ResponseTooLarge") << ErrorKind::InvalidResponse << u"ResponseTooLarge"_s
                                          << u"The answer from Amazon ECR was larger than 4.0 MiB"_s
                                          << QStringList{u"4.0 MiB"_s, u"proxy"_s};
        // Keychain.
        QTest::newRow("KeychainLocked") << credentials << u"KeychainLocked"_s << QString()
                                        << QStringList{u"locked"_s, u"unlock"_s};
        QTest::newRow("KeychainAccessDenied") << credentials << u"KeychainAccessDenied"_s
                                              << QString() << QStringList{u"denied"_s, u"allow"_s};
        QTest::newRow("KeychainUnavailable")
            << credentials << u"KeychainUnavailable"_s << QString()
            << QStringList{u"Secret Service"_s, u"KWallet"_s, u"plain text"_s};
        QTest::newRow("KeychainEntryMissing")
            << credentials << u"KeychainEntryMissing"_s << QString()
            << QStringList{u"no entry"_s, u"enter the secret access key"_s};
    }

    static AwsError errorFromRow(ErrorKind kind, const QString& code, const QString& message)
    {
        AwsError error = makeError(kind, code, message);
        if (kind == ErrorKind::Service)
            error.httpStatus = code == u"ServerException" ? 500 : 400;
        return error;
    }

private Q_SLOTS:
    void family_data() { addFamilies(); }
    void family()
    {
        QFETCH(ErrorKind, kind);
        QFETCH(QString, code);
        QFETCH(QString, message);
        QFETCH(QStringList, mustContain);
        const ErrorText text = describeError(errorFromRow(kind, code, message), kOperation);
        const QString tag = QString::fromLatin1(QTest::currentDataTag());
        QVERIFY2(exactTexts().contains(tag), qPrintable(u"no exact text for row "_s + tag));
        QCOMPARE(text.title, exactTexts().value(tag).title);
        QCOMPARE(text.action, exactTexts().value(tag).action);
        QVERIFY(!text.what.isEmpty());
        QVERIFY2(text.what.startsWith(kOperation), qPrintable(text.what));
        const QString words = text.what + u' ' + text.action;
        for (const QString& needle : mustContain)
            QVERIFY2(words.contains(needle, Qt::CaseInsensitive),
                qPrintable(u"'%1' not in: %2"_s.arg(needle, words)));
    }

    // Each family has its own headline and its own advice.
    void familiesAreDistinct()
    {
        QSet<QString> titles;
        QSet<QString> actions;
        const QList<AwsError> errors = [] {
            QList<AwsError> list;
            for (const char* code :
                {"ServerException", "InvalidParameterException", "ValidationException",
                    "PullThroughCacheRuleAlreadyExistsException",
                    "PullThroughCacheRuleNotFoundException", "LimitExceededException",
                    "UnableToAccessSecretException", "SecretNotFoundException",
                    "UnableToDecryptSecretValueException", "ThrottlingException",
                    "InvalidSignatureException", "UnrecognizedClientException",
                    "MissingAuthenticationTokenException", "ExpiredTokenException",
                    "AccessDeniedException", "ResourceExistsException", "ResourceNotFoundException",
                    "InvalidNextTokenException", "InvalidRequestException", "EncryptionFailure",
                    "InternalServiceError", "MalformedPolicyDocumentException",
                    "UnauthorizedException", "ForbiddenException", "RepositoryNotFoundException",
                    "RepositoryNotEmptyException", "ImageNotFoundException", "KmsException",
                    "UNAUTHORIZED", "DENIED", "NAME_UNKNOWN", "MANIFEST_UNKNOWN", "TOOMANYREQUESTS",
                    "NAME_INVALID"})
                list.append(serviceError(QString::fromLatin1(code)));
            list.append(serviceError(u"UnsupportedUpstreamRegistryException"_s,
                u"The specified upstream registry requires authentication."_s));
            list.append(serviceError(u"UnsupportedUpstreamRegistryException"_s,
                u"The upstream registry URL harbor.example.com is invalid"_s));
            for (ErrorKind kind : {ErrorKind::InvalidResponse, ErrorKind::HostNotFound,
                     ErrorKind::ConnectionRefused, ErrorKind::ConnectionReset, ErrorKind::Tls,
                     ErrorKind::Timeout, ErrorKind::Network, ErrorKind::Cancelled,
                     ErrorKind::InvalidInput, ErrorKind::Configuration})
                list.append(makeError(kind, QString(), QString()));
            for (const char* code : {"InsecureEndpoint", "ClockSkewTooLarge", "CaBundleInvalid"})
                list.append(makeError(ErrorKind::Configuration, QString::fromLatin1(code), {}));
            list.append(makeError(ErrorKind::InvalidResponse, u"ResponseTooLarge"_s, {}));
            for (const char* code : {"NoCredentials", "KeychainLocked", "KeychainAccessDenied",
                     "KeychainUnavailable", "KeychainEntryMissing", "SsoSignInExpired",
                     "SsoSignInDenied", "SsoSignInUnavailable"})
                list.append(makeError(ErrorKind::Credentials, QString::fromLatin1(code), {}));
            return list;
        }();
        for (const AwsError& error : errors) {
            const ErrorText text = describeError(error, kOperation);
            QVERIFY2(!titles.contains(text.title), qPrintable(text.title));
            QVERIFY2(!actions.contains(text.action), qPrintable(text.action));
            titles.insert(text.title);
            actions.insert(text.action);
        }
        QCOMPARE(titles.size(), errors.size());
    }

    void detailsListWhatIsPresent()
    {
        AwsError error = serviceError(u"ThrottlingException"_s, u"Rate exceeded"_s, 400);
        error.attempts = 3;
        const ErrorText text = describeError(error, kOperation);
        QVERIFY(text.details.contains(u"ThrottlingException"_s));
        QVERIFY(text.details.contains(u"HTTP status: 400"_s));
        QVERIFY(text.details.contains(u"7c3f4a56-0d1e-4b2a-9c8d-123456789abc"_s));
        QVERIFY(text.details.contains(u"Attempts: 3"_s));
        QVERIFY(text.details.contains(u"Rate exceeded"_s));

        // A transport failure has no status, no request id and one attempt: none of them shown.
        const ErrorText transport
            = describeError(makeError(ErrorKind::HostNotFound, QString(), QString()), kOperation);
        QVERIFY(!transport.details.contains(u"HTTP status"_s));
        QVERIFY(!transport.details.contains(u"Request ID"_s));
        QVERIFY(!transport.details.contains(u"Attempts"_s));
        QVERIFY(transport.details.contains(u"HostNotFound"_s));
    }

    void operationNameIsTheSubject()
    {
        const AwsError error = serviceError(u"PullThroughCacheRuleNotFoundException"_s);
        QVERIFY(
            describeError(error, u"Deleting the rule"_s).what.startsWith(u"Deleting the rule"_s));
        QVERIFY(describeError(error, QString()).what.startsWith(u"The request"_s));
    }

    // LimitExceededException is the 50-rule quota only on CreatePullThroughCacheRule; on a
    // Describe or Validate it is ECR's request rate, and the text says so.
    void limitExceededIsTheQuotaOnlyWhenCreating()
    {
        AwsError error = serviceError(u"LimitExceededException"_s);
        error.attempts = 3;
        error.operation = u"DescribePullThroughCacheRules"_s;
        const ErrorText rate = describeError(error, u"Loading the rules"_s, false);
        QCOMPARE(rate.title, u"Too many requests"_s);
        QVERIFY2(!rate.what.contains(u"50"_s) && !rate.action.contains(u"delete"_s),
            qPrintable(rate.what));
        QVERIFY(rate.what.contains(u"DescribePullThroughCacheRules"_s));
        QVERIFY(rate.what.startsWith(u"Loading the rules"_s));
        error.operation = u"CreatePullThroughCacheRule"_s;
        const ErrorText quota = describeError(error, u"Creating the rule"_s);
        QCOMPARE(quota.title, u"Rule limit reached"_s);
        QVERIFY(quota.what.contains(u"50"_s));
    }

    void fieldsForError_data()
    {
        using ptc::Field;
        QTest::addColumn<ErrorKind>("kind");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("message");
        QTest::addColumn<QList<Field>>("fields");
        const auto service = ErrorKind::Service;
        QTest::newRow("already exists")
            << service << u"PullThroughCacheRuleAlreadyExistsException"_s << QString()
            << QList<Field>{Field::EcrRepositoryPrefix};
        for (const char* code : {"SecretNotFoundException", "UnableToAccessSecretException",
                 "UnableToDecryptSecretValueException"})
            QTest::newRow(code) << service << QString::fromLatin1(code) << QString()
                                << QList<Field>{Field::CredentialArn};
        QTest::newRow("unsupported, authentication")
            << service << u"UnsupportedUpstreamRegistryException"_s
            << u"The specified upstream registry requires Authentication."_s
            << QList<Field>{Field::CredentialArn};
        QTest::newRow("unsupported, url")
            << service << u"UnsupportedUpstreamRegistryException"_s
            << u"The upstream registry URL harbor.example.com is invalid"_s
            << QList<Field>{Field::UpstreamRegistryUrl};
        QTest::newRow("validation names the prefix")
            << service << u"ValidationException"_s
            << u"Value 'Ab' at 'ecrRepositoryPrefix' failed to satisfy constraint"_s
            << QList<Field>{Field::EcrRepositoryPrefix};
        QTest::newRow("validation names the url, not upstreamRegistry")
            << service << u"ValidationException"_s
            << u"Value at 'upstreamRegistryUrl' failed to satisfy constraint"_s
            << QList<Field>{Field::UpstreamRegistryUrl};
        QTest::newRow("invalid parameter names two members")
            << service << u"InvalidParameterException"_s
            << u"credentialArn and customRoleArn cannot both be set"_s
            << QList<Field>{Field::CredentialArn, Field::CustomRoleArn};
        QTest::newRow("invalid parameter names none")
            << service << u"InvalidParameterException"_s
            << u"Please set either credential arn or role arn"_s << QList<Field>{};
        QTest::newRow("client-side invalid input")
            << ErrorKind::InvalidInput << u"customRoleArn"_s << u"too long"_s
            << QList<Field>{Field::CustomRoleArn};
        QTest::newRow("throttling")
            << service << u"ThrottlingException"_s << QString() << QList<Field>{};
        QTest::newRow("host not found")
            << ErrorKind::HostNotFound << QString() << QString() << QList<Field>{};
    }
    void fieldsForError()
    {
        QFETCH(ErrorKind, kind);
        QFETCH(QString, code);
        QFETCH(QString, message);
        QFETCH(QList<ptc::Field>, fields);
        QCOMPARE(ecr::fieldsForError(makeError(kind, code, message)), fields);
    }
};

QTEST_APPLESS_MAIN(TestErrorPresenter)
#include "tst_errorpresenter.moc"
