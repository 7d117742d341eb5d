// Over 400 lines on purpose: the one table of every error text (codes, kinds, keychain states).
#include "ErrorPresenter.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QStringList>

#include <initializer_list>
#include <optional>

Q_LOGGING_CATEGORY(lcUi, "ecr.ui", QtInfoMsg)

using namespace Qt::StringLiterals;

namespace ecr {

namespace {

// The tr() of this file's messages; lupdate reads the context from the macro.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ecr::ErrorPresenter)
};

struct Words
{
    QString title;
    QString what;
    QString action;
};

// "%1 failed: <message>" when the service said something, else the sentence without it.
QString withMessage(const QString& withText, const QString& withoutText, const QString& operation,
    const QString& message)
{
    QString trimmed = message.trimmed();
    if (trimmed.isEmpty())
        return withoutText.arg(operation);
    if (!trimmed.endsWith(u'.'))
        trimmed += u'.';
    return withText.arg(operation, trimmed);
}

bool isOneOf(const QString& code, std::initializer_list<QStringView> codes)
{
    for (QStringView c : codes) {
        if (code == c)
            return true;
    }
    return false;
}

bool isAboutAuthentication(const AwsError& error)
{
    return error.message.contains(u"authentication"_s, Qt::CaseInsensitive);
}

std::optional<Words> secretsManagerWords(const AwsError& e, const QString& op);

std::optional<Words> serviceWords(const AwsError& e, const QString& op)
{
    const QString& c = e.code;
    // The other quotas than the 50 rules: of templates, and of Secrets Manager's secrets.
    if (c == u"LimitExceededException" && e.message.contains(u"creation templates"))
        return Words{Tr::tr("Too many templates"),
            withMessage(Tr::tr("%1 failed: %2"),
                Tr::tr("%1 failed: the registry has its most templates."), op, e.message),
            Tr::tr(
                "Delete a template you no longer need, or widen an existing template's prefix.")};
    if (c == u"LimitExceededException" && e.message.contains(u"secrets"))
        return Words{Tr::tr("Too many secrets"),
            withMessage(Tr::tr("%1 failed: %2"),
                Tr::tr("%1 failed: the region has its most secrets."), op, e.message),
            Tr::tr("Reuse an existing ecr-pullthroughcache/ secret, or delete secrets no longer "
                   "used.")};
    if (c == u"ServerException")
        return Words{Tr::tr("Amazon ECR service error"),
            Tr::tr("%1 failed because of an internal error in Amazon ECR.").arg(op),
            Tr::tr(
                "Wait a moment and try again; if it keeps failing, check the AWS Health Dashboard "
                "for Amazon ECR in this region.")};
    if (c == u"InvalidParameterException")
        return Words{Tr::tr("Invalid parameter"),
            withMessage(Tr::tr("%1 failed because Amazon ECR rejected a parameter: %2"),
                Tr::tr("%1 failed because Amazon ECR rejected a parameter."), op, e.message),
            Tr::tr("Correct the value the message names and try again.")};
    if (c == u"ValidationException")
        return Words{Tr::tr("Request not valid"),
            withMessage(Tr::tr("%1 failed because Amazon ECR did not accept the request: %2"),
                Tr::tr("%1 failed because Amazon ECR did not accept the request."), op, e.message),
            Tr::tr("Correct the value the message names and try again; if this app accepted it, "
                   "the service's rules may have changed.")};
    if (c == u"PullThroughCacheRuleAlreadyExistsException")
        return Words{Tr::tr("Rule already exists"),
            Tr::tr("%1 failed because a pull-through cache rule with this prefix already exists in "
                   "this registry.")
                .arg(op),
            Tr::tr("Choose a different cache repository prefix, or edit the credentials of the "
                   "existing rule.")};
    if (c == u"PullThroughCacheRuleNotFoundException")
        return Words{Tr::tr("Rule not found"),
            Tr::tr("%1 failed because the pull-through cache rule does not exist; it may have been "
                   "deleted in the meantime.")
                .arg(op),
            Tr::tr("Refresh the list of rules.")};
    if (c == u"UnsupportedUpstreamRegistryException") {
        if (isAboutAuthentication(e))
            return Words{Tr::tr("Upstream registry needs credentials"),
                Tr::tr("%1 failed because the upstream registry requires authentication.").arg(op),
                Tr::tr("Enter the ARN of a Secrets Manager secret whose name starts with "
                       "'ecr-pullthroughcache/' and that holds the upstream user name and access "
                       "token.")};
        return Words{Tr::tr("Upstream registry not supported"),
            withMessage(
                Tr::tr("%1 failed because Amazon ECR does not support this upstream registry: %2"),
                Tr::tr("%1 failed because Amazon ECR does not support this upstream registry."), op,
                e.message),
            Tr::tr("Choose one of the listed registries and check the Azure registry name or the "
                   "upstream ECR account and region.")};
    }
    // Only creating a rule meets the 50-rule quota; elsewhere (Describe…, Validate…) ECR means
    // its request rate, which the pipeline already retried.
    if (c == u"LimitExceededException" && !e.operation.isEmpty()
        && e.operation != u"CreatePullThroughCacheRule")
        return Words{Tr::tr("Too many requests"),
            Tr::tr("%1 failed because Amazon ECR limits how often %2 can be called, and it was "
                   "still refused after %n attempt(s).",
                nullptr, e.attempts)
                .arg(op, e.operation),
            Tr::tr("Wait a minute and try again; other tools or scripts calling Amazon ECR in this "
                   "account and region share the limit.")};
    if (c == u"LimitExceededException")
        return Words{Tr::tr("Rule limit reached"),
            Tr::tr("%1 failed because the registry has reached its quota of 50 pull-through cache "
                   "rules in this region.")
                .arg(op),
            Tr::tr("The quota cannot be raised: delete a rule you no longer use, then try again.")};
    if (c == u"UnableToAccessSecretException")
        return Words{Tr::tr("Secret not accessible"),
            Tr::tr(
                "%1 failed because Amazon ECR is not allowed to read the Secrets Manager secret.")
                .arg(op),
            Tr::tr("Check the secret's resource policy and KMS key, and that the secret is in the "
                   "same account and region as this registry.")};
    if (c == u"SecretNotFoundException")
        return Words{Tr::tr("Secret not found"),
            Tr::tr("%1 failed because Amazon ECR could not find a secret with this ARN.").arg(op),
            Tr::tr("Check the ARN. Secrets Manager can take a few seconds to make a new secret "
                   "visible; if you just created it, try again.")};
    if (c == u"UnableToDecryptSecretValueException")
        return Words{Tr::tr("Secret cannot be decrypted"),
            Tr::tr("%1 failed because Amazon ECR can read the secret but cannot decrypt its value.")
                .arg(op),
            Tr::tr(
                "Allow Amazon ECR to use the secret's KMS key (kms:Decrypt), or store the secret "
                "with the default aws/secretsmanager key.")};
    if (isOneOf(c,
            {u"ThrottlingException", u"ThrottledException", u"TooManyRequestsException",
                u"RequestLimitExceeded"}))
        return Words{Tr::tr("Too many requests"),
            Tr::tr(
                "%1 failed because Amazon ECR is limiting the request rate, even after retrying.")
                .arg(op),
            Tr::tr("Wait a few seconds and try again.")};
    if (isOneOf(c, {u"InvalidSignatureException", u"SignatureDoesNotMatch"}))
        return Words{Tr::tr("Signature rejected"),
            Tr::tr("%1 failed because AWS rejected the request signature.").arg(op),
            Tr::tr("Check that the secret access key belongs to the access key ID, and that this "
                   "computer's clock is correct.")};
    if (c == u"UnrecognizedClientException")
        return Words{Tr::tr("Access key not recognised"),
            Tr::tr("%1 failed because AWS does not recognise the access key ID or security token.")
                .arg(op),
            Tr::tr("Check the profile's access key ID, or sign in again if you use temporary "
                   "credentials.")};
    if (c == u"MissingAuthenticationTokenException")
        return Words{Tr::tr("Request not signed"),
            Tr::tr("%1 failed because the request carried no valid AWS credentials.").arg(op),
            Tr::tr(
                "Configure credentials for this profile, and check that the endpoint is an Amazon "
                "ECR endpoint.")};
    if (isOneOf(c, {u"ExpiredTokenException", u"ExpiredToken"}))
        return Words{Tr::tr("Credentials expired"),
            Tr::tr("%1 failed because the temporary AWS credentials have expired.").arg(op),
            Tr::tr("Refresh the credentials (for example with 'aws sso login' or a new session "
                   "token) and try again.")};
    if (c == u"UnauthorizedException") // the SSO portal: the access token is no good
        return Words{Tr::tr("SSO sign-in no longer valid"),
            Tr::tr("%1 failed because IAM Identity Center no longer accepts the sign-in.").arg(op),
            Tr::tr("Try again to sign in anew, or run 'aws sso login' for the profile.")};
    if (c == u"ForbiddenException"
        || (c == u"ResourceNotFoundException" && e.message.contains(u"role")))
        return Words{Tr::tr("SSO role not available"),
            withMessage(Tr::tr("%1 failed: %2"),
                Tr::tr("%1 failed because the sign-in does not reach "
                       "this account and role."),
                op, e.message),
            Tr::tr(
                "Choose an account and role your sign-in lists, or ask your administrator for the "
                "assignment.")};
    if (std::optional<Words> secrets = secretsManagerWords(e, op))
        return secrets;
    if (c == u"TemplateAlreadyExistsException")
        return Words{Tr::tr("Template already exists"),
            Tr::tr("%1 failed because a repository creation template with this prefix already "
                   "exists.")
                .arg(op),
            Tr::tr("Edit the existing template, or use another prefix.")};
    if (c == u"TemplateNotFoundException")
        return Words{Tr::tr("Template not found"),
            Tr::tr("%1 failed because the repository creation template does not exist (any more).")
                .arg(op),
            Tr::tr("Refresh the templates; someone may have deleted it.")};
    if (c == u"RegistryPolicyNotFoundException")
        return Words{Tr::tr("No registry policy"),
            Tr::tr("%1 found no registry policy: this registry has none.").arg(op),
            Tr::tr("Add one that lets the pullers create repositories and import images for the "
                   "cache's prefixes.")};
    // The repositories a cache made, and the registry HTTP API of a test pull.
    if (c == u"RepositoryNotFoundException")
        return Words{Tr::tr("Repository not found"),
            Tr::tr("%1 failed because the repository does not exist (any more).").arg(op),
            Tr::tr("Refresh the cached repositories; it may have been deleted already.")};
    if (c == u"RepositoryNotEmptyException")
        return Words{Tr::tr("Repository not empty"),
            Tr::tr("%1 failed because the repository still has images.").arg(op),
            Tr::tr("Delete it with its images, or delete the images first.")};
    if (c == u"ImageNotFoundException")
        return Words{Tr::tr("Image not found"),
            Tr::tr("%1 failed because the image does not exist in the repository.").arg(op),
            Tr::tr("Refresh the repository's images.")};
    if (c == u"KmsException")
        return Words{Tr::tr("KMS error"),
            withMessage(Tr::tr("%1 failed because AWS KMS refused: %2"),
                Tr::tr("%1 failed because AWS KMS refused."), op, e.message),
            Tr::tr("Check the repository's KMS key and its key policy.")};
    if (c == u"UNAUTHORIZED")
        return Words{Tr::tr("Registry token refused"),
            Tr::tr("%1 failed because the registry did not accept the token.").arg(op),
            Tr::tr("Try again: the app asks for a new token (GetAuthorizationToken). A token is "
                   "valid for 12 hours, and no longer than the credentials that asked for it.")};
    if (c == u"DENIED")
        return Words{Tr::tr("Pull denied"),
            withMessage(Tr::tr("%1 was denied: %2"), Tr::tr("%1 was denied."), op, e.message),
            e.message.contains(u"upstream"_s, Qt::CaseInsensitive)
                ? Tr::tr("Check the rule's secret: its user name and access token must be valid "
                         "for the upstream registry (Replace Token…).")
                : Tr::tr("The puller needs ecr:BatchImportUpstreamImage and, for the first pull of "
                         "a repository, ecr:CreateRepository on the prefix (Check… fixes the "
                         "registry policy).")};
    if (c == u"NAME_UNKNOWN")
        return Words{Tr::tr("Image name unknown"),
            Tr::tr("%1 failed because neither the cache nor the upstream has a repository of "
                   "that name.")
                .arg(op),
            Tr::tr(
                "Check the image's path at the upstream registry, without the rule's prefix "
                "(it is added for you); for Docker Hub's official images the app adds library/.")};
    if (c == u"MANIFEST_UNKNOWN")
        return Words{Tr::tr("Tag or digest unknown"),
            withMessage(Tr::tr("%1 found the repository but not that tag or digest: %2"),
                Tr::tr("%1 found the repository but not that tag or digest."), op, e.message),
            Tr::tr(
                "Check the tag. Test by tag: ECR does not cache an image pulled by digest first.")};
    if (c == u"TOOMANYREQUESTS")
        return Words{Tr::tr("Registry rate limit"),
            Tr::tr("%1 failed because the registry or its upstream is limiting requests.").arg(op),
            Tr::tr(
                "Wait a minute and try again; upstream limits (Docker Hub's) are lower without a "
                "secret.")};
    if (isOneOf(
            c, {u"NAME_INVALID", u"MANIFEST_INVALID", u"DIGEST_INVALID", u"InvalidImageReference"}))
        return Words{Tr::tr("Invalid image reference"),
            withMessage(Tr::tr("%1 failed: %2"),
                Tr::tr("%1 failed: the image reference is invalid."), op, e.message),
            Tr::tr("Give a repository path in lower case and a tag, such as library/alpine:3.20.")};
    if (c == u"RequestExpired")
        return Words{Tr::tr("Request expired"),
            Tr::tr("%1 failed because AWS considered the request too old.").arg(op),
            Tr::tr("Check that this computer's date, time and time zone are correct, then try "
                   "again.")};
    if (c == u"AccessDeniedException")
        return Words{Tr::tr("Access denied"),
            withMessage(Tr::tr("%1 failed because the IAM identity is not allowed to do this: %2"),
                Tr::tr("%1 failed because the IAM identity is not allowed to do this."), op,
                e.message),
            Tr::tr(
                "Ask your AWS administrator for the IAM permission the message names, for example "
                "ecr:CreatePullThroughCacheRule.")};
    return std::nullopt;
}

// AWS Secrets Manager (core/secrets): the rule's upstream secret.
std::optional<Words> secretsManagerWords(const AwsError& e, const QString& op)
{
    const QString& c = e.code;
    if (c == u"ResourceExistsException")
        return Words{Tr::tr("Secret already exists"),
            withMessage(Tr::tr("%1 failed: %2"),
                Tr::tr("%1 failed because a secret of that name already exists."), op, e.message),
            Tr::tr("Choose the existing secret from the list, or give the new one another name.")};
    if (c == u"ResourceNotFoundException")
        return Words{Tr::tr("Not found"),
            withMessage(Tr::tr("%1 failed: %2"),
                Tr::tr("%1 failed because the secret or key is gone."), op, e.message),
            Tr::tr(
                "Refresh the list: it may have been deleted, or be in another account or region.")};
    if (c == u"InvalidNextTokenException")
        return Words{Tr::tr("Listing interrupted"),
            Tr::tr("%1 failed because the list changed while it was being read.").arg(op),
            Tr::tr("Refresh the list.")};
    if (c == u"InvalidRequestException")
        return Words{Tr::tr("Request refused"),
            withMessage(Tr::tr("%1 was refused: %2"),
                Tr::tr("%1 was refused by AWS Secrets Manager."), op, e.message),
            Tr::tr(
                "Correct what the message names; a secret scheduled for deletion must be restored "
                "first.")};
    if (c == u"EncryptionFailure" || c == u"DecryptionFailure")
        return Words{Tr::tr("KMS key not usable"),
            withMessage(Tr::tr("%1 failed because the KMS key could not be used: %2"),
                Tr::tr("%1 failed because the KMS key could not be used."), op, e.message),
            Tr::tr(
                "Check that the KMS key is enabled and that you may use it (kms:GenerateDataKey, "
                "kms:Decrypt), or leave the key empty for the default one.")};
    if (c == u"InternalServiceError")
        return Words{Tr::tr("AWS Secrets Manager service error"),
            Tr::tr("%1 failed because of an internal error in AWS Secrets Manager.").arg(op),
            Tr::tr("Wait a moment and try again.")};
    if (c == u"MalformedPolicyDocumentException" || c == u"PreconditionNotMetException")
        return Words{Tr::tr("Secret policy refused"),
            withMessage(Tr::tr("%1 failed: %2"),
                Tr::tr("%1 failed because of the secret's policy."), op, e.message),
            Tr::tr("Correct the secret's resource policy as the message says.")};
    return std::nullopt;
}

// IAM Identity Center sign-in (core/sso): the device flow ended without a token.
std::optional<Words> ssoWords(const AwsError& e, const QString& op)
{
    const QString& c = e.code;
    if (c == u"SsoSignInExpired")
        return Words{Tr::tr("Sign-in code expired"),
            Tr::tr("%1 needs an IAM Identity Center sign-in, but the code expired before it was "
                   "approved.")
                .arg(op),
            Tr::tr("Try again and approve the new code in the browser within the time shown.")};
    if (c == u"SsoSignInDenied")
        return Words{Tr::tr("Sign-in denied"),
            Tr::tr("%1 needs an IAM Identity Center sign-in, but it was denied in the browser.")
                .arg(op),
            Tr::tr("Try again and choose Allow, or ask your administrator for access.")};
    if (c == u"SsoSignInUnavailable")
        return Words{Tr::tr("Sign-in needed"),
            withMessage(Tr::tr("%1 needs an IAM Identity Center sign-in: %2"),
                Tr::tr("%1 needs an IAM Identity Center sign-in."), op, e.message),
            Tr::tr("Run 'aws sso login' for the profile, or use the app's window to sign in.")};
    return std::nullopt;
}

Words keychainWords(const AwsError& e, const QString& op)
{
    const QString& c = e.code;
    if (std::optional<Words> sso = ssoWords(e, op))
        return *sso;
    if (c == u"KeychainLocked")
        return {Tr::tr("Keychain locked"),
            Tr::tr("%1 needs the secret access key, but the system keychain is locked.").arg(op),
            Tr::tr("Unlock the keychain (for example by unlocking your login keyring) and try "
                   "again.")};
    if (c == u"KeychainAccessDenied")
        return {Tr::tr("Keychain access denied"),
            Tr::tr("%1 needs the secret access key, but access to its keychain entry was denied.")
                .arg(op),
            Tr::tr("Allow this app to read the entry when the keychain asks, then try again.")};
    if (c == u"KeychainUnavailable")
        return {Tr::tr("No keychain available"),
            Tr::tr("%1 needs the secret access key, but no system keychain (Secret Service) is "
                   "available.")
                .arg(op),
            Tr::tr(
                "Start a keyring service such as GNOME Keyring or KWallet; this app never stores "
                "secrets in plain text.")};
    if (c == u"KeychainEntryMissing")
        return {Tr::tr("Secret access key not stored"),
            Tr::tr(
                "%1 needs the secret access key, but the keychain has no entry for this profile.")
                .arg(op),
            Tr::tr("Enter the secret access key in the profile settings again.")};
    return {Tr::tr("No usable credentials"),
        withMessage(Tr::tr("%1 failed because no usable AWS credentials were found: %2"),
            Tr::tr("%1 failed because no usable AWS credentials were found."), op, e.message),
        Tr::tr("Add an access key to the profile, or choose another profile.")};
}

// Settings the call pipeline refuses before sending anything.
std::optional<Words> pipelineWords(const AwsError& e, const QString& op)
{
    const QString& c = e.code;
    if (c == u"InsecureEndpoint")
        return Words{Tr::tr("Insecure endpoint refused"),
            withMessage(Tr::tr("%1 was not sent: %2"), Tr::tr("%1 was not sent over plain http."),
                op, e.message),
            Tr::tr("Use an https endpoint URL, or remove the setting the message names.")};
    if (c == u"ClockSkewTooLarge")
        return Words{Tr::tr("Clock too far off"),
            withMessage(Tr::tr("%1 failed: %2"), Tr::tr("%1 failed because the clocks disagree."),
                op, e.message),
            Tr::tr("Set this computer's date, time and time zone, or check the endpoint URL.")};
    if (isOneOf(c, {u"CaBundleUnreadable", u"CaBundleInvalid"}))
        return Words{Tr::tr("CA bundle not usable"),
            withMessage(Tr::tr("%1 was not sent: %2"),
                Tr::tr("%1 was not sent: the CA bundle is not usable."), op, e.message),
            Tr::tr("Check the CA bundle path of the profile (or AWS_CA_BUNDLE) and that the file "
                   "holds "
                   "PEM certificates.")};
    if (c == u"ResponseTooLarge")
        return Words{Tr::tr("Answer too large"),
            withMessage(Tr::tr("%1 failed: %2"),
                Tr::tr("%1 failed because the answer was too large."), op, e.message),
            Tr::tr(
                "Check the endpoint URL and any proxy: an AWS answer to this request is never this "
                "large.")};
    return std::nullopt;
}

Words kindWords(const AwsError& e, const QString& op)
{
    switch (e.kind) {
    case ErrorKind::Service:
        break;
    case ErrorKind::InvalidResponse:
        return {Tr::tr("Unexpected answer"),
            Tr::tr("%1 failed because the server's answer was not an Amazon ECR response.").arg(op),
            Tr::tr("Check the endpoint URL and any proxy between this computer and AWS.")};
    case ErrorKind::HostNotFound:
        return {Tr::tr("Server not found"),
            Tr::tr("%1 failed because the host name of the Amazon ECR endpoint could not be found.")
                .arg(op),
            Tr::tr("Check your network connection and DNS, and that the region or custom endpoint "
                   "is correct.")};
    case ErrorKind::ConnectionRefused:
        return {Tr::tr("Connection refused"),
            Tr::tr("%1 failed because the server refused the connection.").arg(op),
            Tr::tr("Check the endpoint URL and port and your proxy and firewall settings; for the "
                   "local sandbox, check that it is running.")};
    case ErrorKind::ConnectionReset:
        return {Tr::tr("Connection lost"),
            Tr::tr("%1 failed because the connection closed before the answer was complete.")
                .arg(op),
            Tr::tr("Refresh the list to see whether the change was applied, then try again.")};
    case ErrorKind::Tls:
        return {Tr::tr("Secure connection failed"),
            withMessage(
                Tr::tr("%1 failed because a secure (TLS) connection could not be established: %2"),
                Tr::tr("%1 failed because a secure (TLS) connection could not be established."), op,
                e.message),
            Tr::tr(
                "Check this computer's date and time and, behind a TLS-inspecting proxy, that its "
                "certificate is trusted.")};
    case ErrorKind::Timeout:
        return {Tr::tr("No answer in time"),
            Tr::tr("%1 failed because the server did not answer in time.").arg(op),
            Tr::tr("Check your network connection, refresh to see whether the change was applied, "
                   "and try again.")};
    case ErrorKind::Network:
        return {Tr::tr("Network error"),
            withMessage(Tr::tr("%1 failed because of a network error: %2"),
                Tr::tr("%1 failed because of a network error."), op, e.message),
            Tr::tr("Check your network connection and proxy settings, then try again.")};
    case ErrorKind::Cancelled:
        return {Tr::tr("Cancelled"), Tr::tr("%1 was cancelled.").arg(op),
            Tr::tr("If the request had already reached AWS, refresh the list to see its effect.")};
    case ErrorKind::InvalidInput:
        return {Tr::tr("Invalid input"),
            withMessage(Tr::tr("%1 was not sent because some input is not valid: %2"),
                Tr::tr("%1 was not sent because some input is not valid."), op, e.message),
            Tr::tr("Correct the marked fields and try again.")};
    case ErrorKind::Configuration:
        return {Tr::tr("Configuration problem"),
            withMessage(Tr::tr("%1 cannot run with the current settings: %2"),
                Tr::tr("%1 cannot run with the current settings."), op, e.message),
            Tr::tr("Check the profile's region and endpoint settings.")};
    case ErrorKind::Credentials:
        return keychainWords(e, op);
    }
    // A service error code this app does not know.
    const QString said = e.message.isEmpty() ? e.code : e.message;
    return {Tr::tr("Amazon ECR returned an error"),
        withMessage(Tr::tr("%1 failed: %2"), Tr::tr("%1 failed."), op, said),
        Tr::tr("Check the details and try again.")};
}

QString detailsOf(const AwsError& e)
{
    QStringList lines;
    if (!e.code.isEmpty())
        lines.append(Tr::tr("Error code: %1").arg(e.code));
    if (e.kind != ErrorKind::Service)
        lines.append(Tr::tr("Kind: %1").arg(errorKindName(e.kind)));
    if (e.httpStatus > 0)
        lines.append(Tr::tr("HTTP status: %1").arg(e.httpStatus));
    if (!e.requestId.isEmpty())
        lines.append(Tr::tr("Request ID: %1").arg(e.requestId));
    if (e.attempts > 1)
        lines.append(Tr::tr("Attempts: %1").arg(e.attempts));
    if (!e.message.isEmpty())
        lines.append(Tr::tr("Message: %1").arg(e.message));
    return lines.join(u'\n');
}

constexpr ptc::Field kAllFields[]
    = {ptc::Field::EcrRepositoryPrefix, ptc::Field::UpstreamRegistryUrl, ptc::Field::RegistryId,
        ptc::Field::UpstreamRegistry, ptc::Field::CredentialArn, ptc::Field::CustomRoleArn,
        ptc::Field::UpstreamRepositoryPrefix, ptc::Field::MaxResults};

QList<ptc::Field> fieldsNamedIn(const QString& message)
{
    QList<ptc::Field> fields;
    for (ptc::Field field : kAllFields) {
        const QString name = QRegularExpression::escape(ptc::constraintFor(field).wireName);
        // Word boundaries keep "upstreamRegistry" from matching inside "upstreamRegistryUrl".
        const QRegularExpression re(u"\\b"_s + name + u"\\b"_s);
        if (re.match(message).hasMatch())
            fields.append(field);
    }
    return fields;
}

} // namespace

