terraform {
  # 1.11+: write-only arguments keep the database password out of plans and state
  required_version = ">= 1.11"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.100"
    }
  }

  # State lives in a versioned, encrypted S3 bucket; its settings are in backend.hcl
  # (see backend.hcl.example): terraform init -backend-config=backend.hcl
  backend "s3" {}
}
