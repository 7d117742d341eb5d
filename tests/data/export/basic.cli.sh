#!/bin/sh
# Amazon ECR pull-through cache rules and repository creation templates of us-east-1.
# requires aws-cli >= 2.4.3
set -e

# rule ecr-public
aws ecr create-pull-through-cache-rule \
    --region us-east-1 \
    --ecr-repository-prefix ecr-public \
    --upstream-registry-url public.ecr.aws

# rule k8s
aws ecr create-pull-through-cache-rule \
    --region us-east-1 \
    --ecr-repository-prefix k8s \
    --upstream-registry-url registry.k8s.io

# rule quay
aws ecr create-pull-through-cache-rule \
    --region us-east-1 \
    --ecr-repository-prefix quay \
    --upstream-registry-url quay.io
