"""Pipeline config rules beyond the basics (tests/config/test_pipeline_config.py): clashes and derived names."""
from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml
from config_problems import problems

from generator.config import load_config, load_env

pytestmark = pytest.mark.static
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def workshop() -> dict:
    return yaml.safe_load((ROOT / "envs" / "workshop.yaml").read_text())


def second_blue_green(workshop: dict, **blue_green) -> dict:
    """The workshop plus a blue/green pipeline for `ui` (moved to its own listener, autoscaling on CPU, out of
    Service Connect: a CodeDeploy service cannot use it)."""
    data = copy.deepcopy(workshop)
    ui = data["services"]["ui"]
    del ui["service_connect"]
    ui["load_balancer"]["listener_port"] = 8090
    ui["autoscaling"]["metric"] = "ECSServiceAverageCPUUtilization"
    data["pipelines"]["ui"] = {"service": "ui", "strategy": "blue_green", "blue_green": blue_green}
    return data


def test_second_blue_green_pipeline_is_valid(workshop) -> None:
    env = load_config(second_blue_green(workshop, test_listener_port=8091))
    assert env.pipelines["ui"].blue_green.green_target_group_name == "retail-store-ecs-ui-green"


def test_test_listener_port_shared_by_two_pipelines(workshop) -> None:
    [problem] = problems(second_blue_green(workshop, test_listener_port=8083))
    assert problem == "pipelines.ui.blue_green.test_listener_port: 8083 is already the test listener port of " \
                      "pipeline 'ui-blue-green'"


def test_green_target_group_owned_by_a_service(workshop) -> None:
    [problem] = problems(second_blue_green(workshop, test_listener_port=8091,
                                           green_target_group_name="cicd-ui-application"))
    assert problem == "pipelines.ui.blue_green.green_target_group_name: 'cicd-ui-application' is already the " \
                      "target group of service 'retail-store-ui-cicd'; target group names are unique per account " \
                      "and region"


def test_green_target_group_owned_by_another_pipeline(workshop) -> None:
    [problem] = problems(second_blue_green(workshop, test_listener_port=8091,
                                           green_target_group_name="green-ui-application"))
    assert problem.startswith("pipelines.ui.blue_green.green_target_group_name: 'green-ui-application' is already "
                              "the target group of pipeline 'ui-blue-green'")


def test_blue_green_with_request_count_scaling(workshop) -> None:
    data = second_blue_green(workshop, test_listener_port=8091)
    data["services"]["ui"]["autoscaling"]["metric"] = "ALBRequestCountPerTarget"
    [problem] = problems(data)
    assert problem.startswith("services.ui.autoscaling.metric: ALBRequestCountPerTarget follows one target group, "
                              "but blue_green moves the service between two; valid with blue_green: "
                              "ECSServiceAverageCPUUtilization")


def test_codestar_source_needs_a_repository(workshop) -> None:
    data = copy.deepcopy(workshop)
    data["pipelines"]["ui-rolling"]["source"] = {
        "type": "codestar", "connection_arn": "arn:aws:codestar-connections:us-west-2:111122223333:connection/x"}
    [problem] = problems(data)
    assert problem == "pipelines.ui-rolling.source.repository: a codestar (GitHub/Bitbucket) source needs " \
                      "repository (OWNER/NAME)"


def test_local_names_derive_from_prefix() -> None:
    env = load_env("local")
    rolling, blue_green = env.pipelines["ui-rolling"], env.pipelines["ui-blue-green"]
    assert (rolling.name, rolling.source.repository, rolling.ecr_repository, rolling.image_parameter) == (
        "ecs-local-ui-rolling", "ecs-local-app", "ecs-local-ui", "/codebuild/ecs-local-ui-latest-image")
    bg = blue_green.blue_green
    assert (bg.application_name, bg.deployment_group_name, bg.green_target_group_name, bg.test_listener_port) == (
        "ecs-local-ui-bg", "ecs-local-ui-bg-group", "ecs-local-ui-bg-green", 8082)
    assert bg.deployment_config == "CodeDeployDefault.ECSLinear10PercentEvery1Minutes"
    assert bg.termination_wait_minutes == 5


def test_green_default_name_never_ends_with_a_hyphen(workshop) -> None:
    data = second_blue_green(workshop, test_listener_port=8091)
    data["prefix"] = "p" * 28  # "<prefix>-ui-green"[:32] == "<prefix>-ui-": a hyphen at the end
    env = load_config(data)
    name = env.pipelines["ui"].blue_green.green_target_group_name
    assert len(name) <= 32 and not name.endswith("-")
