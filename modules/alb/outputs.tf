output "arn" {
  description = "ARN of the load balancer"
  value       = aws_lb.alb_alb.arn
}

output "arn_suffix" {
  description = "ARN suffix (CloudWatch dimension, request-count scaling label)"
  value       = aws_lb.alb_alb.arn_suffix
}

output "dns_name" {
  description = "DNS name of the load balancer"
  value       = aws_lb.alb_alb.dns_name
}

output "security_group_id" {
  description = "Security group of the load balancer"
  value       = aws_security_group.alb_firewall_sg.id
}

output "zone_id" {
  description = "Route 53 hosted zone of the load balancer (alias records)"
  value       = aws_lb.alb_alb.zone_id
}
