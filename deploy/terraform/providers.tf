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
