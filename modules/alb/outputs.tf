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

output "http_listener_arn" {
  description = "The HTTP listener (forwarding, or redirecting to HTTPS; null without it)"
  value       = one(concat(aws_lb_listener.http[*].arn, aws_lb_listener.http_redirect[*].arn))
}

output "https_listener_arn" {
  description = "The HTTPS listener (null without certificate_arns)"
  value       = one(aws_lb_listener.https[*].arn)
}

output "listener_arn" {
  description = "The listener services attach to: HTTPS with certificate_arns, else HTTP (null without listeners)"
  value       = length(var.certificate_arns) > 0 ? one(aws_lb_listener.https[*].arn) : one(aws_lb_listener.http[*].arn)
}

output "security_group_id" {
  description = "Security group of the load balancer"
  value       = aws_security_group.alb_firewall_sg.id
}

output "zone_id" {
  description = "Route 53 hosted zone of the load balancer (alias records)"
  value       = aws_lb.alb_alb.zone_id
}
