"""`python -m harness toolchain`: what it prints, and that the exports work in a shell."""
from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import pytest

from harness.cli_toolchain import add_command
from harness.toolchain import Toolchain

pytestmark = pytest.mark.static
ROOT = Path(__file__).resolve().parents[2]


def run_command(*argv: str) -> None:
    parser = argparse.ArgumentParser()
    add_command(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["toolchain", *argv])
    assert args.func(args) == 0


def test_prints_binary_version_and_config(offline: Toolchain, capsys: pytest.CaptureFixture[str]) -> None:
    run_command()
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"terraform:    {offline.terraform}"
    assert lines[1] == "version:      1.0.3"
    assert lines[2].startswith(f"cli config:   {offline.cli_config}")


def test_print_env_is_every_variable_plus_path(offline: Toolchain, capsys: pytest.CaptureFixture[str]) -> None:
    run_command("--print-env")
    lines = capsys.readouterr().out.splitlines()
    assert set(lines[:-1]) == {f"export {k}={v}" for k, v in offline.env({}).items()}
    assert lines[-1] == f'export PATH={offline.terraform.parent}:"$PATH"'


def test_exports_put_the_pinned_terraform_first_in_a_shell(offline: Toolchain) -> None:
    exports = f"{sys.executable} -m harness toolchain --print-env"
    script = f'eval "$({exports})" && terraform version && echo "$TF_CLI_CONFIG_FILE"'
    run = subprocess.run(["bash", "-c", script], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("Terraform v1.0.3") and run.stdout.rstrip().endswith(str(offline.cli_config))
