"""One ECS-native canary deployment end to end on a real account (envs/modern.yaml on hashicorp/aws 6.25.0).

Skipped unless `--sandbox=aws` and the sandbox account id are given (the embedded sandbox cannot run ECS
deployments, and the offline provider cannot express them: tests/integration/test_traffic_shift_offline.py).
Apply, services stable, the UI answers through the production rule; then a new task definition revision is
deployed the way the pipeline's ECS action does (UpdateService) and ECS runs the canary: 10 % first, the rest after
the canary bake time, then the bake time. It must succeed without a rollback, leave production on the former
alternate target group, and the second plan must stay empty (what ECS changed is ignored on purpose).
"""
from __future__ import annotations

import time

import pytest

from generator import load_env
from harness import deployed
from harness.live_checks import http_get_ok, wait_services_stable

pytestmark = [pytest.mark.aws, pytest.mark.apply]
#: canary 5 minutes + bake 10 minutes + task start and traffic shifts
DEPLOYMENT_MINUTES = 40


@pytest.fixture(scope="module")
def live(sandbox, toolchain, run_id, tmp_path_factory, keep):
    """envs/modern.yaml on the modern target, names prefixed and tagged with this run's id."""
    from generator.synth import synthesize

    env = load_env("modern", overrides={"prefix": run_id, "tags": {"ecsgen:run": run_id}})
    [stack] = synthesize({"modern": env}, tmp_path_factory.mktemp("live-canary"))
    with deployed(stack.directory, sandbox, toolchain, keep=keep) as dep:
        yield dep


def weights(elbv2, rule_arn: str) -> dict[str, int]:
    [rule] = elbv2.describe_rules(RuleArns=[rule_arn])["Rules"]
    [action] = [a for a in rule["Actions"] if a["Type"] == "forward"]
    return {group["TargetGroupArn"]: group["Weight"] for group in action["ForwardConfig"]["TargetGroups"]}


def wait_deployment(ecs, cluster: str, service: str, started_after: float, minutes: int) -> dict:
    """The service deployment started after `started_after`, once it is no longer pending or in progress."""
    deadline = time.time() + minutes * 60
    while time.time() < deadline:
        listed = ecs.list_service_deployments(cluster=cluster, service=service)["serviceDeployments"]
        recent = [d for d in listed if d["createdAt"].timestamp() >= started_after]
        if recent:
            [deployment] = ecs.describe_service_deployments(
                serviceDeploymentArns=[recent[0]["serviceDeploymentArn"]])["serviceDeployments"]
            if deployment["status"] not in ("PENDING", "IN_PROGRESS"):
                return deployment
        time.sleep(30)
    raise AssertionError(f"no ECS deployment of {service} finished within {minutes} minutes")


def test_services_become_stable_and_the_ui_answers(live, sandbox) -> None:
    names = list(live.run.output_map("service_names").values())
    wait_services_stable(sandbox.client("ecs"), live.run.output_str("cluster_name"), names)
    assert http_get_ok(live.run.output_str("alb_url") + "/home") == 200


def test_one_canary_deployment(live, sandbox) -> None:
    ecs, elbv2 = sandbox.client("ecs"), sandbox.client("elbv2")
    cluster = live.run.output_str("cluster_name")
    [service] = ecs.describe_services(cluster=cluster, services=["ui"])["services"]
    [balancer] = service["loadBalancers"]
    primary, advanced = balancer["targetGroupArn"], balancer["advancedConfiguration"]
    assert service["deploymentConfiguration"]["strategy"] == "CANARY"
    assert weights(elbv2, advanced["productionListenerRule"]) == {primary: 100,
                                                                  advanced["alternateTargetGroupArn"]: 0}
    # what the pipeline's ECS deploy action does: a new revision of the family, then UpdateService
    definition = ecs.describe_task_definition(taskDefinition=service["taskDefinition"])["taskDefinition"]
    container = definition["containerDefinitions"][0]
    container["environment"] = [*container.get("environment", []), {"name": "RETAIL_UI_BANNER", "value": "canary"}]
    keys = ("family", "taskRoleArn", "executionRoleArn", "networkMode", "containerDefinitions",
            "requiresCompatibilities", "cpu", "memory", "runtimePlatform")
    revision = ecs.register_task_definition(**{k: definition[k] for k in keys if k in definition})
    started = time.time() - 5
    ecs.update_service(cluster=cluster, service="ui",
                       taskDefinition=revision["taskDefinition"]["taskDefinitionArn"])
    deployment = wait_deployment(ecs, cluster, service["serviceArn"], started, DEPLOYMENT_MINUTES)
    assert deployment["status"] == "SUCCESSFUL", deployment.get("statusReason")
    assert not deployment.get("rollback")
    # production now runs on the former alternate group: exactly what Terraform must not revert
    [after] = ecs.describe_services(cluster=cluster, services=["ui"])["services"]
    assert after["loadBalancers"][0]["targetGroupArn"] == advanced["alternateTargetGroupArn"]
    assert weights(elbv2, advanced["productionListenerRule"]) == {primary: 0,
                                                                  advanced["alternateTargetGroupArn"]: 100}
    assert http_get_ok(live.run.output_str("alb_url") + "/home") == 200


def test_second_plan_is_empty_after_the_deployment(live) -> None:
    live.run.assert_idempotent()
