#pragma once

#include "SandboxAuth.h"
#include "SandboxHttp.h"

#include <QDateTime>
#include <QList>
#include <QString>

// The sandbox's AWS STS: AssumeRole, GetSessionToken and GetCallerIdentity over the Query
// protocol (form body "Action=…&Version=2011-06-15&…", XML answers shaped like the real
// service's). Any role ARN of the sandbox account can be assumed; the MFA device and its code
// come from SandboxConfig. The credentials it issues (ASIA… keys whose secrets contain
// "SANDBOXSECRET" and tokens "SANDBOXTOKEN", obvious fakes) are accepted by ECR and STS calls
// that carry the matching X-Amz-Security-Token, until they expire.
namespace ecr::sandbox {

struct SandboxConfig;

class SandboxSts final
{
public:
    explicit SandboxSts(const SandboxConfig& config);

    // An STS request: no X-Amz-Target, and signed for service `sts` (or unsigned with a form
    // body).
    static bool isStsRequest(const HttpRequest& request);
    // The Action parameter (form body or query), empty when there is none.
    static QString action(const HttpRequest& request);
    static bool isKnownAction(const QString& action);

    // An authenticated request. `caller` says who signed it.
    HttpResponse handle(const Caller& caller, const HttpRequest& request, const QDateTime& now);

    const QList<SessionKey>& sessions() const { return m_sessions; }
    // Temporary credentials for `arn`, accepted by the sandbox's ECR and STS until they expire
    // (also what its SSO portal hands out).
    SessionKey issue(const QString& arn, const QString& userId, bool mfa, qint64 lifetimeSeconds,
        const QDateTime& now);
    // Every session issued so far expires at `now` (revoked, or ended early on the service's
    // clock): ECR answers ExpiredTokenException for them, STS ExpiredToken.
    void expireSessions(const QDateTime& now)
    {
        for (SessionKey& session : m_sessions)
            session.expiration = now.addSecs(-1);
    }
    void reset()
    {
        m_sessions.clear();
        m_usedCodes.clear();
    }

    // The identity of the sandbox's long-term keys.
    QString userArn() const;
    static QString userId() { return QStringLiteral("AIDASANDBOXUSEREXAMPLE"); }

private:
    using XmlResult = Result<QByteArray>; // the <…Result> element's content
    XmlResult assumeRole(
        const Caller& caller, const QHash<QString, QString>& parameters, const QDateTime& now);
    XmlResult getSessionToken(
        const Caller& caller, const QHash<QString, QString>& parameters, const QDateTime& now);
    XmlResult getCallerIdentity(const Caller& caller) const;
    // nullopt when the MFA parameters are absent; else an AccessDenied or true. A code is good
    // once, as STS takes a TOTP code: the same code again within its 30 s step is refused.
    std::optional<Result<bool>> checkMfa(
        const QHash<QString, QString>& parameters, const QDateTime& now);
    QString callerArn(const Caller& caller) const;

    const SandboxConfig& m_config;
    QList<SessionKey> m_sessions;
    struct UsedCode
    {
        QString code;
        QDateTime at;
    };
    QHash<QString, UsedCode> m_usedCodes; // by MFA serial: the last code accepted
};

// An STS answer: <ActionResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
// <ActionResult>…</ActionResult><ResponseMetadata><RequestId/></ResponseMetadata>, text/xml.
HttpResponse stsResponse(const QDateTime& now, const QString& action, const QByteArray& resultXml);
// <ErrorResponse><Error><Type>Sender</Type><Code/><Message/></Error><RequestId/></ErrorResponse>
HttpResponse stsErrorResponse(const QDateTime& now, const AwsError& error);

} // namespace ecr::sandbox
