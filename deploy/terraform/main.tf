# AWS infrastructure of one environment of the AIC Platform, in a VPC of its own (network.tf) or an existing one:
# EKS (or an existing cluster), RDS PostgreSQL, MSK, OpenSearch Service, S3 for uploads,
# ECR for the images, the database secret and the IAM roles of the pods.

data "aws_caller_identity" "current" {}
data "aws_region" "current" {}
data "aws_partition" "current" {}

locals {
  name = "${var.name_prefix}-${var.environment}"
  # MSK and OpenSearch place one broker / node per subnet: three subnets, three zones
  data_subnet_ids = slice(local.private_subnet_ids, 0, 3)
}

# ---- Kubernetes -----------------------------------------------------------------------------

module "eks" {
  source = "./modules/eks"
  count  = var.create_eks_cluster ? 1 : 0

  name                         = local.name
  kubernetes_version           = var.eks_version
  subnet_ids                   = local.private_subnet_ids
  endpoint_public_access_cidrs = var.eks_endpoint_public_access_cidrs
  node_instance_types          = var.eks_node_instance_types
  node_count                   = var.eks_node_count
  log_retention_days           = var.log_retention_days
}

data "aws_eks_cluster" "existing" {
  count = var.create_eks_cluster ? 0 : 1
  name  = var.existing_eks_cluster_name
}

data "aws_iam_openid_connect_provider" "existing" {
  count = var.create_eks_cluster ? 0 : 1
  url   = data.aws_eks_cluster.existing[0].identity[0].oidc[0].issuer
}

locals {
  cluster_name              = var.create_eks_cluster ? module.eks[0].cluster_name : data.aws_eks_cluster.existing[0].name
  cluster_security_group_id = var.create_eks_cluster ? module.eks[0].cluster_security_group_id : data.aws_eks_cluster.existing[0].vpc_config[0].cluster_security_group_id
  oidc_provider_arn         = var.create_eks_cluster ? module.eks[0].oidc_provider_arn : data.aws_iam_openid_connect_provider.existing[0].arn
  oidc_issuer_url           = var.create_eks_cluster ? module.eks[0].oidc_issuer_url : data.aws_eks_cluster.existing[0].identity[0].oidc[0].issuer

  # managed node groups attach the cluster security group to every node, and pods share their node's
  client_security_group_ids = concat([local.cluster_security_group_id], var.additional_client_security_group_ids)
}

# ---- data stores ----------------------------------------------------------------------------

module "postgres" {
  source = "./modules/postgres"

  name                      = local.name
  vpc_id                    = local.vpc_id
  subnet_ids                = local.private_subnet_ids
  client_security_group_ids = local.client_security_group_ids
  engine_version            = var.db_engine_version
  instance_class            = var.db_instance_class
  allocated_storage_gb      = var.db_allocated_storage_gb
  max_allocated_storage_gb  = var.db_max_allocated_storage_gb
  multi_az                  = var.db_multi_az
  backup_retention_days     = var.db_backup_retention_days
  database_name             = var.db_name
  master_username           = var.db_master_username
  master_password           = ephemeral.aws_secretsmanager_random_password.db.random_password
  master_password_version   = var.db_password_version
}

module "kafka" {
  source = "./modules/kafka"

  name                      = local.name
  vpc_id                    = local.vpc_id
  subnet_ids                = local.data_subnet_ids
  client_security_group_ids = local.client_security_group_ids
  kafka_version             = var.kafka_version
  broker_instance_type      = var.kafka_broker_instance_type
  broker_volume_gb          = var.kafka_broker_volume_gb
  log_retention_days        = var.log_retention_days
}

resource "aws_iam_service_linked_role" "opensearch" {
  count            = var.create_opensearch_service_linked_role ? 1 : 0
  aws_service_name = "opensearchservice.amazonaws.com"
}

module "opensearch" {
  source = "./modules/opensearch"

  name                      = local.name
  vpc_id                    = local.vpc_id
  subnet_ids                = local.data_subnet_ids
  client_security_group_ids = local.client_security_group_ids
  engine_version            = var.opensearch_version
  instance_type             = var.opensearch_instance_type
  instance_count            = var.opensearch_instance_count
  dedicated_master_type     = var.opensearch_dedicated_master_type
  volume_gb                 = var.opensearch_volume_gb
  # Fine-grained access control with IAM: the query-side is the domain's only client (it creates, fills, swaps and
  # drops every index through aliases), so its role is the master user and the only principal the resource policy
  # admits; no other service and no anonymous request gets in (iam.tf grants it es:ESHttp*).
  master_user_role_arn = aws_iam_role.service_account["query-side"].arn
  client_role_arns     = [aws_iam_role.service_account["query-side"].arn]

  depends_on = [aws_iam_service_linked_role.opensearch]
}

module "uploads" {
  source = "./modules/uploads-bucket"
  # the bucket's replica lives in a second region (docs/runbooks/restore.md)
  providers = {
    aws         = aws
    aws.replica = aws.uploads_replica
  }

  # bucket names are global: the account id keeps this one unique
  bucket_name             = "${local.name}-uploads-${data.aws_caller_identity.current.account_id}"
  noncurrent_version_days = var.uploads_noncurrent_version_days
}

# ---- container images -----------------------------------------------------------------------

resource "aws_ecr_repository" "service" {
  for_each = toset(["command-side", "query-side", "ai-worker"])

  # per environment (aic-staging/command-side, aic-production/command-side), so that several environments can
  # share an account; the pipeline copies an image from staging's repository to production's by digest
  name = "${local.name}/${each.key}"
  # a tag names one build forever: what was tested is what runs
  image_tag_mutability = "IMMUTABLE"

  image_scanning_configuration {
    scan_on_push = true
  }

  encryption_configuration {
    encryption_type = "AES256"
  }
}

resource "aws_ecr_lifecycle_policy" "service" {
  for_each = aws_ecr_repository.service

  repository = each.value.name
  policy = jsonencode({
    rules = [{
      rulePriority = 1
      description  = "keep the newest 100 images"
      selection    = { tagStatus = "any", countType = "imageCountMoreThan", countNumber = 100 }
      action       = { type = "expire" }
    }]
  })
}
