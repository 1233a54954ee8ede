"""ecs-service and ecs-service-alb: one Fargate service (generator.constructs.service.FargateService)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.aws import Fn, TerraformLocal, Token
from generator.config.model import IMAGE, NAME
from generator.constructs.autoscaling import AutoscalingProps
from generator.constructs.checks import suppress
from generator.constructs.cluster import FARGATE_PROVIDERS, Cluster
from generator.constructs.container import ContainerProps, HealthCheckProps
from generator.constructs.discovery import Discovery, DiscoveryEntry
from generator.constructs.load_balancer import LoadBalancer, LoadBalancerBase
from generator.constructs.service import FargateService, LoadBalancingProps, ServiceProps
from generator.constructs.tokens import expression
from generator.constructs.traffic_shift import TrafficShiftProps
from generator.modules import inputs, routing, service_firewall
from generator.modules.base import UNSET, Input, ModuleStack, unless_error
from generator.modules.service_roles import SECRETS_VALIDATION, service_roles
from generator.strategies import deployment_controller, shifts_traffic
from generator.targets import Feature

#: health check timings of every service of the workshop (the generator's defaults)
FIXED_HEALTH = {k: inputs.default(HealthCheckProps, k) for k in ("interval", "timeout", "retries", "start_period")}
SERVICE_METRICS = ["ECSServiceAverageCPUUtilization", "ECSServiceAverageMemoryUtilization"]
ALB_METRIC = "ALBRequestCountPerTarget"

COMMON = f"""Fargate task definition (awsvpc, the main container with its health check and awslogs logging,
then any sidecars), the ECS service in private subnets without public IPs (rolling deployments with
circuit breaker and rollback; launch type FARGATE, or `capacity_provider_strategy`), its security
group, Application Auto Scaling target tracking, and discovery in the cluster's namespace: Service
Connect (a named port mapping and a client alias) on hashicorp/aws >= 4.43, a Cloud Map DNS service
(`<discovery_name>.<namespace>`) before. The `url` output is what other services call:
`http://<client_alias>[:<client_port>]` with Service Connect,
`http://<discovery_name>.<namespace>:<container_port>` on older renderings (the output's description in
each rendering says which). Callers outside Service Connect (a CodeDeploy blue/green service: Service
Connect supports only the ECS deployment controller) call `dns_url`: with Service Connect the service
also registers the Cloud Map DNS name `<discovery_name>-dns.<namespace>`.

Names derive from `name`: the task definition `family`, `discovery_name` (and from it `client_alias`),
`log_stream_prefix`, the created roles (`<name>-execution`, `<name>-task`) and, behind a load balancer,
`target_group_name` default to it; the security group is `<name_prefix>-<name>` (or `<name>`). Give any
of them to override. Role names are account-wide (IAM names are unique within the account:
https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html), so two stacks in one account
need different service names, e.g. `name = "<stack>-<service>"`: `name_prefix` prefixes only the
security group.

Knobs:
- Security groups: the module creates the tasks' group (default) with `egress_rules` out (default TCP
  443 to 0.0.0.0/0, "HTTPS to AWS APIs and image registries") and, behind a load balancer, the load
  balancer's traffic in; `security_group_ids` adds groups of yours. With `create_security_group = false`
  the tasks get only `security_group_ids` (at least one; the plan fails otherwise), the module adds no
  rule to them (they are yours: allow what the tasks need out and, behind a load balancer, TCP
  `container_port` in from `alb_security_group_id`), the load balancer's egress to each of them is still
  added, and the `security_group_id` output is null.
- Container health check: `curl -f http://localhost:<container_port><health_check_path>` by default,
  `health_check_command` in ECS's form (`["CMD", ...]` or `["CMD-SHELL", "..."]`), or none with
  `container_health_check = false`; timings fixed: interval {FIXED_HEALTH['interval']} s, timeout \
{FIXED_HEALTH['timeout']} s, {FIXED_HEALTH['retries']} retries,
  start period {FIXED_HEALTH['start_period']} s.
