#pragma once

// The fields of the profile editor, in form order, as the ids its FormValidation uses. The
// editor's general fields come first, then each credential-source page's.
namespace ecr {

enum class ProfileInput
{
    Name,
    Label,
    Region,
    EndpointUrl,
    StsEndpointUrl,
    CaBundle,
    ProxyUrl,
    AccessKeyId, // AccessKeysPage
    SecretAccessKey,
    KeysMfaSerial,
    RoleArn, // AssumeRolePage
    SourceProfile,
    RoleMfaSerial,
    ExternalId,
    Duration,
    SessionName,
    CredentialProcess, // CredentialProcessPage
    SsoSession, // SsoPage
    SsoStartUrl,
    SsoRegion,
    SsoAccountId,
    SsoRoleName,
};

} // namespace ecr
