"""A Fargate service: its security group, task definition, ECS service, load balancing, autoscaling."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from generator.aws import (
    Construct,
    EcsService,
    EcsTaskDefinition,
    Fn,
    LbTargetGroup,
    SecurityGroupRule,
    Token,
    blocks,
)
from generator.constructs.autoscaling import AutoscalingProps, ServiceAutoscaling
from generator.constructs.cluster import ICluster
from generator.constructs.container import ContainerProps, container_definition
from generator.constructs.context import StackContext
from generator.constructs.discovery import DiscoveryBase, DiscoveryEntry
from generator.constructs.load_balancer import LoadBalancerBase
from generator.constructs.security import HTTPS_OUT, EgressRule, Firewall, allow_call
from generator.constructs.tokens import Number, construct_id, is_token, json_text
from generator.constructs.traffic_shift import TrafficShift, TrafficShiftProps
from generator.strategies import ECS_NATIVE_FEATURE, deployment_controller, is_ecs_native, shifts_traffic
from generator.targets import Feature

REQUEST_COUNT = "ALBRequestCountPerTarget"


@dataclass(frozen=True)
class LoadBalancingProps:
    """The service behind the ALB: its listener, target group and route (default route unless path patterns)."""

    listener_port: Number
    target_group_name: str
    health_check_path: str
    path_patterns: Sequence[str] = ()
    priority: int | None = None


@dataclass(frozen=True)
class ServiceProps:
    """One Fargate service and its task definition.

    Defaults: 1 task, X86_64, rolling deployments (100 %..200 %) with circuit breaker and rollback,
    ECS Exec off, egress HTTPS only (`egress`), no sidecars, launch type FARGATE (no `capacity_provider_strategy`),
    no load balancer, in no namespace (`discovery`), no discovery entry, no autoscaling, not
    deployed by a pipeline.
    `sidecars`: container definitions (ECS's shape) after the main container, or a Terraform list of them.
    `pipeline_strategy` (generator.strategies): "blue_green" gives the CODE_DEPLOY deployment controller and
    no Service Connect; the ECS-native strategies need `traffic_shift`. `dns_discovery`: also register a Cloud
    Map DNS name for callers outside Service Connect.
    """

    name: str
    family: str
    security_group_name: str
    cluster: ICluster
    vpc_id: str
    subnet_ids: Sequence[str]
    log_group: str
    container: ContainerProps
    execution_role_arn: str
    cpu: Any = 1024
    memory: Any = 2048
    task_role_arn: str | None = None
    cpu_architecture: str = "X86_64"
    desired_count: Any = 1
    enable_execute_command: Any = False
    deployment_minimum_healthy_percent: Any = 100
    deployment_maximum_percent: Any = 200
    discovery: DiscoveryBase | None = None
    discovery_entry: DiscoveryEntry | None = None
    load_balancer: LoadBalancerBase | None = None
    load_balancing: LoadBalancingProps | None = None
    autoscaling: AutoscalingProps | None = None
    pipeline_strategy: str | None = None
    traffic_shift: TrafficShiftProps | None = None
    dns_discovery: bool = False
    egress: Sequence[EgressRule] = (HTTPS_OUT,)
    sidecars: Sequence[dict] | Any = ()


def owned_by_others(autoscaling: bool, pipeline_strategy: str | None) -> list[str]:
    """Service attributes something else changes after apply, so Terraform must not revert them.

    - desired_count: Application Auto Scaling sets it.
    - task_definition: the pipeline registers and deploys new revisions.
    - load_balancer: CodeDeploy blue/green, and ECS-native blue/green, linear and canary, move the service
      between the two target groups (after a deployment the alternate group is the one in use).
    """
    owned = ["desired_count"] if autoscaling else []
    if pipeline_strategy:
        owned.append("task_definition")
    if shifts_traffic(pipeline_strategy):
        owned.append("load_balancer")
    return owned


class FargateService(Construct):
    """One ECS service on Fargate in private subnets, without public IPs."""

    def __init__(self, scope: Construct, id_: str, props: ServiceProps, *, ctx: StackContext):
        super().__init__(scope, id_)
        self.props = props
        self.name = props.name
        self.cluster_name = props.cluster.name_ref  # deploy resources come after the cluster
        controller = deployment_controller(props.pipeline_strategy)
        if is_ecs_native(props.pipeline_strategy):
            assert props.pipeline_strategy is not None
            ctx.target.require(ECS_NATIVE_FEATURE[props.pipeline_strategy],
                               f"strategy {props.pipeline_strategy} of service {props.name}")
        self.firewall = Firewall(self, "firewall", name=props.security_group_name,
                                 description=f"ECS service {props.name}", vpc_id=props.vpc_id)
        for rule in props.egress:
            self.firewall.allow_out(rule.port, rule.description, cidrs=list(rule.cidrs))
        self.container = container_definition(props.container, region=ctx.region, log_group=props.log_group,
                                              named_port=ctx.service_connect)
        self.task_definition = EcsTaskDefinition(
            self, "task", family=props.family, network_mode="awsvpc", requires_compatibilities=["FARGATE"],
            cpu=str(props.cpu), memory=str(props.memory), execution_role_arn=props.execution_role_arn,
            task_role_arn=props.task_role_arn, container_definitions=self._definitions(props.sidecars))
        if props.cpu_architecture == "ARM64":
            ctx.target.require(Feature.RUNTIME_PLATFORM, f"services.{props.name}.cpu_architecture")
        if ctx.target.supports(Feature.RUNTIME_PLATFORM):
            self.task_definition.put_runtime_platform(cpu_architecture=props.cpu_architecture,
                                                       operating_system_family="LINUX")
        balancing, alb = props.load_balancing, props.load_balancer
        self.target_group: LbTargetGroup | None = None
        self.alb_egress: SecurityGroupRule | None = None  # the load balancer's rule to this service's group
        self.traffic_shift: TrafficShift | None = None
        depends: list = []
        if balancing and alb:
            self.target_group = alb.target_group(
                construct_id(self, f"{self.name}-tg"), name=balancing.target_group_name, port=props.container.port,
                health_path=balancing.health_check_path, health=props.container.health)
            depends.append(alb.listeners[balancing.listener_port])  # a target group must be on a listener first
            if props.traffic_shift is not None:
                # ECS checks the rules and assumes the infrastructure role when it creates the service
                self.traffic_shift = TrafficShift(
                    self, "traffic-shift", props.traffic_shift, service_name=self.name, alb=alb,
                    listener_port=balancing.listener_port, primary=self.target_group,
                    container_port=props.container.port, health_path=balancing.health_check_path,
                    health=props.container.health)
                depends += self.traffic_shift.dependencies
        self.service = EcsService(
            self, "service", name=props.name, cluster=props.cluster.arn, task_definition=self.task_definition.arn,
            desired_count=props.desired_count, launch_type="FARGATE", platform_version="LATEST",
            enable_execute_command=props.enable_execute_command, propagate_tags="SERVICE",
            enable_ecs_managed_tags=True,
            deployment_minimum_healthy_percent=props.deployment_minimum_healthy_percent,
            deployment_maximum_percent=props.deployment_maximum_percent,
            network_configuration={"subnets": list(props.subnet_ids), "security_groups": [self.firewall.id],
                                   "assign_public_ip": False},
            deployment_controller={"type": controller},
            deployment_circuit_breaker={"enable": True, "rollback": True} if controller == "ECS" else None,
            depends_on=depends or None)
        if balancing and alb:
            self._load_balance(alb, balancing)
        shift = props.traffic_shift
        if props.discovery is not None:
            props.discovery.attach(self.service, props.name, props.discovery_entry, props.container.name,
                                   connect=controller == "ECS", dns=props.dns_discovery,
                                   test_header=shift.test_header if shift else None)
        self.ignored_changes = owned_by_others(props.autoscaling is not None, props.pipeline_strategy)
        if self.ignored_changes:
            self.service.add_override("lifecycle.ignore_changes", self.ignored_changes)
        self.autoscaling = None
        if props.autoscaling:
            label = None
            if props.autoscaling.metric == REQUEST_COUNT and self.target_group and alb:
                label = f"{alb.arn_suffix}/{self.target_group.arn_suffix}"
            self.autoscaling = ServiceAutoscaling(
                self, "autoscaling", props.autoscaling, cluster_name=props.cluster.name, service_name=props.name,
                resource_label=label, depends_on=[self.service])

    def _definitions(self, sidecars: Sequence[dict] | Any) -> str:
        """The task's container definitions as JSON text: the main container, then the sidecars."""
        if is_token(sidecars):
            return Token.as_string(Fn.jsonencode(Fn.concat([[self.container], sidecars])))
        return json_text([self.container, *sidecars])

    def _load_balance(self, alb: LoadBalancerBase, balancing: LoadBalancingProps) -> None:
        """Route the listener to the target group (ECS-native: the traffic shift's rules do), open the firewalls."""
        assert self.target_group is not None
        container = self.props.container
        entry = {"target_group_arn": self.target_group.arn, "container_name": container.name,
                 "container_port": container.port}
        if self.traffic_shift is None:
            alb.route(balancing.listener_port, self.target_group.arn, balancing.path_patterns, balancing.priority)
        else:
            entry["advanced_configuration"] = self.traffic_shift.advanced_configuration()
            self.service.put_deployment_configuration(**self.traffic_shift.deployment_configuration())
            if self.traffic_shift.props.alarms:
                # ECS rolls back when an alarm goes to ALARM during the deployment or its bake time
                # (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-alarm-failure.html)
                self.service.put_alarms(alarm_names=list(self.traffic_shift.props.alarms), enable=True, rollback=True)
        self.alb_egress = alb.firewall.allow_out(container.port, f"to service {self.name}", peer=self.firewall.id)
        self.firewall.allow_in(container.port, "from the ALB", peer=alb.firewall.id)
        self.service.put_load_balancer(blocks([entry]))
        self.service.health_check_grace_period_seconds = max(container.health.start_period, 30)

    def allow_caller(self, caller: FargateService) -> None:
        """Let another service of the stack call this one on its container port."""
        allow_call(caller.firewall, self.firewall, self.props.container.port, caller_name=caller.name,
                   callee_name=self.name)
