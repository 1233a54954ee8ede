"""ecs-cluster: the cluster and the Cloud Map namespace its services share."""
from __future__ import annotations

from generator.constructs.cluster import Cluster, ClusterProps
from generator.constructs.discovery import Discovery
from generator.modules import inputs
from generator.modules.base import ModuleStack
from generator.targets import Feature

DESCRIPTION = """ECS cluster (Container Insights on or off; ECS Exec sessions log through the tasks' own
awslogs configuration where the provider has `execute_command_configuration`) and the private
Cloud Map DNS namespace the services register in: Service Connect on hashicorp/aws >= 4.43,
Cloud Map DNS service discovery before (see the ecs-service module).
"""


def build(stack: ModuleStack) -> None:
    """Inputs -> Cluster and Discovery constructs -> outputs."""
    name = stack.variable("name", "string", "Name of the ECS cluster", validations=[
        ('can(regex("^[A-Za-z0-9_-]{1,255}$", var.name))', "Use 1-255 letters, digits, hyphens, underscores.")])
    insights = stack.variable("container_insights", "bool", "Whether Container Insights collects task metrics", True)
    namespace = stack.variable("namespace", "string", "Private DNS namespace of the services, e.g. retailstore.local",
                               validations=[('can(regex("^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\\\.[a-z0-9]([a-z0-9-]*'
                                             '[a-z0-9])?)*$", var.namespace))',
                                             "Must be a DNS name (lower case), e.g. retailstore.local.")])
    vpc = stack.variable("vpc_id", "string", "VPC the namespace resolves in")
    inputs.tags(stack)
    cluster = Cluster(stack, "cluster", ClusterProps(name=name.string, container_insights=insights.value),
                      target=stack.target)
    discovery = Discovery(stack, "discovery", namespace=namespace.string, vpc_id=vpc.string,
                          service_connect=stack.target.supports(Feature.SERVICE_CONNECT))
    stack.output("name", cluster.name_ref, "Name of the cluster")
    stack.output("arn", cluster.arn, "ARN of the cluster")
    stack.output("namespace", {"id": discovery.namespace.id, "arn": discovery.namespace.arn,
                               "name": discovery.namespace.name},
                 "The services' Cloud Map namespace: id, arn and name (the ecs-service modules' `namespace`)")
