"""Application log group, the KMS key of the stack's logs, and the workshop's saved Logs Insights queries."""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import jsii

from generator.aws import CloudwatchLogGroup, CloudwatchQueryDefinition, Construct, IAspect, IConstruct, KmsKey
from generator.constructs.checks import suppress
from generator.constructs.context import StackContext

RETENTION_REASON = "retention is the environment's choice (logs.retention_days)"


def workshop_queries(stream_prefix: str, service: str) -> dict[str, str]:
    """The three queries the workshop runs, parameterised by the front-end service."""
    return {
        "recent-logs": (f"fields @timestamp, @logStream, @message | filter @logStream like /{stream_prefix}/ "
                        "| sort @timestamp desc | limit 10"),
        "container-utilization": (
            'fields @message | filter Type="Container" | filter @logStream like /FargateTelemetry/ '
            "| stats latest(ClusterName) as Cluster, avg(CpuUtilized) as AvgCpuUtilized, "
            "max(CpuUtilized) as PeakCpuUtilized, ceil(avg(MemoryUtilized)) as AvgMemUtilized, "
            "max(MemoryUtilized) as PeakMemUtilized by ContainerName, TaskDefinitionFamily "
            "| sort ContainerName asc"),
        "task-startup": (
            "fields ServiceName, TaskId, (PullStartedAt - CreatedAt) as ResourceProvisioning, "
            "(PullStoppedAt - PullStartedAt) as ContainerImageLoading, (StartedAt - PullStoppedAt) as Activation "
            f'| filter Type="Task" and ServiceName="{service}" | sort @timestamp desc | dedup TaskId'),
    }


def log_key_policy(ctx: StackContext) -> str:
    """Key policy: the account administers the key; CloudWatch Logs uses it for this account's groups.

    The service statement's confused-deputy control is the encryption context CloudWatch Logs sends
    with every call, the ARN of the log group (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/
    encrypt-log-data-kms.html: it restricts the key "to be used with a single account and log group"):
    only this account's log groups in this region may use the key. That page documents no
    aws:SourceAccount/aws:SourceArn for log-group encryption, and a condition on a key the service does
    not send would deny it.
    """
    return json.dumps({"Version": "2012-10-17", "Statement": [
        {"Sid": "AccountAdministers", "Effect": "Allow",
         "Principal": {"AWS": f"arn:{ctx.partition}:iam::{ctx.account_id}:root"}, "Action": "kms:*", "Resource": "*"},
        {"Sid": "CloudWatchLogsEncrypts", "Effect": "Allow",
         "Principal": {"Service": f"logs.{ctx.region}.amazonaws.com"},
         "Action": ["kms:Decrypt*", "kms:Describe*", "kms:Encrypt*", "kms:GenerateDataKey*", "kms:ReEncrypt*"],
         "Resource": "*",
         "Condition": {"ArnLike": {"kms:EncryptionContext:aws:logs:arn": ctx.arn("logs", "log-group:*")}}},
    ]})


@jsii.implements(IAspect)
class EncryptLogGroups:
    """Aspect: every log group of the stack that names no key is encrypted with the logs key."""

    def __init__(self, key_arn: str):
        self._key_arn = key_arn

    def visit(self, node: IConstruct) -> None:
        """Called by cdktf for every construct before synthesis."""
        if isinstance(node, CloudwatchLogGroup) and node.kms_key_id_input is None:
            node.kms_key_id = self._key_arn


@dataclass(frozen=True)
class FrontEnd:
    """The service the saved queries follow: its name and its awslogs stream prefix."""

    service: str
    stream_prefix: str


@dataclass(frozen=True)
class LogsProps:
    """The tasks' log group. Defaults: kept 30 days; the workshop's saved queries when `front_end` is given."""

    prefix: str
    group: str
    cluster_name: str
    retention_days: Any = 30
    front_end: FrontEnd | None = None


class Logs(Construct):
    """The tasks' log group and the logs KMS key; saved queries over the group and Container Insights logs."""

    def __init__(self, scope: Construct, id_: str, props: LogsProps, *, ctx: StackContext):
        super().__init__(scope, id_)
        self.key = KmsKey(self, "key", description=f"{props.prefix}: CloudWatch Logs encryption",
                          enable_key_rotation=True, deletion_window_in_days=7, policy=log_key_policy(ctx))
        self.group = CloudwatchLogGroup(self, "tasks", name=props.group, retention_in_days=props.retention_days,
                                        kms_key_id=self.key.arn)
        suppress(self.group, "CKV_AWS_338", RETENTION_REASON)
        if props.front_end is None:
            return
        performance = f"/aws/ecs/containerinsights/{props.cluster_name}/performance"
        for key, query in workshop_queries(props.front_end.stream_prefix, props.front_end.service).items():
            groups = [props.group] if key == "recent-logs" else [performance]
            CloudwatchQueryDefinition(self, key, name=f"{props.prefix}/{key}", query_string=query,
                                      log_group_names=groups)
