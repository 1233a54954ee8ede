variable "queue_name" {
  type = string
}

resource "aws_cloudwatch_metric_alarm" "backlog" {
  alarm_name          = "${var.queue_name}-backlog"
  namespace           = "AWS/SQS"
  metric_name         = "ApproximateNumberOfMessagesVisible"
  dimensions          = { QueueName = var.queue_name }
  statistic           = "Maximum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 10
  comparison_operator = "GreaterThanThreshold"
}
