"""A Fargate service: its security group, task definition, ECS service, load balancing, autoscaling."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

from generator.aws import Construct, blocks, EcsService, EcsTaskDefinition, LbTargetGroup
from generator.config.model import ServiceConfig
from generator.constructs.autoscaling import ServiceAutoscaling
from generator.constructs.cluster import Cluster
from generator.constructs.container import container_definition
from generator.constructs.context import StackContext
from generator.constructs.discovery import Discovery
from generator.constructs.load_balancer import LoadBalancer
from generator.constructs.security import Firewall
from generator.constructs.tokens import construct_id, json_text
from generator.targets import Feature


@dataclass
class ServiceWiring:
    """What a service is given by the stack: resolved values and shared constructs."""

    cluster: Cluster
    vpc_id: str
    subnet_ids: list[str]
    log_group: str
    execution_role_arn: str
    task_role_arn: str | None
    discovery: Discovery
    environment: Mapping[str, str] = field(default_factory=dict)
    secrets: Mapping[str, str] = field(default_factory=dict)
    alb: LoadBalancer | None = None


def owned_by_others(autoscaling: bool, pipeline_strategy: str | None) -> list[str]:
    """Service attributes something else changes after apply, so Terraform must not revert them.

    - desired_count: Application Auto Scaling sets it.
    - task_definition: the pipeline registers and deploys new revisions.
    - load_balancer: CodeDeploy blue/green moves the service between the two target groups.
    """
    owned = ["desired_count"] if autoscaling else []
    if pipeline_strategy:
        owned.append("task_definition")
    if pipeline_strategy == "blue_green":
        owned.append("load_balancer")
    return owned


class FargateService(Construct):
    """One ECS service on Fargate in private subnets, without public IPs."""

    def __init__(self, scope: Construct, id_: str, *, ctx: StackContext, name: str, svc: ServiceConfig,
                 wiring: ServiceWiring, pipeline_strategy: str | None = None):
        super().__init__(scope, id_)
        self.name = name
        self.config = svc
        self.cluster_name = wiring.cluster.cluster.name  # a reference: deploy resources come after the cluster
        deployment_controller = "CODE_DEPLOY" if pipeline_strategy == "blue_green" else "ECS"
        self.firewall = Firewall(self, "firewall", name=f"{ctx.env.prefix}-{name}",
                                 description=f"ECS service {name}", vpc_id=wiring.vpc_id)
        self.firewall.allow_out(443, "HTTPS to AWS APIs and image registries", cidrs=["0.0.0.0/0"])
        self.container = container_definition(
            svc, image=svc.image, region=ctx.region, log_group=wiring.log_group, environment=wiring.environment,
            secrets=wiring.secrets, named_port=ctx.service_connect)
        self.task_definition = EcsTaskDefinition(
            self, "task", family=svc.family or name, network_mode="awsvpc", requires_compatibilities=["FARGATE"],
            cpu=str(svc.cpu), memory=str(svc.memory), execution_role_arn=wiring.execution_role_arn,
            task_role_arn=wiring.task_role_arn, container_definitions=json_text([self.container]))
        if ctx.target.supports(Feature.RUNTIME_PLATFORM):
            self.task_definition.put_runtime_platform(cpu_architecture=svc.cpu_architecture,
                                                       operating_system_family="LINUX")
        self.target_group: LbTargetGroup | None = None
        lb = svc.load_balancer
        listener = wiring.alb.listeners[lb.listener_port] if lb and wiring.alb and lb.listener_port else None
        self.service = EcsService(
            self, "service", name=name, cluster=wiring.cluster.arn, task_definition=self.task_definition.arn,
            desired_count=svc.desired_count, launch_type="FARGATE", platform_version="LATEST",
            enable_execute_command=svc.exec, propagate_tags="SERVICE", enable_ecs_managed_tags=True,
            deployment_minimum_healthy_percent=svc.deployment_minimum_healthy_percent,
            deployment_maximum_percent=svc.deployment_maximum_percent,
            network_configuration={"subnets": wiring.subnet_ids, "security_groups": [self.firewall.id],
                                   "assign_public_ip": False},
            deployment_controller={"type": deployment_controller},
            deployment_circuit_breaker={"enable": True, "rollback": True} if deployment_controller == "ECS" else None,
            depends_on=[listener] if listener else None)  # a target group must be attached to a listener first
        if svc.load_balancer and wiring.alb:
            self._load_balance(wiring.alb)
        wiring.discovery.attach(self.service, name, svc)
        self.ignored_changes = owned_by_others(bool(svc.autoscaling), pipeline_strategy)
        if self.ignored_changes:
            self.service.add_override("lifecycle.ignore_changes", self.ignored_changes)
        self.autoscaling = None
        if svc.autoscaling:
            label = None
            if svc.autoscaling.metric == "ALBRequestCountPerTarget" and self.target_group and wiring.alb:
                label = f"{wiring.alb.alb.arn_suffix}/{self.target_group.arn_suffix}"
            self.autoscaling = ServiceAutoscaling(
                self, "autoscaling", cluster_name=wiring.cluster.name, service_name=name, config=svc.autoscaling,
                resource_label=label, depends_on=[self.service])

    def _load_balance(self, alb: LoadBalancer) -> None:
        lb = self.config.load_balancer
        assert lb is not None and lb.listener_port is not None and lb.target_group_name is not None
        self.target_group = alb.target_group(construct_id(f"{self.name}-tg"), name=lb.target_group_name, port=self.config.port,
                                             health_path=lb.health_check_path or "/",
                                             health=self.config.health_check)
        alb.route(lb.listener_port, self.target_group.arn, lb.path_patterns, lb.priority)
        alb.firewall.allow_out(self.config.port, f"to service {self.name}", peer=self.firewall.id)
        self.firewall.allow_in(self.config.port, "from the ALB", peer=alb.firewall.id)
        self.service.put_load_balancer(blocks([{"target_group_arn": self.target_group.arn,
                                         "container_name": self.config.container_name,
                                         "container_port": self.config.port}]))
        self.service.health_check_grace_period_seconds = max(self.config.health_check.start_period, 30)

    def allow_caller(self, caller: "FargateService") -> None:
        """Let another service of the stack call this one on its container port."""
        self.firewall.allow_in(self.config.port, f"from service {caller.name}", peer=caller.firewall.id)
        caller.firewall.allow_out(self.config.port, f"to service {self.name}", peer=self.firewall.id)
