"""The project's own static rules for a Terraform document (synthesized stack or HCL module).

Each rule takes a document (see generator.checks.terraform for the accepted shapes) and
returns findings; an empty list means the rule holds. Values that only Terraform can
resolve (``${...}`` other than a variable with a default) are not judged here: they are
judged where they are set.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from generator.checks.terraform import (
    as_list,
    data_sources,
    decoded,
    integer,
    is_expression,
    literal,
    nested,
    references,
    resources,
    section,
)
from generator.config.fargate import FARGATE_SIZES
from generator.iam_reference import UNCONDITIONED_TRUST
from generator.iam_reference import load as iam_reference

#: IAM action -> why it may use Resource "*": the actions the Service Authorization Reference lists
#: without resource types (generator/data/iam_actions.json), so AWS authorizes them only on "*"
WILDCARD_RESOURCE_ACTIONS: dict[str, str] = {
    action.name: f"no resource-level permissions ({iam_reference().page(action.name)})"
    for action in iam_reference().actions.values() if action.wildcard_only}
PUBLIC_CIDRS = frozenset({"0.0.0.0/0", "::/0"})
POLICY_ATTRIBUTES = {
    "aws_iam_role_policy": "policy", "aws_iam_policy": "policy", "aws_iam_user_policy": "policy",
    "aws_iam_group_policy": "policy", "aws_iam_role": "assume_role_policy", "aws_s3_bucket_policy": "policy",
}


@dataclass(frozen=True)
class Finding:
    """One broken rule at one address."""

    rule: str
    address: str
    message: str

    def __str__(self) -> str:
        return f"[{self.rule}] {self.address}: {self.message}"


Rule = Callable[[dict], list[Finding]]


def fargate_tasks(doc: dict) -> list[Finding]:
    """Task definitions are awsvpc + FARGATE with a cpu/memory pair Fargate offers."""
    found = []
    for name, task in resources(doc, "aws_ecs_task_definition").items():
        address = f"aws_ecs_task_definition.{name}"
        if task.get("network_mode") != "awsvpc":
            found.append(Finding("fargate_tasks", address, f"network_mode is {task.get('network_mode')!r}"))
        if "FARGATE" not in as_list(task.get("requires_compatibilities")):
            found.append(Finding("fargate_tasks", address, "requires_compatibilities lacks FARGATE"))
        cpu, memory = literal(doc, task.get("cpu")), literal(doc, task.get("memory"))
        if is_expression(cpu) or is_expression(memory):
            continue
        cpu_units, memory_mib = integer(cpu), integer(memory)
        if cpu_units not in FARGATE_SIZES or memory_mib not in FARGATE_SIZES[cpu_units]:
            found.append(Finding("fargate_tasks", address, f"cpu {cpu} / memory {memory} is not a Fargate size"))
    return found


def containers(doc: dict) -> list[Finding]:
    """Every container has a health check and a log configuration."""
    found = []
    for name, task in resources(doc, "aws_ecs_task_definition").items():
        definitions = decoded(task.get("container_definitions"))
        if definitions is None:
            continue
        for container in as_list(definitions):
            where = f"aws_ecs_task_definition.{name} container {container.get('name')!r}"
            if not (container.get("healthCheck") or {}).get("command"):
                found.append(Finding("containers", where, "no healthCheck command"))
            if not (container.get("logConfiguration") or {}).get("logDriver"):
                found.append(Finding("containers", where, "no logConfiguration"))
    return found


def no_public_ips(doc: dict) -> list[Finding]:
    """No ECS service assigns a public IP to its tasks."""
    return [Finding("no_public_ips", f"aws_ecs_service.{name}", "assign_public_ip is true")
            for name, service in resources(doc, "aws_ecs_service").items()
            for network in nested(service, "network_configuration")
            if network.get("assign_public_ip") in (True, "true")]


def _listener_ports_by_group(doc: dict) -> dict[str, set[int]]:
    """Security group address -> ports of the listeners of the load balancers using it."""
    ports: dict[str, set[int]] = {}
    listeners = resources(doc, "aws_lb_listener") | resources(doc, "aws_alb_listener")
    for lb_type in ("aws_lb", "aws_alb"):
        for name, lb in resources(doc, lb_type).items():
            lb_ports = {integer(literal(doc, listener.get("port"))) for listener in listeners.values()
                        if f"{lb_type}.{name}" in references(listener.get("load_balancer_arn"))}
            for group in references(lb.get("security_groups")):
                ports.setdefault(group, set()).update(p for p in lb_ports if p is not None)
    return ports


def _ingress_problem(rule: dict, group: set[str], public_ports: dict[str, set[int]],
                     cidr_keys: tuple[str, ...]) -> str | None:
    """Why an ingress rule open to the internet is not allowed (None when it is fine)."""
    cidrs = {c for key in cidr_keys for c in as_list(rule.get(key))}
    if not cidrs & PUBLIC_CIDRS:
        return None
    low, high = integer(rule.get("from_port")), integer(rule.get("to_port"))
    allowed = set().union(*(public_ports.get(g, set()) for g in group)) if group else set()
    if low is not None and low == high and low in allowed:
        return None
    return f"ingress from the internet on ports {low}-{high}, which is no load balancer listener port"


def security_group_rules(doc: dict) -> list[Finding]:
    """Every rule has a description; internet ingress only to a load balancer's listener ports."""
    found = []
    public_ports = _listener_ports_by_group(doc)
    candidates: list[tuple[str, dict, set[str], bool, tuple[str, ...]]] = []
    for name, rule in resources(doc, "aws_security_group_rule").items():
        candidates.append((f"aws_security_group_rule.{name}", rule, references(rule.get("security_group_id")),
                           rule.get("type") == "ingress", ("cidr_blocks", "ipv6_cidr_blocks")))
    for kind in ("ingress", "egress"):
        for name, rule in resources(doc, f"aws_vpc_security_group_{kind}_rule").items():
            candidates.append((f"aws_vpc_security_group_{kind}_rule.{name}", rule,
                               references(rule.get("security_group_id")), kind == "ingress",
                               ("cidr_ipv4", "cidr_ipv6")))
        for name, security_group in resources(doc, "aws_security_group").items():
            for i, rule in enumerate(nested(security_group, kind)):
                candidates.append((f"aws_security_group.{name} {kind}[{i}]", rule, {f"aws_security_group.{name}"},
                                   kind == "ingress", ("cidr_blocks", "ipv6_cidr_blocks")))
    for address, rule, group, ingress, cidr_keys in candidates:
        if not str(rule.get("description") or "").strip():
            found.append(Finding("security_group_rules", address, "no description"))
        problem = _ingress_problem(rule, group, public_ports, cidr_keys) if ingress else None
        if problem:
            found.append(Finding("security_group_rules", address, problem))
    return found


