"""pytest plugin: `--sandbox=local|aws`, `--keep`, session fixtures, phase timings in reports, pytest-terraform.

Fixtures: `sandbox` (the embedded emulator, or the configured real account), `toolchain`,
`keep`, `run_id`; `harness.terraform_stack(...)` builds fixtures for any Terraform root.
Every terraform phase a test's setup, call or teardown ran (name, seconds, result) is attached
to that test's report as a "terraform phases" section and to `user_properties` (JUnit XML),
on success and failure. With `--sandbox=local`, pytest-terraform's `@terraform("dir")`
fixtures run through the harness on the embedded sandbox (see harness/fixtures.py for what works).
"""
from __future__ import annotations

import os
import shutil
import uuid
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from harness.aws_account import ACCOUNT_ENV
from harness.phases import PhaseRecord
from harness.run import TerraformRun, phase_listeners

_LOG_KEY = pytest.StashKey[Path]()
_PHASES_KEY = pytest.StashKey[list]()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("ecs-sandbox", "Terraform on an AWS sandbox")
    group.addoption("--sandbox", choices=("local", "aws"), default="local",
                    help="local: embedded AWS emulator on loopback (default); aws: a real sandbox account")
    group.addoption("--keep", action="store_true", help="skip teardown (debugging): leave stacks and sandbox up")
    group.addoption("--aws-account-id", default=os.environ.get(ACCOUNT_ENV),
                    help=f"the sandbox account id --sandbox=aws insists on (default ${ACCOUNT_ENV})")


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    if not (config.getoption("dest_tf_binary", None) or shutil.which("terraform") or shutil.which("tofu")):
        from harness.toolchain import offline_toolchain

        config.option.dest_tf_binary = str(offline_toolchain().terraform)


def pytest_sessionstart(session: pytest.Session) -> None:
    """After every plugin configured (pytest-terraform too), before test modules declare their fixtures."""
    if session.config.getoption("--sandbox") == "local":
        from pytest_terraform import tf

        from harness.fixtures import sandbox_terraform_fixture

        fixture_class = sandbox_terraform_fixture()
        tf.terraform.scope_class_map = defaultdict(lambda: fixture_class)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--sandbox") == "aws":
        return
    skip = pytest.mark.skip(reason="needs a real AWS sandbox account: run with --sandbox=aws and "
                                   f"{ACCOUNT_ENV}=<account id> (no credentials on this machine)")
    for item in items:
        if item.get_closest_marker("aws"):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def sandbox_kind(request: pytest.FixtureRequest) -> str:
    """'local' or 'aws'."""
    return request.config.getoption("--sandbox")


@pytest.fixture(scope="session")
def keep(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--keep"))


@pytest.fixture(scope="session")
def sandbox(request: pytest.FixtureRequest, sandbox_kind: str, keep: bool, tmp_path_factory: Any) -> Iterator[Any]:
    """The sandbox account: the embedded emulator, or the configured real account."""
    if sandbox_kind == "aws":
        from harness.aws_account import AwsAccountSandbox

        yield AwsAccountSandbox(account_id=request.config.getoption("--aws-account-id"))
        return
    from harness.sandbox import EmbeddedSandbox

    box = EmbeddedSandbox(log_dir=tmp_path_factory.mktemp("sandbox")).start()
    request.config.stash[_LOG_KEY] = box.log_path
    yield box
    if keep:
        print(f"\nsandbox kept running at {box.endpoint_url} (log {box.log_path})")
    else:
        box.stop()


@pytest.fixture(scope="session")
def toolchain(sandbox_kind: str) -> Any:
    """Offline Terraform for the local lane; terraform/tofu from PATH for the real account."""
    from generator import MODERN_PROVIDER_VERSION
    from harness.toolchain import offline_toolchain, toolchain_for

    return offline_toolchain() if sandbox_kind == "local" else toolchain_for(MODERN_PROVIDER_VERSION)


RUN_ID_ENV = "ECSGEN_RUN_ID"


@pytest.fixture(scope="session")
def run_id() -> str:
    """Unique per test session (or $ECSGEN_RUN_ID, e.g. to match a deployer policy rendered with that prefix);
    used in name prefixes and tags so parallel runs never collide."""
    return os.environ.get(RUN_ID_ENV) or "t" + uuid.uuid4().hex[:7]


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    """Collect the phases every run finishes while this test's setup, call and teardown run."""
    item.stash[_PHASES_KEY] = []

    def listener(run: TerraformRun, record: PhaseRecord) -> None:
        item.stash[_PHASES_KEY].append((run.root.name, record))

    phase_listeners.append(listener)
    try:
        yield
    finally:
        phase_listeners.remove(listener)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator[Any]:
    outcome: Any = yield
    report = outcome.get_result()
    phases = item.stash.get(_PHASES_KEY, [])
    if phases:
        lines = [f"{root:24s} {record.line()}" for root, record in phases]
        report.sections.append((f"terraform phases ({call.when})", "\n".join(lines)))
        recorded = (f"terraform phases ({call.when})",
                    [{"root": root, "phase": r.name, "seconds": round(r.seconds, 2), "ok": r.ok} for root, r in phases])
        item.user_properties.append(recorded)  # later reports of the test copy the item's properties
        report.user_properties = [*report.user_properties, recorded]  # this one already has its copy
        phases.clear()
    log = item.config.stash.get(_LOG_KEY, None)
    if report.failed and log is not None and "sandbox" in getattr(item, "fixturenames", ()):
        report.sections.append(("sandbox", f"emulator log: {log}"))
