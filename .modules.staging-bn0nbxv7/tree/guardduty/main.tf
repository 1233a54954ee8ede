resource "aws_guardduty_detector" "guardduty_detector" {
  # checkov:skip=CKV2_AWS_3:one account's detector; organization-wide enablement is the organization's delegated administrator's job
  enable = true
  tags   = var.tags
}

resource "aws_guardduty_detector_feature" "guardduty_runtime_monitoring" {
  detector_id = aws_guardduty_detector.guardduty_detector.id
  name        = "RUNTIME_MONITORING"
  status      = var.runtime_monitoring ? "ENABLED" : "DISABLED"

  additional_configuration {
    name   = "ECS_FARGATE_AGENT_MANAGEMENT"
    status = var.runtime_monitoring ? "ENABLED" : "DISABLED"
  }
}