- Sidecars: `additional_container_definitions`, a JSON list of ECS container definitions
  (`jsonencode([{{name, image, ...}}])`, Terraform 1.0 friendly) after the main container. The created
  execution role also reads their `secrets` (ARNs only; the JSON must then be known at plan time);
  their private registry credentials and logging are theirs to set (bring an execution role for
  `repositoryCredentials`).
- Capacity providers: `capacity_provider_strategy = [{{capacity_provider, weight, base}}]` over FARGATE
  and FARGATE_SPOT (registered by the ecs-cluster module); weights 0-1000, bases 0-100000, one base
  above 0 at most, one weight above 0 at least. Empty: launch type FARGATE.

Fixed by this rendering, as the stacks do for every service of the workshop:
- Autoscaling is always on: `autoscaling = {{min, max, target}}`; min = max pins the count. The
  service ignores `desired_count` changes after creation (Application Auto Scaling owns it).
- `initProcessEnabled` follows `enable_execute_command`.
- IAM roles: created by default, least privilege. The execution role (`<name>-execution`) pulls
  images, writes logs (AmazonECSTaskExecutionRolePolicy) and reads exactly the secrets and
  parameters the containers' `secrets` name; the task role (`<name>-task`) trusts ECS tasks of this
  account only (`aws:SourceAccount`, `aws:SourceArn`), opens ECS Exec channels when
  `enable_execute_command` is on and grants `task_role_policies`. `create_execution_role = false` /
  `create_task_role = false` with `execution_role_arn` / `task_role_arn` bring your own (given ARNs are
  used only then).
