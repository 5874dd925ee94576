variable "aws_region" {
  description = "AWS region of every resource."
  type        = string
  default     = "us-east-1"
}

variable "analytics_pseudonym_key_version" {
  description = "Increase to generate a new key for the members' pseudonyms in search analytics: facts before and after no longer link up (docs/analytics.md)."
  type        = number
  default     = 1
}

variable "personal_data_replica_region" {
  description = "Second region holding a replica of the personal-data master key (its escrow)."
  type        = string
  default     = "us-west-2"
}

variable "environment" {
  description = "Environment name; part of every resource name."
  type        = string
  default     = "production"
}

variable "name_prefix" {
  description = "Prefix of every resource name."
  type        = string
  default     = "aic"
}

variable "tags" {
  description = "Extra tags for every resource."
  type        = map(string)
  default     = {}
}

# ---- network (network.tf) ------------------------------------------------------------------

variable "vpc_cidr" {
  description = "Address range of the environment's own VPC (modules/vpc); one per environment, so that they can be peered later (production 10.0.0.0/16, staging 10.1.0.0/16, dev 10.2.0.0/16)."
  type        = string
  default     = "10.0.0.0/16"
}

variable "vpc_single_nat_gateway" {
  description = "One NAT gateway for all three zones instead of one per zone: cheaper, for dev; the private subnets lose the internet with that zone."
  type        = bool
  default     = false
}

variable "vpc_id" {
  description = "An existing VPC to deploy into instead of creating one; empty (the default) creates the environment's own VPC."
  type        = string
  default     = ""
}

variable "private_subnet_ids" {
  description = "With vpc_id only: private subnets of the existing VPC, one per availability zone; the first three (three different zones) hold the MSK brokers and the OpenSearch nodes."
  type        = list(string)
  default     = []

  validation {
    condition     = length(var.private_subnet_ids) == 0 || length(var.private_subnet_ids) >= 3
    error_message = "Give at least three private subnets in three different availability zones."
  }
}

variable "public_subnet_ids" {
  description = "With vpc_id only: public subnets of the existing VPC, one per availability zone; the first three hold the internet-facing ALB."
  type        = list(string)
  default     = []

  validation {
    condition     = length(var.public_subnet_ids) == 0 || length(var.public_subnet_ids) >= 3
    error_message = "Give at least three public subnets in three different availability zones."
  }
}

# ---- Kubernetes -----------------------------------------------------------------------------

variable "create_eks_cluster" {
  description = "Create an EKS cluster; false uses the existing cluster named by existing_eks_cluster_name."
  type        = bool
  default     = true
}

variable "existing_eks_cluster_name" {
  description = "Name of an existing EKS cluster (with an IAM OIDC provider) when create_eks_cluster is false."
  type        = string
  default     = ""
}

variable "eks_version" {
  description = "Kubernetes version of a created cluster."
  type        = string
  default     = "1.33"
}

variable "eks_endpoint_public_access_cidrs" {
  description = "CIDR blocks that may reach the public Kubernetes API endpoint of a created cluster; empty keeps the endpoint private."
  type        = list(string)
  default     = []
}

variable "eks_node_instance_types" {
  description = "Instance types of the cluster's managed node group."
  type        = list(string)
  default     = ["m6i.xlarge"]
}

variable "eks_node_count" {
  description = "Minimum, desired and maximum number of nodes."
  type        = object({ min = number, desired = number, max = number })
  default     = { min = 3, desired = 3, max = 9 }
}

variable "additional_client_security_group_ids" {
  description = "Security groups besides the cluster's own that may reach PostgreSQL, Kafka and OpenSearch (e.g. the nodes of an existing cluster)."
  type        = list(string)
  default     = []
}

variable "create_vpc_endpoints" {
  description = "Create interface endpoints for STS and S3 in the VPC (the ai-worker may reach nothing outside it); false only where an existing VPC has them."
  type        = bool
  default     = true
}

variable "k8s_namespace" {
  description = "Kubernetes namespace of the platform (deploy/k8s uses \"aic\"); scopes the IAM roles for service accounts."
  type        = string
  default     = "aic"
}

# ---- PostgreSQL (RDS) -----------------------------------------------------------------------

variable "db_engine_version" {
  description = "PostgreSQL version; a major version alone takes the newest minor version (pgvector ships with RDS)."
  type        = string
  default     = "15"
}

variable "db_instance_class" {
  description = "RDS instance class."
  type        = string
  default     = "db.r6g.large"
}

variable "db_allocated_storage_gb" {
  description = "Initial storage; RDS grows it up to db_max_allocated_storage_gb."
  type        = number
  default     = 100
}

variable "db_max_allocated_storage_gb" {
  description = "Upper bound of storage autoscaling."
  type        = number
  default     = 1000
}

variable "db_multi_az" {
  description = "Synchronous standby in a second availability zone (a committed transaction survives the loss of a zone)."
  type        = bool
  default     = true
}

variable "db_backup_retention_days" {
  description = "Days of automated backups and point-in-time recovery."
  type        = number
  default     = 14

  validation {
    condition     = var.db_backup_retention_days >= 7 && var.db_backup_retention_days <= 35
    error_message = "Keep 7 to 35 days of backups."
  }
}

