"""Checks only real AWS can answer. Skipped unless `--sandbox=aws` and the sandbox account id are given."""
from __future__ import annotations

import pytest

from generator import load_env
from harness import deployed
from harness.live_checks import http_get_ok, wait_services_stable
from harness.preflight import preflight

pytestmark = [pytest.mark.aws, pytest.mark.apply]


@pytest.fixture(scope="module")
def live(sandbox, toolchain, run_id, tmp_path_factory, keep):
    """envs/workshop.yaml on the modern target, names prefixed and tagged with this run's id; a sandbox run
    (deletion protection off), so the lane's destroy can remove what it made."""
    env = load_env("workshop", overrides={"prefix": run_id, "tags": {"ecsgen:run": run_id}, "sandbox": True})
    # what only the account can answer (CodeCommit open to it, its GuardDuty detector, service-linked
    # roles) is checked before anything is created; a problem stops the lane with `file: field: message`
    stack = preflight(env, "envs/workshop.yaml", sandbox.client, tmp_path_factory.mktemp("live"))
    with deployed(stack.directory, sandbox, toolchain, keep=keep) as dep:
        yield dep


def test_services_become_stable(live, sandbox) -> None:
    names = list(live.run.output_map("service_names").values())
    wait_services_stable(sandbox.client("ecs"), live.run.output_str("cluster_name"), names)


def test_ui_home_answers_200(live) -> None:
    assert http_get_ok(live.run.output_str("alb_url") + "/home") == 200


def test_second_plan_is_empty(live) -> None:
    live.run.assert_idempotent()
