"""Every name an environment sends to AWS: the configured ones and those the constructs derive from them.

Validation checks each against AWS's rule for its kind (generator.config.aws_rules) and
checks that no two resources of one kind share a name. Names the constructs build from
config values (security groups, pipeline roles, the artifact bucket prefix, log groups,
inline policies) are spelled here as the constructs spell them; tests/config/test_aws_names.py
compares this list with every name in the synthesized documents, so the two cannot drift.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from generator.config.model import EnvironmentConfig, PipelineConfig, ServiceConfig
from generator.naming import DNS_SUFFIX, pipeline_role
from generator.references import dns_callees
from generator.targets import Feature, ProviderTarget

PIPELINE_TOOLS = ("build", "pipeline")
BLUE_GREEN_TOOLS = ("codedeploy",)
QUERY_NAMES = ("recent-logs", "container-utilization", "task-startup")


@dataclass(frozen=True)
class NameUse:
    """One name AWS will see."""

    kind: str
    value: str
    #: the config field that sets it (dotted), and its raw path (to tell given from derived)
    field: str
    path: tuple[str, ...]
    #: what the construct makes of the field ("its security group"); None when the field is the name
    via: str | None = None
    #: uses with the same `resource` and value are one AWS resource (services sharing a role by name)
    resource: str | None = None


def bucket_prefix(name: str) -> str:
    """The prefix of a private bucket named after `name` (constructs/bucket.py: `lower_prefix(name, 36) + "-"`)."""
    return name.lower()[:36].rstrip("-") + "-"


def dotted(path: tuple[str, ...]) -> str:
    """A field path as messages spell it: `services.ui.load_balancer.path_patterns[0]`."""
    return "".join(part if part.startswith("[") or i == 0 else f".{part}" for i, part in enumerate(path))


def _use(kind: str, value: str, *path: str, via: str | None = None, resource: str | None = None) -> NameUse:
    return NameUse(kind, value, dotted(path), tuple(path), via, resource)


def environment_names(env: EnvironmentConfig) -> list[NameUse]:
    """Every name of the environment, in config order."""
    return list(_environment(env))


def _environment(env: EnvironmentConfig) -> Iterator[NameUse]:
    service_connect = ProviderTarget(env.provider.version).supports(Feature.SERVICE_CONNECT)
    for key, value in env.tags.items():
        yield _use("tag_key", key, "tags", key)
        yield _use("tag_value", value, "tags", key)
    prefix = env.prefix
    # generator/constructs/network.py: flow log group, its delivery role and the role's policy
    yield _use("log_group", f"/vpc/{prefix}/flow-logs", "prefix", via="its VPC flow log group")
    yield _use("iam_role", f"{prefix}-vpc-flow-logs", "prefix", via="its VPC flow log role")
    yield _use("iam_policy", f"{prefix}-vpc-flow-logs", "prefix", via="its VPC flow log policy")
    front = next((name for name, svc in env.services.items() if svc.load_balancer), None)
    if front is not None:
        yield _use("load_balancer", env.alb.name, "alb", "name")
        yield _use("security_group", f"{env.alb.name}-alb", "alb", "name", via="its security group")
        if env.alb.access_logs:  # constructs/access_logs.py: the log bucket of the stack
            yield _use("s3_bucket_prefix", bucket_prefix(f"{env.alb.name}-access-logs"), "alb", "name",
                       via="its access log bucket prefix")
        if env.alb.waf:  # constructs/waf.py: the web ACL (named after the ALB) and its request log group
            yield _use("waf_web_acl", env.alb.name, "alb", "name", via="its WAF web ACL")
            yield _use("log_group", f"aws-waf-logs-{env.alb.name}", "alb", "name", via="its WAF log group")
    yield _use("ecs_cluster", env.cluster.name, "cluster", "name")
    yield _use("log_group", env.logs.group, "logs", "group")
    if front is not None and env.logs.saved_queries:  # generator/constructs/logs.py
        for query in QUERY_NAMES:
            yield _use("logs_query", f"{prefix}/{query}", "prefix", via="its saved Logs Insights query")
    yield _use("namespace", env.service_connect.namespace, "service_connect", "namespace")
    for name, svc in env.services.items():
        yield from _service(env, name, svc, service_connect)
    yield from _roles(env)
    for key, table in env.tables.items():
        yield _use("dynamodb_table", table.name, "tables", key, "name")
        for i, index in enumerate(table.indexes):
            where = ("tables", key, "indexes", f"[{i}]")
            yield _use("dynamodb_index", index.name, *where, "name")
            yield _use("dynamodb_attribute", index.partition_key, *where, "partition_key")
            if index.sort_key is not None:
                yield _use("dynamodb_attribute", index.sort_key, *where, "sort_key")
        keys = [("partition_key", table.partition_key), ("sort_key", table.sort_key)]
        for field, attribute in keys:
            if attribute is not None:
                yield _use("dynamodb_attribute", attribute, "tables", key, field)
    for key, db in env.databases.items():
        at = ("databases", key)
        yield _use("rds_identifier", db.identifier, *at, "identifier")
        yield _use("rds_subnet_group", db.identifier, *at, "identifier", via="its DB subnet group")
        yield _use("security_group", f"{db.identifier}-db", *at, "identifier", via="its security group")
        if not ProviderTarget(env.provider.version).supports(Feature.MANAGED_MASTER_PASSWORD):
            yield _use("secret", db.secret_name, *at, "secret_name")  # else RDS names the secret it manages
        yield _use("ssm_parameter", db.endpoint_parameter, *at, "endpoint_parameter")
        yield _use("mysql_db_name", db.db_name, *at, "db_name")
        yield _use("mysql_username", db.username, *at, "username")
    for key, pipe in env.pipelines.items():
        yield from _pipeline(key, pipe)
    if env.state.backend == "s3":  # the backend's bucket and lock table (generator/backend.py, state_bootstrap.py)
        if env.state.bucket:
            yield _use("s3_bucket", env.state.bucket, "state", "bucket")
        if env.state.dynamodb_table is not None:
            yield _use("dynamodb_table", env.state.dynamodb_table, "state", "dynamodb_table")


def _service(env: EnvironmentConfig, name: str, svc: ServiceConfig, service_connect: bool) -> Iterator[NameUse]:
    at = ("services", name)
    yield _use("ecs_service", name, *at)
    yield _use("ecs_family", svc.family, *at, "family")
    yield _use("ecs_container", svc.container_name, *at, "container_name")
    if service_connect:  # the port mapping is named after the container (generator/constructs/container.py)
        yield _use("ecs_port_name", svc.container_name, *at, "container_name", via="its port mapping name")
    yield _use("log_stream_prefix", svc.log_stream_prefix, *at, "log_stream_prefix")
    yield _use("security_group", f"{env.prefix}-{name}", *at, via="its security group")  # generator/stack.py
    if svc.load_balancer:
        lb = svc.load_balancer
        yield _use("target_group", lb.target_group_name, *at, "load_balancer", "target_group_name")
        yield _use("health_check_path", lb.health_check_path, *at, "load_balancer", "health_check_path")
        for i, pattern in enumerate(lb.path_patterns):
            yield _use("path_pattern", pattern, *at, "load_balancer", "path_patterns", f"[{i}]")
    if svc.autoscaling:  # generator/constructs/autoscaling.py
        yield _use("scaling_policy", f"{name}-scaling-policy", *at, "autoscaling", via="its scaling policy")
    if svc.service_connect:
        entry = svc.service_connect
        if service_connect:
            yield _use("service_connect_name", entry.name, *at, "service_connect", "name")
            yield _use("service_connect_alias", entry.alias, *at, "service_connect", "alias")
        else:  # Cloud Map DNS discovery on older targets (generator/constructs/discovery.py)
            yield _use("cloud_map_service", entry.name, *at, "service_connect", "name")
        if service_connect and name in dns_callees(env):  # beside Service Connect, for a CODE_DEPLOY caller
            yield _use("cloud_map_service", f"{entry.name}{DNS_SUFFIX}", *at, "service_connect", "name",
                       via="its Cloud Map DNS name")


def _roles(env: EnvironmentConfig) -> Iterator[NameUse]:
    """Task and execution roles (shared by name between services) and their inline policies (constructs/iam.py)."""
    with_grants: dict[str, tuple[str, ...]] = {}
    for name, svc in env.services.items():
        at = ("services", name)
        yield _use("iam_role", svc.execution_role, *at, "execution_role", resource="service role")
        if svc.secrets:
            with_grants.setdefault(svc.execution_role, (*at, "execution_role"))
        if svc.task_role is not None:
            yield _use("iam_role", svc.task_role, *at, "task_role", resource="service role")
            if svc.exec or svc.access:
                with_grants.setdefault(svc.task_role, (*at, "task_role"))
    for role, path in with_grants.items():
        yield _use("iam_policy", f"{role}-policy", *path, via="its inline policy", resource="service role")


def _pipeline(key: str, pipe: PipelineConfig) -> Iterator[NameUse]:
    at = ("pipelines", key)
    name = (*at, "name")
    yield _use("codepipeline", pipe.name, *name)
    # generator/constructs/pipeline: build project, its log group, the artifact bucket, one role per tool
    yield _use("codebuild_project", pipe.name, *name, via="its CodeBuild project")
    yield _use("log_group", f"/codebuild/{pipe.name}", *name, via="its build log group")
    yield _use("s3_bucket_prefix", bucket_prefix(f"{pipe.name}-artifacts"), *name, via="its artifact bucket prefix")
    for tool in PIPELINE_TOOLS + (BLUE_GREEN_TOOLS if pipe.strategy == "blue_green" else ()):
        yield _use("iam_role", pipeline_role(pipe.name, tool), *name, via=f"its {tool} role")
        yield _use("iam_policy", f"{pipe.name}-{tool}", *name, via=f"its {tool} role's policy")
    yield _use("ecr_repository", pipe.ecr_repository, *at, "ecr_repository")
    yield _use("ssm_parameter", pipe.image_parameter, *at, "image_parameter")
    source = pipe.source
    if source.type == "codecommit" and source.repository is not None:
        yield _use("codecommit_repository", source.repository, *at, "source", "repository")
        yield _use("codecommit_branch", source.branch, *at, "source", "branch")
    if source.connection_arn is not None:
        yield _use("connection_arn", source.connection_arn, *at, "source", "connection_arn")
    if pipe.blue_green is not None:
        bg = (*at, "blue_green")
        yield _use("target_group", pipe.blue_green.green_target_group_name, *bg, "green_target_group_name")
        yield _use("codedeploy_application", pipe.blue_green.application_name, *bg, "application_name")
        yield _use("codedeploy_group", pipe.blue_green.deployment_group_name, *bg, "deployment_group_name")
        for i, alarm in enumerate(pipe.blue_green.alarms):
            yield _use("cloudwatch_alarm", alarm, *bg, "alarms", f"[{i}]")
    if pipe.ecs_deployment is not None:
        # generator/constructs/traffic_shift.py: alternate target group, infrastructure (and hook) role and policy
        native = (*at, "ecs_deployment")
        settings = pipe.ecs_deployment
        yield _use("target_group", settings.alternate_target_group_name, *native, "alternate_target_group_name")
        yield _use("path_pattern", "/*", *native, via="its production and test listener rules")
        roles = [("infrastructure_role", settings.infrastructure_role)]
        roles += [("hook_role", settings.hook_role)] if settings.lifecycle_hooks else []
        for field, role in roles:
            yield _use("iam_role", role, *native, field)
            yield _use("iam_policy", role, *native, field, via="its inline policy")
        for i, alarm in enumerate(settings.alarms):
            yield _use("cloudwatch_alarm", alarm, *native, "alarms", f"[{i}]")
