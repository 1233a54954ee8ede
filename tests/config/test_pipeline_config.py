"""Bad pipeline input: one clear message per problem, naming the field and the valid choices."""
from __future__ import annotations

import copy

import pytest
from config_problems import problems

pytestmark = pytest.mark.static


def with_pipeline(base: dict, key: str, **changes) -> dict:
    data = copy.deepcopy(base)
    data["pipelines"][key].update(changes)
    return data


def test_blue_green_needs_the_alb(workshop) -> None:
    found = problems(with_pipeline(workshop, "ui-blue-green", service="assets"))
    assert "pipelines.ui-blue-green.strategy: blue_green needs service 'assets' behind the ALB (load_balancer); " \
           "valid otherwise: rolling" in found


def test_unknown_deployment_config(workshop) -> None:
    data = copy.deepcopy(workshop)
    data["pipelines"]["ui-blue-green"]["blue_green"]["deployment_config"] = "CodeDeployDefault.Fast"
    [problem] = problems(data)
    assert problem.startswith("pipelines.ui-blue-green.blue_green.deployment_config: unknown deployment config "
                              "'CodeDeployDefault.Fast'; valid: CodeDeployDefault.ECSAllAtOnce")


def test_test_listener_clashes_with_production(workshop) -> None:
    data = copy.deepcopy(workshop)
    data["pipelines"]["ui-blue-green"]["blue_green"]["test_listener_port"] = 80
    [problem] = problems(data)
    assert problem.startswith("pipelines.ui-blue-green.blue_green.test_listener_port: 80 is already a production "
                              "listener port")


def test_pipeline_on_missing_service(workshop) -> None:
    [problem] = problems(with_pipeline(workshop, "ui-rolling", service="orders"))
    assert problem.startswith("pipelines.ui-rolling.service: unknown service 'orders'; valid: assets, carts")


def test_github_source_needs_a_connection(workshop) -> None:
    [problem] = problems(with_pipeline(workshop, "ui-rolling", source={"type": "codestar", "repository": "me/app"}))
    assert problem == "pipelines.ui-rolling.source.connection_arn: a codestar (GitHub/Bitbucket) source needs " \
                      "connection_arn"


def test_blue_green_needs_its_own_listener(workshop) -> None:
    data = copy.deepcopy(workshop)
    data["services"]["retail-store-ui-bg"]["load_balancer"]["listener_port"] = 80
    data["services"]["retail-store-ui-bg"]["load_balancer"]["path_patterns"] = ["/bg/*"]
    found = problems(data)
    assert any(p.startswith("services.retail-store-ui-bg.load_balancer.listener_port: blue_green needs a listener "
                            "of its own") for p in found), found


def test_unknown_strategy(workshop) -> None:
    [problem] = problems(with_pipeline(workshop, "ui-rolling", strategy="canary"))
    assert problem == ("pipelines.ui-rolling.strategy: Input should be 'rolling', 'blue_green', 'ecs_blue_green', "
                       "'ecs_linear' or 'ecs_canary', got 'canary'")
