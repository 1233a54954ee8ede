"""logs: the tasks' log group, the logs KMS key and the saved queries (generator.constructs.logs.Logs)."""
from __future__ import annotations

from generator.aws import CloudwatchQueryDefinition
from generator.constructs.logs import FrontEnd, Logs, LogsProps
from generator.constructs.tokens import when
from generator.modules import inputs
from generator.modules.base import ModuleStack

DESCRIPTION = """The log group the ECS tasks write to, the KMS key (rotated) that encrypts it and any other
log group given `kms_key_arn` (VPC flow logs, pipeline builds), and, with `saved_queries`, the
workshop's three saved CloudWatch Logs Insights queries: recent logs of the front-end service,
container utilization and task startup times from Container Insights.

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
    queries = stack.variable(
        "saved_queries", "object({cluster_name = string, front_service = string, front_stream_prefix = string})",
        "The workshop's saved queries: the ECS cluster whose Container Insights they read, the service the "
        "task-startup query follows and its awslogs stream prefix (null: no saved queries)", None)
    inputs.tags(stack)
    logs = Logs(stack, "logs", LogsProps(
        prefix=prefix.string, group=group.string, cluster_name=inputs.lookup(queries, "cluster_name"),
        retention_days=retention.number,
        front_end=FrontEnd(service=inputs.lookup(queries, "front_service"),
                           stream_prefix=inputs.lookup(queries, "front_stream_prefix"))),
                ctx=stack.context(account=True))
    for child in logs.node.children:
        if isinstance(child, CloudwatchQueryDefinition):
            when(child, "var.saved_queries != null")  # a literal or a module's outputs: known at plan time
    stack.output("log_group_name", logs.group.name, "Name of the tasks' log group")
    stack.output("log_group_arn", logs.group.arn, "ARN of the tasks' log group")
    stack.output("kms_key_arn", logs.key.arn, "KMS key for CloudWatch Logs groups of this account and region")
