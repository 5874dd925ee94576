# The public entrance of one environment: the ALB that the AWS Load Balancer Controller makes from the Ingress
# aic-api (deploy/k8s/components/aws/ingress.yaml), its TLS certificate (ACM, validated in Route 53), AWS WAF in
# front of it, and the DNS names. The controller creates the ALB, so Terraform learns its address only after the
# first deployment: apply once, deploy, then apply again with create_dns_records = true (deploy/README.md).

locals {
  load_balancer_name = "${local.name}-api"
  # the ALB's subnets, one per zone; the NetworkPolicies admit the API ports from these ranges only
  load_balancer_subnet_ids = slice(local.public_subnet_ids, 0, 3)

  # The services take the client's address from X-Forwarded-For only when the request comes from a trusted proxy
  # (AIC_TRUSTED_PROXIES, a regular expression that Tomcat matches against the whole address): the ALB, whose
  # addresses lie in these subnets. Each subnet (a prefix of /16 to /28) becomes an alternation of its third or
  # fourth octets: 10.0.16.0/20 becomes 10\.0\.(16|17|...|31)\.\d{1,3}.
  load_balancer_address_patterns = [for subnet in data.aws_subnet.load_balancer : (
    tonumber(split("/", subnet.cidr_block)[1]) <= 24
    ? format("%s\\.%s\\.(%s)\\.\\d{1,3}", split(".", subnet.cidr_block)[0], split(".", subnet.cidr_block)[1],
      join("|", [for i in range(pow(2, 24 - tonumber(split("/", subnet.cidr_block)[1]))) :
    tonumber(split(".", subnet.cidr_block)[2]) + i]))
    : format("%s\\.%s\\.%s\\.(%s)", split(".", subnet.cidr_block)[0], split(".", subnet.cidr_block)[1],
      split(".", subnet.cidr_block)[2], join("|", [for i in range(pow(2, 32 - tonumber(split("/", subnet.cidr_block)[1]))) :
    tonumber(split(".", split("/", subnet.cidr_block)[0])[3]) + i]))
  )]
}

# the controller places internet-facing load balancers in the subnets tagged for them: modules/vpc tags its own,
# an existing VPC's public subnets are tagged here
resource "aws_ec2_tag" "load_balancer_subnet" {
  for_each = local.create_vpc ? {} : { for index, id in slice(var.public_subnet_ids, 0, 3) : tostring(index) => id }

  resource_id = each.value
  key         = "kubernetes.io/role/elb"
  value       = "1"
}

data "aws_subnet" "load_balancer" {
  count = 3
  id    = local.load_balancer_subnet_ids[count.index]
}

# ---- TLS ------------------------------------------------------------------------------------

resource "aws_acm_certificate" "api" {
  domain_name               = var.command_host
  subject_alternative_names = [var.query_host]
  validation_method         = "DNS"
  key_algorithm             = "EC_prime256v1"

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_route53_record" "certificate_validation" {
  for_each = {
    for option in aws_acm_certificate.api.domain_validation_options : option.domain_name => option
  }

  zone_id         = var.public_route53_zone_id
  name            = each.value.resource_record_name
  type            = each.value.resource_record_type
  records         = [each.value.resource_record_value]
  ttl             = 300
  allow_overwrite = true
}

resource "aws_acm_certificate_validation" "api" {
  certificate_arn         = aws_acm_certificate.api.arn
  validation_record_fqdns = [for record in aws_route53_record.certificate_validation : record.fqdn]
}

# ---- AWS WAF --------------------------------------------------------------------------------

