"""Cross-resource rules of AWS, checked on a synthesized Terraform document (cdk.tf.json).

Each rule is a function `(doc) -> list[Finding]` (generator.checks.rules.Finding: rule, address, message),
registered with `@rule`, whose docstring says what AWS rejects and cites the AWS page. A rule reads the
document with the tolerant readers of generator.checks.terraform and judges only what the document decides:
a value only Terraform can resolve (a variable, an attribute of another resource) is not a violation.

`check(source, doc)` runs every rule and raises `RejectedByAws` (a GeneratorError: exit code 2) with one
`source: address: [rule] message` line per violation. `generator.synth` runs it on every stack, for every
provider target, before anything is written; the static tests run it on every environment and module.

To add a rule: a module-level function decorated with `@rule`, returning findings; nothing else to register.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any

from generator.checks.aws_names import document_names
from generator.checks.rules import Finding
from generator.checks.terraform import as_list, decoded, nested, references, resources
from generator.config.aws_rules import names as name_rules
from generator.errors import Problem, RejectedByAws

Rule = Callable[[dict], list[Finding]]
#: every rule, by name (the order rules run and report in)
RULES: dict[str, Rule] = {}
#: ECS deployment strategies in which ECS itself shifts traffic between two target groups
ECS_TRAFFIC_SHIFTS = ("BLUE_GREEN", "LINEAR", "CANARY")


def rule(function: Rule) -> Rule:
    """Register a rule under its function name."""
    RULES[function.__name__] = function
    return function


def violations(doc: dict) -> list[Finding]:
    """Every rule's findings for one document."""
    return [finding for check_rule in RULES.values() for finding in check_rule(doc)]


def check(source: str, doc: dict) -> None:
    """Raise RejectedByAws naming every violation in `doc` (nothing when it has none)."""
    found = violations(doc)
    if found:
        raise RejectedByAws(source, [Problem(f.address, f"[{f.rule}] {f.message}") for f in found])


def _controller(service: dict) -> str:
    return str(next((c.get("type") for c in nested(service, "deployment_controller") if c.get("type")), "ECS"))


def _one(value: Any, rtype: str) -> str | None:
    """The single `rtype.name` address `value` references (None when it references none or several)."""
    found = [ref for ref in references(value) if ref.startswith(f"{rtype}.")]
    return found[0] if len(found) == 1 else None


def _forwarded(actions: list[dict]) -> dict[str, int]:
    """Target group address -> weight for the forward actions given (a plain target_group_arn weighs 1)."""
    weights: dict[str, int] = {}
    for action in actions:
        if action.get("type") != "forward":
            continue
        for group in references(action.get("target_group_arn")):
            weights[group] = weights.get(group, 0) + 1
        for forward in nested(action, "forward"):
            for entry in nested(forward, "target_group"):
                for group in references(entry.get("arn")):
                    weight = entry.get("weight", 1)
                    weights[group] = weights.get(group, 0) + (weight if isinstance(weight, int) else 1)
    return weights


def _listener_targets(doc: dict, listener: str) -> set[str]:
    """Target groups a listener forwards to: its default action and every rule on it."""
    name = listener.split(".", 1)[1]
    actions = nested(resources(doc, "aws_lb_listener").get(name, {}), "default_action")
    actions += [a for body in resources(doc, "aws_lb_listener_rule").values()
                if listener in references(body.get("listener_arn")) for a in nested(body, "action")]
    return set(_forwarded(actions))


@rule
def code_deploy_without_service_connect(doc: dict) -> list[Finding]:
    """A service with the CODE_DEPLOY deployment controller has no Service Connect configuration.

    "Only services that use rolling deployments are supported with Service Connect. Services that use the
    blue/green and external deployment types aren't supported"; ECS-native blue/green, linear and canary use the
    ECS controller and work with it.
    https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-connect.html#service-connect-considerations
    """
    return [Finding("code_deploy_without_service_connect", f"aws_ecs_service.{name}",
                    "deployment controller CODE_DEPLOY with service_connect_configuration: Service Connect supports "
                    "only the ECS deployment controller")
            for name, service in resources(doc, "aws_ecs_service").items()
            if _controller(service) == "CODE_DEPLOY" and nested(service, "service_connect_configuration")]


