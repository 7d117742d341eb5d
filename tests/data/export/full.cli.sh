#!/bin/sh
# Amazon ECR pull-through cache rules and repository creation templates of us-east-1.
# requires aws-cli >= 2.27.57
set -e

# rule docker-hub (aws-cli >= 2.13.38)
aws ecr create-pull-through-cache-rule \
    --region us-east-1 \
    --ecr-repository-prefix docker-hub \
    --upstream-registry-url registry-1.docker.io \
    --upstream-registry docker-hub \
    --credential-arn arn:aws:secretsmanager:us-east-1:111122223333:secret:ecr-pullthroughcache/docker-hub-AbCdEf

# rule team-a (aws-cli >= 2.24.22)
aws ecr create-pull-through-cache-rule \
    --region us-east-1 \
    --ecr-repository-prefix team-a \
    --upstream-registry-url 444455556666.dkr.ecr.us-east-1.amazonaws.com \
    --upstream-registry ecr \
    --custom-role-arn arn:aws:iam::111122223333:role/ecr-pull-through-cache \
    --upstream-repository-prefix team

# rule chainguard (aws-cli >= 2.13.38)
aws ecr create-pull-through-cache-rule \
    --region us-east-1 \
    --ecr-repository-prefix chainguard \
    --upstream-registry-url cgr.dev \
    --upstream-registry chainguard \
    --credential-arn arn:aws:secretsmanager:us-east-1:111122223333:secret:ecr-pullthroughcache/chainguard-Zz9Yy8

# repository creation template docker-hub (aws-cli >= 2.27.57)
aws ecr create-repository-creation-template \
    --region us-east-1 \
    --prefix docker-hub \
    --description 'Docker Hub'\''s cache: it'\''s immutable' \
    --applied-for PULL_THROUGH_CACHE \
    --encryption-configuration '{"encryptionType":"KMS","kmsKey":"arn:aws:kms:us-east-1:111122223333:key/0a1b2c3d-aaaa-bbbb-cccc-0123456789ab"}' \
    --image-tag-mutability IMMUTABLE_WITH_EXCLUSION \
    --image-tag-mutability-exclusion-filters '[{"filter":"latest","filterType":"WILDCARD"}]' \
    --resource-tags '[{"Key":"cost-centre","Value":"platform"},{"Key":"team","Value":"${not-interpolated}"}]' \
    --lifecycle-policy '{"rules":[{"action":{"type":"expire"},"description":"Expire cached images pushed more than 90 days ago","rulePriority":1,"selection":{"countNumber":90,"countType":"sinceImagePushed","countUnit":"days","tagStatus":"any"}}]}' \
    --custom-role-arn arn:aws:iam::111122223333:role/ecr-template

# repository creation template ROOT (aws-cli >= 2.17.18)
aws ecr create-repository-creation-template \
    --region us-east-1 \
    --prefix ROOT \
    --applied-for PULL_THROUGH_CACHE REPLICATION
