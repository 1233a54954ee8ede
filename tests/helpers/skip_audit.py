"""The suite's skip list: a run fails when a test skips for a reason that is not on it.

On a fresh machine (no terraform on PATH, no real account) every test runs except:
- the real-account lane (`aws` marker, or what only the embedded sandbox can do when that lane runs);
- the lanes that exercise a second, newer Terraform from PATH next to the pinned offline one (the modern
  lane, the S3 lock object, per-version plugin caches, a system terraform): the offline toolchain provides
  only Terraform 1.0.3, and the registry is not reachable to fetch another.
Any other skip (a missing binary the offline toolchain provides, an empty parametrization, a fixture giving
up) is a test that silently proves nothing, so the session fails naming it.
"""
from __future__ import annotations

import re

import pytest

ALLOWED = {
    "real-account lane": re.compile(r"needs a real AWS sandbox account"),
    "real-account lane (embedded-sandbox-only tests)": re.compile(
        r"embedded sandbox only|isolated accounts of the embedded sandbox|the embedded sandbox's endpoint"),
    "a second, newer terraform on PATH": re.compile(
        r"^modern Terraform lane: |needs a second terraform version on PATH|needs terraform >= [\d.]+ on PATH|"
        r"^no terraform on PATH$"),
}
#: skips of this session that no entry allows (node id: reason)
UNEXPECTED: list[str] = []


def allowed(reason: str) -> str | None:
    """The allow-list entry a skip reason falls under, or None."""
    return next((name for name, pattern in ALLOWED.items() if pattern.search(reason)), None)


def skip_reason(report: pytest.TestReport) -> str:
    longrepr = report.longrepr
    message = longrepr[2] if isinstance(longrepr, tuple) else str(longrepr)
    return message.removeprefix("Skipped: ")


def pytest_sessionstart(session: pytest.Session) -> None:
    UNEXPECTED.clear()


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.skipped and not hasattr(report, "wasxfail") and allowed(skip_reason(report)) is None:
        UNEXPECTED.append(f"{report.nodeid}: {skip_reason(report)}")


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if not UNEXPECTED:
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.section("skips not on the skip list (tests/helpers/skip_audit.py)", red=True)
        for line in UNEXPECTED:
            reporter.write_line(line)
    if exitstatus == pytest.ExitCode.OK:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