- `cpu_architecture` ARM64 needs hashicorp/aws >= 3.69 (`runtime_platform`); older renderings take
  it only as null (Fargate's default LINUX/X86_64).
"""

SERVICE_SCALING = "- Scaling metric: average CPU or memory utilization (`scaling_metric`, target in percent).\n"
ALB_SCALING = (f"- Scaling metric: {ALB_METRIC} (requests completed per target; the label joins the load\n"
               "  balancer's ARN suffix, derived from `alb_arn`, and the target group's).\n")

DESCRIPTION = f"""A service other services reach by name (no load balancer).

{COMMON}{SERVICE_SCALING}"""

ALB_SERVICE = f"""A service behind the shared Application Load Balancer (alb module): its IP target group, the
security group rules between the load balancer and the tasks, and its route: a listener of its own
on `listener_port` forwarding everything, with ingress to that port from `ingress_cidrs` (the default,
and the only choice of the pipeline modules), or with `create_listener = false` a rule on a shared
listener (`listener_arn`, e.g. the alb module's) matching `path_patterns` and `host_headers` at
`priority`.

{COMMON}"""

ALB_DESCRIPTION = ALB_SERVICE + ALB_SCALING + """\
- The target group counts `health_check_matcher` (default 200-399) as healthy, and ECS ignores
  its failing checks for `health_check_grace_period` seconds (default 60) after a task starts.
"""


def _discovery_entry(stack: ModuleStack, name: str) -> DiscoveryEntry:
    """The discovery inputs: name in the namespace and, where the target has Service Connect, its client alias and
    alias port (older renderings take them only as null: they register a Cloud Map DNS name instead)."""
    discovery_name = inputs.name_or(stack, "discovery_name", "Name in the namespace (Service Connect discovery name, "
                                                             "or the Cloud Map DNS service)", name, "`name`")
    if stack.target.supports(Feature.SERVICE_CONNECT):
        alias = inputs.name_or(stack, "client_alias", "Service Connect client alias other services call "
                                                      "(http://<client_alias>[:<client_port>])", discovery_name,
                               "`discovery_name`")
        client_port = inputs.port(stack, "client_port", "Service Connect client alias port", 80).number
        return DiscoveryEntry(name=discovery_name, alias=alias, port=client_port)
    reason = ("Service Connect needs hashicorp/aws >= 4.43; this rendering registers the Cloud Map DNS name "
              "<discovery_name>.<namespace> instead.")
    stack.unsupported("client_alias", "string", "Service Connect client alias", reason)
    stack.unsupported("client_port", "number", "Service Connect client alias port", reason)
    return DiscoveryEntry(name=discovery_name, alias=discovery_name)


@dataclass
class ServiceModule:
    """What the ecs-service modules build, for modules that add to it (pipelines)."""

    service: FargateService
    balancer: LoadBalancerBase | None
    role_arns: list[str]


def build(stack: ModuleStack) -> None:
    """ecs-service: no load balancer."""
    service_module(stack, load_balanced=False)


def build_alb(stack: ModuleStack) -> None:
    """ecs-service-alb: behind the shared load balancer."""
    service_module(stack, load_balanced=True)


def service_module(stack: ModuleStack, *, load_balanced: bool, pipeline_strategy: str | None = None,
                   traffic_shift: TrafficShiftProps | None = None) -> ServiceModule:
    """Declare the inputs, build the FargateService, declare the outputs.

    A CodeDeploy (blue_green) service is outside Service Connect, so it has no discovery inputs and no URLs;
    `traffic_shift`: the ECS-native deployment settings (from the pipeline module's inputs).
    """
    target = stack.target
    name = inputs.name(stack, "name", "Name of the ECS service; the other names derive from it")
    prefix = stack.variable("name_prefix", "string", "Prefix of the security group name: <name_prefix>-<name> "
                                                     "(empty: <name>)", "", validations=[
        (f'var.name_prefix == "" || can(regex({inputs.hcl(NAME)}, var.name_prefix))',
         "Use lower-case letters, digits and hyphens, starting with a letter (or leave it empty).")])
    cluster_name = stack.variable("cluster_name", "string", "ECS cluster (the ecs-cluster module's name)")
    cluster_arn = inputs.arn(stack, "cluster_arn", "ARN of the ECS cluster (the ecs-cluster module's arn)", "ecs")
    discoverable = deployment_controller(pipeline_strategy) == "ECS"  # CODE_DEPLOY: outside Service Connect
    namespace = stack.variable(
        "namespace", "object({id = string, arn = string, name = string})",
        "Cloud Map namespace (the ecs-cluster module's namespace output)") if discoverable else None
    vpc = stack.variable("vpc_id", "string", "VPC of the service")
    subnets = inputs.ids(stack, "subnet_ids", "Private subnets for the tasks")
    image = stack.variable("image", "string", "Container image, e.g. public.ecr.aws/aws-containers/"
                                              "retail-store-sample-ui:0.7.0", validations=[
        (f"can(regex({inputs.hcl(IMAGE.pattern)}, var.image))",
         "Must be an image reference like REGISTRY/REPOSITORY:TAG (or @sha256:DIGEST).")])
    size = inputs.fargate_size(stack)
    container_cpu = stack.variable("container_cpu", "number", "CPU units reserved for the container (0: none)", 0,
                                   validations=[("var.container_cpu >= 0", "Must not be negative.")])
    container = stack.variable("container_name", "string", "Name of the container", "application")
    port = inputs.port(stack, "container_port", "Port the container listens on", 8080)
    family = inputs.name_or(stack, "family", "Task definition family", name.string, "`name`")
    log_group = stack.variable("log_group_name", "string", "Log group of the container (the logs module's)")
    stream = inputs.name_or(stack, "log_stream_prefix", "awslogs stream prefix, e.g. ui-service", name.string,
                            "`name`")
    health_path, health = _health_check(stack, load_balanced)
    environment = stack.variable("environment", "list(object({name = string, value = string}))",
                                 "Container environment variables, in ECS's [{name, value}] form", [])
    secrets = stack.variable("secrets", "list(object({name = string, valueFrom = string}))",
                             "Container secrets: [{name, valueFrom = Secrets Manager ARN[:json-key::] or SSM "
                             "parameter ARN}] (the created execution role may read exactly these)", [],
                             validations=[SECRETS_VALIDATION])
    sidecars = _sidecars(stack)
    desired = stack.variable("desired_count", "number", "Tasks at creation (autoscaling owns the count after)", 1,
                             validations=[("var.desired_count >= 0", "Must not be negative.")])
    scaling = stack.variable(
        "autoscaling", "object({min = number, max = number, target = number})",
        "Target tracking: task count bounds and the metric's target value (percent for CPU and memory utilization, "
        "requests completed per target for ALBRequestCountPerTarget: "
        "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-autoscaling-targettracking.html)",
        {"min": 1, "max": 1, "target": 70},
        validations=[("var.autoscaling.min >= 0 && var.autoscaling.min <= var.autoscaling.max && "
                      "var.autoscaling.target > 0",
                      "Needs 0 <= min <= max and a positive target.")])
    on_requests = load_balanced and not shifts_traffic(pipeline_strategy)  # a second target group idles the metric
    metric = None if on_requests else stack.variable(
        "scaling_metric", "string", "Predefined metric the service scales on", SERVICE_METRICS[0], validations=[
            (f"contains({inputs.hcl(SERVICE_METRICS)}, var.scaling_metric)",
             f"Must be one of {', '.join(SERVICE_METRICS)}.")])
    exec_ = stack.variable("enable_execute_command", "bool", "Whether ECS Exec is enabled (the task role needs "
                                                             "the ssmmessages channel actions)", False)
    if target.supports(Feature.RUNTIME_PLATFORM):
        arch = stack.variable("cpu_architecture", "string", "X86_64 or ARM64 (runtime_platform)", "X86_64",
                              validations=[('contains(["X86_64", "ARM64"], var.cpu_architecture)',
                                            "Must be X86_64 or ARM64.")]).string
    else:
        stack.unsupported("cpu_architecture", "string", "X86_64 or ARM64 (runtime_platform)",
                          "The runtime_platform block needs hashicorp/aws >= 3.69; this rendering runs on Fargate's "
                          "default platform, LINUX/X86_64.")
        arch = inputs.default(ServiceProps, "cpu_architecture")
    min_healthy = stack.variable("deployment_minimum_healthy_percent", "number",
                                 "Lower bound of running tasks during a deployment (% of desired)", 100,
                                 validations=[("var.deployment_minimum_healthy_percent >= 0 && "
                                               "var.deployment_minimum_healthy_percent <= 100", "Must be 0 to 100.")])
    max_percent = stack.variable("deployment_maximum_percent", "number",
                                 "Upper bound of tasks during a deployment (% of desired)", 200,
                                 validations=[("var.deployment_maximum_percent >= 100 && "
                                               "var.deployment_maximum_percent <= 400", "Must be 100 to 400.")])
    entry = _discovery_entry(stack, name.string) if discoverable else None
    service_firewall.declare(stack)
    _capacity_provider_strategy(stack)
    ctx = stack.context(account=True)
    roles = service_roles(stack, name, ctx)
    inputs.tags(stack)

    balancer = None
    load_balancing = None
    if load_balanced:
        shared = pipeline_strategy is None  # a pipeline's service keeps its own listener(s)
        listener_port = inputs.port(stack, "listener_port", "Port of the service's own listener" + (
            " (create_listener)" if shared else ""), 80)
        conditions = routing.declare(stack) if shared else {}
        alb_arn = inputs.arn(stack, "alb_arn", "Load balancer (the alb module's arn)", "elasticloadbalancing")
        balancer = LoadBalancer.from_attributes(
            stack, "alb", arn=alb_arn.string,
            arn_suffix=inputs.arn_suffix(alb_arn.string),
            security_group_id=stack.variable("alb_security_group_id", "string",
                                             "The alb module's security_group_id").string,
            vpc_id=vpc.string,
            ingress_cidrs=stack.variable("ingress_cidrs", "list(string)", "Clients allowed to the listener",
                                         ["0.0.0.0/0"], validations=[
                ("alltrue([for c in var.ingress_cidrs : can(cidrnetmask(c))])",
                 "Must be IPv4 CIDR blocks.")]).list)
        balancer.add_listener(listener_port.number)
        own_ingress = balancer.firewall.rules[-1]
        suppress(own_ingress, "CKV_AWS_260", "the listener port of an internet-facing load balancer, "
                                                             "open to ingress_cidrs (default: anywhere)")
        load_balancing = LoadBalancingProps(
            listener_port=listener_port.number,
            target_group_name=inputs.name_or(stack, "target_group_name", "Name of the target group", name.string,
                                             "`name`", validations=[("length(var.target_group_name) <= 32",
                                                                     "At most 32 characters.")]),
            health_check_path=health_path.string)

    discovery = Discovery.from_attributes(
        stack, "discovery", namespace_id=inputs.lookup(namespace, "id"), namespace_arn=inputs.lookup(namespace, "arn"),
        namespace_name=inputs.lookup(namespace, "name"), service_connect=ctx.service_connect) if namespace else None
    service = FargateService(stack, "svc", ServiceProps(
        name=name.string, family=family, security_group_name=Token.as_string(
            Fn.join("-", Fn.compact([prefix.string, name.string]))),
        cluster=Cluster.from_attributes(cluster_name.string, cluster_arn.string), discovery=discovery,
        vpc_id=vpc.string, subnet_ids=subnets.list, log_group=log_group.string,
        container=ContainerProps(
            image=image.string, log_stream_prefix=stream, name=container.string, port=port.number,
            cpu=container_cpu.number, init_process=exec_.value, environment=Token.as_any(environment.value),
            secrets=Token.as_any(secrets.value), health=health),
        execution_role_arn=roles.execution_arn, task_role_arn=roles.task_arn,
        cpu=inputs.lookup(size, "cpu"), memory=inputs.lookup(size, "memory"), cpu_architecture=arch,
        desired_count=desired.number, enable_execute_command=exec_.value,
        deployment_minimum_healthy_percent=min_healthy.number, deployment_maximum_percent=max_percent.number,
        discovery_entry=entry, load_balancer=balancer, load_balancing=load_balancing,
        autoscaling=AutoscalingProps(
            min=inputs.number(inputs.lookup(scaling, "min")), max=inputs.number(inputs.lookup(scaling, "max")),
            target=inputs.number(inputs.lookup(scaling, "target")),
            metric=ALB_METRIC if metric is None else metric.string),
        pipeline_strategy=pipeline_strategy, dns_discovery=discoverable,
        traffic_shift=traffic_shift, sidecars=sidecars), ctx=ctx)
    group_id = service_firewall.attach(stack, service, balancer, port.number)
    # "If a capacityProviderStrategy is specified, the launchType parameter must be omitted"
    # https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateService.html
    service.service.launch_type = Token.as_string(expression(
        'length(var.capacity_provider_strategy) == 0 ? "FARGATE" : null'))
    service.service.add_override("dynamic.capacity_provider_strategy", {
        "for_each": expression("var.capacity_provider_strategy"),
        "content": {key: expression(f"capacity_provider_strategy.value.{key}")
                    for key in ("capacity_provider", "weight", "base")}})
    stack.output("service_name", service.service.name, "Name of the ECS service")
    stack.output("service_arn", service.service.id, "ARN of the ECS service")
    stack.output("task_definition_arn", service.task_definition.arn, "ARN of the task definition revision")
    stack.output("task_definition_family", service.task_definition.family, "Task definition family")
    stack.output("security_group_id", group_id, "Security group the module created for the tasks (allow callers "
                                                "in; null with create_security_group = false)")
    if discovery is not None and entry is not None:
        shape = ("http://<client_alias>[:<client_port>] (Service Connect)" if discovery.service_connect
                 else "http://<discovery_name>.<namespace>:<container_port> (Cloud Map DNS)")
        stack.output("url", discovery.url(entry, port.number), f"URL other services of the namespace call: {shape}")
        stack.output("dns_url", discovery.url(entry, port.number, via_dns=True),
                     "URL callers outside Service Connect call (e.g. a CodeDeploy blue/green service)")
    if balancer is not None and load_balancing is not None and service.target_group is not None:
        stack.output("target_group_arn", service.target_group.arn, "ARN of the service's target group")
        stack.output("target_group_name", service.target_group.name, "Name of the service's target group")
        if shared:
            _health_knobs(stack, service)
        listener = balancer.listeners[load_balancing.listener_port]
        routed = routing.route(stack, service, listener, own_ingress, conditions) if shared else listener.arn
        stack.output("listener_arn", routed,
                     "ARN of the listener that routes to the service (its own, or listener_arn)")
    stack.output("execution_role_arn", roles.execution_arn, "ARN of the task execution role (created or given)")
    stack.output("task_role_arn", roles.task_arn, "ARN of the task role (created or given; null: none)")
    return ServiceModule(service=service, balancer=balancer, role_arns=roles.arns)


def _capacity_provider_strategy(stack: ModuleStack) -> None:
    """`capacity_provider_strategy`: the service's Fargate and Fargate Spot shares (empty: launch type FARGATE)."""
    # CapacityProviderStrategyItem: FARGATE or FARGATE_SPOT for Fargate; weight 0..1000, base 0..100000; "Only one
    # capacity provider in a capacity provider strategy can have a base defined"; with several, "at least one of
    # the capacity providers must have a weight value greater than zero"
    # https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CapacityProviderStrategyItem.html
    stack.variable(
        "capacity_provider_strategy", "list(object({capacity_provider = string, weight = number, base = number}))",
        "How the tasks are spread over the cluster's capacity providers: base tasks on one, the rest by weight "
        "(the ecs-cluster module registers FARGATE and FARGATE_SPOT); empty: launch type FARGATE", [], validations=[
            (f"alltrue([for s in var.capacity_provider_strategy : contains({inputs.hcl(FARGATE_PROVIDERS)}, "
             "s.capacity_provider)])", f"Each capacity_provider must be one of {', '.join(FARGATE_PROVIDERS)}."),
            ("alltrue([for s in var.capacity_provider_strategy : s.weight >= 0 && s.weight <= 1000 && "
             "floor(s.weight) == s.weight && s.base >= 0 && s.base <= 100000 && floor(s.base) == s.base])",
             "Each weight must be a whole number from 0 to 1000, each base from 0 to 100000."),
            ("length([for s in var.capacity_provider_strategy : s if s.base > 0]) <= 1",
             "Only one capacity provider may have a base above 0."),
            ("length(var.capacity_provider_strategy) == 0 || "
             "length([for s in var.capacity_provider_strategy : s if s.weight > 0]) >= 1",
             "At least one capacity provider needs a weight above 0.")])


def _sidecars(stack: ModuleStack) -> Any:
    """`additional_container_definitions`: ECS container definitions as a JSON list (a string, so Terraform 1.0 roots
    without optional object attributes can write any of ECS's fields), decoded after the main container."""
    decoded = "jsondecode(var.additional_container_definitions)"
    given = stack.variable(
        "additional_container_definitions", "string", "Sidecar containers after the main one: a JSON list of ECS "
        "container definitions (jsonencode([{name, image, ...}])); their `secrets` are read by the created execution "
        "role too (give ARNs), their logConfiguration is theirs to set", "[]", validations=[
            (f"try(length(concat({decoded}, [])) >= 0 && alltrue([for c in {decoded} : can(tostring(c.name)) && "
             "can(tostring(c.image))]), false)",
             "Must be a JSON list of container definitions, each with a name and an image."),
            (f'try(alltrue([for c in {decoded} : alltrue([for s in try(c.secrets, []) : can(regex('
             f'"^arn:[^:]+:(secretsmanager|ssm):", s.valueFrom))])]), false)',
             "Each sidecar secret's valueFrom must be a Secrets Manager secret ARN or an SSM parameter ARN (the "
             "created execution role is granted exactly those).")])
    return Fn.jsondecode(given.string)


def _health_check(stack: ModuleStack, load_balanced: bool) -> tuple[Input, HealthCheckProps]:
    """`health_check_path` (the load balancer's check, and the container's curl unless `health_check_command`; without
    a load balancer optional) and the container's health check (`container_health_check`, `health_check_command`)."""
    path = stack.variable("health_check_path", "string", "HTTP path of the health check" + (
        "" if load_balanced else " (the container's curl; null: give health_check_command or turn "
                                 "container_health_check off)"), UNSET if load_balanced else None,
        validations=[('var.health_check_path == null || can(regex("^/", var.health_check_path))',
                      "Must start with '/'.")])
    enabled = stack.variable("container_health_check", "bool", "Whether the container has an ECS health check "
                             "(false: none; a task is then healthy while its essential containers run)", True)
    # HealthCheck command: "The string array must start with CMD to run the command arguments directly, or
    # CMD-SHELL to run the command with the container's default shell."
    # https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_HealthCheck.html
    stack.variable("health_check_command", "list(string)", "The container's health check in ECS's form, e.g. "
                   '["CMD-SHELL", "wget -q -O /dev/null http://localhost:8080/health || exit 1"] (null: curl -f '
                   "http://localhost:<container_port><health_check_path>)", None, validations=[
        ('var.health_check_command == null || try(contains(["CMD", "CMD-SHELL"], var.health_check_command[0]) && '
         "length(var.health_check_command) >= 2, false)",
         "Must start with CMD (the arguments run directly) or CMD-SHELL (run by the container's shell), then the "
         "command.")])
    curl = ('["CMD-SHELL", format("curl -f http://localhost:%s%s || exit 1", var.container_port, '
            "var.health_check_path)]")
    command = TerraformLocal(stack, "health-command", expression(
        f"var.health_check_command != null ? var.health_check_command : var.health_check_path != null ? {curl} : "
        + unless_error("!var.container_health_check", "null", "health_check_path: give it or health_check_command "
                                                              "while container_health_check is true.")))
    command.override_logical_id("health_command")
    return path, HealthCheckProps(path=path.string, command=command.as_list, enabled=enabled.value, **FIXED_HEALTH)


def _health_knobs(stack: ModuleStack, service: FargateService) -> None:
    """The load balancer's view of the tasks: the target group's success codes and the service's grace period."""
    assert service.target_group is not None
    # Matcher HttpCode: "values from 200 to 499 ... multiple values (for example, "200,202") or a range of values
    # (for example, "200-299")" https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_Matcher.html
    matcher = stack.variable("health_check_matcher", "string", "HTTP codes the target group counts as healthy",
                             "200-399", validations=[
        ('can(regex("^[2-4][0-9][0-9]((-|,)[2-4][0-9][0-9])*$", var.health_check_matcher))',
         "Use HTTP codes from 200 to 499: one code, a list (200,202) or a range (200-299).")])
    # healthCheckGracePeriodSeconds: "up to 2,147,483,647 seconds"
    # https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateService.html
    grace = stack.variable("health_check_grace_period", "number", "Seconds ECS ignores failing load balancer health "
                           "checks of a new task", FIXED_HEALTH["start_period"], validations=[
        ("var.health_check_grace_period >= 0 && var.health_check_grace_period <= 2147483647 && "
         "floor(var.health_check_grace_period) == var.health_check_grace_period",
         "Must be whole seconds from 0 to 2147483647.")])
    service.target_group.add_override("health_check.matcher", matcher.string)
    service.service.health_check_grace_period_seconds = grace.number
