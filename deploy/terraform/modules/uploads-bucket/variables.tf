variable "bucket_name" {
  description = "Globally unique bucket name."
  type        = string
}

variable "noncurrent_version_days" {
  description = "Days a replaced or deleted object stays recoverable."
  type        = number
}
