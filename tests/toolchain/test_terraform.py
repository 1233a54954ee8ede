"""The offline toolchain runs: pinned version, init + validate through the mirror with no network."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from harness.toolchain import Toolchain, offline_toolchain

pytestmark = pytest.mark.plan
MAIN_TF = """\
terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "3.39.0" }
  }
}
provider "aws" {
  region = "us-east-1"
}
resource "aws_sqs_queue" "q" {
  name = "q"
}
"""
NO_NETWORK = {"HTTPS_PROXY": "http://127.0.0.1:9", "HTTP_PROXY": "http://127.0.0.1:9", "NO_PROXY": ""}


def terraform(tool: Toolchain, cwd: Path, *args: str) -> str:
    env = tool.env({**os.environ, **NO_NETWORK})  # any registry access would fail loudly
    run = subprocess.run([str(tool.terraform), *args, "-no-color"], cwd=cwd, env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    return run.stdout


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
    assert tool.version != "1.0.3" and tool.plugin_cache is None
    (tmp_path / "main.tf").write_text(MAIN_TF)
    terraform(tool, tmp_path, "init", "-input=false")
    assert "configuration is valid" in terraform(tool, tmp_path, "validate")
