"""Remote state on the embedded sandbox: bootstrap the bucket (and lock table), then two concurrent applies.

One environment, two run folders sharing its S3 state. While the first apply holds the lock, a second apply
with `-lock-timeout=0s` fails on the lock and one with a timeout waits, then finds nothing to do: nothing
is created twice, nothing is lost, the state matches what exists, and no lock is left behind.

Lanes: DynamoDB locking with the pinned Terraform 1.0.3 (always); the S3 lock object (`use_lockfile`) with
a second terraform >= 1.10 on PATH, on the same offline mirror (skipped with the reason otherwise).
"""
from __future__ import annotations

import shutil
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sandbox_backend import WithSandboxBackend, write_backend_file

from generator import load_file, synthesize
from generator.config.model import StateConfig
from generator.state_bootstrap import write_state_bootstrap
from harness.run import TerraformError, TerraformRun
from harness.toolchain import Toolchain, offline_toolchain
from harness.toolchain.model import terraform_version

ENV_FILE = Path(__file__).with_name("team.yaml")
LOCKFILE_SINCE = (1, 10, 0)


@dataclass
class Timed:
    """A terraform command run in a thread: exit code, output, when it started and ended."""

    run: TerraformRun
    args: tuple[str, ...]
    code: int = -1
    output: str = ""
    started: float = 0.0
    ended: float = 0.0
    thread: threading.Thread = field(init=False)

    def __post_init__(self) -> None:
        self.thread = threading.Thread(target=self._go, daemon=True)

    def _go(self) -> None:
        self.started = time.monotonic()
        self.code, self.output = self.run.terraform(*self.args, ok_codes=(0, 1))
        self.ended = time.monotonic()

    def start(self) -> Timed:
        self.thread.start()
        return self

    def wait(self, timeout: float = 600) -> Timed:
        self.thread.join(timeout)
        assert not self.thread.is_alive(), f"terraform {self.args[0]} still running after {timeout} s"
        return self


def lanes() -> list:
    found = shutil.which("terraform")
    second = terraform_version(Path(found)) if found else None
    modern = second is not None and tuple(int(p) for p in second.split(".")[:3]) >= LOCKFILE_SINCE
    return [pytest.param("dynamodb_table", id="dynamodb-lock-terraform-1.0.3"),
            pytest.param("use_lockfile", id=f"s3-lockfile-terraform-{second}", marks=pytest.mark.skipif(
                not modern, reason=f"needs terraform >= 1.10 on PATH for the S3 lock object (have {second})"))]


def toolchain_for(lock: str) -> Toolchain:
    return offline_toolchain() if lock == "dynamodb_table" else offline_toolchain(terraform=shutil.which("terraform"))


def apply_args(lock_timeout: str) -> tuple[str, ...]:
    return ("apply", "-input=false", "-no-color", "-auto-approve", f"-lock-timeout={lock_timeout}")


@pytest.mark.apply
@pytest.mark.parametrize("lock", lanes())
def test_two_concurrent_applies_share_one_locked_state(lock: str, sandbox_kind: str, sandbox, run_id: str,
                                                       tmp_path: Path) -> None:
    if sandbox_kind != "local":
        pytest.skip("points the S3 backend at the embedded sandbox's endpoint")
    tool = toolchain_for(lock)
    bucket, key = f"{run_id}-{lock.replace('_', '-')}-state", "team/terraform.tfstate"
    state = {"backend": "s3", "bucket": bucket, "key": key,
             **({"dynamodb_table": f"{run_id}-locks", "use_lockfile": False} if lock == "dynamodb_table"
                else {"dynamodb_table": None, "use_lockfile": True})}
    env = load_file(ENV_FILE, overrides={"prefix": run_id, "state": state, "tags": {"ecsgen:run": run_id}})
    baseline = sandbox.snapshot()
    boot = TerraformRun(write_state_bootstrap("team", env, tmp_path / "bootstrap").directory, tmp_path / "boot-run",
                        tool, sandbox=sandbox, endpoint_url=sandbox.endpoint_url)
    try:
        boot.init()
        boot.apply()
        s3 = sandbox.client("s3")
        assert s3.get_bucket_versioning(Bucket=bucket)["Status"] == "Enabled"
        [rule] = s3.get_bucket_encryption(Bucket=bucket)["ServerSideEncryptionConfiguration"]["Rules"]
        assert rule["ApplyServerSideEncryptionByDefault"]["SSEAlgorithm"] == "aws:kms"
        assert all(s3.get_public_access_block(Bucket=bucket)["PublicAccessBlockConfiguration"].values())
        _concurrent_applies(env, tool, sandbox, tmp_path)
    finally:
        _empty_bucket(sandbox, bucket)
        boot.destroy()
    assert sandbox.leaks_since(baseline) == []


