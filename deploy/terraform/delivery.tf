# The release pipeline (.github/workflows/delivery.yml) signs in to AWS with GitHub's OIDC token: no AWS key is
# stored anywhere. Each environment has its own role, which only that repository's jobs for that GitHub
# environment may assume, and which may push to this environment's ECR repositories (production's also reads
# staging's, to copy the very image that staging ran) and deploy to this environment's cluster.

# one provider per account: the first environment applied in an account creates it, the others set
# create_github_oidc_provider = false and find it
resource "aws_iam_openid_connect_provider" "github" {
  count = var.create_github_oidc_provider ? 1 : 0

  url            = "https://token.actions.githubusercontent.com"
  client_id_list = ["sts.amazonaws.com"]
}

data "aws_iam_openid_connect_provider" "github" {
  count = var.create_github_oidc_provider ? 0 : 1
  url   = "https://token.actions.githubusercontent.com"
}

locals {
  github_oidc_provider_arn = var.create_github_oidc_provider ? aws_iam_openid_connect_provider.github[0].arn : data.aws_iam_openid_connect_provider.github[0].arn
  # the repositories whose images this environment's pipeline may read: its own and, for a promotion, the source's
  readable_repository_arns = concat(
    [for repository in aws_ecr_repository.service : repository.arn],
    [for service in keys(aws_ecr_repository.service) : "arn:${data.aws_partition.current.partition}:ecr:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}:repository/${var.name_prefix}-${var.promote_from_environment}/${service}" if var.promote_from_environment != ""],
  )
}

data "aws_iam_policy_document" "deploy_trust" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]

    principals {
      type        = "Federated"
      identifiers = [local.github_oidc_provider_arn]
    }

    condition {
      test     = "StringEquals"
      variable = "token.actions.githubusercontent.com:aud"
      values   = ["sts.amazonaws.com"]
    }

    # only jobs that run in this GitHub environment (production's needs its required reviewers' approval)
    condition {
      test     = "StringEquals"
      variable = "token.actions.githubusercontent.com:sub"
      values   = ["repo:${var.github_repository}:environment:${var.environment}"]
    }
  }
}

data "aws_iam_policy_document" "deploy" {
  statement {
    sid       = "RegistryLogin"
    actions   = ["ecr:GetAuthorizationToken"]
    resources = ["*"]
  }

  statement {
    sid = "PushThisEnvironmentsImages"
    actions = [
      "ecr:BatchCheckLayerAvailability", "ecr:InitiateLayerUpload", "ecr:UploadLayerPart",
      "ecr:CompleteLayerUpload", "ecr:PutImage",
    ]
    resources = [for repository in aws_ecr_repository.service : repository.arn]
  }

  statement {
    sid = "ReadImages"
    actions = [
      "ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:DescribeImages",
      "ecr:DescribeImageScanFindings",
    ]
    resources = local.readable_repository_arns
  }

  statement {
    sid       = "FindTheCluster"
    actions   = ["eks:DescribeCluster"]
    resources = ["arn:${data.aws_partition.current.partition}:eks:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}:cluster/${local.cluster_name}"]
  }
}

resource "aws_iam_role" "deploy" {
  name                 = "${local.name}-deploy"
  assume_role_policy   = data.aws_iam_policy_document.deploy_trust.json
  max_session_duration = 3600
}

resource "aws_iam_role_policy" "deploy" {
  name   = "deploy"
  role   = aws_iam_role.deploy.id
  policy = data.aws_iam_policy_document.deploy.json
}

# Kubernetes access through EKS access entries (the cluster's authentication mode is API): the pipeline applies
# the overlay, which holds cluster-scoped objects too (the Namespace), so its role is a cluster administrator of
# this environment's cluster, and of no other. Operators get theirs the same way (eks_admin_role_arns).
locals {
  # keys known at plan time (the deploy role's ARN is not, before its first apply)
  cluster_admins = merge(
    { deploy = aws_iam_role.deploy.arn },
    zipmap([for index in range(length(var.eks_admin_role_arns)) : "operator-${index}"], var.eks_admin_role_arns),
  )
}

resource "aws_eks_access_entry" "admin" {
  for_each = local.cluster_admins

  cluster_name  = local.cluster_name
  principal_arn = each.value
}

resource "aws_eks_access_policy_association" "admin" {
  for_each = aws_eks_access_entry.admin

  cluster_name  = local.cluster_name
  principal_arn = each.value.principal_arn
  policy_arn    = "arn:${data.aws_partition.current.partition}:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy"

  access_scope {
    type = "cluster"
  }
}
