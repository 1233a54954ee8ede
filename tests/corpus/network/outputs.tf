output "vpc_id" {
  value = aws_vpc.main.id
}

output "private_subnet_ids" {
  value = aws_subnet.private[*].id
}

output "customer_gateway_id" {
  value = aws_customer_gateway.office.id
}

output "zone_id" {
  value = aws_route53_zone.private.zone_id
}
