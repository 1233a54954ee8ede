"""Rendering parity: every difference between a modern and an offline rendering is a documented fallback.

Only the hashicorp/aws 3.39.0 rendering can be applied here; users apply the modern one. `differences(a, b)`
lists what differs between two renderings of the same input, attribute by attribute; `unexplained(...)`
keeps the differences no entry of generator/targets.py's FEATURE_MIN_VERSION explains. `FALLBACKS` holds one
explanation per documented feature (a test checks that every feature has one and that each one is used), so
an undocumented difference - a construct that renders a target differently without a table entry - fails
with its resource and attribute.
"""
from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from generator.constructs.discovery import DiscoveryEntry, service_url
from generator.constructs.tagging import UNTAGGABLE_ON_OLD_TARGETS
from generator.naming import DNS_SUFFIX
from generator.targets import Feature

MISSING = object()


@dataclass(frozen=True)
class Difference:
    """One top-level attribute (or a whole block/resource when `attribute` is None) that differs."""

    section: str      # resource, data, variable, output, terraform
    rtype: str        # resource/data type ("" for variable, output, terraform)
    name: str
    attribute: str | None
    modern: Any
    offline: Any

    @property
    def address(self) -> str:
        parts = [p for p in ((self.section if self.section != "resource" else ""), self.rtype, self.name) if p]
        return ".".join(parts)

    def __str__(self) -> str:
        def show(value: Any) -> str:
            return "(absent)" if value is MISSING else json.dumps(value, default=str)[:160]
        where = f"{self.address} {self.attribute}" if self.attribute else f"{self.address} (whole)"
        return f"{where}: modern={show(self.modern)} offline={show(self.offline)}"


def _bodies(doc: dict) -> dict[tuple[str, str, str], Any]:
    """(section, type, name) -> body for resources and data sources; (section, "", name) for the rest."""
    out: dict[tuple[str, str, str], Any] = {}
    for section in ("resource", "data"):
        for rtype, bodies in (doc.get(section) or {}).items():
            for name, body in bodies.items():
                out[(section, rtype, name)] = body
    for section in ("variable", "output", "locals"):
        for name, body in (doc.get(section) or {}).items():
            out[(section, "", name)] = body
    for name, body in (doc.get("terraform") or {}).items():
        out[("terraform", "", name)] = body
    return out


def _strip(value: Any) -> Any:
    """Drop cdktf's `//` metadata at every level."""
    if isinstance(value, dict):
        return {k: _strip(v) for k, v in value.items() if k != "//"}
    if isinstance(value, list):
        return [_strip(v) for v in value]
    return value


def differences(modern: dict, offline: dict) -> list[Difference]:
    """What differs between two renderings, per attribute of each resource, data source, variable and output."""
    a, b = _bodies(modern), _bodies(offline)
    # the same body under another name (a construct id numbered after something the other target lacks) is the
    # same infrastructure: pair such renames up before comparing
    for key in sorted(set(a) - set(b)):
        twin = next((other for other in sorted(set(b) - set(a)) if other[:2] == key[:2]
                     and _strip(b[other]) == _strip(a[key])), None)
        if twin is not None:
            b[key] = b.pop(twin)
    found = []
    for key in sorted(set(a) | set(b)):
        left, right = _strip(a.get(key, MISSING)), _strip(b.get(key, MISSING))
        if left == right:
            continue
        if left is MISSING or right is MISSING or not (isinstance(left, dict) and isinstance(right, dict)):
            found.append(Difference(*key, None, left, right))
            continue
        for attribute in sorted(set(left) | set(right)):
            if left.get(attribute, MISSING) != right.get(attribute, MISSING):
                found.append(Difference(*key, attribute, left.get(attribute, MISSING),
                                        right.get(attribute, MISSING)))
    return found


@dataclass
class Context:
    """What the explanations need to know beyond the two documents."""

    modern: dict
    offline: dict
    #: every URL a service's discovery entry can render to -> the service (Service Connect alias, DNS names)
    urls: dict[str, str] = field(default_factory=dict)
    #: addresses ECS-native deployments add on the modern target (from its services' advanced_configuration)
    traffic_shift: set[str] = field(default_factory=set)
    #: services whose ECS-native strategy the offline rendering replaced with rolling
    shifted_services: set[str] = field(default_factory=set)


