"""ECS cluster with Container Insights and, where the target has it, ECS Exec logging settings."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from generator.aws import Construct, EcsCluster, EcsClusterCapacityProviders, blocks
from generator.constructs.checks import suppress
from generator.constructs.tokens import choose
from generator.targets import Feature, ProviderTarget

#: the capacity providers of AWS Fargate ("specify either the FARGATE or FARGATE_SPOT capacity providers"
#: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CapacityProviderStrategyItem.html)
FARGATE_PROVIDERS = ("FARGATE", "FARGATE_SPOT")


class ICluster(Protocol):
    """What a service needs of its cluster."""

    @property
    def name(self) -> str:
        """The cluster's name as configured (for ARNs and resource ids)."""

    @property
    def name_ref(self) -> str:
        """The name as a reference to the cluster, so what uses it is created after the cluster."""

    @property
    def arn(self) -> str: ...


@dataclass(frozen=True)
class ClusterAttributes:
    """A cluster made elsewhere (`Cluster.from_attributes`)."""

    name: str
    arn: str

    @property
    def name_ref(self) -> str:
        return self.name


@dataclass(frozen=True)
class ClusterProps:
    """The cluster. Defaults: Container Insights on, no capacity providers (`capacity_providers`: FARGATE and/or
    FARGATE_SPOT, a list or a Terraform list, for services' capacity provider strategies)."""

    name: str
    container_insights: Any = True
    capacity_providers: Sequence[str] = ()


class Cluster(Construct):
    """The ECS cluster every service runs in."""

    def __init__(self, scope: Construct, id_: str, props: ClusterProps, *, target: ProviderTarget):
        super().__init__(scope, id_)
        self.name = props.name
        insights = choose(props.container_insights, "enabled", "disabled")
        self.cluster = EcsCluster(self, "cluster", name=props.name,
                                  setting=blocks([{"name": "containerInsights", "value": insights}]))
        if target.supports(Feature.ECS_EXEC_LOGGING):
            # ECS Exec sessions log through each task's own awslogs configuration.
            self.cluster.put_configuration(execute_command_configuration={"logging": "DEFAULT"})
            suppress(self.cluster, "CKV_AWS_224", "ECS Exec output goes to each task's KMS-encrypted awslogs group; "
                                                  "a session CMK needs kms grants for every caller (opt-in)")
        #: the separate capacity providers resource (targets >= 4.0 with providers), which services must follow
        self.capacity_providers: EcsClusterCapacityProviders | None = None
        if not target.supports(Feature.ECS_CLUSTER_CAPACITY_PROVIDERS_OPTIONAL):
            self.cluster.add_override("capacity_providers", list(props.capacity_providers))
        elif props.capacity_providers:
            self.capacity_providers = EcsClusterCapacityProviders(
                self, "capacity-providers", cluster_name=self.cluster.name,
                capacity_providers=list(props.capacity_providers))

    @property
    def name_ref(self) -> str:
        return self.cluster.name

    @property
    def arn(self) -> str:
        return self.cluster.arn

    @staticmethod
    def from_attributes(name: str, arn: str) -> ICluster:
        """A cluster made elsewhere."""
        return ClusterAttributes(name=name, arn=arn)
