# IAM roles for Kubernetes service accounts (IRSA): each role can be assumed only by one
# service account of the platform's namespace.

locals {
  oidc_issuer = trimprefix(local.oidc_issuer_url, "https://")

  # one role per service account
  service_account_roles = {
    # stores uploads, replaces and deletes them
    command-side = {
      service_account = "aic-command-side"
      policy          = data.aws_iam_policy_document.uploads_read_write.json
    }
    # parses untrusted files: it may only read them, never write or delete
    ai-worker = {
      service_account = "aic-ai-worker"
      policy          = data.aws_iam_policy_document.uploads_read_only.json
    }
    # serves uploads to the members who may read them (GET /api/documents/{id}/content): read only, like the
    # ai-worker; it streams them itself rather than handing out presigned URLs (docs/knowledge-hub.md)
    query-side = {
      service_account = "aic-query-side"
      policy          = data.aws_iam_policy_document.uploads_read_only.json
    }
    # the External Secrets Operator, on behalf of the namespace: the database, Kafka, SMTP, personal-data and
    # analytics pseudonym key secrets
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

data "aws_iam_policy_document" "uploads_read_write" {
  statement {
    actions   = ["s3:ListBucket"]
    resources = [module.uploads.bucket_arn]
  }

  statement {
    actions   = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"]
    resources = ["${module.uploads.bucket_arn}/*"]
  }
}

data "aws_iam_policy_document" "uploads_read_only" {
  # without it S3 answers a missing key with 403 instead of 404, and a deleted document would look like an outage
  statement {
    actions   = ["s3:ListBucket"]
    resources = [module.uploads.bucket_arn]
  }

  statement {
    actions   = ["s3:GetObject"]
    resources = ["${module.uploads.bucket_arn}/*"]
  }
}

data "aws_iam_policy_document" "read_secrets" {
  statement {
    actions = ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"]
    resources = concat(
      [
        aws_secretsmanager_secret.db.arn,
        aws_secretsmanager_secret.smtp.arn,
        aws_secretsmanager_secret.personal_data.arn,
        aws_secretsmanager_secret.analytics_pseudonym_key.arn,
      ],
      [for secret in aws_secretsmanager_secret.db_service : secret.arn],
      module.kafka.scram_secret_arns,
    )
  }

  # the Kafka users' secrets are encrypted with the cluster's own key (MSK requires a customer managed one)
  statement {
    actions   = ["kms:Decrypt"]
    resources = [module.kafka.scram_kms_key_arn]
  }
}

# the query-side's role is the only one the OpenSearch domain's resource policy and fine-grained access control
# admit (modules/opensearch); its requests must be signed with it (SigV4: deploy/README.md, On AWS)
data "aws_iam_policy_document" "search" {
  statement {
    actions   = ["es:ESHttpGet", "es:ESHttpHead", "es:ESHttpPost", "es:ESHttpPut", "es:ESHttpDelete", "es:ESHttpPatch"]
    resources = ["${module.opensearch.arn}/*"]
  }
}

resource "aws_iam_role_policy" "query_side_search" {
  name   = "search"
  role   = aws_iam_role.service_account["query-side"].id
  policy = data.aws_iam_policy_document.search.json
}
