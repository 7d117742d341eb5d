#pragma once

#include <QString>

namespace ecr {

// Whom AWS sees (STS GetCallerIdentity).
struct CallerIdentity
{
    QString account;
    QString arn; // arn:aws:iam::<account>:user/<name>,
                 // arn:aws:sts::<account>:assumed-role/<role>/<session>
    QString userId;
};

// The principal for people: "role Admin (session alice)", "user bob", "root"; the ARN itself
// when it has another shape.
QString describePrincipal(const CallerIdentity& identity);

// An ARN's parts: arn:<partition>:<service>:<region>:<account>:<resource>. nullopt-like: an empty
// `service` when the text is no ARN.
struct ArnParts
{
    QString partition;
    QString service;
    QString region;
    QString account;
    QString resource;
    bool isValid() const { return !service.isEmpty(); }
};
ArnParts parseArn(const QString& arn);

} // namespace ecr
