"""Session fixtures shared by the project's tests: one synthesis per test session."""
from __future__ import annotations

from pathlib import Path

import pytest
from skip_audit import pytest_runtest_logreport, pytest_sessionfinish, pytest_sessionstart  # noqa: F401 - hooks

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def synthesized(tmp_path_factory):
    """Every environment in envs/, synthesized once: name -> SynthesizedStack."""
    from generator.config import all_envs
    from generator.synth import synthesize

    out = tmp_path_factory.mktemp("cdktf.out")
    return {stack.name: stack for stack in synthesize(all_envs(ROOT / "envs"), out)}
