"""AWS's rules applied to a validated environment: every name, every bounded number, their combinations.

The rules come from generator.config.aws_rules (botocore's models plus a cited table); the
names from generator.config.aws_names (configured and derived). Each problem names the field,
the rule and what is valid. Uniqueness (names and Terraform addresses) is in collisions.py.
"""
from __future__ import annotations

import ipaddress
from collections import defaultdict
from typing import Any

from generator.arns import partition_of
from generator.config.aws_names import environment_names
from generator.config.aws_rules import RDS_ENGINES, SECRET_RECOVERY_DAYS, ecs_regions, limits
from generator.config.aws_rules import names as name_rules
from generator.config.model import EnvironmentConfig, ServiceConfig
from generator.config.names import given
from generator.errors import Problem

#: tags the stack adds itself: Environment on every resource, Name and Tier on some (stack.py, constructs/network.py)
STACK_TAGS = ("Environment", "Name", "Tier")
#: the target group health check interval the ALB uses: the container's, at least 10 s (constructs/load_balancer.py)
MIN_TARGET_GROUP_INTERVAL = 10
DERIVED = " (derived from prefix and keys: set it explicitly to choose another)"


def check(env: EnvironmentConfig, raw: Any) -> list[Problem]:
    """Every AWS rule the environment breaks; `raw` is the mapping it was read from (tells given from derived)."""
    problems = (_names(env, raw) + _region(env) + _alb(env) + _tags(env) + _databases(env) + _tables(env)
                + _pipelines(env))
    for name, svc in env.services.items():
        problems += _service(f"services.{name}", svc)
    return problems + _listener_rules(env)


def _names(env: EnvironmentConfig, raw: Any) -> list[Problem]:
    """Each name against its kind's rule; one problem per field (the name itself before what is built from it)."""
    rules, found = name_rules(), {}
    for use in environment_names(env):
        problem = rules[use.kind].problem(use.value)
        if problem is None or use.field in found:
            continue
        message = f"{use.via}: {problem}" if use.via else problem
        found[use.field] = message if given(raw, use.path) else message + DERIVED
    return [Problem(field, message) for field, message in found.items()]


def _region(env: EnvironmentConfig) -> list[Problem]:
    if env.region in ecs_regions():
        return []
    return [Problem("region", f"{env.region!r} is not a region where botocore's endpoint data offers ECS; valid: "
                              f"{', '.join(sorted(ecs_regions()))}")]


def _alb(env: EnvironmentConfig) -> list[Problem]:
    alb, problems = env.alb, []
    for field, version in (("ingress_cidrs", 4), ("ingress_ipv6_cidrs", 6)):
        for i, cidr in enumerate(getattr(alb, field)):
            reason = _network_problem(cidr, version)
            if reason:
                problems.append(Problem(f"alb.{field}[{i}]", reason))
    if not (alb.ingress_cidrs or alb.ingress_ipv6_cidrs) and any(s.load_balancer for s in env.services.values()):
        problems.append(Problem("alb.ingress_cidrs", "empty (and no alb.ingress_ipv6_cidrs): a security group rule "
                                                     "needs a source, so no client could reach the listeners; "
                                                     "e.g. 0.0.0.0/0"))
    if alb.certificate_arn:
        # ACM certificates are regional: "To use a certificate with Elastic Load Balancing ... in more than one
        # AWS Region, you must request or import a certificate for each Region."
        # https://docs.aws.amazon.com/acm/latest/userguide/acm-regions.html
        partition, region = alb.certificate_arn.split(":")[1], alb.certificate_arn.split(":")[3]
        if region != env.region or partition != partition_of(env.region):
            problems.append(Problem("alb.certificate_arn", f"the certificate is in {partition}/{region}, but an ALB "
                                                           f"takes only certificates of its own region: "
                                                           f"{partition_of(env.region)}/{env.region}"))
    return problems


#: security group rules take IPv4 (cidr_blocks) and IPv6 (ipv6_cidr_blocks) blocks in separate fields
#: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpPermission.html
_NETWORK_FIELDS = {4: ("alb.ingress_cidrs", "203.0.113.0/24"), 6: ("alb.ingress_ipv6_cidrs", "2001:db8::/32")}


def _network_problem(cidr: str, version: int) -> str | None:
    """Why `cidr` is not an IPv`version` network address a security group rule takes (None when it is)."""
    try:
        network = ipaddress.ip_network(cidr, strict=False)
    except ValueError:
        return f"{cidr!r} is not a CIDR block (e.g. {_NETWORK_FIELDS[version][1]})"
    if network.version != version:
        return f"{cidr!r} is an IPv{network.version} block; those go in {_NETWORK_FIELDS[network.version][0]}"
    if str(network) != cidr:
        return f"{cidr!r} has host bits set; the network address is {network} (the only form AWS takes)"
    return None


def _tags(env: EnvironmentConfig) -> list[Problem]:
    problems, limit = [], limits()["tags_per_resource"]
    count = len(set(env.tags) | set(STACK_TAGS))
    if count > limit.maximum:
        problems.append(Problem("tags", f"{len(env.tags)} tags plus the stack's {', '.join(STACK_TAGS)} make "
                                        f"{count}; AWS allows {limit.maximum} per resource"))
    return problems


