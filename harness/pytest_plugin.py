"""pytest plugin: `--sandbox=local|aws`, `--keep`, and fixtures for plan/apply tests.

Built beside pytest-terraform rather than on its `terraform.fixture`: that fixture runs
terraform with the process environment on a module folder (no per-run provider override,
no plan JSON, no retries, legacy tmpdir, unreliable under xdist). We reuse its
`TerraformState` for reading state (`TerraformRun.state()`), and point its plugin at our
offline terraform when none is on PATH so it loads cleanly.
"""
from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path

import pytest

from harness.aws_account import ACCOUNT_ENV


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("ecs-sandbox", "ECS Fargate Terraform sandbox")
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
def sandbox(request: pytest.FixtureRequest, sandbox_kind: str, keep: bool, tmp_path_factory):
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
def toolchain(sandbox_kind: str):
    """Offline Terraform for the local lane; terraform/tofu from PATH for the real account."""
    from harness.toolchain import offline_toolchain, toolchain_for
    from generator import MODERN_PROVIDER_VERSION

    return offline_toolchain() if sandbox_kind == "local" else toolchain_for(MODERN_PROVIDER_VERSION)


RUN_ID_ENV = "ECSGEN_RUN_ID"


@pytest.fixture(scope="session")
def run_id() -> str:
    """Unique per test session (or $ECSGEN_RUN_ID, e.g. to match a deployer policy rendered with that prefix);
    used in name prefixes and tags so parallel runs never collide."""
    return os.environ.get(RUN_ID_ENV) or "t" + uuid.uuid4().hex[:7]


_LOG_KEY = pytest.StashKey[Path]()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    outcome = yield
    report = outcome.get_result()
    log = item.config.stash.get(_LOG_KEY, None)
    if report.failed and log is not None and ("sandbox" in item.fixturenames or "deployed_stack" in item.fixturenames):
        report.sections.append(("sandbox", f"emulator log: {log}"))
