# The environment's network: a VPC of its own (modules/vpc: public subnets for the ALB and the NAT gateways,
# private subnets for EKS, RDS, MSK and OpenSearch, in three zones, flow logs), or an existing one named by
# vpc_id with its subnets. Everything else reads the network from the locals below.

module "vpc" {
  source = "./modules/vpc"
  count  = local.create_vpc ? 1 : 0

  name       = local.name
  cidr_block = var.vpc_cidr
  # MSK and OpenSearch place one broker / node in each of three zones (main.tf)
  availability_zone_count = 3
  single_nat_gateway      = var.vpc_single_nat_gateway
  flow_log_retention_days = var.log_retention_days
}

data "aws_vpc" "existing" {
  count = local.create_vpc ? 0 : 1
  id    = var.vpc_id

  lifecycle {
    postcondition {
      condition     = length(var.private_subnet_ids) >= 3 && length(var.public_subnet_ids) >= 3
      error_message = "An existing VPC needs private_subnet_ids and public_subnet_ids, three of each in three different availability zones."
    }
  }
}

locals {
  create_vpc         = var.vpc_id == ""
  vpc_id             = local.create_vpc ? module.vpc[0].vpc_id : var.vpc_id
  vpc_cidr           = local.create_vpc ? module.vpc[0].cidr_block : data.aws_vpc.existing[0].cidr_block
  private_subnet_ids = local.create_vpc ? module.vpc[0].private_subnet_ids : var.private_subnet_ids
  public_subnet_ids  = local.create_vpc ? module.vpc[0].public_subnet_ids : var.public_subnet_ids
}

# The ai-worker's egress is denied except inside the VPC (deploy/k8s/components/aws/egress-policies.yaml), so the
# AWS APIs it needs answer inside the VPC: STS (its ServiceAccount role, IRSA) and S3 (the uploads it reads), as
# interface endpoints with private DNS. Set create_vpc_endpoints = false if an existing VPC has them already.

resource "aws_security_group" "vpc_endpoints" {
  count = var.create_vpc_endpoints ? 1 : 0

  name        = "${local.name}-vpc-endpoints"
  description = "HTTPS to the AWS API endpoints from the cluster"
  vpc_id      = local.vpc_id

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

  vpc_id              = local.vpc_id
  service_name        = "com.amazonaws.${data.aws_region.current.name}.${each.key}"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = local.private_subnet_ids
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
