"""Cross-field rules of an environment: references, uniqueness, target features."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from generator.config.errors import Problem
from generator.config.model import (
    DatabaseSecret,
    EnvironmentConfig,
    PipelineConfig,
    ServiceConfig,
    ServiceUrl,
    TableName,
)
from generator.strategies import CODE_DEPLOY, ECS_NATIVE, ECS_NATIVE_FEATURE, is_ecs_native, shifts_traffic
from generator.targets import Feature, ProviderTarget

DEPLOYMENT_CONFIGS = (
    "CodeDeployDefault.ECSAllAtOnce",
    "CodeDeployDefault.ECSLinear10PercentEvery1Minutes",
    "CodeDeployDefault.ECSLinear10PercentEvery3Minutes",
    "CodeDeployDefault.ECSCanary10Percent5Minutes",
    "CodeDeployDefault.ECSCanary10Percent15Minutes",
)


def _choices(names: Iterable[str]) -> str:
    listed = sorted(names)
    return ", ".join(listed) if listed else "(none defined)"


def _duplicates(field: str, owners: dict[str, list[str]]) -> list[Problem]:
    return [Problem(f"services.{others[1]}.{field}", f"{value!r} is also used by service {others[0]!r}")
            for value, others in owners.items() if len(others) > 1]


def check_references(env: EnvironmentConfig) -> list[Problem]:
    """Services, tables, databases and pipelines that are named must exist."""
    problems: list[Problem] = []
    for name, svc in env.services.items():
        for var, value in svc.environment.items():
            if isinstance(value, ServiceUrl):
                target = env.services.get(value.service_url)
                field = f"services.{name}.environment.{var}.service_url"
                if target is None:
                    problems.append(Problem(field, f"unknown service {value.service_url!r}; valid: "
                                                   f"{_choices(env.services)}"))
                elif target.service_connect is None:
                    problems.append(Problem(field, f"service {value.service_url!r} has no service_connect "
                                                   "entry, so other services cannot reach it by name"))
            if isinstance(value, TableName) and value.table_name not in env.tables:
                problems.append(Problem(f"services.{name}.environment.{var}.table_name",
                                        f"unknown table {value.table_name!r}; valid: {_choices(env.tables)}"))
        for var, ref in svc.secrets.items():
            if isinstance(ref, DatabaseSecret) and ref.database not in env.databases:
                problems.append(Problem(f"services.{name}.secrets.{var}.database",
                                        f"unknown database {ref.database!r}; valid: {_choices(env.databases)}"))
        for i, access in enumerate(svc.access):
            if access.table not in env.tables:
                problems.append(Problem(f"services.{name}.access[{i}].table",
                                        f"unknown table {access.table!r}; valid: {_choices(env.tables)}"))
        if svc.autoscaling:
            field = f"services.{name}.autoscaling"
            if svc.autoscaling.metric == "ALBRequestCountPerTarget" and svc.load_balancer is None:
                problems.append(Problem(f"{field}.metric", "ALBRequestCountPerTarget needs the service behind "
                                        "the ALB (load_balancer); valid without it: "
                                        "ECSServiceAverageCPUUtilization, ECSServiceAverageMemoryUtilization"))
            if not svc.autoscaling.min <= svc.desired_count <= svc.autoscaling.max:
                problems.append(Problem(f"services.{name}.desired_count",
                                        f"{svc.desired_count} is outside autoscaling min..max "
                                        f"({svc.autoscaling.min}..{svc.autoscaling.max})"))
    return problems


def check_uniqueness(env: EnvironmentConfig) -> list[Problem]:
    """Names AWS requires to be unique must not repeat across services."""
    families: dict[str, list[str]] = defaultdict(list)
    prefixes: dict[str, list[str]] = defaultdict(list)
    discovery: dict[str, list[str]] = defaultdict(list)
    groups: dict[str, list[str]] = defaultdict(list)
    routes: dict[tuple[int, str], list[str]] = defaultdict(list)
    for name, svc in env.services.items():
        families[svc.family].append(name)
        prefixes[svc.log_stream_prefix].append(name)
        if svc.service_connect:
            discovery[svc.service_connect.name].append(name)
        if svc.load_balancer:
            groups[svc.load_balancer.target_group_name].append(name)
            port = svc.load_balancer.listener_port
            for pattern in svc.load_balancer.path_patterns or ["(default route)"]:
                routes[(port, pattern)].append(name)
    problems = (_duplicates("family", families) + _duplicates("log_stream_prefix", prefixes)
                + _duplicates("service_connect.name", discovery)
                + _duplicates("load_balancer.target_group_name", groups))
    for (port, pattern), owners in routes.items():
        if len(owners) > 1:
            problems.append(Problem(f"services.{owners[1]}.load_balancer.path_patterns",
                                    f"listener {port} route {pattern!r} is also used by service {owners[0]!r}; "
                                    "give each service its own listener_port or path_patterns"))
    roles = {svc.execution_role for svc in env.services.values()}
    for name, svc in env.services.items():
        if svc.task_role is not None and svc.task_role in roles:
            problems.append(Problem(f"services.{name}.task_role",
                                    f"{svc.task_role!r} is also an execution role; use distinct role names"))
    return problems


def check_pipelines(env: EnvironmentConfig) -> list[Problem]:
    """Pipelines must name an existing service and a consistent deployment."""
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    prod_ports = {svc.load_balancer.listener_port
                  for svc in env.services.values() if svc.load_balancer}
    test_ports: dict[int, str] = {}
    group_owners = {svc.load_balancer.target_group_name: f"service {name!r}"
                    for name, svc in env.services.items() if svc.load_balancer}
    for key, pipe in env.pipelines.items():
        field = f"pipelines.{key}"
        svc = env.services.get(pipe.service)
        if svc is None:
            problems.append(Problem(f"{field}.service",
                                    f"unknown service {pipe.service!r}; valid: {_choices(env.services)}"))
            continue
        if pipe.service in seen:
            problems.append(Problem(f"{field}.service", f"service {pipe.service!r} is already deployed by "
                                                        f"pipeline {seen[pipe.service]!r}"))
        seen[pipe.service] = key
        if pipe.source.type == "codestar" and not pipe.source.connection_arn:
            problems.append(Problem(f"{field}.source.connection_arn",
                                    "a codestar (GitHub/Bitbucket) source needs connection_arn"))
        if pipe.source.type == "codestar" and not pipe.source.repository:
            problems.append(Problem(f"{field}.source.repository",
                                    "a codestar (GitHub/Bitbucket) source needs repository (OWNER/NAME)"))
        problems += _settings_blocks(field, pipe)
        if not shifts_traffic(pipe.strategy):
            continue
        problems += _two_target_groups(env, field, pipe, svc)
        if pipe.strategy == CODE_DEPLOY and svc.service_connect is not None:
            # https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-connect.html#service-connect-considerations
            problems.append(Problem(f"services.{pipe.service}.service_connect",
                                    f"service {pipe.service!r} is deployed by CodeDeploy (pipeline {key!r}, strategy "
                                    "blue_green), and Service Connect supports only the ECS deployment controller; "
                                    "remove service_connect or use strategy ecs_blue_green, ecs_linear or ecs_canary"))
        test_port, green, green_field = _test_listener_and_second_group(field, pipe)
        if test_port in prod_ports:
            problems.append(Problem(f"{green_field}.test_listener_port",
                                    f"{test_port} is already a production listener port "
                                    f"({', '.join(str(p) for p in sorted(prod_ports))})"))
        elif test_port in test_ports:
            problems.append(Problem(f"{green_field}.test_listener_port",
                                    f"{test_port} is already the test listener port of pipeline "
                                    f"{test_ports[test_port]!r}"))
        test_ports.setdefault(test_port, key)
        if green in group_owners:
            problems.append(Problem(green_field + (".green_target_group_name" if pipe.strategy == CODE_DEPLOY
                                                   else ".alternate_target_group_name"),
                                    f"{green!r} is already the target group of {group_owners[green]}; "
                                    "target group names are unique per account and region"))
        group_owners.setdefault(green, f"pipeline {key!r}")
        if pipe.blue_green is not None and pipe.blue_green.deployment_config not in DEPLOYMENT_CONFIGS:
            problems.append(Problem(f"{field}.blue_green.deployment_config",
                                    f"unknown deployment config {pipe.blue_green.deployment_config!r}; valid: "
                                    f"{', '.join(DEPLOYMENT_CONFIGS)}"))
    return problems


def _settings_blocks(field: str, pipe: PipelineConfig) -> list[Problem]:
    """Each strategy's settings block only with that strategy (blue_green; ecs_deployment, its canary and linear)."""
    problems = []
    if pipe.blue_green is not None and pipe.strategy != CODE_DEPLOY:
        problems.append(Problem(f"{field}.blue_green", "only valid with strategy: blue_green"))
    native = pipe.ecs_deployment
    if native is not None and not is_ecs_native(pipe.strategy):
        problems.append(Problem(f"{field}.ecs_deployment",
                                f"only valid with strategy: {', '.join(ECS_NATIVE)}"))
    if native is not None and native.canary is not None and pipe.strategy != "ecs_canary":
        problems.append(Problem(f"{field}.ecs_deployment.canary", "only valid with strategy: ecs_canary"))
    if native is not None and native.linear is not None and pipe.strategy != "ecs_linear":
        problems.append(Problem(f"{field}.ecs_deployment.linear", "only valid with strategy: ecs_linear"))
    return problems


