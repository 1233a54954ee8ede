"""ruff and mypy (configured in pyproject.toml) find nothing in the packages."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.static
ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ["generator", "harness"]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True)


def test_ruff_finds_nothing():
    result = run("ruff", "check", *PACKAGES, "main.py")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_finds_nothing():
    result = run("mypy", *PACKAGES)
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_reads_every_package_file():
    """No exclude pattern hides a package folder (an unanchored `modules` once hid generator/modules)."""
    listed = {Path(line).resolve() for line in run("ruff", "check", "--show-files", *PACKAGES).stdout.splitlines()
              if line.endswith(".py")}
    files = {path.resolve() for package in PACKAGES for path in (ROOT / package).rglob("*.py")}
    assert files and files <= listed, sorted(str(p.relative_to(ROOT)) for p in files - listed)
