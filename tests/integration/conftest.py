"""Integration fixtures: the workshop environment, rendered for the offline target, applied once per module."""
from __future__ import annotations

import pytest

from harness.lifecycle import deployed
from generator import load_env, offline_overrides


@pytest.fixture(scope="session")
def workshop_offline(tmp_path_factory, run_id):
    """The workshop environment rendered for hashicorp/aws 3.39.0 (its names kept, as in the workshop), with the
    ALB's opt-ins on (access logs, WAF) so they are applied too."""
    from generator.synth import synthesize

    env = load_env("workshop", overrides={**offline_overrides(), "tags": {"ecsgen:run": run_id},
                                          "alb": {"access_logs": {}, "waf": {}}})
    [stack] = synthesize({"workshop": env}, tmp_path_factory.mktemp("workshop-offline"))
    return stack


@pytest.fixture(scope="module")
def deployed_stack(workshop_offline, toolchain, sandbox, keep, tmp_path_factory):
    """The workshop stack applied to the sandbox; destroyed and leak-checked when the module ends."""
    with deployed(workshop_offline.directory, tmp_path_factory.mktemp("run") / "workshop", toolchain, sandbox,
                  keep=keep) as deployment:
        yield deployment
