# IAM roles for Kubernetes service accounts (IRSA): each role can be assumed only by one
# service account of the platform's namespace.

locals {
  oidc_issuer = trimprefix(local.oidc_issuer_url, "https://")

  service_account_roles = {
    # the services: uploads in S3
    app = {
      service_account = "aic"
      policy          = data.aws_iam_policy_document.uploads.json
    }
    # the External Secrets Operator, on behalf of the namespace: the database and SMTP secrets only
    secrets-reader = {
      service_account = "aic-secrets-reader"
      policy          = data.aws_iam_policy_document.read_secrets.json
    }
  }
}

data "aws_iam_policy_document" "service_account_trust" {
  for_each = local.service_account_roles

  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]

    principals {
      type        = "Federated"
      identifiers = [local.oidc_provider_arn]
    }

    condition {
      test     = "StringEquals"
      variable = "${local.oidc_issuer}:sub"
      values   = ["system:serviceaccount:${var.k8s_namespace}:${each.value.service_account}"]
    }

    condition {
      test     = "StringEquals"
      variable = "${local.oidc_issuer}:aud"
      values   = ["sts.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "service_account" {
  for_each = local.service_account_roles

  name               = "${local.name}-${each.key}"
  assume_role_policy = data.aws_iam_policy_document.service_account_trust[each.key].json
}

resource "aws_iam_role_policy" "service_account" {
  for_each = local.service_account_roles

  name   = each.key
  role   = aws_iam_role.service_account[each.key].id
  policy = each.value.policy
}

data "aws_iam_policy_document" "uploads" {
  statement {
    actions   = ["s3:ListBucket"]
    resources = [module.uploads.bucket_arn]
  }

  statement {
    actions   = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"]
    resources = ["${module.uploads.bucket_arn}/*"]
  }
}

data "aws_iam_policy_document" "read_secrets" {
  statement {
    actions   = ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"]
    resources = [aws_secretsmanager_secret.db.arn, aws_secretsmanager_secret.smtp.arn,
    aws_secretsmanager_secret.personal_data.arn]
  }
}
