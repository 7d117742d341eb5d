#pragma once

#include "EcrTypes.h"

#include <QList>
#include <QRegularExpression>
#include <QString>

#include <optional>

// Client-side validation of every pull-through-cache field with the ECR model's exact
// constraints. The constraints are data (one table in PtcValidation.cpp), so a pattern change in
// the model is a one-line edit here.
namespace ecr::ptc {

enum class Field
{
    EcrRepositoryPrefix,
    UpstreamRegistryUrl,
    RegistryId,
    UpstreamRegistry,
    CredentialArn,
    CustomRoleArn,
    UpstreamRepositoryPrefix,
    MaxResults,
};

struct FieldConstraint
{
    Field field;
    QString wireName; // the member name in the API
    int minLength; // 0: none
    int maxLength; // 0: none
    QString pattern; // anchored; empty: none
    QRegularExpression regex{}; // compiled from pattern once
};

const FieldConstraint& constraintFor(Field field);

struct FieldError
{
    Field field;
    QString message;
    friend bool operator==(const FieldError&, const FieldError&) = default;
};

// The model's constraints on one present value (length, then pattern).
std::optional<FieldError> checkField(Field field, const QString& value);

// A value that breaks no model rule but that the service is known to refuse, in the order the
// form shows them. Create: required members, the URL for the chosen registry, a credential for
// the registries that need one, role and upstream prefix only for ECR, no upstream prefix with
// ROOT.
QList<FieldError> validateCreate(const CreateRuleRequest& request);
QList<FieldError> validateUpdate(const UpdateRuleRequest& request);
QList<FieldError> validateRuleKey(const RuleKey& key);
QList<FieldError> validateDescribe(const DescribeRulesRequest& request);

QString fieldDisplayName(Field field);

} // namespace ecr::ptc
