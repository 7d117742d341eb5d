#pragma once

#include "EcrTypes.h"
#include "RepositoryTemplate.h"

#include <QList>
#include <QString>

// Rules and repository creation templates as code (reference notes §6): AWS CLI commands,
// Terraform (aws_ecr_pull_through_cache_rule and aws_ecr_repository_creation_template with
// import blocks, so existing ones are adopted rather than recreated) and CloudFormation
// (AWS::ECR::PullThroughCacheRule, AWS::ECR::RepositoryCreationTemplate) as JSON. Pure.
namespace ecr {

struct ExportInput
{
    QList<PullThroughCacheRule> rules;
    QList<RepositoryCreationTemplate> templates;
    QString region;
};

// A shell script: one `aws ecr create-…` per rule and template, with the region, and the
// oldest aws-cli v2 that knows every flag it uses said at the top. A rule with neither secret,
// role nor upstream repository prefix uses only the flags of aws-cli 2.4.3 (Debian's 2.9 runs
// it).
QString exportAwsCli(const ExportInput& input);
// Terraform ≥ 1.5 (import blocks), in hclfmt's canonical layout.
QString exportTerraform(const ExportInput& input);
// A CloudFormation template (JSON). Chainguard, which the resource's UpstreamRegistry enum
// lacks, is left to the URL.
QString exportCloudFormation(const ExportInput& input);

// The resource name of a prefix: "docker-hub" → "docker_hub", "ROOT" → "root".
QString terraformName(const QString& prefix);
// The logical ID of a prefix: "docker-hub" → "DockerHub" (+ a suffix per kind).
QString cloudFormationName(const QString& prefix);

} // namespace ecr
