provider "aws" {
  region = var.aws_region

  default_tags {
    tags = merge(var.tags, {
      Project     = "aic-platform"
      Environment = var.environment
      ManagedBy   = "terraform"
    })
  }
}

# the second region of the uploads' replica (modules/uploads-bucket/replication.tf)
provider "aws" {
  alias  = "uploads_replica"
  region = var.uploads_replica_region

  default_tags {
    tags = merge(var.tags, {
      Project     = "aic-platform"
      Environment = var.environment
      ManagedBy   = "terraform"
    })
  }
}
