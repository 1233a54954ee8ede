"""generator/rules/document.py: AWS's cross-resource rules hold on every stack and module, catch each violation,
and fail synthesis with a clear GeneratorError (nothing written)."""
from __future__ import annotations

import copy
import json
from collections.abc import Callable

import pytest

from generator.checks.rules import Finding
from generator.errors import GeneratorError, RejectedByAws
from generator.rules import document

pytestmark = pytest.mark.static


@pytest.fixture(scope="module")
def documents(stacks) -> dict[str, dict]:
    return {name: stack.document() for name, stack in stacks.items()}


def test_every_stack_passes(documents):
    assert set(documents) >= {"workshop", "local", "modern"}
    for name, doc in documents.items():
        assert document.violations(doc) == [], name


def test_every_module_passes(modules):
    assert "pipeline-ecs-canary" in modules and "pipeline-blue-green" in modules
    for name, doc in modules.items():
        assert document.violations(doc) == [], name


def test_the_rules_have_something_to_judge(documents):
    """Guards against rules passing because they found nothing (renamed types, changed shapes)."""
    workshop, modern = documents["workshop"], documents["modern"]
    assert workshop["resource"]["aws_codedeploy_deployment_group"]
    assert any(s.get("deployment_controller", {}).get("type") == "CODE_DEPLOY"
               for s in workshop["resource"]["aws_ecs_service"].values())
    assert any(s.get("deployment_configuration", {}).get("strategy") == "CANARY"
               for s in modern["resource"]["aws_ecs_service"].values())
    assert workshop["resource"]["aws_service_discovery_service"]


def mutate(doc: dict, path: list, value) -> dict:
    """A copy of `doc` with the value at `path` (keys and list indexes) replaced (or deleted when value is ...)."""
    out = copy.deepcopy(doc)
    node = out
    for key in path[:-1]:
        node = node[key]
    if value is ...:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return out


def with_policy(doc: dict, name: str, keep: Callable[[dict], bool]) -> dict:
    out = copy.deepcopy(doc)
    body = out["resource"]["aws_iam_role_policy"][name]
    policy = json.loads(body["policy"])
    policy["Statement"] = [s for s in policy["Statement"] if keep(s)]
    body["policy"] = json.dumps(policy)
    return out


SERVICE = ["resource", "aws_ecs_service"]
UI = [*SERVICE, "svc_ui_service"]
ADVANCED = [*UI, "load_balancer", 0, "advanced_configuration"]
PROD_RULE = ["resource", "aws_lb_listener_rule", "alb_ui_production_rule"]
GROUP = ["resource", "aws_codedeploy_deployment_group", "pipeline_ui_blue_green_codedeploy_group"]

