"""The real cdktf CLI (npm cdktf-cli, the version matching the cdktf library) synthesizes the same documents
as `python main.py`, in a fresh copy of the project, with telemetry off and no network.

Marked `cli`; `.ci/run` runs it (it runs the whole suite). Cost: the first run installs cdktf-cli into the
user cache with npm (about 60 s, 420 MB, once per version); each run then takes about 10 s.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest
from mirror_terraform import NO_NETWORK
from npm_tools import npm_package

pytestmark = pytest.mark.cli
ROOT = Path(__file__).resolve().parents[2]
PROJECT = ("main.py", "cdktf.json", "envs", "generator")


@pytest.fixture(scope="module")
def fresh_copy(tmp_path_factory) -> Path:
    """main.py, cdktf.json, envs/ and generator/ copied; the project's .venv linked (cdktf.json's app uses it)."""
    copy = tmp_path_factory.mktemp("project")
    for name in PROJECT:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, copy / name)
    (copy / ".venv").symlink_to(Path(sys.prefix))
    return copy


def documents(outdir: Path) -> dict[str, dict]:
    return {path.parent.name: json.loads(path.read_text()) for path in sorted(outdir.glob("stacks/*/cdk.tf.json"))}


def test_cdktf_cli_version_matches_the_library() -> None:
    assert version("cdktf") == "0.21.0", "install cdktf-cli at the version of the cdktf library"


def test_cdktf_synth_equals_python_main(fresh_copy: Path) -> None:
    cli = npm_package("cdktf-cli", version("cdktf")) / "node_modules" / ".bin" / "cdktf"
    env = {**os.environ, **NO_NETWORK, "CHECKPOINT_DISABLE": "1", "CI": "1"}
    env.pop("CDKTF_OUTDIR", None)
    run = subprocess.run([str(cli), "synth"], cwd=fresh_copy, env=env, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    assert "Generated Terraform code for the stacks: local, workshop" in run.stdout
    main = subprocess.run([str(fresh_copy / ".venv" / "bin" / "python"), "main.py", "--out", "python-out"],
                          cwd=fresh_copy, env=env, capture_output=True, text=True, timeout=600)
    assert main.returncode == 0, main.stderr[-3000:]
    by_cli, by_python = documents(fresh_copy / "cdktf.out"), documents(fresh_copy / "python-out")
    assert sorted(by_cli) == sorted(p.stem for p in (ROOT / "envs").glob("*.yaml"))
    assert by_cli == by_python
