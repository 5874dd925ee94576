# The network of one environment: a VPC over availability_zone_count zones, each with
#   - a public subnet (a /24 from the start of the range) for the internet-facing ALB and the zone's NAT gateway;
#   - a private subnet (a /20; the VPC CNI gives every pod an address from it) for the EKS nodes and pods, RDS,
#     the MSK brokers and the OpenSearch nodes, which reach the internet only through the NAT gateway.
# Every flow (accepted and rejected) goes to CloudWatch Logs, and the default security group admits nothing.

data "aws_availability_zones" "available" {
  state = "available"

  # zones only, never Local Zones or Wavelength Zones, which RDS, MSK and OpenSearch do not serve
  filter {
    name   = "opt-in-status"
    values = ["opt-in-not-required"]
  }
}

locals {
  zones = slice(data.aws_availability_zones.available.names, 0, var.availability_zone_count)
  # 10.0.0.0/16: public 10.0.0.0/24, 10.0.1.0/24, 10.0.2.0/24; private 10.0.16.0/20, 10.0.32.0/20, 10.0.48.0/20
  public_cidrs  = [for index, zone in local.zones : cidrsubnet(var.cidr_block, 24 - tonumber(split("/", var.cidr_block)[1]), index)]
  private_cidrs = [for index, zone in local.zones : cidrsubnet(var.cidr_block, 20 - tonumber(split("/", var.cidr_block)[1]), index + 1)]
  nat_count     = var.single_nat_gateway ? 1 : var.availability_zone_count
}

resource "aws_vpc" "this" {
  cidr_block = var.cidr_block
  # RDS, MSK, OpenSearch and the interface endpoints are reached by name
  enable_dns_support   = true
  enable_dns_hostnames = true

  tags = { Name = var.name }
}

# nothing may use the default security group: every resource here has one of its own
resource "aws_default_security_group" "this" {
  vpc_id = aws_vpc.this.id

  tags = { Name = "${var.name}-default-unused" }
}

# ---- public subnets: the ALB and the NAT gateways ------------------------------------------

resource "aws_internet_gateway" "this" {
  vpc_id = aws_vpc.this.id

  tags = { Name = var.name }
}

resource "aws_subnet" "public" {
  count = var.availability_zone_count

  vpc_id            = aws_vpc.this.id
  availability_zone = local.zones[count.index]
  cidr_block        = local.public_cidrs[count.index]
  # the ALB and the NAT gateways have addresses of their own; nothing else gets one by accident
  map_public_ip_on_launch = false

  tags = {
    Name = "${var.name}-public-${local.zones[count.index]}"
    # the AWS Load Balancer Controller places internet-facing load balancers in subnets tagged so
    "kubernetes.io/role/elb" = "1"
  }
}

resource "aws_route_table" "public" {
  vpc_id = aws_vpc.this.id

  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.this.id
  }

  tags = { Name = "${var.name}-public" }
}

resource "aws_route_table_association" "public" {
  count = var.availability_zone_count

  subnet_id      = aws_subnet.public[count.index].id
  route_table_id = aws_route_table.public.id
}

resource "aws_eip" "nat" {
  count = local.nat_count

  domain = "vpc"

  tags = { Name = "${var.name}-nat-${local.zones[count.index]}" }
}

resource "aws_nat_gateway" "this" {
  count = local.nat_count

  allocation_id = aws_eip.nat[count.index].id
  subnet_id     = aws_subnet.public[count.index].id

  tags = { Name = "${var.name}-${local.zones[count.index]}" }

  depends_on = [aws_internet_gateway.this]
}

# ---- private subnets: EKS, RDS, MSK, OpenSearch ---------------------------------------------

resource "aws_subnet" "private" {
  count = var.availability_zone_count

  vpc_id                  = aws_vpc.this.id
  availability_zone       = local.zones[count.index]
  cidr_block              = local.private_cidrs[count.index]
  map_public_ip_on_launch = false

  tags = {
    Name = "${var.name}-private-${local.zones[count.index]}"
    # internal load balancers, should one ever be asked for, go here and never into the public subnets
    "kubernetes.io/role/internal-elb" = "1"
  }
}

# one route table per zone: its traffic to the internet leaves through its own zone's NAT gateway, so that the
# loss of a zone takes only that zone's egress with it (unless single_nat_gateway)
resource "aws_route_table" "private" {
  count = var.availability_zone_count

  vpc_id = aws_vpc.this.id

  route {
    cidr_block     = "0.0.0.0/0"
    nat_gateway_id = aws_nat_gateway.this[var.single_nat_gateway ? 0 : count.index].id
  }

  tags = { Name = "${var.name}-private-${local.zones[count.index]}" }
}

resource "aws_route_table_association" "private" {
  count = var.availability_zone_count

  subnet_id      = aws_subnet.private[count.index].id
  route_table_id = aws_route_table.private[count.index].id
}

# ---- flow logs ------------------------------------------------------------------------------

resource "aws_cloudwatch_log_group" "flow_logs" {
  name              = "/aws/vpc/${var.name}/flow-logs"
  retention_in_days = var.flow_log_retention_days
}

data "aws_iam_policy_document" "flow_logs_trust" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["vpc-flow-logs.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "flow_logs" {
  name               = "${var.name}-vpc-flow-logs"
  assume_role_policy = data.aws_iam_policy_document.flow_logs_trust.json
}

data "aws_iam_policy_document" "flow_logs_write" {
  statement {
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"]
    resources = ["${aws_cloudwatch_log_group.flow_logs.arn}:*"]
  }
}

resource "aws_iam_role_policy" "flow_logs" {
  name   = "write-flow-logs"
  role   = aws_iam_role.flow_logs.id
  policy = data.aws_iam_policy_document.flow_logs_write.json
}

resource "aws_flow_log" "this" {
  vpc_id                   = aws_vpc.this.id
  traffic_type             = "ALL"
  log_destination_type     = "cloud-watch-logs"
  log_destination          = aws_cloudwatch_log_group.flow_logs.arn
  iam_role_arn             = aws_iam_role.flow_logs.arn
  max_aggregation_interval = 60

  tags = { Name = var.name }
}
