terraform {
  required_providers {
    aws = {
      source = "hashicorp/aws"
      # aws.replica: the second region that holds the bucket's copy (replication.tf)
      configuration_aliases = [aws.replica]
    }
  }
}