resource "aws_wafv2_web_acl" "api" {
  name        = local.load_balancer_name
  description = "The AIC Platform's public APIs (${var.environment})"
  scope       = "REGIONAL"

  default_action {
    allow {}
  }

  # addresses that AWS's threat intelligence knows for bots, scanners and attacks
  rule {
    name     = "aws-ip-reputation"
    priority = 0

    override_action {
      none {}
    }

    statement {
      managed_rule_group_statement {
        vendor_name = "AWS"
        name        = "AWSManagedRulesAmazonIpReputationList"
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "aws-ip-reputation"
      sampled_requests_enabled   = true
    }
  }

  # the OWASP-style common rules; uploads (POST /api/documents, up to the command-side's size limit) are larger
  # than the group's 8 KB body limit, so that one rule only counts and the service enforces its own limit
  rule {
    name     = "aws-common"
    priority = 1

    override_action {
      none {}
    }

    statement {
      managed_rule_group_statement {
        vendor_name = "AWS"
        name        = "AWSManagedRulesCommonRuleSet"

        rule_action_override {
          name = "SizeRestrictions_BODY"
          action_to_use {
            count {}
          }
        }
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "aws-common"
      sampled_requests_enabled   = true
    }
  }

  rule {
    name     = "aws-known-bad-inputs"
    priority = 2

    override_action {
      none {}
    }

    statement {
      managed_rule_group_statement {
        vendor_name = "AWS"
        name        = "AWSManagedRulesKnownBadInputsRuleSet"
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "aws-known-bad-inputs"
      sampled_requests_enabled   = true
    }
  }

  rule {
    name     = "aws-sql-injection"
    priority = 3

    override_action {
      none {}
    }

    statement {
      managed_rule_group_statement {
        vendor_name = "AWS"
        name        = "AWSManagedRulesSQLiRuleSet"
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "aws-sql-injection"
      sampled_requests_enabled   = true
    }
  }

  # a ceiling per client address over five minutes, above what one member or one NAT'd office sends; the
  # services' own limits (docs/security.md) stay the finer ones
  rule {
    name     = "rate-per-address"
    priority = 4

    action {
      block {}
    }

    statement {
      rate_based_statement {
        limit              = var.waf_requests_per_address_per_5_minutes
        aggregate_key_type = "IP"
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "rate-per-address"
      sampled_requests_enabled   = true
    }
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = local.load_balancer_name
    sampled_requests_enabled   = true
  }
}

# WAF's log group name must start with aws-waf-logs-; tokens in headers are redacted
resource "aws_cloudwatch_log_group" "waf" {
  name              = "aws-waf-logs-${local.load_balancer_name}"
  retention_in_days = var.log_retention_days
}

resource "aws_wafv2_web_acl_logging_configuration" "api" {
  resource_arn            = aws_wafv2_web_acl.api.arn
  log_destination_configs = [aws_cloudwatch_log_group.waf.arn]

  redacted_fields {
    single_header {
      name = "authorization"
    }
  }
}

# ---- DNS ------------------------------------------------------------------------------------

data "aws_lb" "api" {
  count = var.create_dns_records ? 1 : 0
  name  = local.load_balancer_name
}

resource "aws_route53_record" "api" {
  for_each = var.create_dns_records ? toset([var.command_host, var.query_host]) : toset([])

  zone_id = var.public_route53_zone_id
  name    = each.value
  type    = "A"

  alias {
    name                   = data.aws_lb.api[0].dns_name
    zone_id                = data.aws_lb.api[0].zone_id
    evaluate_target_health = true
  }
}

# ---- the AWS Load Balancer Controller's role (IRSA, ServiceAccount kube-system/aws-load-balancer-controller) --

data "aws_iam_policy_document" "load_balancer_controller_trust" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]

    principals {
      type        = "Federated"
      identifiers = [local.oidc_provider_arn]
    }

    condition {
      test     = "StringEquals"
      variable = "${local.oidc_issuer}:sub"
      values   = ["system:serviceaccount:kube-system:aws-load-balancer-controller"]
    }

    condition {
      test     = "StringEquals"
      variable = "${local.oidc_issuer}:aud"
      values   = ["sts.amazonaws.com"]
    }
  }
}

# What the controller needs for ALBs: read the network and the certificates; create security groups, load
# balancers, listeners, rules and target groups; change or delete only what carries its own cluster tag; and
# associate the WAF ACL. The controller's project publishes the full policy (NLBs, Shield, Cognito too).
data "aws_iam_policy_document" "load_balancer_controller" {
  statement {
    sid = "Read"
    actions = [
      "ec2:DescribeAccountAttributes", "ec2:DescribeAddresses", "ec2:DescribeAvailabilityZones",
      "ec2:DescribeInternetGateways", "ec2:DescribeVpcs", "ec2:DescribeSubnets", "ec2:DescribeSecurityGroups",
      "ec2:DescribeInstances", "ec2:DescribeNetworkInterfaces", "ec2:DescribeTags", "ec2:GetSecurityGroupsForVpc",
      "elasticloadbalancing:Describe*", "acm:ListCertificates", "acm:DescribeCertificate",
      "wafv2:GetWebACL", "wafv2:GetWebACLForResource", "shield:GetSubscriptionState",
    ]
    resources = ["*"]
  }

  statement {
    sid       = "ServiceLinkedRole"
    actions   = ["iam:CreateServiceLinkedRole"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "iam:AWSServiceName"
      values   = ["elasticloadbalancing.amazonaws.com"]
    }
  }

  statement {
    sid = "Create"
    actions = [
      "ec2:CreateSecurityGroup", "elasticloadbalancing:CreateLoadBalancer", "elasticloadbalancing:CreateTargetGroup",
      "elasticloadbalancing:CreateListener", "elasticloadbalancing:CreateRule",
    ]
    resources = ["*"]
  }

  statement {
    sid = "TagWhatItCreates"
    actions = [
      "ec2:CreateTags", "elasticloadbalancing:AddTags",
    ]
    resources = ["*"]
    condition {
      test     = "Null"
      variable = "aws:RequestTag/elbv2.k8s.aws/cluster"
      values   = ["false"]
    }
  }

  statement {
    sid = "ChangeOnlyItsOwn"
    actions = [
      "ec2:AuthorizeSecurityGroupIngress", "ec2:RevokeSecurityGroupIngress", "ec2:DeleteSecurityGroup",
      "ec2:CreateTags", "ec2:DeleteTags", "elasticloadbalancing:AddTags", "elasticloadbalancing:RemoveTags",
      "elasticloadbalancing:ModifyLoadBalancerAttributes", "elasticloadbalancing:SetIpAddressType",
      "elasticloadbalancing:SetSecurityGroups", "elasticloadbalancing:SetSubnets",
      "elasticloadbalancing:DeleteLoadBalancer", "elasticloadbalancing:ModifyTargetGroup",
      "elasticloadbalancing:ModifyTargetGroupAttributes", "elasticloadbalancing:DeleteTargetGroup",
      "elasticloadbalancing:RegisterTargets", "elasticloadbalancing:DeregisterTargets",
    ]
    resources = ["*"]
    condition {
      test     = "Null"
      variable = "aws:ResourceTag/elbv2.k8s.aws/cluster"
      values   = ["false"]
    }
  }

  statement {
    sid = "ListenersAndFirewall"
    actions = [
      "elasticloadbalancing:ModifyListener", "elasticloadbalancing:DeleteListener",
      "elasticloadbalancing:AddListenerCertificates", "elasticloadbalancing:RemoveListenerCertificates",
      "elasticloadbalancing:ModifyRule", "elasticloadbalancing:DeleteRule", "elasticloadbalancing:SetWebAcl",
      "wafv2:AssociateWebACL", "wafv2:DisassociateWebACL",
    ]
    resources = ["*"]
  }
}

resource "aws_iam_role" "load_balancer_controller" {
  name               = "${local.name}-load-balancer-controller"
  assume_role_policy = data.aws_iam_policy_document.load_balancer_controller_trust.json
}

resource "aws_iam_role_policy" "load_balancer_controller" {
  name   = "load-balancer-controller"
  role   = aws_iam_role.load_balancer_controller.id
  policy = data.aws_iam_policy_document.load_balancer_controller.json
}