@rule
def codedeploy_target_groups_on_listeners(doc: dict) -> list[Finding]:
    """A CodeDeploy ECS deployment group's two target groups are routed by its listeners, and the service uses one.

    CodeDeploy shifts the production (and test) listener between the target group pair; the service must be
    a CODE_DEPLOY service behind the first of them.
    https://docs.aws.amazon.com/codedeploy/latest/userguide/deployment-groups-create-ecs.html
    https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-type-bluegreen.html
    """
    found = []
    for name, group in resources(doc, "aws_codedeploy_deployment_group").items():
        address = f"aws_codedeploy_deployment_group.{name}"
        for info in nested(group, "load_balancer_info"):
            for pair in nested(info, "target_group_pair_info"):
                groups = [_one(g.get("name"), "aws_lb_target_group") for g in nested(pair, "target_group")]
                if len(groups) != 2 or None in groups:
                    if all(references(g.get("name")) for g in nested(pair, "target_group")):
                        found.append(Finding("codedeploy_target_groups_on_listeners", address,
                                             "target_group_pair_info needs exactly two target groups"))
                    continue
                listeners = {ref for route in ("prod_traffic_route", "test_traffic_route")
                             for r in nested(pair, route) for ref in references(r.get("listener_arns"))
                             if ref.startswith("aws_lb_listener.")}
                routed = set().union(*(_listener_targets(doc, listener) for listener in listeners))
                for target_group in groups:
                    if target_group not in routed:
                        found.append(Finding("codedeploy_target_groups_on_listeners", address,
                                             f"{target_group} is on none of the group's listeners "
                                             f"({', '.join(sorted(listeners)) or 'none'})"))
                for ecs in nested(group, "ecs_service"):
                    service = _one(ecs.get("service_name"), "aws_ecs_service")
                    body = resources(doc, "aws_ecs_service").get(service.split(".", 1)[1], {}) if service else {}
                    if not body:
                        continue
                    uses = {ref for lb in nested(body, "load_balancer")
                            for ref in references(lb.get("target_group_arn"))}
                    if _controller(body) != "CODE_DEPLOY":
                        found.append(Finding("codedeploy_target_groups_on_listeners", address,
                                             f"{service} does not use the CODE_DEPLOY deployment controller"))
                    if not uses & set(groups):
                        found.append(Finding("codedeploy_target_groups_on_listeners", address,
                                             f"{service} is behind neither target group of the pair"))
    return found


def _trusts_ecs(role: dict) -> bool:
    policy = decoded(role.get("assume_role_policy"))
    statements = as_list(policy.get("Statement")) if isinstance(policy, dict) else []
    return any("ecs.amazonaws.com" in as_list((s.get("Principal") or {}).get("Service"))
               for s in statements if isinstance(s, dict))


def _allowed(doc: dict, role: str) -> dict[str, set[str]]:
    """Action -> resource addresses an inline policy of `role` allows (managed policies: see the caller)."""
    allowed: dict[str, set[str]] = defaultdict(set)
    for body in resources(doc, "aws_iam_role_policy").values():
        if role not in references(body.get("role")):
            continue
        policy = decoded(body.get("policy"))
        for statement in as_list(policy.get("Statement")) if isinstance(policy, dict) else []:
            if isinstance(statement, dict) and statement.get("Effect", "Allow") == "Allow":
                for action in as_list(statement.get("Action")):
                    allowed[action] |= references(statement.get("Resource")) | (
                        {"*"} if "*" in as_list(statement.get("Resource")) else set())
    return allowed


def _managed_lb_policy(doc: dict, role: str) -> bool:
    return any(role in references(body.get("role"))
               and str(body.get("policy_arn", "")).endswith("AmazonECSInfrastructureRolePolicyForLoadBalancers")
               for body in resources(doc, "aws_iam_role_policy_attachment").values())


def _infrastructure_role(doc: dict, role: str, groups: set[str], rules: set[str]) -> list[str]:
    """What the infrastructure role lacks: trust of ECS, rule changes, target registration."""
    body = resources(doc, "aws_iam_role").get(role.split(".", 1)[1])
    if body is None:
        return []
    problems = [] if _trusts_ecs(body) else [f"{role} does not trust ecs.amazonaws.com"]
    if _managed_lb_policy(doc, role):
        return problems
    allowed = _allowed(doc, role)
    for action, needed in (("elasticloadbalancing:ModifyRule", rules),
                           ("elasticloadbalancing:RegisterTargets", groups),
                           ("elasticloadbalancing:DeregisterTargets", groups)):
        missing = sorted(needed - allowed.get(action, set())) if "*" not in allowed.get(action, set()) else []
        if missing:
            problems.append(f"{role} may not {action.split(':')[1]} on {', '.join(missing)}")
    return problems


