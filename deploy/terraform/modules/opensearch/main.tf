data "aws_caller_identity" "current" {}
data "aws_region" "current" {}
data "aws_partition" "current" {}

resource "aws_security_group" "this" {
  name        = "${var.name}-opensearch"
  description = "OpenSearch domain of ${var.name}: HTTPS from the platform's pods only"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_ingress_rule" "clients" {
  count = length(var.client_security_group_ids)

  security_group_id            = aws_security_group.this.id
  referenced_security_group_id = var.client_security_group_ids[count.index]
  ip_protocol                  = "tcp"
  from_port                    = 443
  to_port                      = 443
}

# Who may call the domain at all: the roles given (the query-side's, which signs its requests with SigV4, and is
# the master user too); an unsigned or anonymous request is refused before fine-grained access control
# looks at it. Inside, fine-grained access control decides per index (advanced_security_options below).
data "aws_iam_policy_document" "access" {
  statement {
    actions   = ["es:ESHttp*"]
    resources = ["arn:${data.aws_partition.current.partition}:es:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}:domain/${var.name}/*"]

    principals {
      type        = "AWS"
      identifiers = var.client_role_arns
    }
  }
}

resource "aws_opensearch_domain" "this" {
  domain_name     = var.name
  engine_version  = "OpenSearch_${var.engine_version}"
  access_policies = data.aws_iam_policy_document.access.json

  cluster_config {
    instance_type          = var.instance_type
    instance_count         = var.instance_count
    zone_awareness_enabled = true

    zone_awareness_config {
      availability_zone_count = 3
    }

    dedicated_master_enabled = var.dedicated_master_type != ""
    dedicated_master_type    = var.dedicated_master_type != "" ? var.dedicated_master_type : null
    dedicated_master_count   = var.dedicated_master_type != "" ? 3 : null
  }

  ebs_options {
    ebs_enabled = true
    volume_type = "gp3"
    volume_size = var.volume_gb
  }

  encrypt_at_rest {
    enabled = true
  }

  node_to_node_encryption {
    enabled = true
  }

  domain_endpoint_options {
    enforce_https       = true
    tls_security_policy = "Policy-Min-TLS-1-2-PFS-2023-10"
  }

  # fine-grained access control with IAM identities only: no internal users and passwords, no anonymous access;
  # the master user (all indices, the security plugin's role mappings) is an IAM role
  advanced_security_options {
    enabled                        = true
    anonymous_auth_enabled         = false
    internal_user_database_enabled = false

    master_user_options {
      master_user_arn = var.master_user_role_arn
    }
  }

  vpc_options {
    subnet_ids         = var.subnet_ids
    security_group_ids = [aws_security_group.this.id]
  }

  advanced_options = {
    "rest.action.multi.allow_explicit_index" = "true"
  }

  software_update_options {
    auto_software_update_enabled = true
  }
}
