variable "name" {
  description = "Cluster name."
  type        = string
}

variable "vpc_id" {
  type = string
}

variable "subnet_ids" {
  description = "Three private subnets in three availability zones: one broker in each."
  type        = list(string)
}

variable "client_security_group_ids" {
  description = "Security groups allowed to reach the brokers' SASL/SCRAM listener."
  type        = list(string)
}

variable "kafka_version" {
  type = string
}

variable "broker_instance_type" {
  type = string
}

variable "broker_volume_gb" {
  type = number
}

variable "log_retention_days" {
  type = number
}

variable "scram_users" {
  description = "Kafka principals, one SCRAM secret each: the services that use Kafka and the ACLs' administrator (deploy/kafka/access.txt)."
  type        = list(string)
  default     = ["command-side", "ai-worker", "aic"]
}

variable "scram_password_version" {
  description = "Increase to generate new SCRAM passwords (then refresh the ExternalSecrets and restart the services)."
  type        = number
  default     = 1
}

variable "deny_without_acl" {
  description = "allow.everyone.if.no.acl.found=false. Set true once the ACLs of deploy/kafka/access.txt are applied (docs/security-least-privilege.md)."
  type        = bool
  default     = false
}
