"""`python -m harness toolchain`: what it prints, and that the exports work in a shell."""
from __future__ import annotations

import argparse
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from mirror_terraform import MAIN_TF

from harness.cli_toolchain import add_command, shell_wrapper
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


def test_print_env_is_one_path_line_to_a_wrapper(offline: Toolchain, capsys: pytest.CaptureFixture[str]) -> None:
    run_command("--print-env")
    [line] = capsys.readouterr().out.splitlines()
    assert line == f'export PATH={shell_wrapper(offline).parent}:"$PATH"'
    wrapper = shell_wrapper(offline).read_text()
    assert all(f"{k}={shlex.quote(v)}" in wrapper for k, v in offline.env({}).items())
    assert wrapper.rstrip().endswith(f'exec {offline.terraform} "$@"')


def test_exports_put_the_pinned_terraform_first_in_a_shell(offline: Toolchain, tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MAIN_TF)
    exports = f"{sys.executable} -m harness toolchain --print-env"
    script = f'eval "$({exports})" && terraform version && cd {tmp_path} && terraform init -no-color'
    run = subprocess.run(["bash", "-c", script], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("Terraform v1.0.3")
    assert "Using hashicorp/aws v3.39.0 from the shared cache" in run.stdout, "the wrapper applies the mirror config"
