output "endpoint" {
  description = "Domain endpoint (host name, HTTPS on 443)."
  value       = aws_opensearch_domain.this.endpoint
}

output "arn" {
  value = aws_opensearch_domain.this.arn
}

output "security_group_id" {
  value = aws_security_group.this.id
}
