"""One test per behaviour a compatibility patch changes, each shown to differ on plain moto.

`tests/sandbox/test_moto_compat.py` proves a patch's main gap; this file proves the other behaviours the
patches change (ECS managed tags and grace period, a service's capacity provider strategy, every query-definition call, CodeDeploy's alarm defaults
and DeleteDeploymentGroup, each CodeCommit call). Each probe
runs in-process on plain moto (`mock_aws`, no patch) and on a fresh account of the embedded sandbox (patched):
the answers must be the gap and the fix respectively. `test_every_patch_is_proved` fails for a patch with
neither a behaviour here nor a `test_<patch name>` test in this folder.
"""
from __future__ import annotations

import ast
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import boto3
import pytest
from moto import mock_aws

from harness.sandbox.moto_compat import PATCHES

pytestmark = pytest.mark.plan
REGION = "us-east-1"
ROLE = "arn:aws:iam::123456789012:role/r"
SPOT = {"capacityProvider": "FARGATE_SPOT", "weight": 3, "base": 0}
Client = Callable[[str], Any]


@dataclass(frozen=True)
class Behaviour:
    patch: str
    name: str
    probe: Callable[[Client], Any]  # what the emulator answers
    on_plain: Any  # moto's gap
    on_sandbox: Any  # what AWS does


def answer(call: Callable[[], Any]) -> Any:
    """The call's result, or the name of the error it raised (NotImplementedError, an AWS error code)."""
    try:
        return call()
    except NotImplementedError:
        return "NotImplementedError"
    except Exception as exc:  # botocore ClientError: its code
        return getattr(exc, "response", {}).get("Error", {}).get("Code", type(exc).__name__)


def ecs_service(c: Client, **settings: Any) -> dict:
    ecs = c("ecs")
    ecs.create_cluster(clusterName="c")
    ecs.register_task_definition(family="f", containerDefinitions=[{"name": "a", "image": "x", "memory": 512}])
    ecs.create_service(cluster="c", serviceName="s", taskDefinition="f", desiredCount=1, **settings)
    return ecs.describe_services(cluster="c", services=["s"])["services"][0]


def deployment_group(c: Client) -> Any:
    codedeploy = c("codedeploy")
    codedeploy.create_application(applicationName="app", computePlatform="ECS")
    codedeploy.create_deployment_group(applicationName="app", deploymentGroupName="g", serviceRoleArn=ROLE)
    return codedeploy


def repository(c: Client, **kwargs: Any) -> tuple[Any, str]:
    codecommit = c("codecommit")
    return codecommit, codecommit.create_repository(repositoryName="r", **kwargs)["repositoryMetadata"]["Arn"]


def tag_then_list(c: Client) -> Any:
    codecommit, arn = repository(c)
    return answer(lambda: codecommit.tag_resource(resourceArn=arn, tags={"a": "1"}) and
                  codecommit.list_tags_for_resource(resourceArn=arn)["tags"])


def untag_then_list(c: Client) -> Any:
    codecommit, arn = repository(c, tags={"a": "1", "b": "2"})
    return answer(lambda: codecommit.untag_resource(resourceArn=arn, tagKeys=["a"]) and
                  codecommit.list_tags_for_resource(resourceArn=arn)["tags"])


def created_with_tags(c: Client) -> Any:
    codecommit, arn = repository(c, tags={"team": "shop"})
    return answer(lambda: codecommit.list_tags_for_resource(resourceArn=arn)["tags"])


def query_definitions(c: Client, call: str) -> Any:
    logs = c("logs")
    if call == "describe":
        return answer(lambda: logs.describe_query_definitions()["queryDefinitions"])
    return answer(lambda: logs.delete_query_definition(queryDefinitionId="unknown")["success"])


BEHAVIOURS = [
    Behaviour("ecs_service_settings", "managed_tags_kept",
              lambda c: ecs_service(c, enableECSManagedTags=True).get("enableECSManagedTags"), None, True),
    Behaviour("ecs_service_settings", "grace_period_kept",
              lambda c: ecs_service(c, healthCheckGracePeriodSeconds=60).get("healthCheckGracePeriodSeconds"),
              None, 60),
    Behaviour("ecs_service_capacity_provider_strategy", "strategy_kept",
              lambda c: ecs_service(c, capacityProviderStrategy=[SPOT]).get("capacityProviderStrategy"), None, [SPOT]),
    Behaviour("ecs_service_capacity_provider_strategy", "no_launch_type",
              lambda c: ecs_service(c, capacityProviderStrategy=[SPOT]).get("launchType"), "EC2", None),
    Behaviour("logs_query_definitions", "describe",
              lambda c: query_definitions(c, "describe"), "NotImplementedError", []),
    Behaviour("logs_query_definitions", "delete",
              lambda c: query_definitions(c, "delete"), "NotImplementedError", False),
    Behaviour("codedeploy_deletes", "delete_deployment_group",
              lambda c: answer(lambda: deployment_group(c).delete_deployment_group(
                  applicationName="app", deploymentGroupName="g")["hooksNotCleanedUp"]), "NotImplementedError", []),
    Behaviour("codedeploy_group_defaults", "alarm_configuration",
              lambda c: deployment_group(c).get_deployment_group(applicationName="app", deploymentGroupName="g")[
                  "deploymentGroupInfo"].get("alarmConfiguration"),
              {}, {"enabled": False, "ignorePollAlarmFailure": False, "alarms": []}),
    Behaviour("codecommit_tags", "list_repositories",
              lambda c: answer(lambda: [repository(c)[0].list_repositories()["repositories"][0]["repositoryName"]]),
              "NotImplementedError", ["r"]),
    Behaviour("codecommit_tags", "tag_resource", tag_then_list, "NotImplementedError", {"a": "1"}),
    Behaviour("codecommit_tags", "untag_resource", untag_then_list, "NotImplementedError", {"b": "2"}),
    Behaviour("codecommit_tags", "create_repository_tags", created_with_tags, "NotImplementedError",
              {"team": "shop"}),
]


def plain_client(service: str) -> Any:
    return boto3.client(service, region_name=REGION, aws_access_key_id="x", aws_secret_access_key="x")


@pytest.fixture
def account(sandbox):
    if not hasattr(sandbox, "new_account"):
        pytest.skip("emulator patches: embedded sandbox only")
    return sandbox.new_account()


@pytest.mark.parametrize("behaviour", BEHAVIOURS, ids=lambda b: f"{b.patch}-{b.name}")
def test_behaviour_differs_from_plain_moto(behaviour: Behaviour, account) -> None:
    assert behaviour.on_plain != behaviour.on_sandbox
    with mock_aws():
        assert behaviour.probe(plain_client) == behaviour.on_plain, "plain moto no longer has this gap"
    assert behaviour.probe(account.client) == behaviour.on_sandbox


def test_every_patch_is_proved() -> None:
    """Each patch has a behaviour above or a test named after it in tests/sandbox (proving it on plain moto)."""
    named = {node.name for path in Path(__file__).parent.glob("test_*.py")
             for node in ast.walk(ast.parse(path.read_text())) if isinstance(node, ast.FunctionDef)}
    proved = {b.patch for b in BEHAVIOURS} | {p for p in PATCHES if any(
        n == f"test_{p}" or n.startswith(f"test_{p}_") for n in named)}
    assert set(PATCHES) - proved == set()
