"""ecs-cluster: the cluster and the Cloud Map namespace its services share."""
from __future__ import annotations

from generator.constructs.cluster import FARGATE_PROVIDERS, Cluster, ClusterProps
from generator.constructs.discovery import Discovery
from generator.modules import inputs
from generator.modules.base import ModuleStack
from generator.targets import Feature

DESCRIPTION = """ECS cluster (Container Insights on or off; ECS Exec sessions log through the tasks' own
awslogs configuration where the provider has `execute_command_configuration`; the FARGATE and FARGATE_SPOT
capacity providers registered for the services' `capacity_provider_strategy`: inline `capacity_providers`
on hashicorp/aws 3.x, `aws_ecs_cluster_capacity_providers` from 4.0) and the private
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
    # "To use a Fargate capacity provider, specify either the FARGATE or FARGATE_SPOT capacity providers"
    # https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CapacityProviderStrategyItem.html
    providers = stack.variable("capacity_providers", "list(string)", "Capacity providers the cluster registers, for "
                               "the services' capacity_provider_strategy", list(FARGATE_PROVIDERS), validations=[
        (f"alltrue([for p in var.capacity_providers : contains({inputs.hcl(FARGATE_PROVIDERS)}, p)])",
         f"Each must be one of {', '.join(FARGATE_PROVIDERS)}.")])
    inputs.tags(stack)
    cluster = Cluster(stack, "cluster", ClusterProps(name=name.string, container_insights=insights.value,
                                                     capacity_providers=providers.list), target=stack.target)
    discovery = Discovery(stack, "discovery", namespace=namespace.string, vpc_id=vpc.string,
                          service_connect=stack.target.supports(Feature.SERVICE_CONNECT))
    # services may name the capacity providers only once the cluster has them
    registered = [cluster.capacity_providers] if cluster.capacity_providers else []
    stack.output("name", cluster.name_ref, "Name of the cluster", depends_on=registered)
    stack.output("arn", cluster.arn, "ARN of the cluster", depends_on=registered)
    stack.output("namespace", {"id": discovery.namespace.id, "arn": discovery.namespace.arn,
                               "name": discovery.namespace.name},
                 "The services' Cloud Map namespace: id, arn and name (the ecs-service modules' `namespace`)")
