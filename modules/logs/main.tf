data "aws_caller_identity" "caller" {

}

data "aws_partition" "partition" {

}

data "aws_region" "region" {

}

resource "aws_cloudwatch_log_group" "logs_tasks" {
  # checkov:skip=CKV_AWS_338:retention is the environment's choice (logs.retention_days)
  kms_key_id        = aws_kms_key.logs_key.arn
  name              = var.log_group_name
  retention_in_days = var.retention_days
  tags              = var.tags
}

resource "aws_cloudwatch_query_definition" "logs_container_utilization" {
  count           = var.saved_queries != null ? 1 : 0
  log_group_names = ["/aws/ecs/containerinsights/${var.saved_queries.cluster_name}/performance"]
  name            = "${var.name_prefix}/container-utilization"
  query_string    = "fields @message | filter Type=\"Container\" | filter @logStream like /FargateTelemetry/ | stats latest(ClusterName) as Cluster, avg(CpuUtilized) as AvgCpuUtilized, max(CpuUtilized) as PeakCpuUtilized, ceil(avg(MemoryUtilized)) as AvgMemUtilized, max(MemoryUtilized) as PeakMemUtilized by ContainerName, TaskDefinitionFamily | sort ContainerName asc"
}

resource "aws_cloudwatch_query_definition" "logs_recent_logs" {
  count           = var.saved_queries != null ? 1 : 0
  log_group_names = [var.log_group_name]
  name            = "${var.name_prefix}/recent-logs"
  query_string    = "fields @timestamp, @logStream, @message | filter @logStream like /${var.saved_queries.front_stream_prefix}/ | sort @timestamp desc | limit 10"
}

resource "aws_cloudwatch_query_definition" "logs_task_startup" {
  count           = var.saved_queries != null ? 1 : 0
  log_group_names = ["/aws/ecs/containerinsights/${var.saved_queries.cluster_name}/performance"]
  name            = "${var.name_prefix}/task-startup"
  query_string    = "fields ServiceName, TaskId, (PullStartedAt - CreatedAt) as ResourceProvisioning, (PullStoppedAt - PullStartedAt) as ContainerImageLoading, (StartedAt - PullStoppedAt) as Activation | filter Type=\"Task\" and ServiceName=\"${var.saved_queries.front_service}\" | sort @timestamp desc | dedup TaskId"
}

resource "aws_kms_key" "logs_key" {
  deletion_window_in_days = 7
  description             = "${var.name_prefix}: CloudWatch Logs encryption"
  enable_key_rotation     = true
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid    = "AccountAdministers"
        Effect = "Allow"
        Principal = {
          AWS = "arn:${data.aws_partition.partition.partition}:iam::${data.aws_caller_identity.caller.account_id}:root"
        }
        Action   = "kms:*"
        Resource = "*"
      },
      {
        Sid    = "CloudWatchLogsEncrypts"
        Effect = "Allow"
        Principal = {
          Service = "logs.${data.aws_region.region.region}.amazonaws.com"
        }
        Action   = ["kms:Decrypt*", "kms:Describe*", "kms:Encrypt*", "kms:GenerateDataKey*", "kms:ReEncrypt*"]
        Resource = "*"
        Condition = {
          ArnLike = {
            "kms:EncryptionContext:aws:logs:arn" = "arn:${data.aws_partition.partition.partition}:logs:${data.aws_region.region.region}:${data.aws_caller_identity.caller.account_id}:log-group:*"
          }
        }
      }
    ]
  })
  tags = var.tags
}
