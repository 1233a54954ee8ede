"""The skip list is enforced: a run fails on a skip it does not allow (tests/helpers/skip_audit.py)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from skip_audit import allowed

pytestmark = pytest.mark.static
ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("reason, entry", [
    ("needs a real AWS sandbox account: run with --sandbox=aws and ECSGEN_AWS_ACCOUNT_ID=<account id> "
     "(no credentials on this machine)", "real-account lane"),
    ("modern Terraform lane: no terraform on PATH", "a second, newer terraform on PATH"),
    ("needs terraform >= 1.10 on PATH for the S3 lock object (have None)", "a second, newer terraform on PATH"),
    ("needs a second terraform version on PATH (have none besides the pinned 1.0.3)",
     "a second, newer terraform on PATH"),
    ("no terraform binary (set TERRAFORM)", None),  # the offline toolchain has one: not a reason to skip
    ("modules/ holds no HCL modules yet", None),
    ("workshop configures no pipelines", None),
])
def test_the_allow_list(reason, entry) -> None:
    assert allowed(reason) == entry


def run_audited(tmp_path: Path, body: str) -> subprocess.CompletedProcess:
    (tmp_path / "test_sample.py").write_text(f"import pytest\n\n\n{body}")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "tests" / "helpers")}
    return subprocess.run([sys.executable, "-m", "pytest", "-p", "skip_audit", "-q", "-p", "no:cacheprovider",
                           "--rootdir", str(tmp_path), str(tmp_path)], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=120)


def test_a_run_with_an_unlisted_skip_fails_naming_it(tmp_path) -> None:
    result = run_audited(tmp_path, 'def test_a():\n    pytest.skip("no terraform binary (set TERRAFORM)")\n\n\n'
                                   'def test_b():\n    assert True\n')
    assert result.returncode == 1, result.stdout
    assert "skips not on the skip list" in result.stdout
    assert "test_sample.py::test_a: no terraform binary (set TERRAFORM)" in result.stdout


def test_a_run_with_listed_skips_only_passes(tmp_path) -> None:
    result = run_audited(tmp_path, 'def test_a():\n    pytest.skip("modern Terraform lane: no terraform on PATH")\n')
    assert result.returncode == 0, result.stdout
    assert "skips not on the skip list" not in result.stdout