ErrorText describeError(const AwsError& error, const QString& operationName, bool changes)
{
    const QString op = operationName.isEmpty() ? Tr::tr("The request") : operationName;
    std::optional<Words> words;
    if (error.kind == ErrorKind::Service)
        words = serviceWords(error, op);
    if (!words && error.kind != ErrorKind::Service)
        words = pipelineWords(error, op);
    if (!words)
        words = kindWords(error, op);
    if (!changes) {
        // Nothing to look for after a lost answer: the advice is to try again.
        switch (error.kind) {
        case ErrorKind::Timeout:
        case ErrorKind::ConnectionReset:
            words->action = Tr::tr("Check your network connection and try again.");
            break;
        case ErrorKind::Cancelled:
            words->action = Tr::tr("Nothing was changed; try again when you are ready.");
            break;
        default:
            break;
        }
    }
    // What the user is told, for the log: the code and details, never a credential.
    qCInfo(lcUi).noquote() << "error shown:" << op << "-" << detailsOf(error);
    return ErrorText{words->title, words->what, words->action, detailsOf(error)};
}

QList<ptc::Field> fieldsForError(const AwsError& error)
{
    using ptc::Field;
    if (error.kind == ErrorKind::InvalidInput) {
        for (Field field : kAllFields) {
            if (ptc::constraintFor(field).wireName == error.code)
                return {field};
        }
        return fieldsNamedIn(error.message);
    }
    if (error.kind != ErrorKind::Service)
        return {};
    const QString& c = error.code;
    if (c == u"PullThroughCacheRuleAlreadyExistsException")
        return {Field::EcrRepositoryPrefix};
    if (isOneOf(c,
            {u"SecretNotFoundException", u"UnableToAccessSecretException",
                u"UnableToDecryptSecretValueException"}))
        return {Field::CredentialArn};
    if (c == u"UnsupportedUpstreamRegistryException")
        return {isAboutAuthentication(error) ? Field::CredentialArn : Field::UpstreamRegistryUrl};
    if (isOneOf(c, {u"ValidationException", u"InvalidParameterException"}))
        return fieldsNamedIn(error.message);
    return {};
}

