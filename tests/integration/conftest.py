"""Integration fixtures: the workshop environment, rendered for the offline target, applied once per lane.

Lanes: the pinned Terraform 1.0.3 (always), and a newer terraform (>= 1.5) from PATH installing the same
provider from the same filesystem mirror, with its own CLI config and plugin cache (skipped with the
reason when there is none). Every test of a module runs in each lane.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator import load_env, sandbox_overrides, synthesize
from harness import deployed

MODERN_SINCE = (1, 5, 0)


@pytest.fixture(scope="session")
def workshop_offline(tmp_path_factory, run_id):
    """The workshop environment rendered for hashicorp/aws 3.39.0 and a fresh account (its names kept), with the
    ALB's opt-ins on (access logs, WAF) so they are applied too."""
    # No recovery window for the database secret: the next lane re-creates the same names right after destroy.
    env = load_env("workshop", overrides={**sandbox_overrides(), "tags": {"ecsgen:run": run_id},
                                          "databases": {"catalog": {"secret_recovery_days": 0}},
                                          "alb": {"access_logs": {}, "waf": {}}})
    [stack] = synthesize({"workshop": env}, tmp_path_factory.mktemp("workshop-offline"))
    return stack


def modern_terraform() -> tuple[Path | None, str]:
    """A terraform >= 1.5 on PATH, or None and why not."""
    from harness.toolchain.model import terraform_version

    found = shutil.which("terraform")
    if found is None:
        tofu = shutil.which("tofu")
        return None, ("no terraform on PATH" + (f"; {tofu} is OpenTofu, which resolves hashicorp/aws to "
                                                "registry.opentofu.org, not the mirror's registry.terraform.io"
                                                if tofu else ""))
    version = terraform_version(Path(found))
    if tuple(int(part) for part in version.split("-")[0].split(".")[:3]) < MODERN_SINCE:
        return None, f"{found} is terraform {version}; the modern lane needs >= 1.5"
    return Path(found), version


@pytest.fixture(scope="module", params=["pinned", "modern"], ids=["terraform-pinned", "terraform-modern"])
def lane_toolchain(request, toolchain, sandbox_kind):
    """The pinned offline toolchain, or the modern terraform from PATH on the same mirror."""
    if request.param == "pinned":
        return toolchain
    if sandbox_kind != "local":
        pytest.skip("the modern lane renders for the offline mirror: embedded sandbox only")
    from harness.toolchain import offline_toolchain

    binary, why = modern_terraform()
    if binary is None:
        pytest.skip(f"modern Terraform lane: {why}")
    return offline_toolchain(terraform=binary)


@pytest.fixture(scope="module")
def deployed_stack(workshop_offline, lane_toolchain, sandbox, keep):
    """The workshop stack applied to the sandbox (a fresh DB password, asked for by name); destroyed,
    leak-checked and its run folder removed when the module ends (or by its last test)."""
    region = load_env("workshop").region  # the stack's own region (the sandbox serves every region)
    with deployed(workshop_offline.directory, sandbox, lane_toolchain, keep=keep, region=region,
                  generate=["catalog_db_password"]) as deployment:
        yield deployment
