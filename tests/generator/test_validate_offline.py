"""Every stack rendered for the offline target passes terraform init + validate (Terraform 1.0.3, aws 3.39.0)."""
from __future__ import annotations

import pytest

from generator.targets import OFFLINE_PROVIDER_VERSION
from harness.run import TerraformRun
from harness.toolchain import offline_toolchain

pytestmark = pytest.mark.plan


def test_offline_stacks_validate(synthesized, tmp_path) -> None:
    offline = [s for s in synthesized.values() if s.provider_version == OFFLINE_PROVIDER_VERSION]
    assert offline, "envs/ should have at least one environment on the offline target"
    for stack in offline:
        run = TerraformRun(stack.directory, tmp_path / stack.name, offline_toolchain())
        run.init()
        run.validate()


def test_workshop_rendered_for_the_offline_target_validates(tmp_path) -> None:
    from generator import load_env, offline_overrides
    from generator.synth import synthesize

    [stack] = synthesize({"workshop": load_env("workshop", overrides=offline_overrides())}, tmp_path / "out")
    doc = stack.document()
    assert doc["terraform"]["required_providers"]["aws"]["version"] == "3.39.0"
    assert "aws_s3_bucket_versioning" not in doc["resource"]
    assert all(b["versioning"] == {"enabled": True} for b in doc["resource"]["aws_s3_bucket"].values())
    run = TerraformRun(stack.directory, tmp_path / "run", offline_toolchain())
    run.init()
    run.validate()