def wildcard_reason(action: str) -> str | None:
    """Why `action` may use Resource "*" (None when it may not)."""
    return WILDCARD_RESOURCE_ACTIONS.get(action)


def _resource_type_problems(actions: list[str], resources: list[str]) -> list[str]:
    """Actions AWS would not authorize on the statement's resources.

    Judged against the Service Authorization Reference table (generator/data/iam_actions.json):
    an action without resource types is authorized only on "*"; one with resource types only on
    ARNs of those types.
    """
    table = iam_reference()
    problems = []
    known = [(a, table.action(a)) for a in actions]
    problems += [f"{a} is not in the IAM reference table (generator/data/iam_actions.json)" for a, ref in known
                 if ref is None and "*" not in a]
    scoped = [r for r in resources if r != "*"]
    if not scoped:
        return problems
    for name, ref in known:
        if ref is None:
            continue
        if ref.wildcard_only:
            problems.append(f"{name} is authorized only on Resource '*' ({table.page(name)}); scoped, AWS denies it")
            continue
        if not any(table.may_match(ref, r) for r in scoped):
            problems.append(f"{name} is authorized only on {', '.join(ref.resource_types)} ARNs; none of "
                            f"{', '.join(scoped)} is one")
    return problems


def statement_problems(statement: dict) -> list[str]:
    """What is too broad, or scoped where AWS would deny, in one policy statement (JSON policy grammar)."""
    if statement.get("Effect", "Allow") != "Allow":
        return []
    problems = []
    if "NotAction" in statement or "NotResource" in statement:
        problems.append("NotAction/NotResource in an Allow statement")
    actions = [a for a in as_list(statement.get("Action")) if isinstance(a, str)]
    problems += [f"wildcard action {a!r}" for a in actions if a == "*" or a.endswith(":*")]
    resources = [r for r in as_list(statement.get("Resource")) if isinstance(r, str)]
    if "*" in resources:
        unexplained = [a for a in actions if wildcard_reason(a) is None]
        if unexplained:
            problems.append(f"Resource '*' for {', '.join(sorted(unexplained))}")
    elif actions and "Principal" not in statement:  # identity policies; resource policies name their own resource
        problems += _resource_type_problems(actions, resources)
    principal = statement.get("Principal")
    if principal == "*" or (isinstance(principal, dict) and "*" in as_list(principal.get("AWS"))):
        problems.append("Principal '*'")
    return problems


