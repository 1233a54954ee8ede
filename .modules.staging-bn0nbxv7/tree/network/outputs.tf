output "private_subnet_ids" {
  description = "Private subnet ids (tasks, databases)"
  value       = [aws_subnet.network_private_0.id, aws_subnet.network_private_1.id]
}

output "public_subnet_ids" {
  description = "Public subnet ids (load balancer, NAT)"
  value       = [aws_subnet.network_public_0.id, aws_subnet.network_public_1.id]
}

output "vpc_cidr_block" {
  description = "CIDR block of the VPC"
  value       = aws_vpc.network_vpc.cidr_block
}

output "vpc_id" {
  description = "VPC id"
  value       = aws_vpc.network_vpc.id
}