QString fieldErrorText(const ErrorText& text)
{
    return text.what + u' ' + text.action;
}

QString inlineErrorText(const ErrorText& text)
{
    return Tr::tr("%1: %2 %3").arg(text.title, text.what, text.action);
}

ErrorText describeValidationFailure(
    const QString& prefix, const QString& failure, const QString& requestId)
{
    ErrorText text;
    text.title = Tr::tr("Authentication failed");
    text.what = Tr::tr("ECR could not sign in to the upstream registry of %1: %2")
                    .arg(prefix, failure.isEmpty() ? Tr::tr("no reason was given.") : failure);
    text.action = Tr::tr("Check the user name and access token stored in the secret, then use Edit "
                         "credentials if the rule should use another secret.");
    if (!requestId.isEmpty())
        text.details = Tr::tr("Request ID: %1").arg(requestId);
    return text;
}

ErrorText describeDeleteOutcomes(const QList<DeleteOutcome>& outcomes, qsizetype asked)
{
    int deleted = 0;
    QStringList lines;
    for (const DeleteOutcome& outcome : outcomes) {
        if (!outcome.error) {
            ++deleted;
            lines.append(Tr::tr("%1: deleted").arg(outcome.prefix));
            continue;
        }
        const ErrorText text
            = describeError(*outcome.error, Tr::tr("Deleting %1").arg(outcome.prefix));
        lines.append(Tr::tr("%1: %2 — %3").arg(outcome.prefix, text.title, text.what));
    }
    const qsizetype notTried = asked - outcomes.size();
    if (notTried > 0)
        lines.append(
            Tr::tr("%n rule(s) not tried: the deletion was cancelled.", nullptr, int(notTried)));
    ErrorText text;
    text.title = Tr::tr("Not every rule was deleted");
    text.what = Tr::tr("%1 of %n rule(s) were deleted.", nullptr, int(asked)).arg(deleted);
    text.action = Tr::tr("Refresh the list, check the rules that remain (details below), and try "
                         "again for them.");
    text.details = lines.join(u'\n');
    return text;
}

ErrorText describeSandboxStartFailure(const QString& detail)
{
    ErrorText text;
    text.title = Tr::tr("Local sandbox not started");
    text.what = Tr::tr("The Local sandbox could not start: %1").arg(detail);
    text.action = Tr::tr("Close other programs that may hold local ports, then start the Local "
                         "sandbox again from the File menu.");
    text.details = detail;
    return text;
}

} // namespace ecr
