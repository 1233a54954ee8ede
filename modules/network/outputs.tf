output "private_subnet_ids" {
  description = "Private subnet ids (tasks, databases), one per zone"
  value       = concat([aws_subnet.network_private_0.id], [aws_subnet.network_private_1.id], aws_subnet.network_private_2[*].id, aws_subnet.network_private_3[*].id, aws_subnet.network_private_4[*].id, aws_subnet.network_private_5[*].id)
}

output "public_subnet_ids" {
  description = "Public subnet ids (load balancer, NAT), one per zone"
  value       = concat([aws_subnet.network_public_0.id], [aws_subnet.network_public_1.id], aws_subnet.network_public_2[*].id, aws_subnet.network_public_3[*].id, aws_subnet.network_public_4[*].id, aws_subnet.network_public_5[*].id)
}

output "vpc_cidr_block" {
  description = "CIDR block of the VPC"
  value       = aws_vpc.network_vpc.cidr_block
}

output "vpc_id" {
  description = "VPC id"
  value       = aws_vpc.network_vpc.id
}
