"""Bad deployment input: ECS-native strategies, CodeDeploy with Service Connect, test listener exposure."""
from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml
from config_problems import problems

from generator.config import load_config

pytestmark = pytest.mark.static
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def modern() -> dict:
    """envs/modern.yaml as plain data, to mutate."""
    return yaml.safe_load((ROOT / "envs" / "modern.yaml").read_text())


def with_ui_pipeline(base: dict, **changes) -> dict:
    data = copy.deepcopy(base)
    data["pipelines"]["ui"].update(changes)
    return data


def native(base: dict, **settings) -> dict:
    data = copy.deepcopy(base)
    data["pipelines"]["ui"]["ecs_deployment"].update(settings)
    return data


def test_modern_is_valid_and_derives_names(modern) -> None:
    native_settings = load_config(modern).pipelines["ui"].ecs_deployment
    assert native_settings is not None
    assert (native_settings.alternate_target_group_name, native_settings.infrastructure_role,
            native_settings.hook_role) == ("retail-modern-ui-alt", "retail-modern-ui-ecs-infra",
                                           "retail-modern-ui-ecs-hooks")
    assert (native_settings.canary.percent, native_settings.canary.bake_time_minutes) == (10, 5)
    assert native_settings.bake_time_minutes == 10 and native_settings.test_listener_port == 8083


@pytest.mark.parametrize("strategy, minimum", [("ecs_canary", "6.21.0"), ("ecs_linear", "6.21.0"),
                                               ("ecs_blue_green", "6.4.0")])
def test_older_targets_name_the_minimum_provider_version(modern, strategy, minimum) -> None:
    data = with_ui_pipeline(modern, strategy=strategy)
    data["pipelines"]["ui"]["ecs_deployment"].pop("canary")
    data["provider"] = {"version": "6.3.0" if minimum == "6.4.0" else "6.20.0"}
    [problem] = problems(data)
    assert problem == (f"pipelines.ui.strategy: needs hashicorp/aws >= {minimum}; the target is "
                       f"{data['provider']['version']}: valid here: rolling, blue_green (CodeDeploy), or raise "
                       "provider.version")


def test_ecs_blue_green_exists_before_linear_and_canary(modern) -> None:
    data = with_ui_pipeline(modern, strategy="ecs_blue_green")
    data["pipelines"]["ui"]["ecs_deployment"].pop("canary")
    data["provider"] = {"version": "6.4.0"}
    assert load_config(data).pipelines["ui"].strategy == "ecs_blue_green"


def test_code_deploy_service_cannot_use_service_connect(modern) -> None:
    data = with_ui_pipeline(modern, strategy="blue_green", ecs_deployment=None)
    [problem] = problems(data)
    assert problem == ("services.ui.service_connect: service 'ui' is deployed by CodeDeploy (pipeline 'ui', "
                       "strategy blue_green), and Service Connect supports only the ECS deployment controller; "
                       "remove service_connect or use strategy ecs_blue_green, ecs_linear or ecs_canary")


def test_settings_only_with_their_strategy(modern) -> None:
    assert problems(with_ui_pipeline(modern, strategy="rolling")) == [
        "pipelines.ui.ecs_deployment: only valid with strategy: ecs_blue_green, ecs_linear, ecs_canary",
        "pipelines.ui.ecs_deployment.canary: only valid with strategy: ecs_canary"]
    assert problems(with_ui_pipeline(modern, strategy="ecs_linear")) == [
        "pipelines.ui.ecs_deployment.canary: only valid with strategy: ecs_canary"]
    assert problems(native(modern, linear={"step_percent": 10})) == [
        "pipelines.ui.ecs_deployment.linear: only valid with strategy: ecs_linear"]


@pytest.mark.parametrize("settings, message", [
    ({"canary": {"percent": 0.05}}, "pipelines.ui.ecs_deployment.canary.percent: Input should be greater than or "
                                     "equal to 0.1"),
    ({"canary": {"percent": 10.05}}, "pipelines.ui.ecs_deployment.canary.percent: 10.05 is not a multiple of 0.1"),
    ({"canary": {"bake_time_minutes": 1441}}, "pipelines.ui.ecs_deployment.canary.bake_time_minutes: Input should "
                                               "be less than or equal to 1440"),
    ({"bake_time_minutes": -1}, "pipelines.ui.ecs_deployment.bake_time_minutes: Input should be greater than or "
                                "equal to 0"),
    ({"lifecycle_hooks": [{"function_arn": "arn:aws:lambda:us-west-2:111122223333:function:f",
                           "stages": ["BAKE_TIME"]}]},
     "pipelines.ui.ecs_deployment.lifecycle_hooks[0].stages[0]: Input should be 'RECONCILE_SERVICE'"),
    ({"lifecycle_hooks": [{"function_arn": "my-function", "stages": ["POST_SCALE_UP"]}]},
     "pipelines.ui.ecs_deployment.lifecycle_hooks[0].function_arn: String should match pattern"),
    ({"test_traffic_header": {"name": "", "value": "green"}},
     "pipelines.ui.ecs_deployment.test_traffic_header.name: String should have at least 1 character"),
])
def test_ecs_native_settings_within_the_api_ranges(modern, settings, message) -> None:
    [problem] = problems(native(modern, **settings))
    assert problem.startswith(message), problem


def test_ecs_native_needs_the_alb_and_a_listener_of_its_own(modern) -> None:
    data = with_ui_pipeline(modern, service="assets")
    assert "pipelines.ui.strategy: ecs_canary needs service 'assets' behind the ALB (load_balancer); valid " \
           "otherwise: rolling" in problems(data)
    data = copy.deepcopy(modern)
    data["services"]["catalog"]["load_balancer"] = {"path_patterns": ["/catalog/*"]}
    found = problems(data)
    assert any(p.startswith("services.ui.load_balancer.listener_port: ecs_canary needs a listener of its own (ECS "
                            "shifts its listener rule); port 80 is shared with catalog") for p in found), found


def test_ecs_native_with_request_count_scaling(modern) -> None:
    data = copy.deepcopy(modern)
    data["services"]["ui"]["autoscaling"]["metric"] = "ALBRequestCountPerTarget"
    [problem] = problems(data)
    assert problem.startswith("services.ui.autoscaling.metric: ALBRequestCountPerTarget follows one target group, "
                              "but ecs_canary moves the service between two")


def test_alternate_group_and_test_port_clashes(modern) -> None:
    [problem] = problems(native(modern, alternate_target_group_name="retail-modern-ui"))
    assert problem == ("pipelines.ui.ecs_deployment.alternate_target_group_name: 'retail-modern-ui' is already the "
                       "target group of service 'ui'; target group names are unique per account and region")
    [problem] = problems(native(modern, test_listener_port=80))
    assert problem == "pipelines.ui.ecs_deployment.test_listener_port: 80 is already a production listener port (80)"


@pytest.mark.parametrize("cidr", ["10.0.0.1/16", "::/0", "not-a-cidr"])
def test_test_ingress_cidrs_are_ipv4_networks(modern, cidr) -> None:
    data = copy.deepcopy(modern)
    data["alb"]["test_ingress_cidrs"] = [cidr]
    [problem] = problems(data)
    assert problem.startswith(f"alb.test_ingress_cidrs: {cidr!r} is not a valid IPv4 CIDR block (")
