# Amazon ECR pull-through cache rules and repository creation templates of us-east-1.
# Terraform >= 1.5 (import blocks adopt what exists); provider region us-east-1.

import {
  to = aws_ecr_pull_through_cache_rule.docker_hub
  id = "docker-hub"
}

resource "aws_ecr_pull_through_cache_rule" "docker_hub" {
  ecr_repository_prefix = "docker-hub"
  upstream_registry_url = "registry-1.docker.io"
  credential_arn        = "arn:aws:secretsmanager:us-east-1:111122223333:secret:ecr-pullthroughcache/docker-hub-AbCdEf"
}

import {
  to = aws_ecr_pull_through_cache_rule.team_a
  id = "team-a"
}

resource "aws_ecr_pull_through_cache_rule" "team_a" {
  ecr_repository_prefix      = "team-a"
  upstream_registry_url      = "444455556666.dkr.ecr.us-east-1.amazonaws.com"
  custom_role_arn            = "arn:aws:iam::111122223333:role/ecr-pull-through-cache"
  upstream_repository_prefix = "team"
}

import {
  to = aws_ecr_pull_through_cache_rule.chainguard
  id = "chainguard"
}

resource "aws_ecr_pull_through_cache_rule" "chainguard" {
  ecr_repository_prefix = "chainguard"
  upstream_registry_url = "cgr.dev"
  credential_arn        = "arn:aws:secretsmanager:us-east-1:111122223333:secret:ecr-pullthroughcache/chainguard-Zz9Yy8"
}

import {
  to = aws_ecr_repository_creation_template.docker_hub
  id = "docker-hub"
}

resource "aws_ecr_repository_creation_template" "docker_hub" {
  prefix               = "docker-hub"
  applied_for          = ["PULL_THROUGH_CACHE"]
  description          = "Docker Hub's cache: it's immutable"
  image_tag_mutability = "IMMUTABLE_WITH_EXCLUSION"
  custom_role_arn      = "arn:aws:iam::111122223333:role/ecr-template"
  lifecycle_policy     = "{\"rules\":[{\"action\":{\"type\":\"expire\"},\"description\":\"Expire cached images pushed more than 90 days ago\",\"rulePriority\":1,\"selection\":{\"countNumber\":90,\"countType\":\"sinceImagePushed\",\"countUnit\":\"days\",\"tagStatus\":\"any\"}}]}"

  resource_tags = {
    "cost-centre" = "platform"
    "team"        = "$${not-interpolated}"
  }

  encryption_configuration {
    encryption_type = "KMS"
    kms_key         = "arn:aws:kms:us-east-1:111122223333:key/0a1b2c3d-aaaa-bbbb-cccc-0123456789ab"
  }

  image_tag_mutability_exclusion_filter {
    filter      = "latest"
    filter_type = "WILDCARD"
  }
}

import {
  to = aws_ecr_repository_creation_template.root
  id = "ROOT"
}

resource "aws_ecr_repository_creation_template" "root" {
  prefix      = "ROOT"
  applied_for = ["PULL_THROUGH_CACHE", "REPLICATION"]
}