def _two_target_groups(env: EnvironmentConfig, field: str, pipe: PipelineConfig, svc: ServiceConfig
                       ) -> list[Problem]:
    """CodeDeploy and ECS-native strategies move the service between two target groups on a listener of its own."""
    problems = []
    strategy = pipe.strategy
    if svc.autoscaling and svc.autoscaling.metric == "ALBRequestCountPerTarget":
        # The scaling policy's resource label names the first target group; after a swap it would measure the
        # idle one.
        problems.append(Problem(f"services.{pipe.service}.autoscaling.metric",
                                f"ALBRequestCountPerTarget follows one target group, but {strategy} moves the "
                                f"service between two; valid with {strategy}: ECSServiceAverageCPUUtilization, "
                                "ECSServiceAverageMemoryUtilization"))
    if svc.load_balancer is None:
        problems.append(Problem(f"{field}.strategy", f"{strategy} needs service {pipe.service!r} behind the "
                                                     "ALB (load_balancer); valid otherwise: rolling"))
        return problems
    port = svc.load_balancer.listener_port
    sharing = [n for n, s in env.services.items() if n != pipe.service and s.load_balancer
               and s.load_balancer.listener_port == port]
    if svc.load_balancer.path_patterns or sharing:
        owner = "CodeDeploy swaps its target group" if strategy == CODE_DEPLOY else "ECS shifts its listener rule"
        problems.append(Problem(f"services.{pipe.service}.load_balancer.listener_port",
                                f"{strategy} needs a listener of its own ({owner}); port {port} is shared with "
                                f"{', '.join(sharing) or 'path rules'}"))
    return problems


