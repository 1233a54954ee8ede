"""Integration fixtures: the workshop environment, rendered for the offline target, applied once per module."""
from __future__ import annotations

import pytest

from generator import load_env, offline_overrides, synthesize
from harness import deployed


@pytest.fixture(scope="session")
def workshop_offline(tmp_path_factory, run_id):
    """The workshop environment rendered for hashicorp/aws 3.39.0 (its names kept, as in the workshop)."""
    env = load_env("workshop", overrides={**offline_overrides(), "tags": {"ecsgen:run": run_id}})
    [stack] = synthesize({"workshop": env}, tmp_path_factory.mktemp("workshop-offline"))
    return stack


@pytest.fixture(scope="module")
def deployed_stack(workshop_offline, toolchain, sandbox, keep):
    """The workshop stack applied to the sandbox (a fresh DB password, asked for by name); destroyed,
    leak-checked and its run folder removed when the module ends (or by its last test)."""
    region = load_env("workshop").region  # the stack's own region (the sandbox serves every region)
    with deployed(workshop_offline.directory, sandbox, toolchain, keep=keep, region=region,
                  generate=["catalog_db_password"]) as deployment:
        yield deployment
