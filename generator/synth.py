"""Synthesize environments to Terraform JSON, atomically (config -> constructs -> cdk.tf.json).

Each stack directory holds cdktf's `cdk.tf.json` plus our sidecars: `blocks.json`
(which JSON keys are nested blocks, for the HCL writer), `checkov-skips.json`
(deliberate check suppressions with their reasons) and `notes.json` (the account-level
modes the rendering assumes, printed after synth). Output is written to a
temporary directory and swapped in only when every stack synthesized, so a
failure leaves what was there before untouched.
"""
from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from generator.config.model import EnvironmentConfig
from generator.errors import ConfigError
from generator.files import staging_dir, swap_in

DEFAULT_OUTDIR = Path("cdktf.out")


@dataclass(frozen=True)
class SynthesizedStack:
    """Where one environment's Terraform went."""

    name: str
    directory: Path
    provider_version: str

    @property
    def json_path(self) -> Path:
        return self.directory / "cdk.tf.json"

    def document(self) -> dict:
        """The synthesized Terraform JSON."""
        return json.loads(self.json_path.read_text())

    def blocks(self) -> dict[str, list[str]]:
        """Block paths by `resource.TYPE` / `data.TYPE` / `provider.NAME`."""
        return json.loads((self.directory / "blocks.json").read_text())

    def suppressions(self) -> dict[str, list[str]]:
        """checkov suppressions by resource address."""
        return json.loads((self.directory / "checkov-skips.json").read_text())

    def notes(self) -> list[str]:
        """What the rendering assumes about the account (GuardDuty detector, service-linked roles, sources)."""
        return json.loads((self.directory / "notes.json").read_text())


def default_outdir() -> Path:
    """`cdktf synth` passes its output directory in CDKTF_OUTDIR; otherwise ./cdktf.out."""
    return Path(os.environ.get("CDKTF_OUTDIR") or DEFAULT_OUTDIR)


#: builds one named stack in an App: (scope, name) -> stack
StackFactory = Callable[[Any, str], Any]


def _synth_into(factories: dict[str, StackFactory], staging: Path) -> None:
    from generator.aws import App
    from generator.constructs.checks import collect_suppressions
    from generator.hcl.blocks import block_paths
    from generator.stack import EcsStack

    app = App(outdir=str(staging), skip_validation=False)
    stacks = {name: make(app, name) for name, make in factories.items()}
    app.synth()
    for name, stack in stacks.items():
        # an environment's keys become addresses: validation rejects those that would share one; the backstop
        shared = stack.shared_addresses() if isinstance(stack, EcsStack) else []
        if shared:
            raise ConfigError(name, shared)
    for name, stack in stacks.items():
        directory = staging / "stacks" / name
        (directory / "blocks.json").write_text(json.dumps(block_paths(stack), indent=1, sort_keys=True))
        (directory / "checkov-skips.json").write_text(
            json.dumps(collect_suppressions(stack), indent=1, sort_keys=True))
        (directory / "notes.json").write_text(json.dumps(getattr(stack, "notes", []), indent=1))  # EcsStack's


def _swap_in(staging: Path, outdir: Path, names: list[str]) -> None:
    (outdir / "stacks").mkdir(parents=True, exist_ok=True)
    for name in names:
        swap_in(staging / "stacks" / name, outdir / "stacks" / name)
    manifest_path = outdir / "manifest.json"
    manifest = json.loads(manifest_path.read_text()) if manifest_path.exists() else {}
    fresh = json.loads((staging / "manifest.json").read_text())
    manifest = {**fresh, "stacks": {**manifest.get("stacks", {}), **fresh.get("stacks", {})}}
    (staging / "manifest.json").write_text(json.dumps(manifest, indent=2))
    swap_in(staging / "manifest.json", manifest_path)


def synthesize(envs: dict[str, EnvironmentConfig], outdir: Path | None = None) -> list[SynthesizedStack]:
    """Synthesize every environment into `outdir/stacks/<name>/`; all or nothing."""
    from generator.stack import EcsStack

    return synthesize_stacks({name: (partial(EcsStack, env=env), env.provider.version) for name, env in envs.items()},
                             outdir)


def synthesize_stacks(factories: dict[str, tuple[StackFactory, str]], outdir: Path | None = None
                      ) -> list[SynthesizedStack]:
    """Synthesize stacks (name -> (factory, provider version)) into `outdir/stacks/<name>/`; all or nothing."""
    outdir = (outdir or default_outdir()).resolve()
    with staging_dir(outdir) as staging:
        _synth_into({name: make for name, (make, _) in factories.items()}, staging)
        _swap_in(staging, outdir, list(factories))
    return [SynthesizedStack(name, outdir / "stacks" / name, version) for name, (_, version) in factories.items()]