def _test_listener_and_second_group(field: str, pipe: PipelineConfig) -> tuple[int, str, str]:
    """(test listener port, second target group name, settings field) of a traffic-shifting pipeline."""
    if pipe.strategy == CODE_DEPLOY:
        assert pipe.blue_green is not None  # derived for blue_green (config/names.py)
        return pipe.blue_green.test_listener_port, pipe.blue_green.green_target_group_name, f"{field}.blue_green"
    assert pipe.ecs_deployment is not None  # derived for the ECS-native strategies (config/names.py)
    native = pipe.ecs_deployment
    return native.test_listener_port, native.alternate_target_group_name, f"{field}.ecs_deployment"
def check_account(env: EnvironmentConfig) -> list[Problem]:
    """Account-level singletons: an organization-managed GuardDuty detector exists already."""
    guardduty = env.guardduty
    if guardduty.enabled and guardduty.managed_by_organization and guardduty.detector == "create":
        return [Problem("guardduty.detector", "create conflicts with managed_by_organization: true (the delegated "
                                              "administrator's detector exists already and GuardDuty allows one per "
                                              "account and region); valid with it: existing")]
    return []


def check_target(env: EnvironmentConfig) -> list[Problem]:
    """Features the provider target lacks and has no fallback for (from the one table, generator.targets)."""
    target = ProviderTarget(env.provider.version)
    found: list[Problem | None] = []
    guardduty = env.guardduty
    if guardduty.enabled and not guardduty.managed_by_organization:
        if guardduty.runtime_monitoring:
            found.append(target.missing(Feature.GUARDDUTY_DETECTOR_FEATURE, "guardduty.runtime_monitoring",
                                        "set it to false or raise provider.version"))
        if guardduty.detector == "existing":
            found.append(target.missing(Feature.GUARDDUTY_DETECTOR_DATA_SOURCE, "guardduty.detector",
                                        "valid here: create, or raise provider.version"))
    if env.create_service_linked_roles:
        found.append(target.missing(Feature.SERVICE_LINKED_ROLE, "create_service_linked_roles",
                                    "set it to false or raise provider.version"))
    for key, db in env.databases.items():
        if db.rotation_days is not None:
            found.append(target.missing(Feature.MANAGED_SECRET_ROTATION, f"databases.{key}.rotation_days",
                                        "leave it unset (on targets without RDS-managed passwords the secret is not "
                                        "rotated) or raise provider.version"))
    for name, svc in env.services.items():
        if svc.cpu_architecture == "ARM64":
            found.append(target.missing(Feature.RUNTIME_PLATFORM, f"services.{name}.cpu_architecture",
                                        "valid here: X86_64, or raise provider.version"))
    for key, pipe in env.pipelines.items():
        if is_ecs_native(pipe.strategy):
            found.append(target.missing(ECS_NATIVE_FEATURE[pipe.strategy], f"pipelines.{key}.strategy",
                                        "valid here: rolling, blue_green (CodeDeploy), or raise provider.version"))
    return [p for p in found if p is not None]


