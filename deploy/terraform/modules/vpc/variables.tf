variable "name" {
  description = "Name of the VPC and prefix of its resources (aic-<environment>)."
  type        = string
}

variable "cidr_block" {
  description = "Address range of the VPC, a /16 or larger; the public subnets take /24s from its start, the private ones /20s after them."
  type        = string

  validation {
    condition     = can(cidrhost(var.cidr_block, 0)) && tonumber(split("/", var.cidr_block)[1]) <= 16
    error_message = "Give an IPv4 CIDR block of /16 or larger: the pods take their addresses from the private subnets."
  }
}

variable "availability_zone_count" {
  description = "Availability zones to spread over, one public and one private subnet in each."
  type        = number
  default     = 3

  validation {
    condition     = var.availability_zone_count >= 2 && var.availability_zone_count <= 6
    error_message = "Use two to six availability zones."
  }
}

variable "single_nat_gateway" {
  description = "One NAT gateway for every zone (cheaper; the private subnets lose the internet with its zone) instead of one per zone."
  type        = bool
  default     = false
}

variable "flow_log_retention_days" {
  description = "Days the VPC flow logs are kept in CloudWatch Logs."
  type        = number
  default     = 30
}
