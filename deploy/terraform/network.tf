# The ai-worker's egress is denied except inside the VPC (deploy/k8s/overlays/production/network-policies.yaml),
# so the AWS APIs it needs answer inside the VPC: STS (its ServiceAccount role, IRSA) and S3 (the uploads it
# reads), as interface endpoints with private DNS. Set create_vpc_endpoints = false if the VPC has them already.

data "aws_vpc" "this" {
  id = var.vpc_id
}

resource "aws_security_group" "vpc_endpoints" {
  count = var.create_vpc_endpoints ? 1 : 0

  name        = "${local.name}-vpc-endpoints"
  description = "HTTPS to the AWS API endpoints from the cluster"
  vpc_id      = var.vpc_id

  ingress {
    description     = "HTTPS from the cluster's pods"
    from_port       = 443
    to_port         = 443
    protocol        = "tcp"
    security_groups = local.client_security_group_ids
  }
}

resource "aws_vpc_endpoint" "interface" {
  for_each = var.create_vpc_endpoints ? toset(["sts", "s3"]) : toset([])

  vpc_id              = var.vpc_id
  service_name        = "com.amazonaws.${data.aws_region.current.name}.${each.key}"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = var.private_subnet_ids
  security_group_ids  = [aws_security_group.vpc_endpoints[0].id]
  private_dns_enabled = true

  dynamic "dns_options" {
    # S3's private DNS on an interface endpoint, without a gateway endpoint beside it
    for_each = each.key == "s3" ? [1] : []
    content {
      private_dns_only_for_inbound_resolver_endpoint = false
    }
  }
}