def _document_statements(document: Any) -> list[dict]:
    if not isinstance(document, dict):
        return []
    return [s for s in as_list(document.get("Statement")) if isinstance(s, dict)]


def _policy_document_data(body: dict) -> list[dict]:
    """aws_iam_policy_document statements in JSON policy grammar."""
    out = []
    for statement in nested(body, "statement"):
        converted: dict = {"Effect": statement.get("effect", "Allow")}
        for block_key, json_key in (("actions", "Action"), ("not_actions", "NotAction"),
                                    ("resources", "Resource"), ("not_resources", "NotResource")):
            if statement.get(block_key) is not None:
                converted[json_key] = statement[block_key]
        principals = nested(statement, "principals")
        if any("*" in as_list(p.get("identifiers")) for p in principals):
            converted["Principal"] = "*"
        out.append(converted)
    return out


def iam_policies(doc: dict) -> list[Finding]:
    """No `*` or `service:*` action; Resource "*" exactly for the actions AWS authorizes only on "*";
    every other action scoped to ARNs of a resource type AWS authorizes it on."""
    documents: list[tuple[str, list[dict]]] = []
    for rtype, attribute in POLICY_ATTRIBUTES.items():
        for name, body in resources(doc, rtype).items():
            documents.append((f"{rtype}.{name}", _document_statements(decoded(body.get(attribute)))))
            for i, inline in enumerate(nested(body, "inline_policy")):
                documents.append((f"{rtype}.{name} inline_policy[{i}]",
                                  _document_statements(decoded(inline.get("policy")))))
    for name, body in data_sources(doc, "aws_iam_policy_document").items():
        documents.append((f"data.aws_iam_policy_document.{name}", _policy_document_data(body)))
    for name, body in section(doc, "output").items():
        documents.append((f"output.{name}", _document_statements(decoded(body.get("value")))))
    return [Finding("iam_policies", address, problem)
            for address, statements in documents for statement in statements
            for problem in statement_problems(statement)]


def trust_policies(doc: dict) -> list[Finding]:
    """A service may assume a role only for this account's resources (aws:SourceAccount / aws:SourceArn),
    except where AWS documents the trust without those keys (generator.iam_reference.UNCONDITIONED_TRUST:
    CodePipeline, ECS task execution roles, ECS infrastructure roles)."""
    execution_roles = {ref for task in resources(doc, "aws_ecs_task_definition").values()
                       for ref in references(task.get("execution_role_arn"))}
    found = []
    for name, role in resources(doc, "aws_iam_role").items():
        address = f"aws_iam_role.{name}"
        for statement in _document_statements(decoded(role.get("assume_role_policy"))):
            principal = statement.get("Principal")
            services = as_list(principal.get("Service")) if isinstance(principal, dict) else []
            keys = {key for test in (statement.get("Condition") or {}).values() if isinstance(test, dict)
                    for key in test}
            if statement.get("Effect", "Allow") != "Allow" or keys & {"aws:SourceAccount", "aws:SourceArn"}:
                continue
            for service in services:
                exempt = service in UNCONDITIONED_TRUST or (
                    service == "ecs-tasks.amazonaws.com" and address in execution_roles)
                if not exempt:
                    found.append(Finding("trust_policies", address, f"{service} may assume it on behalf of any "
                                                                    "account (no aws:SourceAccount/aws:SourceArn)"))
    return found


#: what makes Terraform generate a secret (its value then lives in state) and where a password is set
SECRET_GENERATORS = {"data": ["aws_secretsmanager_random_password"],
                     "resource": ["random_password", "random_string", "tls_private_key"]}