variable "db_name" {
  description = "Database shared by the three services (schemas event_store, query, ai_worker)."
  type        = string
  default     = "aic"
}

variable "db_master_username" {
  description = "Master user of the database; the services use it (see deploy/README.md)."
  type        = string
  default     = "aic"
}

variable "db_password_version" {
  description = "Increase to generate a new database password; it is written to RDS and Secrets Manager in the same apply."
  type        = number
  default     = 1
}

# ---- Kafka (MSK) ----------------------------------------------------------------------------

variable "kafka_version" {
  description = "Apache Kafka version of the MSK cluster."
  type        = string
  default     = "3.8.x"
}

variable "kafka_broker_instance_type" {
  description = "MSK broker instance type."
  type        = string
  default     = "kafka.m7g.large"
}

variable "kafka_broker_volume_gb" {
  description = "EBS storage per broker."
  type        = number
  default     = 500
}

# ---- OpenSearch -----------------------------------------------------------------------------

variable "opensearch_version" {
  description = "OpenSearch version of the domain."
  type        = string
  default     = "2.19"
}

variable "opensearch_instance_type" {
  description = "Data node instance type."
  type        = string
  default     = "r6g.large.search"
}

variable "opensearch_instance_count" {
  description = "Data nodes; a multiple of three (one per availability zone)."
  type        = number
  default     = 3

  validation {
    condition     = var.opensearch_instance_count % 3 == 0
    error_message = "Use a multiple of three data nodes."
  }
}

variable "opensearch_dedicated_master_type" {
  description = "Instance type of the three dedicated cluster-manager nodes; empty for none."
  type        = string
  default     = "m6g.large.search"
}

variable "opensearch_volume_gb" {
  description = "EBS storage per data node."
  type        = number
  default     = 100
}

variable "create_opensearch_service_linked_role" {
  description = "Create the OpenSearch service-linked role that VPC domains need; false when the account already has it."
  type        = bool
  default     = false
}

# ---- uploads --------------------------------------------------------------------------------

variable "uploads_noncurrent_version_days" {
  description = "Days a replaced or deleted upload stays recoverable as a noncurrent version."
  type        = number
  default     = 90
}

variable "uploads_replica_region" {
  description = "Second region holding the replica of the uploads bucket (its backup); must differ from aws_region."
  type        = string
  default     = "us-west-2"

  validation {
    condition     = var.uploads_replica_region != var.aws_region
    error_message = "The uploads' replica must be in a region other than aws_region."
  }
}

variable "log_retention_days" {
  description = "Retention of the CloudWatch log groups created here."
  type        = number
  default     = 30
}

# ---- e-mail (SES) ---------------------------------------------------------------------------

variable "mail_domain" {
  description = "Domain the platform sends e-mail from (no-reply@<domain>); created as an Amazon SES identity with Easy DKIM, in aws_region."
  type        = string
}

variable "mail_from_name" {
  description = "Display name of the notices' sender."
  type        = string
  default     = "AIC Platform"
}

variable "mail_route53_zone_id" {
  description = "Route 53 hosted zone of mail_domain in this account, to create the DKIM records; empty: create them at your DNS provider (output ses_dkim_records)."
  type        = string
  default     = ""
}

# ---- the public entrance (ingress.tf) -------------------------------------------------------

variable "public_route53_zone_id" {
  description = "Route 53 hosted zone of command_host and query_host: the certificate's validation records and the API's names."
  type        = string
}

variable "command_host" {
  description = "Public host name of the command-side's API; the e-mails' unsubscribe links point there (AIC_PUBLIC_URL)."
  type        = string
}

variable "query_host" {
  description = "Public host name of the query-side's API."
  type        = string
}

variable "create_dns_records" {
  description = "Point command_host and query_host at the ALB; true once the first deployment has created it."
  type        = bool
  default     = false
}

variable "waf_requests_per_address_per_5_minutes" {
  description = "AWS WAF blocks a client address that sends more requests than this in five minutes."
  type        = number
  default     = 2000
}

variable "oidc_issuer_uri" {
  description = "Issuer of the organisation's OpenID Connect provider, e.g. https://login.microsoftonline.com/<tenant id>/v2.0."
  type        = string
}

variable "oidc_audience" {
  description = "Audience the services require in access tokens."
  type        = string
  default     = "api://aic-platform"
}

# ---- the release pipeline (delivery.tf) -----------------------------------------------------

variable "github_repository" {
  description = "owner/name of the GitHub repository whose release pipeline deploys this environment."
  type        = string
}

variable "create_github_oidc_provider" {
  description = "Create the account's IAM OIDC provider for GitHub Actions; false where another environment of the account did."
  type        = bool
  default     = true
}

variable "promote_from_environment" {
  description = "Environment whose ECR repositories this one's pipeline may read to copy images from (\"staging\" for production, empty for staging)."
  type        = string
  default     = ""
}

variable "eks_admin_role_arns" {
  description = "IAM roles of the operators who administer this environment's cluster (EKS access entries)."
  type        = list(string)
  default     = []
}
