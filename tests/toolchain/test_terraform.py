"""The offline toolchain runs: pinned version, init + validate through the mirror with no network."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from mirror_terraform import MAIN_TF, terraform

from harness.toolchain import Toolchain, offline_toolchain

pytestmark = pytest.mark.plan


def test_pinned_terraform_version(offline: Toolchain) -> None:
    out = subprocess.run([str(offline.terraform), "version"], capture_output=True, text=True, check=True,
                         env=offline.env()).stdout
    assert out.startswith("Terraform v1.0.3") and offline.version == "1.0.3"


def test_init_and_validate_through_the_mirror_only(offline: Toolchain, tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MAIN_TF)
    assert "Using hashicorp/aws v3.39.0 from the shared cache" in terraform(offline, tmp_path, "init", "-input=false")
    assert "configuration is valid" in terraform(offline, tmp_path, "validate")
    assert 'version     = "3.39.0"' in (tmp_path / ".terraform.lock.hcl").read_text()
    installed = tmp_path / ".terraform/providers/registry.terraform.io/hashicorp/aws/3.39.0/linux_amd64"
    assert installed.is_symlink(), "init should link the pre-filled plugin cache, not unzip 170 MB"


@pytest.mark.skipif(shutil.which("terraform") is None, reason="no terraform on PATH")
def test_mirror_with_a_system_terraform(tmp_path: Path) -> None:
    tool = offline_toolchain(terraform="terraform")
    assert tool.version != "1.0.3" and tool.plugin_cache is not None and "by-version" in tool.plugin_cache.parts
    (tmp_path / "main.tf").write_text(MAIN_TF)
    terraform(tool, tmp_path, "init", "-input=false")
    assert "configuration is valid" in terraform(tool, tmp_path, "validate")