PASSWORD_ATTRIBUTES = {"aws_db_instance": ("password",), "aws_rds_cluster": ("master_password",)}


def secrets_in_state(doc: dict) -> list[Finding]:
    """No secret is generated into Terraform state; a database password is RDS-managed or the caller's input."""
    found = [Finding("secrets_in_state", f"{'data.' if kind == 'data' else ''}{rtype}.{name}",
                     "generates a secret into Terraform state")
             for kind, types in SECRET_GENERATORS.items() for rtype in types
             for name in (doc.get(kind, {}).get(rtype, {}) or {})]
    for rtype, attributes in PASSWORD_ATTRIBUTES.items():
        for name, body in resources(doc, rtype).items():
            for attribute in attributes:
                value = body.get(attribute)
                if value is not None and not re.fullmatch(r"\$\{var\.[A-Za-z0-9_-]+\}", str(value)):
                    found.append(Finding("secrets_in_state", f"{rtype}.{name}",
                                         f"{attribute} is neither RDS-managed nor an input variable"))
    return found


def ecr_repositories(doc: dict) -> list[Finding]:
    """Repositories scan on push and never reuse a tag."""
    found = []
    for name, repo in resources(doc, "aws_ecr_repository").items():
        address = f"aws_ecr_repository.{name}"
        if repo.get("image_tag_mutability") != "IMMUTABLE":
            found.append(Finding("ecr_repositories", address, "image tags are mutable"))
        if not any(s.get("scan_on_push") in (True, "true") for s in nested(repo, "image_scanning_configuration")):
            found.append(Finding("ecr_repositories", address, "no scan on push"))
    return found


def _encrypted_inline(bucket: dict) -> bool:
    return any(default.get("sse_algorithm")
               for config in nested(bucket, "server_side_encryption_configuration")
               for rule in nested(config, "rule")
               for default in nested(rule, "apply_server_side_encryption_by_default"))


def s3_buckets(doc: dict) -> list[Finding]:
    """Buckets are encrypted (inline on 3.x, a sub-resource on >= 4.0) and block public access."""
    encrypted = {ref for body in resources(doc, "aws_s3_bucket_server_side_encryption_configuration").values()
                 if any(d.get("sse_algorithm") for r in nested(body, "rule")
                        for d in nested(r, "apply_server_side_encryption_by_default"))
                 for ref in references(body.get("bucket"))}
    blocked = {ref for body in resources(doc, "aws_s3_bucket_public_access_block").values()
               if all(body.get(flag) in (True, "true") for flag in (
                   "block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"))
               for ref in references(body.get("bucket"))}
    found = []
    for name, bucket in resources(doc, "aws_s3_bucket").items():
        address = f"aws_s3_bucket.{name}"
        if address not in encrypted and not _encrypted_inline(bucket):
            found.append(Finding("s3_buckets", address, "no default encryption"))
        if address not in blocked:
            found.append(Finding("s3_buckets", address, "public access is not fully blocked"))
    return found


def log_groups(doc: dict) -> list[Finding]:
    """Log groups expire their events."""
    found = []
    for name, group in resources(doc, "aws_cloudwatch_log_group").items():
        days = literal(doc, group.get("retention_in_days"))
        if not is_expression(days) and not (integer(days) or 0) > 0:
            found.append(Finding("log_groups", f"aws_cloudwatch_log_group.{name}", "no retention_in_days"))
    return found


def interface(doc: dict) -> list[Finding]:
    """Variables have a type and a description; outputs have a description."""
    found = [Finding("interface", f"var.{name}", f"no {key}")
             for name, body in section(doc, "variable").items()
             for key in ("type", "description") if not str(body.get(key) or "").strip()]
    found += [Finding("interface", f"output.{name}", "no description")
              for name, body in section(doc, "output").items() if not str(body.get("description") or "").strip()]
    return found


RULES: dict[str, Rule] = {rule.__name__: rule for rule in (
    fargate_tasks, containers, no_public_ips, security_group_rules, iam_policies, trust_policies, secrets_in_state,
    ecr_repositories, s3_buckets, log_groups, interface)}


def check(doc: dict) -> list[Finding]:
    """Every rule's findings for one document."""
    return [finding for rule in RULES.values() for finding in rule(doc)]
