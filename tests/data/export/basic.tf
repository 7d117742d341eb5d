# Amazon ECR pull-through cache rules and repository creation templates of us-east-1.
# Terraform >= 1.5 (import blocks adopt what exists); provider region us-east-1.

import {
  to = aws_ecr_pull_through_cache_rule.ecr_public
  id = "ecr-public"
}

resource "aws_ecr_pull_through_cache_rule" "ecr_public" {
  ecr_repository_prefix = "ecr-public"
  upstream_registry_url = "public.ecr.aws"
}

import {
  to = aws_ecr_pull_through_cache_rule.k8s
  id = "k8s"
}

resource "aws_ecr_pull_through_cache_rule" "k8s" {
  ecr_repository_prefix = "k8s"
  upstream_registry_url = "registry.k8s.io"
}

import {
  to = aws_ecr_pull_through_cache_rule.quay
  id = "quay"
}

resource "aws_ecr_pull_through_cache_rule" "quay" {
  ecr_repository_prefix = "quay"
  upstream_registry_url = "quay.io"
}