def service_urls(entries: dict[str, tuple[DiscoveryEntry, int]], namespace: str) -> dict[str, str]:
    """Every URL form of each service's entry (Service Connect, DNS beside it, DNS on old targets) -> service."""
    out = {}
    for service, (entry, port) in entries.items():
        for connect, via_dns in ((True, False), (True, True), (False, False)):
            out[service_url(entry, container_port=port, namespace=namespace, service_connect=connect,
                             via_dns=via_dns)] = service
    return out


def _refs(value: Any) -> set[str]:
    return set(re.findall(r"\$\{((?:data\.)?aws_[a-z0-9_]+\.[A-Za-z0-9_-]+)", json.dumps(value, default=str)))


def traffic_shift_addresses(doc: dict) -> tuple[set[str], set[str]]:
    """(addresses ECS-native deployments add, services that have them) in a modern document."""
    resources = doc.get("resource", {})
    added: set[str] = set()
    services = set()
    test_rules: set[str] = set()
    for name, service in resources.get("aws_ecs_service", {}).items():
        if "deployment_configuration" not in service:
            continue
        services.add(f"aws_ecs_service.{name}")
        for lb in service.get("load_balancer", []):
            advanced = lb.get("advanced_configuration", {})
            added |= _refs(advanced)
            test_rules |= _refs(advanced.get("test_listener_rule"))
        added |= _refs([h.get("role_arn") for h in service["deployment_configuration"].get("lifecycle_hook", [])])
    test_listeners = {ref for rule in test_rules
                      for ref in _refs(resources["aws_lb_listener_rule"][rule.split(".")[1]]["listener_arn"])}
    ports = {resources["aws_lb_listener"][listener.split(".")[1]]["port"] for listener in test_listeners}
    added |= test_listeners
    added |= {f"aws_security_group_rule.{n}" for n, r in resources.get("aws_security_group_rule", {}).items()
              if r["type"] == "ingress" and r["from_port"] in ports}
    roles = {a for a in added if a.startswith("aws_iam_role.")}
    added |= {f"aws_iam_role_policy.{n}" for n, p in resources.get("aws_iam_role_policy", {}).items()
              if _refs(p["role"]) & roles}
    return added, services


def _container_definitions(value: Any, ctx: Context) -> Any:
    """Container definitions with Service Connect's named ports and every service URL made comparable."""
    if not isinstance(value, str):
        return value
    if not value.startswith("["):  # modules: jsonencode of variables, the named port written as HCL; the
        # awslogs region also follows the data.aws_region fallback there
        return value.replace('"name" = var.container_name, "containerPort"', '"containerPort"') \
            .replace(', "appProtocol" = "http"', "").replace(REGION_6X, REGION_OLD)
    definitions = json.loads(value)
    for container in definitions:
        for mapping in container.get("portMappings", []):
            mapping.pop("name", None)
            mapping.pop("appProtocol", None)
        for variable in container.get("environment", []):
            if variable["value"] in ctx.urls:
                variable["value"] = f"<url of {ctx.urls[variable['value']]}>"
    return definitions


def _attribute(rtypes: set[str], attributes: set[str]) -> Callable[[Difference, Context], bool]:
    return lambda d, ctx: d.section == "resource" and d.rtype in rtypes and d.attribute in attributes


def _whole(section: str, rtypes: set[str]) -> Callable[[Difference, Context], bool]:
    return lambda d, ctx: d.section == section and d.rtype in rtypes


def _capacity_providers(d: Difference, ctx: Context) -> bool:
    """The cluster's capacity providers inline (3.x) or as aws_ecs_cluster_capacity_providers, which the cluster's
    outputs then wait for (services name the providers only once the cluster has them)."""
    if _attribute({"aws_ecs_cluster"}, {"capacity_providers"})(d, ctx) or \
            _whole("resource", {"aws_ecs_cluster_capacity_providers"})(d, ctx):
        return True
    return d.section == "output" and d.attribute == "depends_on" and d.offline is MISSING and \
        d.modern == ["${aws_ecs_cluster_capacity_providers.cluster_capacity_providers}"]


