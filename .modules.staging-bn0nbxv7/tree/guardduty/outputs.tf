output "detector_id" {
  description = "Id of the GuardDuty detector"
  value       = aws_guardduty_detector.guardduty_detector.id
}
