"""ECS cluster with Container Insights and, where the target has it, ECS Exec logging settings."""
from __future__ import annotations

from generator.aws import Construct, EcsCluster, blocks
from generator.config.model import ClusterConfig
from generator.constructs.checks import suppress
from generator.constructs.tokens import choose
from generator.targets import Feature, ProviderTarget


class Cluster(Construct):
    """The ECS cluster every service runs in."""

    def __init__(self, scope: Construct, id_: str, *, config: ClusterConfig, target: ProviderTarget):
        super().__init__(scope, id_)
        self.name = config.name
        insights = choose(config.container_insights, "enabled", "disabled")
        self.cluster = EcsCluster(self, "cluster", name=config.name,
                                  setting=blocks([{"name": "containerInsights", "value": insights}]))
        if target.supports(Feature.ECS_EXEC_LOGGING):
            # ECS Exec sessions log through each task's own awslogs configuration.
            self.cluster.put_configuration(execute_command_configuration={"logging": "DEFAULT"})
            suppress(self.cluster, "CKV_AWS_224", "ECS Exec output goes to each task's KMS-encrypted awslogs group; "
                                                  "a session CMK needs kms grants for every caller (opt-in)")
        if target.major < 4:
            # 3.x keeps capacity providers inline and plans `+ capacity_providers = []` when unset.
            self.cluster.add_override("capacity_providers", [])

    @property
    def arn(self) -> str:
        return self.cluster.arn