@rule
def ecs_native_deployments(doc: dict) -> list[Finding]:
    """ECS-native blue/green, linear and canary services have what AWS requires.

    The ECS deployment controller; for every load balancer an advanced_configuration with an alternate target
    group, listener *rule* ARNs for production and test (different rules; both target groups on them; only one
    group with traffic on the production rule) and an infrastructure role ECS can assume that may change those
    rules and register tasks in both groups; a bake time for BLUE_GREEN; canary/linear settings for CANARY/LINEAR.
    https://docs.aws.amazon.com/AmazonECS/latest/developerguide/blue-green-deployment-implementation.html
    https://docs.aws.amazon.com/AmazonECS/latest/developerguide/troubleshooting-blue-green.html
    https://docs.aws.amazon.com/AmazonECS/latest/developerguide/AmazonECSInfrastructureRolePolicyForLoadBalancers.html
    """
    found = []
    rules = resources(doc, "aws_lb_listener_rule")
    for name, service in resources(doc, "aws_ecs_service").items():
        address = f"aws_ecs_service.{name}"
        strategy = next((c.get("strategy") for c in nested(service, "deployment_configuration")
                         if c.get("strategy")), "ROLLING")
        if strategy not in ECS_TRAFFIC_SHIFTS:
            continue
        problems = []
        if _controller(service) != "ECS":
            problems.append(f"strategy {strategy} needs the ECS deployment controller")
        [config] = nested(service, "deployment_configuration")[:1]
        if strategy == "BLUE_GREEN" and config.get("bake_time_in_minutes") is None:
            problems.append("BLUE_GREEN needs bake_time_in_minutes")
        for needed in ("canary_configuration",) if strategy == "CANARY" else (
                ("linear_configuration",) if strategy == "LINEAR" else ()):
            if not nested(config, needed):
                problems.append(f"{strategy} needs {needed}")
        for lb in nested(service, "load_balancer"):
            advanced = nested(lb, "advanced_configuration")
            if not advanced:
                problems.append("a non-ROLLING strategy needs advanced_configuration on every load_balancer")
                continue
            problems += _advanced_configuration(doc, rules, lb, advanced[0])
        found += [Finding("ecs_native_deployments", address, problem) for problem in problems]
    return found


def _advanced_configuration(doc: dict, rules: dict[str, dict], lb: dict, advanced: dict) -> list[str]:
    """What one load_balancer's advanced_configuration lacks for an ECS-native deployment."""
    problems = []
    primary = _one(lb.get("target_group_arn"), "aws_lb_target_group")
    alternate = _one(advanced.get("alternate_target_group_arn"), "aws_lb_target_group")
    if primary is not None and primary == alternate:
        problems.append("alternate_target_group_arn is the service's own target group")
    chosen = {}
    for key in ("production_listener_rule", "test_listener_rule"):
        value = advanced.get(key)
        if any(ref.startswith("aws_lb_listener.") for ref in references(value)):
            problems.append(f"{key} is a listener; an Application Load Balancer needs a listener rule ARN")
        chosen[key] = _one(value, "aws_lb_listener_rule")
    if chosen["production_listener_rule"] is not None and \
            chosen["production_listener_rule"] == chosen["test_listener_rule"]:
        problems.append("production_listener_rule and test_listener_rule are the same rule")
    weights = {key: _forwarded(nested(rules.get(address.split(".", 1)[1], {}), "action"))
               for key, address in chosen.items() if address is not None}
    production = weights.get("production_listener_rule")
    if production is not None and sum(1 for w in production.values() if w) != 1:
        problems.append("the production listener rule must send traffic to exactly one target group")
    if primary and alternate and len(weights) == 2:
        on_rules = set().union(*weights.values())
        problems += [f"{group} is on neither the production nor the test listener rule"
                     for group in (primary, alternate) if group not in on_rules]
    role = _one(advanced.get("role_arn"), "aws_iam_role")
    if role is not None and primary and alternate:
        problems += _infrastructure_role(doc, role, {primary, alternate},
                                         {a for a in chosen.values() if a is not None})
    return problems


@rule
def cloud_map_names_unique(doc: dict) -> list[Finding]:
    """Cloud Map service names (DNS services and Service Connect discovery names) are unique in a namespace.

    "All discovery names must be unique within a namespace."
    https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-connect.html#service-connect-considerations
    """
    owners: dict[tuple[str, str], list[str]] = defaultdict(list)
    for name, body in resources(doc, "aws_service_discovery_service").items():
        for dns in nested(body, "dns_config"):
            for namespace in references(dns.get("namespace_id")):
                if isinstance(body.get("name"), str) and "${" not in body["name"]:
                    owners[(namespace, body["name"])].append(f"aws_service_discovery_service.{name}")
    for name, service in resources(doc, "aws_ecs_service").items():
        for config in nested(service, "service_connect_configuration"):
            for namespace in references(config.get("namespace")):
                for entry in nested(config, "service"):
                    discovery = entry.get("discovery_name")
                    if isinstance(discovery, str) and "${" not in discovery:
                        owners[(namespace, discovery)].append(f"aws_ecs_service.{name}")
    return [Finding("cloud_map_names_unique", addresses[1],
                    f"Cloud Map name {discovery!r} in {namespace} is also used by {addresses[0]}")
            for (namespace, discovery), addresses in owners.items() if len(addresses) > 1]


@rule
def aws_names(doc: dict) -> list[Finding]:
    """Every name the document sets obeys AWS's rule for its kind: length, characters, reserved prefixes
    (generator.config.aws_rules: botocore's service models and a table citing each page, e.g.
    https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateTargetGroup.html).

    Validation judges the configured and derived names before synthesis; this rule judges what reached the
    document, so a construct that composes a name the config never held cannot slip past."""
    rules = name_rules()
    return [Finding("aws_names", address, problem) for kind, value, address in document_names(doc)
            if (problem := rules[kind].problem(value)) is not None]
