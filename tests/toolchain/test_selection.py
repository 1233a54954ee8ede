"""Choosing a toolchain and the environment it runs terraform with."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from harness.toolchain import Toolchain, ToolchainError, offline_toolchain, system_toolchain, toolchain_for

pytestmark = pytest.mark.static


def test_env_sets_automation_and_cli_config_without_touching_base() -> None:
    tool = Toolchain(Path("/x/terraform"), "1.0.3", Path("/x/terraform.rc"), Path("/x/cache"))
    base = {"HOME": "/home/u"}
    env = tool.env(base)
    assert base == {"HOME": "/home/u"}
    assert env == {"HOME": "/home/u", "TF_IN_AUTOMATION": "1", "TF_INPUT": "0", "CHECKPOINT_DISABLE": "1",
                   "TF_CLI_CONFIG_FILE": "/x/terraform.rc", "TF_PLUGIN_CACHE_DIR": "/x/cache"}
    assert "TF_CLI_CONFIG_FILE" not in Toolchain(Path("/x/terraform"), "1.11.4", None).env({})
    assert Toolchain(Path("/x/terraform"), "1", None).env()["PATH"] == os.environ["PATH"]


def test_offline_for_the_offline_provider_version(offline: Toolchain) -> None:
    assert toolchain_for("3.39.0") == offline


def test_explicit_binary_wins_for_other_versions(offline: Toolchain, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ECSGEN_TERRAFORM", str(offline.terraform))
    tool = toolchain_for("6.25.0")
    assert (tool.terraform, tool.version, tool.cli_config) == (offline.terraform, "1.0.3", None)


def test_explicit_binary_that_does_not_exist(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("ECSGEN_TERRAFORM", str(tmp_path / "nope"))
    with pytest.raises(ToolchainError, match=r"\$ECSGEN_TERRAFORM: '.*nope' is not an executable"):
        system_toolchain()


def test_nothing_on_path(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("ECSGEN_TERRAFORM", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    assert system_toolchain() is None
    with pytest.raises(ToolchainError, match=r"hashicorp/aws 6\.25\.0 needs terraform or tofu on PATH"):
        toolchain_for("6.25.0")


@pytest.mark.skipif(shutil.which("terraform") is None, reason="no terraform on PATH")
def test_system_terraform_uses_the_registry(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ECSGEN_TERRAFORM", raising=False)
    tool = system_toolchain()
    assert tool is not None and tool.cli_config is None and tool.version[0].isdigit()


def test_offline_with_missing_terraform_is_a_clear_error(offline: Toolchain) -> None:
    with pytest.raises(ToolchainError, match=r"offline_toolchain\(terraform=...\): 'no-such-terraform'"):
        offline_toolchain(terraform="no-such-terraform")
