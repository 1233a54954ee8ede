"""Application log group and the workshop's Logs Insights queries as saved query definitions."""
from __future__ import annotations

from generator.aws import CloudwatchLogGroup, CloudwatchQueryDefinition, Construct
from generator.config.model import LogsConfig


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


class Logs(Construct):
    """The tasks' log group; saved queries over it and over Container Insights performance logs."""

    def __init__(self, scope: Construct, id_: str, *, config: LogsConfig, prefix: str, cluster_name: str,
                 front_service: str | None, front_stream_prefix: str | None):
        super().__init__(scope, id_)
        self.group = CloudwatchLogGroup(self, "tasks", name=config.group, retention_in_days=config.retention_days)
        if not (config.saved_queries and front_service and front_stream_prefix):
            return
        performance = f"/aws/ecs/containerinsights/{cluster_name}/performance"
        for key, query in workshop_queries(front_stream_prefix, front_service).items():
            groups = [config.group] if key == "recent-logs" else [performance]
            CloudwatchQueryDefinition(self, key, name=f"{prefix}/{key}", query_string=query,
                                      log_group_names=groups)