def _service(field: str, svc: ServiceConfig) -> list[Problem]:
    problems, tasks = [], limits()["tasks_per_service"]
    if svc.container_cpu is not None and svc.container_cpu > svc.cpu:
        # "the total amount of CPU reserved for all containers within a task be lower than the task-level cpu"
        # https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html
        problems.append(Problem(f"{field}.container_cpu", f"{svc.container_cpu} exceeds the task's cpu "
                                                          f"({svc.cpu}); valid: 0..{svc.cpu}"))
    for path, count in (("desired_count", svc.desired_count),
                        ("autoscaling.max", svc.autoscaling.max if svc.autoscaling else 0)):
        reason = tasks.problem(count)
        if reason:
            problems.append(Problem(f"{field}.{path}", reason))
    if svc.load_balancer is not None:
        problems += _target_group_health(field, svc)
        patterns = svc.load_balancer.path_patterns
        per_rule, wildcards = limits()["path_patterns_per_rule"], limits()["wildcards_per_rule"]
        if len(patterns) > per_rule.maximum:
            problems.append(Problem(f"{field}.load_balancer.path_patterns",
                                    f"{len(patterns)} patterns; AWS takes at most {per_rule.maximum} in a rule's "
                                    "path condition"))
        stars = sum(p.count("*") + p.count("?") for p in patterns)
        if stars > wildcards.maximum:
            problems.append(Problem(f"{field}.load_balancer.path_patterns",
                                    f"{stars} wildcards; AWS takes at most {wildcards.maximum} in one rule"))
    return problems


def _target_group_health(field: str, svc: ServiceConfig) -> list[Problem]:
    """The container health check is also the target group's: its timeout and retries meet ELB's rules too."""
    check, problems = svc.health_check, []
    interval = max(check.interval, MIN_TARGET_GROUP_INTERVAL)
    # ELB rejects a timeout that is not smaller than the interval ("Health check timeout must be smaller than
    # the interval"); health check settings: https://docs.aws.amazon.com/elasticloadbalancing/latest/application/
    # target-group-health-checks.html
    if check.timeout >= interval:
        problems.append(Problem(f"{field}.health_check.timeout",
                                f"{check.timeout} s is also the target group's health check timeout, which must "
                                f"be smaller than its interval ({interval} s); valid: 2..{interval - 1}"))
    reason = limits()["health_check_threshold"].problem(check.retries)
    if reason:
        problems.append(Problem(f"{field}.health_check.retries",
                                f"{check.retries} is also the target group's unhealthy threshold: {reason}"))
    return problems


def _listener_rules(env: EnvironmentConfig) -> list[Problem]:
    """Listener rule priorities are unique per listener (given ones and derived ones alike)."""
    owners: dict[tuple[int, int], list[str]] = defaultdict(list)
    for name, svc in env.services.items():
        lb = svc.load_balancer
        if lb and lb.path_patterns and lb.priority is not None:
            owners[(lb.listener_port, lb.priority)].append(name)
    return [Problem(f"services.{names[1]}.load_balancer.priority",
                    f"listener {port} already has a rule with priority {priority} (service {names[0]!r}); "
                    "priorities are unique per listener (without one given, a rule gets 10 x its position "
                    "among the services with path_patterns)")
            for (port, priority), names in owners.items() if len(names) > 1]


def _tables(env: EnvironmentConfig) -> list[Problem]:
    problems, limit = [], limits()["global_secondary_indexes"]
    for key, table in env.tables.items():
        reason = limit.problem(len(table.indexes))
        if reason:
            problems.append(Problem(f"tables.{key}.indexes", reason))
        seen: dict[str, int] = {}
        for i, index in enumerate(table.indexes):
            if index.name in seen:
                problems.append(Problem(f"tables.{key}.indexes[{i}].name", f"{index.name!r} is also index "
                                                                           f"[{seen[index.name]}]; index names "
                                                                           "are unique per table"))
            seen.setdefault(index.name, i)
    return problems


def _databases(env: EnvironmentConfig) -> list[Problem]:
    problems = []
    for key, db in env.databases.items():
        field = f"databases.{key}"
        if db.secret_recovery_days not in SECRET_RECOVERY_DAYS:
            problems.append(Problem(f"{field}.secret_recovery_days",
                                    f"{db.secret_recovery_days}: Secrets Manager keeps a deleted secret 7 to 30 "
                                    "days; valid: 0 (delete at once) or 7..30"))
        catalog = RDS_ENGINES[db.engine]
        if not catalog.version_known(db.engine_version):
            problems.append(Problem(f"{field}.engine_version",
                                    f"{db.engine_version!r} is not an RDS {db.engine} version; valid: "
                                    f"{', '.join(catalog.versions)} (or one of their minor versions, e.g. "
                                    f"{catalog.versions[-1]}.1)"))
        if not catalog.class_known(db.instance_class):
            problems.append(Problem(f"{field}.instance_class",
                                    f"{db.instance_class!r} is not an RDS {db.engine} instance class this "
                                    f"generator knows; valid: {catalog.describe_classes()}"))
    return problems


def _pipelines(env: EnvironmentConfig) -> list[Problem]:
    problems, limit = [], limits()["codedeploy_alarms"]
    for key, pipe in env.pipelines.items():
        if pipe.blue_green is None:
            continue
        field, alarms = f"pipelines.{key}.blue_green.alarms", pipe.blue_green.alarms
        reason = limit.problem(len(alarms))
        if reason:
            problems.append(Problem(field, reason))
        repeated = sorted({a for a in alarms if alarms.count(a) > 1})
        if repeated:
            problems.append(Problem(field, f"{', '.join(repeated)} listed twice; CodeDeploy takes each alarm once"))
    return problems