def _concurrent_applies(env, tool: Toolchain, sandbox, tmp_path: Path) -> None:
    state = env.state
    [stack] = synthesize({"team": env}, tmp_path / "cdktf.out")
    backend = stack.document()["terraform"]["backend"]["s3"]
    assert (backend["bucket"], backend["key"], backend.get("dynamodb_table"), backend.get("use_lockfile", False)) \
        == (state.bucket, state.key, state.dynamodb_table, state.use_lockfile)
    runs = []
    for name in ("first", "second"):
        run = TerraformRun(stack.directory, tmp_path / name, WithSandboxBackend(tool), sandbox=sandbox,
                           endpoint_url=sandbox.endpoint_url)
        write_backend_file(run.directory, tool.version, sandbox.endpoint_url)
        run.init()
        runs.append(run)
    first, second = runs
    resources = sum(len(v) for v in stack.document()["resource"].values())
    try:
        applying = Timed(first, apply_args("0s")).start()
        _wait_for_lock(sandbox, state, applying)
        refused = Timed(second, apply_args("0s")).start().wait()
        waiting = Timed(second, apply_args("10m")).start()
        applying.wait()
        waiting.wait()
        assert applying.code == 0 and f"{resources} added" in applying.output, applying.output[-2000:]
        assert refused.code == 1 and "Error acquiring the state lock" in refused.output, refused.output[-2000:]
        assert "OperationTypeApply" in refused.output, "the refusal names the apply that holds the lock"
        assert waiting.started < applying.ended < waiting.ended, "the second apply waited for the first"
        assert waiting.code == 0 and "0 added, 0 changed, 0 destroyed" in waiting.output, waiting.output[-2000:]
        listed = second.terraform("state", "list")[1].split()
        assert len([a for a in listed if not a.startswith("data.")]) == resources, "the state holds every resource"
        first.assert_idempotent()
        assert _lock_held(sandbox, state) is False, "no lock is left behind"
        versions = sandbox.client("s3").list_object_versions(Bucket=state.bucket, Prefix=state.key)["Versions"]
        assert len([v for v in versions if v["Key"] == state.key]) >= 2, "the bucket keeps earlier state versions"
    finally:
        first.destroy()


def _lock_held(sandbox, state: StateConfig) -> bool:
    """The S3 lock object `<key>.tflock`, or the lock table's item `<bucket>/<key>`, exists."""
    if state.use_lockfile:
        listed = sandbox.client("s3").list_objects_v2(Bucket=state.bucket, Prefix=f"{state.key}.tflock")
        return bool(listed.get("Contents"))
    items = sandbox.client("dynamodb").scan(TableName=state.dynamodb_table)["Items"]
    return any(item["LockID"]["S"] == f"{state.bucket}/{state.key}" for item in items)


def _wait_for_lock(sandbox, state: StateConfig, applying: Timed, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not _lock_held(sandbox, state):
        assert applying.thread.is_alive(), f"the first apply ended before it was seen holding the lock: " \
                                           f"{applying.output[-2000:]}"
        assert time.monotonic() < deadline, "the first apply never took the lock"
        time.sleep(0.2)


def _empty_bucket(sandbox, bucket: str) -> None:
    """Delete every object version and delete marker, so the bootstrap can destroy the (versioned) bucket."""
    s3 = sandbox.client("s3")
    try:
        listed = s3.list_object_versions(Bucket=bucket)
    except s3.exceptions.NoSuchBucket:
        return
    for entry in listed.get("Versions", []) + listed.get("DeleteMarkers", []):
        s3.delete_object(Bucket=bucket, Key=entry["Key"], VersionId=entry["VersionId"])


@pytest.mark.plan
def test_terraform_without_the_s3_lock_object_refuses_a_lockfile_stack(tmp_path: Path) -> None:
    state = {"backend": "s3", "bucket": "team-state", "key": "team/terraform.tfstate", "use_lockfile": True,
             "dynamodb_table": None}
    [stack] = synthesize({"team": load_file(ENV_FILE, overrides={"state": state})}, tmp_path / "cdktf.out")
    run = TerraformRun(stack.directory, tmp_path / "run", offline_toolchain())
    with pytest.raises(TerraformError, match=r"Unsupported Terraform Core version[\s\S]*>= 1\.10\.0"):
        run.init()
