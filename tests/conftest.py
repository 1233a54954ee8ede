"""Session fixtures shared by the project's tests: one synthesis per test session."""
from __future__ import annotations

import signal
from pathlib import Path

import pytest
from skip_audit import pytest_runtest_logreport, pytest_sessionfinish, pytest_sessionstart  # noqa: F401 - hooks

ROOT = Path(__file__).resolve().parents[1]


def pytest_configure(config) -> None:
    """A shell starts background jobs (`pytest ... &`) with SIGINT ignored, and children inherit an ignored
    signal: the Ctrl-C tests would then interrupt nothing. Restore Python's handler so children start with
    the default disposition, as they do under a terminal or CI."""
    if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)


@pytest.fixture(scope="session")
def synthesized(tmp_path_factory):
    """Every environment in envs/, synthesized once: name -> SynthesizedStack."""
    from generator.config import all_envs
    from generator.synth import synthesize

    out = tmp_path_factory.mktemp("cdktf.out")
    return {stack.name: stack for stack in synthesize(all_envs(ROOT / "envs"), out)}
