"""Session sandboxes for the sandbox tests: one with the compat layer, one plain moto."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from harness.sandbox import EmbeddedSandbox


@pytest.fixture(scope="session")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedSandbox]:
    with EmbeddedSandbox(log_dir=tmp_path_factory.mktemp("sandbox")) as running:
        yield running


@pytest.fixture(scope="session")
def plain_sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedSandbox]:
    """moto without our patches: proves each compat test fails without its patch."""
    log_dir = tmp_path_factory.mktemp("plain-sandbox")
    with EmbeddedSandbox(log_dir=log_dir, compat=False, take_baseline=False) as running:
        yield running