def _service_connect(d: Difference, ctx: Context) -> bool:
    """Service Connect, or Cloud Map DNS services, registries and URLs (`<name>.<namespace>:<port>`)."""
    if d.section == "resource" and d.rtype == "aws_service_discovery_service":
        # DNS services exist offline for every Service Connect entry; beside Service Connect they are `<name>-dns`
        return d.attribute is None and d.modern is MISSING or \
            d.attribute == "name" and d.modern == f"{d.offline}{DNS_SUFFIX}"
    if _attribute({"aws_ecs_service"}, {"service_connect_configuration", "service_registries"})(d, ctx):
        return True
    if _attribute({"aws_ecs_task_definition"}, {"container_definitions"})(d, ctx):
        return _container_definitions(d.modern, ctx) == _container_definitions(d.offline, ctx)
    if d.section == "output" and d.attribute == "value" and isinstance(d.modern, str):
        return d.modern in ctx.urls and ctx.urls[d.modern] == ctx.urls.get(d.offline)
    if d.section == "output" and d.name == "url" and d.attribute == "description":
        return "(Service Connect)" in str(d.modern) and "(Cloud Map DNS)" in str(d.offline)
    # modules: the Service Connect alias inputs accept only null offline (generator.modules.base.unsupported)
    return d.section == "variable" and d.name in ("client_alias", "client_port") and _null_only(d.name, ctx.offline)


def _null_only(name: str, doc: dict) -> bool:
    """Whether variable `name` of `doc` is an input this rendering takes only as null."""
    body = doc.get("variable", {}).get(name, {})
    conditions = [rule["condition"] for rule in body.get("validation", [])] if isinstance(
        body.get("validation"), list) else []
    return body.get("default", "") is None and f"${{var.{name} == null}}" in conditions


#: the RDS-managed secret (modern) and the stack's own secret (offline) as the references that name them
MANAGED_SECRET = re.compile(r"aws_db_instance\.(db_\w+)_instance\.master_user_secret\[0\]\.secret_arn")


def _stack_secret(text: str) -> str:
    """`text` with each RDS-managed secret reference written as the offline stack's secret of that database."""
    return MANAGED_SECRET.sub(r"aws_secretsmanager_secret.\1_secret.arn", text)


def _managed_password(d: Difference, ctx: Context) -> bool:
    """RDS manages the master password and its secret (>= 4.61.0); offline: a sensitive input variable stored in a
    secret of the stack. Everything that names the secret (task definitions' secrets, execution roles' policies,
    the secret ARN output) differs only by that reference (Service Connect's container fields normalised too)."""
    if d.section == "variable" and d.name.endswith("_db_password"):
        return True
    if d.section == "variable" and d.name in ("secret_name", "secret_recovery_days"):
        # modules: the stack-owned secret's inputs accept only null where RDS manages the secret
        return _null_only(d.name, ctx.modern)
    if d.section == "resource" and d.rtype in {"aws_secretsmanager_secret", "aws_secretsmanager_secret_version"}:
        return d.attribute is None and d.modern is MISSING and d.name.startswith("db_")
    if _attribute({"aws_db_instance"}, {"password", "manage_master_user_password", "master_user_secret_kms_key_id",
                                        "lifecycle"})(d, ctx):
        return True
    if _attribute({"aws_ecs_task_definition"}, {"container_definitions"})(d, ctx) and isinstance(d.modern, str):
        return _container_definitions(_stack_secret(d.modern), ctx) == _container_definitions(d.offline, ctx)
    if _attribute({"aws_iam_role_policy"}, {"policy"})(d, ctx) or (d.section == "output" and d.attribute == "value"):
        return json.dumps(d.modern) != json.dumps(d.offline) and \
            _stack_secret(json.dumps(d.modern)) == json.dumps(d.offline)
    return False


def _tags(d: Difference, ctx: Context) -> bool:
    """No `tags` where the 3.x schema has none (generator.constructs.tagging.UNTAGGABLE_ON_OLD_TARGETS)."""
    return d.section == "resource" and d.rtype in UNTAGGABLE_ON_OLD_TARGETS and d.attribute in ("tags", "tags_all")


def _required_provider(d: Difference, ctx: Context) -> bool:
    """The constraint on the target itself (not a fallback: what the rendering is for)."""
    return d.section == "terraform" and d.name == "required_providers"


REGION_6X, REGION_OLD = "data.aws_region.region.region", "data.aws_region.region.name"


def _data_region(d: Difference, ctx: Context) -> bool:
    """data.aws_region's `name` (before 6.0) instead of `region`, wherever the region is used."""
    text = lambda v: json.dumps(v, default=str)  # noqa: E731
    return (d.modern is not MISSING and d.offline is not MISSING
            and text(d.modern).replace(REGION_6X, REGION_OLD) == text(d.offline))


