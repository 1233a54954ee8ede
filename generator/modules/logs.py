"""logs: the tasks' log group, the logs KMS key and the saved queries (generator.constructs.logs.Logs)."""
from __future__ import annotations

from generator.constructs.logs import FrontEnd, Logs, LogsProps
from generator.modules import inputs
from generator.modules.base import ModuleStack

DESCRIPTION = """The log group the ECS tasks write to, the KMS key (rotated) that encrypts it and any other
log group given `kms_key_arn` (VPC flow logs, pipeline builds), and the workshop's three saved
CloudWatch Logs Insights queries: recent logs of the front-end service, container utilization and
task startup times from Container Insights.

The key policy lets the account administer the key and CloudWatch Logs of this account and region
use it for log groups.
"""


def build(stack: ModuleStack) -> None:
    """Inputs -> Logs construct -> outputs."""
    prefix = inputs.name(stack, "name_prefix", "Prefix of the key description and the saved query names")
    group = stack.variable("log_group_name", "string", "Name of the tasks' log group", validations=[
        ('can(regex("^[.\\\\-_/#A-Za-z0-9]{1,512}$", var.log_group_name))',
         "Use 1-512 characters of letters, digits, '_', '-', '/', '.', '#'.")])
    retention = inputs.retention(stack, "retention_days", "Days the tasks' log group keeps events")
    cluster = stack.variable("cluster_name", "string", "ECS cluster whose Container Insights the queries read")
    front = stack.variable("front_service", "string", "Service the task-startup query follows (the front end)")
    stream = stack.variable("front_stream_prefix", "string", "awslogs stream prefix of the front-end service's "
                                                             "containers (for the recent-logs query)")
    inputs.tags(stack)
    logs = Logs(stack, "logs", LogsProps(prefix=prefix.string, group=group.string, cluster_name=cluster.string,
                                         retention_days=retention.number,
                                         front_end=FrontEnd(service=front.string, stream_prefix=stream.string)),
                ctx=stack.context(account=True))
    stack.output("log_group_name", logs.group.name, "Name of the tasks' log group")
    stack.output("log_group_arn", logs.group.arn, "ARN of the tasks' log group")
    stack.output("kms_key_arn", logs.key.arn, "KMS key for CloudWatch Logs groups of this account and region")
