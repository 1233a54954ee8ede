"""The Toolchain value: a terraform binary and how it installs providers."""
from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping


class ToolchainError(RuntimeError):
    """The toolchain could not be provided (download, checksum, platform, or nothing on PATH)."""


@dataclass(frozen=True)
class Toolchain:
    """A terraform (or tofu) binary, its version, and its provider installation config."""

    terraform: Path
    version: str
    cli_config: Path | None  # None: the user's normal config and the public registry
    plugin_cache: Path | None = None  # pre-filled, this version's own: init links instead of unzipping

    def env(self, base: Mapping[str, str] | None = None) -> dict[str, str]:
        """`base` (default: os.environ) plus what runs terraform non-interactively with this toolchain."""
        env = dict(os.environ if base is None else base)
        env.update({"TF_IN_AUTOMATION": "1", "TF_INPUT": "0", "CHECKPOINT_DISABLE": "1"})
        if self.cli_config is not None:  # the mirror: this toolchain's own cache or none, never an inherited one
            env["TF_CLI_CONFIG_FILE"] = str(self.cli_config)
            env.pop("TF_PLUGIN_CACHE_DIR", None)
        if self.plugin_cache is not None:
            env["TF_PLUGIN_CACHE_DIR"] = str(self.plugin_cache)
        return env


def terraform_version(binary: Path) -> str:
    """The version `binary version` reports (Terraform or OpenTofu), e.g. "1.11.4"."""
    try:
        run = subprocess.run([str(binary), "version"], capture_output=True, text=True, timeout=60,
                             env={**os.environ, "CHECKPOINT_DISABLE": "1"})
    except OSError as exc:
        raise ToolchainError(f"cannot run {binary}: {exc}") from exc
    found = re.search(r"v(\d+\.\d+\.\d+\S*)", run.stdout)
    if run.returncode or not found:
        raise ToolchainError(f"`{binary} version` failed or printed no version: {(run.stdout + run.stderr).strip()}")
    return found.group(1)
