"""Rolling, CodeDeploy blue/green and ECS-native blue/green, linear and canary on the modern target, value by value.

The workshop (envs/workshop.yaml) has rolling and CodeDeploy blue/green, envs/modern.yaml an ECS-native canary;
two variants of modern add ECS-native linear (with lifecycle hooks and alarms) and ECS-native blue/green.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from tfjson import containers, one, policy, ref, resources

from generator.rules import document

pytestmark = pytest.mark.static
ROOT = Path(__file__).resolve().parents[2]
HOOK = "arn:aws:lambda:us-west-2:111122223333:function:smoke-test"
SC_NAMESPACE = "${aws_service_discovery_private_dns_namespace.discovery_namespace.arn}"


@pytest.fixture(scope="module")
def workshop(synthesized) -> dict:
    return synthesized["workshop"].document()


@pytest.fixture(scope="module")
def modern(synthesized) -> dict:
    return synthesized["modern"].document()


@pytest.fixture(scope="module")
def variants(tmp_path_factory) -> dict[str, dict]:
    """modern with ecs_linear (hooks, alarms, tester CIDRs) and with ecs_blue_green: one synthesis."""
    from generator import load_env, synthesize

    linear_settings = {"canary": None, "linear": {"step_percent": 20, "step_bake_time_minutes": 3},
                       "alarms": ["ui-5xx"],
                       "lifecycle_hooks": [{"function_arn": HOOK, "stages": ["POST_TEST_TRAFFIC_SHIFT"]}]}
    linear = load_env("modern", overrides={"name": "linear", "alb": {"test_ingress_cidrs": ["192.0.2.0/24"]},
                                           "pipelines": {"ui": {"strategy": "ecs_linear",
                                                                "ecs_deployment": linear_settings}}})
    blue_green = load_env("modern", overrides={"name": "bluegreen", "pipelines": {"ui": {
        "strategy": "ecs_blue_green", "ecs_deployment": {"canary": None}}}})
    stacks = synthesize({"linear": linear, "bluegreen": blue_green}, tmp_path_factory.mktemp("variants"))
    return {stack.name: stack.document() for stack in stacks}


def ui_service(doc: dict) -> tuple[str, dict]:
    return one(doc, "aws_ecs_service", name="ui")


def environment_of(doc: dict, family: str) -> dict[str, str]:
    _, task = one(doc, "aws_ecs_task_definition", family=family)
    return {e["name"]: e["value"] for e in containers(task)[0]["environment"]}


def ingress_cidrs(doc: dict, port: int) -> list[str]:
    [(_, rule)] = [(n, r) for n, r in resources(doc, "aws_security_group_rule").items()
                   if r["type"] == "ingress" and r["from_port"] == port and r.get("cidr_blocks")]
    return rule["cidr_blocks"]


# -- CodeDeploy blue/green: outside Service Connect, calls by Cloud Map DNS ---------------------------------------

def test_code_deploy_service_has_no_service_connect(workshop) -> None:
    _, bg = one(workshop, "aws_ecs_service", name="retail-store-ui-bg")
    assert bg["deployment_controller"] == {"type": "CODE_DEPLOY"}
    assert "service_connect_configuration" not in bg and "service_registries" not in bg
    assert "deployment_circuit_breaker" not in bg
    assert bg["lifecycle"] == {"ignore_changes": ["task_definition", "load_balancer"]}


def test_code_deploy_service_calls_by_cloud_map_dns(workshop) -> None:
    assert environment_of(workshop, "retail-store-ecs-ui-bg") == {
        "ENDPOINTS_CATALOG": "http://catalog-dns.retailstore.local:8080",
        "ENDPOINTS_ASSETS": "http://assets-dns.retailstore.local:8080",
        "ENDPOINTS_CARTS": "http://carts-dns.retailstore.local:8080"}
    # ... while the Service Connect callers keep their aliases
    assert environment_of(workshop, "retail-store-ecs-ui")["ENDPOINTS_CATALOG"] == "http://catalog"
    assert environment_of(workshop, "retail-store-ecs-ui-cicd")["ENDPOINTS_CARTS"] == "http://carts"


@pytest.mark.parametrize("callee", ["catalog", "assets", "carts"])
def test_callees_register_a_distinct_dns_name_beside_service_connect(workshop, callee) -> None:
    name, dns = one(workshop, "aws_service_discovery_service", name=f"{callee}-dns")
    assert dns["dns_config"] == {
        "namespace_id": "${aws_service_discovery_private_dns_namespace.discovery_namespace.id}",
        "routing_policy": "MULTIVALUE", "dns_records": [{"ttl": 10, "type": "A"}]}
    assert dns["health_check_custom_config"] == {"failure_threshold": 1}
    _, service = one(workshop, "aws_ecs_service", name=callee)
    assert service["service_registries"] == {"registry_arn": ref("aws_service_discovery_service", name, "arn")}
    [entry] = service["service_connect_configuration"]["service"]
    assert entry["discovery_name"] == callee and service["service_connect_configuration"]["enabled"] is True


def test_only_callees_of_the_code_deploy_service_register_dns(workshop) -> None:
    names = sorted(s["name"] for s in resources(workshop, "aws_service_discovery_service").values())
    assert names == ["assets-dns", "carts-dns", "catalog-dns"]
    _, ui = one(workshop, "aws_ecs_service", name="ui")
    assert "service_registries" not in ui


def test_code_deploy_service_may_call_its_callees(workshop) -> None:
    groups = {ref("aws_security_group", n, "id"): g["name"]
              for n, g in resources(workshop, "aws_security_group").items()}
    rules = [(groups[r["security_group_id"]], groups.get(r.get("source_security_group_id")), r["from_port"])
             for r in resources(workshop, "aws_security_group_rule").values() if r["type"] == "ingress"]
    for callee in ("catalog", "assets", "carts"):
        assert (f"retail-store-ecs-{callee}", "retail-store-ecs-retail-store-ui-bg", 8080) in rules


def test_code_deploy_listeners_and_test_listener_exposure(workshop) -> None:
    for port in (8082, 8083):
        _, listener = one(workshop, "aws_lb_listener", port=port)
        assert listener["lifecycle"] == {"ignore_changes": ["default_action"]}
    assert ingress_cidrs(workshop, 8083) == ["10.0.0.0/16"]  # the VPC's CIDR, not the internet
    assert ingress_cidrs(workshop, 8082) == ["0.0.0.0/0"]  # production listeners stay public


# -- rolling -----------------------------------------------------------------------------------------------------

def test_rolling_service(workshop) -> None:
    _, cicd = one(workshop, "aws_ecs_service", name="retail-store-ui-cicd")
    assert cicd["deployment_controller"] == {"type": "ECS"}
    assert cicd["deployment_circuit_breaker"] == {"enable": True, "rollback": True}
    assert "deployment_configuration" not in cicd
    assert cicd["service_connect_configuration"] == {"enabled": True, "namespace": SC_NAMESPACE}
    assert cicd["lifecycle"] == {"ignore_changes": ["task_definition"]}


# -- ECS-native canary (envs/modern.yaml) --------------------------------------------------------------------------

def test_canary_service(modern) -> None:
    _, ui = ui_service(modern)
    assert ui["deployment_controller"] == {"type": "ECS"}
    assert ui["deployment_configuration"] == {
        "strategy": "CANARY", "bake_time_in_minutes": "10",
        "canary_configuration": {"canary_percent": 10, "canary_bake_time_in_minutes": "5"}}
    assert ui["deployment_circuit_breaker"] == {"enable": True, "rollback": True}
    assert "alarms" not in ui
    # what ECS and the pipeline change after apply (README drift table)
    assert ui["lifecycle"] == {"ignore_changes": ["desired_count", "task_definition", "load_balancer"]}


def test_canary_load_balancer_advanced_configuration(modern) -> None:
    _, ui = ui_service(modern)
    primary, _ = one(modern, "aws_lb_target_group", name="retail-modern-ui")
    alternate, alt = one(modern, "aws_lb_target_group", name="retail-modern-ui-alt")
    production, _ = one(modern, "aws_lb_listener_rule", listener_arn=ref("aws_lb_listener", "alb_listener_80", "arn"))
    test, _ = one(modern, "aws_lb_listener_rule", listener_arn=ref("aws_lb_listener", "alb_listener_8083", "arn"))
    role, _ = one(modern, "aws_iam_role", name="retail-modern-ui-ecs-infra")
    assert ui["load_balancer"] == [{
        "target_group_arn": ref("aws_lb_target_group", primary, "arn"), "container_name": "application",
        "container_port": 8080, "advanced_configuration": {
            "alternate_target_group_arn": ref("aws_lb_target_group", alternate, "arn"),
            "production_listener_rule": ref("aws_lb_listener_rule", production, "arn"),
            "test_listener_rule": ref("aws_lb_listener_rule", test, "arn"),
            "role_arn": ref("aws_iam_role", role, "arn")}}]
    assert ui["depends_on"] == ["aws_lb_listener.alb_listener_80", f"aws_lb_listener_rule.{production}",
                                f"aws_lb_listener_rule.{test}",
                                "aws_iam_role_policy.svc_ui_traffic_shift_infrastructure_policy"]
    assert (alt["port"], alt["target_type"], alt["health_check"]["path"]) == (8080, "ip", "/actuator/health")


def test_canary_keeps_service_connect_with_a_test_header(modern) -> None:
    _, ui = ui_service(modern)
    assert ui["service_connect_configuration"] == {"enabled": True, "namespace": SC_NAMESPACE, "service": [{
        "port_name": "application", "discovery_name": "ui", "client_alias": {
            "dns_name": "ui", "port": 80,
            "test_traffic_rules": [{"header": {"name": "x-retail-canary", "value": {"exact": "green"}}}]}}]}
    assert "aws_service_discovery_service" not in modern["resource"]  # nobody outside Service Connect calls


def test_listener_rules_instead_of_default_actions(modern) -> None:
    primary = ref("aws_lb_target_group", "alb_ui_tg", "arn")
    alternate = ref("aws_lb_target_group", "alb_ui_alt_tg", "arn")
    for port in (80, 8083):
        _, listener = one(modern, "aws_lb_listener", port=port)
        assert listener["default_action"] == [{"type": "fixed-response", "fixed_response": {
            "content_type": "text/plain", "message_body": "Not Found", "status_code": "404"}}]
        assert "lifecycle" not in listener
        _, rule = one(modern, "aws_lb_listener_rule",
                      listener_arn=ref("aws_lb_listener", f"alb_listener_{port}", "arn"))
        assert rule["priority"] == 1 and rule["condition"] == [{"path_pattern": {"values": ["/*"]}}]
        assert rule["action"] == [{"type": "forward", "forward": {"target_group": [
            {"arn": primary, "weight": 100}, {"arn": alternate, "weight": 0}]}}]
        assert rule["lifecycle"] == {"ignore_changes": ["action"]}  # ECS rewrites the weights
    assert ingress_cidrs(modern, 8083) == ["10.30.0.0/16"] and ingress_cidrs(modern, 80) == ["0.0.0.0/0"]


def test_infrastructure_role_least_privilege(modern) -> None:
    name, role = one(modern, "aws_iam_role", name="retail-modern-ui-ecs-infra")
    assert json.loads(role["assume_role_policy"])["Statement"] == [
        {"Effect": "Allow", "Principal": {"Service": "ecs.amazonaws.com"}, "Action": "sts:AssumeRole"}]
    _, inline = one(modern, "aws_iam_role_policy", role=ref("aws_iam_role", name, "id"))
    # no managed policy (AmazonECSInfrastructureRolePolicyForLoadBalancers covers every rule of the account)
    assert not [a for a in resources(modern, "aws_iam_role_policy_attachment").values() if name in a["role"]]
    listener = lambda port: ref("aws_lb_listener", f"alb_listener_{port}", "arn")  # noqa: E731
    assert policy(inline)["Statement"] == [
        {"Sid": "Describe", "Effect": "Allow", "Action": [
            "elasticloadbalancing:DescribeListeners", "elasticloadbalancing:DescribeRules",
            "elasticloadbalancing:DescribeTargetGroups", "elasticloadbalancing:DescribeTargetHealth"],
         "Resource": ["*"]},
        {"Sid": "RegisterTasks", "Effect": "Allow", "Action": [
            "elasticloadbalancing:DeregisterTargets", "elasticloadbalancing:RegisterTargets"],
         "Resource": [ref("aws_lb_target_group", "alb_ui_tg", "arn"),
                      ref("aws_lb_target_group", "alb_ui_alt_tg", "arn")]},
        {"Sid": "ShiftTraffic", "Effect": "Allow", "Action": ["elasticloadbalancing:ModifyRule"],
         "Resource": [ref("aws_lb_listener_rule", "alb_ui_production_rule", "arn"),
                      ref("aws_lb_listener_rule", "alb_ui_test_rule", "arn")]},
        {"Sid": "ShiftListenerTraffic", "Effect": "Allow", "Action": ["elasticloadbalancing:ModifyListener"],
         "Resource": [listener(80), listener(8083)]}]


def test_canary_pipeline_uses_the_ecs_deploy_action(modern) -> None:
    _, pipeline = one(modern, "aws_codepipeline", name="retail-modern-ui")
    [deploy] = pipeline["stage"][2]["action"]
    assert (pipeline["stage"][2]["name"], deploy["provider"], deploy["category"]) == ("Deploy", "ECS", "Deploy")
    assert deploy["configuration"] == {"ClusterName": ref("aws_ecs_cluster", "cluster_cluster", "name"),
                                       "ServiceName": ref("aws_ecs_service", "svc_ui_service", "name"),
                                       "FileName": "imagedefinitions.json"}
    for rtype in ("aws_codedeploy_app", "aws_codedeploy_deployment_group"):
        assert rtype not in modern["resource"]
    _, role_policy = one(modern, "aws_iam_role_policy", name="retail-modern-ui-pipeline")
    statements = {s["Sid"]: s for s in policy(role_policy)["Statement"]}
    assert statements["PassDeploymentRoles"] == {
        "Sid": "PassDeploymentRoles", "Effect": "Allow", "Action": ["iam:PassRole"],
        "Resource": [ref("aws_iam_role", "svc_ui_traffic_shift_infrastructure_role", "arn")],
        "Condition": {"StringEquals": {"iam:PassedToService": "ecs.amazonaws.com"}}}
    assert statements["UpdateService"]["Resource"] == [ref("aws_ecs_service", "svc_ui_service", "id")]


# -- ECS-native linear with hooks and alarms, ECS-native blue/green --------------------------------------------------

def test_linear_with_hooks_and_alarms(variants) -> None:
    doc = variants["linear"]
    _, ui = ui_service(doc)
    hook_role, role = one(doc, "aws_iam_role", name="retail-modern-ui-ecs-hooks")
    assert ui["deployment_configuration"] == {
        "strategy": "LINEAR", "bake_time_in_minutes": "10",
        "linear_configuration": {"step_percent": 20, "step_bake_time_in_minutes": "3"},
        "lifecycle_hook": [{"hook_target_arn": HOOK, "lifecycle_stages": ["POST_TEST_TRAFFIC_SHIFT"],
                            "role_arn": ref("aws_iam_role", hook_role, "arn")}]}
    assert ui["alarms"] == {"alarm_names": ["ui-5xx"], "enable": True, "rollback": True}
    assert json.loads(role["assume_role_policy"])["Statement"][0]["Principal"] == {"Service": "ecs.amazonaws.com"}
    _, inline = one(doc, "aws_iam_role_policy", role=ref("aws_iam_role", hook_role, "id"))
    assert policy(inline)["Statement"] == [{"Sid": "InvokeHooks", "Effect": "Allow",
                                            "Action": ["lambda:InvokeFunction"], "Resource": [HOOK]}]
    _, pipeline_policy = one(doc, "aws_iam_role_policy", name="retail-modern-ui-pipeline")
    passed = {s["Sid"]: s for s in policy(pipeline_policy)["Statement"]}["PassDeploymentRoles"]["Resource"]
    assert passed == [ref("aws_iam_role", "svc_ui_traffic_shift_infrastructure_role", "arn"),
                      ref("aws_iam_role", hook_role, "arn")]
    assert ingress_cidrs(doc, 8083) == ["192.0.2.0/24"]


def test_ecs_blue_green(variants) -> None:
    _, ui = ui_service(variants["bluegreen"])
    assert ui["deployment_configuration"] == {"strategy": "BLUE_GREEN", "bake_time_in_minutes": "10"}
    assert ui["load_balancer"][0]["advanced_configuration"]["alternate_target_group_arn"] == \
        ref("aws_lb_target_group", "alb_ui_alt_tg", "arn")
    assert "aws_iam_role_policy" in variants["bluegreen"]["resource"]
    assert not any(r["name"].endswith("-ecs-hooks") for r in resources(variants["bluegreen"], "aws_iam_role").values())


# -- the rule set, and drift documented ----------------------------------------------------------------------------

def test_every_strategy_passes_the_cross_resource_rules(workshop, modern, variants) -> None:
    for doc in (workshop, modern, *variants.values()):
        assert document.violations(doc) == []


def drift_table() -> set[tuple[str, str]]:
    """(resource type, attribute) pairs of README.md's 'Drift that is handled on purpose' table."""
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Drift that is handled on purpose", 1)[1].split("\n## ", 1)[0]
    pairs = set()
    for row in section.splitlines():
        cells = [c.strip() for c in row.strip().strip("|").split("|")]
        if len(cells) < 3 or not cells[0].startswith("`aws_"):
            continue
        types = re.findall(r"`(aws_[a-z0-9_]+)`", cells[0])
        attributes = re.findall(r"`([a-z_]+)`", cells[1])
        pairs |= {(rtype, attribute) for rtype in types for attribute in attributes}
    return pairs


def test_every_ignored_attribute_is_in_the_readme_drift_table(workshop, modern, variants, synthesized) -> None:
    documented = drift_table()
    seen = set()
    for doc in (workshop, modern, *variants.values(), synthesized["local"].document()):
        for rtype, bodies in doc["resource"].items():
            for body in bodies.values():
                for attribute in body.get("lifecycle", {}).get("ignore_changes", []):
                    seen.add((rtype, attribute))
    assert seen and seen <= documented, f"not in the README drift table: {sorted(seen - documented)}"
    assert ("aws_lb_listener_rule", "action") in seen and ("aws_ecs_service", "load_balancer") in seen
