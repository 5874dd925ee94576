output "vpc_id" {
  value = aws_vpc.this.id
}

output "cidr_block" {
  value = aws_vpc.this.cidr_block
}

output "public_subnet_ids" {
  description = "One per zone, in zone order: the ALB's."
  value       = aws_subnet.public[*].id
}

output "private_subnet_ids" {
  description = "One per zone, in zone order: EKS, RDS, MSK and OpenSearch."
  value       = aws_subnet.private[*].id
}

output "nat_gateway_public_ips" {
  description = "Addresses the private subnets reach the internet from (for allow-lists of outside services)."
  value       = aws_eip.nat[*].public_ip
}