S3_ONLY = ("bucket", "key", "region", "kms_key_id", "dynamodb_table", "use_lockfile")


def check_state(env: EnvironmentConfig) -> list[Problem]:
    """The backend: S3 settings only with `backend: s3`, and a lock (bucket and table names: aws_checks)."""
    state = env.state
    if state.backend == "local":
        given = [name for name in S3_ONLY if name in state.model_fields_set]
        return [Problem(f"state.{name}", "only valid with backend: s3 (valid backends: local, s3)") for name in given]
    problems: list[Problem] = []
    for name in ("bucket", "key"):
        if not getattr(state, name):
            problems.append(Problem(f"state.{name}", "required with backend: s3"))
    # Terraform's S3 backend rejects keys that start or end with '/'.
    if state.key and (state.key.startswith("/") or state.key.endswith("/")):
        problems.append(Problem("state.key", f"{state.key!r} must not start or end with '/' "
                                             "(e.g. retail-store/workshop.tfstate)"))
    if not state.use_lockfile and state.dynamodb_table is None:
        problems.append(Problem("state.use_lockfile", "a shared state needs a lock; valid: use_lockfile: true (an S3 "
                                                      "lock object, Terraform >= 1.10) or dynamodb_table: NAME "
                                                      "(any Terraform; deprecated from 1.11)"))
    if state.kms_key_id and not state.encrypt:
        problems.append(Problem("state.kms_key_id", "only valid with encrypt: true"))
    return problems


def check(env: EnvironmentConfig) -> list[Problem]:
    """All cross-field rules."""
    return (check_references(env) + check_uniqueness(env) + check_pipelines(env) + check_account(env)
            + check_target(env) + check_state(env))