#: (env, how to break it, rule that must object, words of its message)
VIOLATIONS: list[tuple[str, Callable[[dict], dict], str, str]] = [
    # the defect of issue 10: the workshop's CodeDeploy service with Service Connect, as main synthesized it
    ("workshop", lambda d: mutate(d, [*SERVICE, "svc_retail_store_ui_bg_service", "service_connect_configuration"],
                                  {"enabled": True, "namespace": "${aws_service_discovery_private_dns_namespace"
                                                                 ".discovery_namespace.arn}"}),
     "code_deploy_without_service_connect", "Service Connect supports only the ECS deployment controller"),
    ("workshop", lambda d: mutate(d, [*GROUP, "load_balancer_info", "target_group_pair_info", "target_group", 1,
                                      "name"], "${aws_lb_target_group.alb_ui_tg.name}"),
     "codedeploy_target_groups_on_listeners", "aws_lb_target_group.alb_ui_tg is on none of the group's listeners"),
    ("workshop", lambda d: mutate(d, [*GROUP, "ecs_service", "service_name"],
                                  "${aws_ecs_service.svc_retail_store_ui_cicd_service.name}"),
     "codedeploy_target_groups_on_listeners", "does not use the CODE_DEPLOY deployment controller"),
    ("workshop", lambda d: mutate(d, ["resource", "aws_service_discovery_service", "discovery_catalog_dns", "name"],
                                  "carts"),
     "cloud_map_names_unique", "Cloud Map name 'carts'"),
    ("modern", lambda d: mutate(mutate(d, [*UI, "deployment_controller", "type"], "CODE_DEPLOY"),
                                [*UI, "service_connect_configuration"], ...),
     "ecs_native_deployments", "needs the ECS deployment controller"),
    ("modern", lambda d: mutate(d, [*UI, "deployment_configuration", "canary_configuration"], ...),
     "ecs_native_deployments", "CANARY needs canary_configuration"),
    ("modern", lambda d: mutate(d, [*UI, "load_balancer", 0, "advanced_configuration"], ...),
     "ecs_native_deployments", "needs advanced_configuration on every load_balancer"),
    ("modern", lambda d: mutate(d, [*ADVANCED, "production_listener_rule"], "${aws_lb_listener.alb_listener_80.arn}"),
     "ecs_native_deployments", "production_listener_rule is a listener"),
    ("modern", lambda d: mutate(d, [*ADVANCED, "test_listener_rule"],
                                "${aws_lb_listener_rule.alb_ui_production_rule.arn}"),
     "ecs_native_deployments", "are the same rule"),
    ("modern", lambda d: mutate(d, [*ADVANCED, "alternate_target_group_arn"], "${aws_lb_target_group.alb_ui_tg.arn}"),
     "ecs_native_deployments", "alternate_target_group_arn is the service's own target group"),
    ("modern", lambda d: mutate(d, [*PROD_RULE, "action", 0, "forward", "target_group", 1, "weight"], 50),
     "ecs_native_deployments", "send traffic to exactly one target group"),
    ("modern", lambda d: mutate(mutate(d, [*PROD_RULE, "action", 0, "forward", "target_group"], [
        {"arn": "${aws_lb_target_group.alb_ui_tg.arn}", "weight": 100}]),
        ["resource", "aws_lb_listener_rule", "alb_ui_test_rule", "action", 0, "forward", "target_group"],
        [{"arn": "${aws_lb_target_group.alb_ui_tg.arn}", "weight": 100}]),
     "ecs_native_deployments", "aws_lb_target_group.alb_ui_alt_tg is on neither the production nor the test"),
    ("modern", lambda d: with_policy(d, "svc_ui_traffic_shift_infrastructure_policy",
                                     lambda s: s["Sid"] != "ShiftTraffic"),
     "ecs_native_deployments", "may not ModifyRule on aws_lb_listener_rule.alb_ui_production_rule"),
    ("modern", lambda d: with_policy(d, "svc_ui_traffic_shift_infrastructure_policy",
                                     lambda s: s["Sid"] != "RegisterTasks"),
     "ecs_native_deployments", "may not RegisterTargets on aws_lb_target_group.alb_ui_alt_tg"),
    ("modern", lambda d: mutate(d, ["resource", "aws_iam_role", "svc_ui_traffic_shift_infrastructure_role",
                                    "assume_role_policy"], json.dumps({"Statement": [{
                                        "Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"},
                                        "Action": "sts:AssumeRole"}]})),
     "ecs_native_deployments", "does not trust ecs.amazonaws.com"),
]


@pytest.mark.parametrize("env, breaks, rule, words", VIOLATIONS,
                         ids=[f"{v[2]}-{i}" for i, v in enumerate(VIOLATIONS)])
def test_each_rule_catches_its_violation(documents, env, breaks, rule, words):
    found = document.violations(breaks(documents[env]))
    assert found and {f.rule for f in found} == {rule}, found
    assert any(words in f.message for f in found), found
    with pytest.raises(RejectedByAws) as info:
        document.check(f"stack {env}", breaks(documents[env]))
    assert isinstance(info.value, GeneratorError)
    assert info.value.render().splitlines() == [f"stack {env}: {f.address}: [{rule}] {f.message}" for f in found]


def test_rules_judge_only_what_the_document_decides(modules):
    """Module documents pass values as variables: a rule must not object to what only Terraform resolves."""
    canary = modules["pipeline-ecs-canary"]
    assert str(canary).count("var.") > 10 and document.violations(canary) == []


def test_a_violation_fails_synthesis_and_writes_nothing(tmp_path, monkeypatch):
    from generator import load_env, synthesize

    out = tmp_path / "cdktf.out"
    (out / "stacks" / "workshop").mkdir(parents=True)
    (out / "stacks" / "workshop" / "cdk.tf.json").write_text("{}")
    before = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*"))

    def every_listener(doc: dict) -> list[Finding]:
        return [Finding("every_listener", f"aws_lb_listener.{name}", "probe")
                for name in doc["resource"].get("aws_lb_listener", {})]

    monkeypatch.setitem(document.RULES, "every_listener", every_listener)
    with pytest.raises(RejectedByAws) as info:
        synthesize({"workshop": load_env("workshop")}, out)
    lines = info.value.render().splitlines()
    assert lines[0] == "stack workshop: aws_lb_listener.alb_listener_80: [every_listener] probe" and len(lines) == 4
    assert sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*")) == before
    assert (out / "stacks" / "workshop" / "cdk.tf.json").read_text() == "{}"


def test_rules_are_registered_and_documented():
    assert list(document.RULES) == ["code_deploy_without_service_connect", "codedeploy_target_groups_on_listeners",
                                    "ecs_native_deployments", "cloud_map_names_unique", "aws_names"]
    for name, rule in document.RULES.items():
        assert rule.__doc__ and "https://docs.aws.amazon.com/" in rule.__doc__, name