def _ecs_native(d: Difference, ctx: Context) -> bool:
    """The documented substitution on older targets: the ECS-native strategy becomes rolling.

    Gone offline: what the service's advanced_configuration and hooks name (alternate target group, listener
    rules, infrastructure and hook roles and their policies), the test listener and its ingress rule; on the
    service its deployment_configuration, alarms, the extra dependencies and the ignored load_balancer; the
    production listener's default action forwards instead of answering 404; the pipeline may not pass the roles.
    """
    if d.section != "resource":
        return False
    address = f"{d.rtype}.{d.name}"
    if address in ctx.traffic_shift:
        return True
    if address in ctx.shifted_services and d.attribute in (
            "deployment_configuration", "alarms", "depends_on", "lifecycle", "load_balancer"):
        return True
    if d.rtype == "aws_lb_listener" and d.attribute == "default_action":
        # the production listener: 404 and a listener rule (ECS-native) instead of forwarding by default
        rules = ctx.modern["resource"].get("aws_lb_listener_rule", {})
        production = {ref for rule in ctx.traffic_shift if rule.startswith("aws_lb_listener_rule.")
                      for ref in _refs(rules[rule.split(".")[1]]["listener_arn"])}
        return address in production and [a["type"] for a in d.modern] == ["fixed-response"] and \
            [a["type"] for a in d.offline] == ["forward"]
    if d.rtype == "aws_codebuild_project" and d.attribute == "environment" and ctx.shifted_services:
        # the build tells the buildspec the strategy (DEPLOY_STRATEGY)
        strategy_free = lambda e: {**e, "environment_variable": [  # noqa: E731
            v for v in e["environment_variable"] if v["name"] != "DEPLOY_STRATEGY"]}
        return strategy_free(d.modern) == strategy_free(d.offline)
    if d.rtype == "aws_iam_role_policy" and d.attribute == "policy" and ctx.shifted_services:
        modern = [s for s in json.loads(d.modern)["Statement"] if s["Sid"] != "PassDeploymentRoles"]
        return modern == json.loads(d.offline)["Statement"]
    return False


#: one explanation per entry of generator.targets.FEATURE_MIN_VERSION the offline target lacks, plus the target's
#: own constraint
FALLBACKS: dict[Feature | str, Callable[[Difference, Context], bool]] = {
    "provider constraint": _required_provider,
    Feature.SERVICE_CONNECT: _service_connect,
    Feature.S3_BUCKET_SUBRESOURCES: lambda d, ctx: (
        _whole("resource", {"aws_s3_bucket_versioning", "aws_s3_bucket_server_side_encryption_configuration",
                            "aws_s3_bucket_lifecycle_configuration"})(d, ctx)
        or _attribute({"aws_s3_bucket"}, {"versioning", "server_side_encryption_configuration",
                                          "lifecycle_rule"})(d, ctx)),
    Feature.RUNTIME_PLATFORM: lambda d, ctx: (
        _attribute({"aws_ecs_task_definition"}, {"runtime_platform"})(d, ctx)
        or (d.section == "variable" and d.name == "cpu_architecture")),
    Feature.GUARDDUTY_DETECTOR_FEATURE: lambda d, ctx: (
        _whole("resource", {"aws_guardduty_detector_feature"})(d, ctx)
        or (d.section == "variable" and d.name == "runtime_monitoring")),
    Feature.ECS_EXEC_LOGGING: _attribute({"aws_ecs_cluster"}, {"configuration"}),
    Feature.MANAGED_MASTER_PASSWORD: _managed_password,
    Feature.MANAGED_SECRET_ROTATION: _whole("resource", {"aws_secretsmanager_secret_rotation"}),
    Feature.DB_INSTANCE_DB_NAME: _attribute({"aws_db_instance"}, {"name", "db_name"}),
    Feature.EIP_DOMAIN: _attribute({"aws_eip"}, {"vpc", "domain"}),
    Feature.ECS_CLUSTER_CAPACITY_PROVIDERS_OPTIONAL: _capacity_providers,
    Feature.TAGS_ON_EVERY_RESOURCE: _tags,
    Feature.DATA_REGION_REGION: _data_region,
    Feature.S3_BUCKET_OWNER_ENFORCED: _whole("resource", {"aws_s3_bucket_ownership_controls"}),
    Feature.ECS_BLUE_GREEN: _ecs_native,
    Feature.ECS_LINEAR_CANARY: _ecs_native,
}


def explain(d: Difference, ctx: Context) -> list[Feature | str]:
    """The fallbacks that explain a difference (empty: an undocumented difference)."""
    return [feature for feature, explains in FALLBACKS.items() if explains(d, ctx)]
