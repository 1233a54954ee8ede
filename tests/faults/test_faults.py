"""Faults: cleanup after a failing assertion and after Ctrl-C mid-apply, retries, broken stacks."""
from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from harness.lifecycle import deployed
from harness.retry import RetryPolicy
from harness.run import TerraformError, TerraformRun
from small_stack import write_small_stack

pytestmark = pytest.mark.apply
HERE = Path(__file__).resolve().parent


def terraform_processes(directory: Path) -> list[str]:
    """terraform processes whose working directory is `directory`."""
    found = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            if (proc / "comm").read_text().strip().startswith("terraform") and \
                    Path(os.readlink(proc / "cwd")) == directory:
                found.append(proc.name)
        except OSError:
            continue
    return found


def test_cleanup_after_failing_assertion(tmp_path, toolchain, sandbox, run_id) -> None:
    stack = write_small_stack(tmp_path / "stack", f"{run_id}-assert")
    with pytest.raises(AssertionError, match="the test failed"):
        with deployed(stack, tmp_path / "run", toolchain, sandbox) as deployment:
            baseline = deployment.baseline
            assert len(sandbox.leaks_since(baseline)) == 5
            raise AssertionError("the test failed")
    assert sandbox.leaks_since(baseline) == []
    assert not deployment.run.applied


def test_cleanup_after_ctrl_c_during_apply(tmp_path, sandbox, run_id) -> None:
    stack = write_small_stack(tmp_path / "stack", f"{run_id}-sigint")
    baseline = sandbox.snapshot()
    child = subprocess.Popen([sys.executable, str(HERE / "interrupted_child.py"), str(stack), str(tmp_path / "run"),
                              str(sandbox.port)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                             env={**os.environ, "PYTHONPATH": str(HERE)})
    seen: list[str] = []
    assert child.stdout is not None
    for line in child.stdout:
        seen.append(line)
        if "aws_ecs_cluster.c: Creating..." in line:
            time.sleep(1)
            child.send_signal(signal.SIGINT)
            break
    rest, _ = child.communicate(timeout=300)
    output = "".join(seen) + rest
    assert child.returncode != 0 and "KeyboardInterrupt" in output and "APPLIED" not in output
    assert sandbox.leaks_since(baseline) == []
    assert terraform_processes(tmp_path / "run") == []


@dataclass(frozen=True)
class FlakyToolchain:
    """The offline toolchain behind a wrapper that fails the first `plan` with a transient error."""

    terraform: Path
    inner: object

    def env(self, base=None):
        return self.inner.env(base)


def test_retry_on_injected_transient_error(tmp_path, toolchain, sandbox) -> None:
    marker = tmp_path / "failed-once"
    wrapper = tmp_path / "terraform"
    wrapper.write_text(f"""#!/bin/sh
if [ "$1" = plan ] && [ ! -e {marker} ]; then
  touch {marker}; echo "Error: read tcp 127.0.0.1:1: connection reset by peer"; exit 1
fi
exec {toolchain.terraform} "$@"
""")
    wrapper.chmod(wrapper.stat().st_mode | stat.S_IEXEC)
    stack = write_small_stack(tmp_path / "stack", "retry")
    run = TerraformRun(stack, tmp_path / "run", FlakyToolchain(wrapper, toolchain), sandbox=sandbox,
                       endpoint_url=sandbox.endpoint_url, retry=RetryPolicy(attempts=2, wait_seconds=0.1))
    run.init()
    plan = run.plan()
    assert marker.exists() and plan.counts_by_type()["aws_ssm_parameter"] == 3
    log = run.log_path.read_text()
    assert "transient error 'connection reset by peer': retry 2/2" in log


def test_no_retry_on_real_errors_and_clear_message(tmp_path, toolchain, sandbox) -> None:
    stack = write_small_stack(tmp_path / "stack", "broken", broken=True)
    baseline = sandbox.snapshot()
    with pytest.raises(TerraformError) as info:
        with deployed(stack, tmp_path / "run", toolchain, sandbox):
            pass
    message = str(info.value)
    assert message.startswith("terraform plan failed (exit 1)")
    assert "aws_dynamodb_table.missing" in message and str(tmp_path / "run" / "terraform.log") in message
    assert message.count("$ terraform plan") == 0 and info.value.log_path.read_text().count("$ terraform plan") == 1
    assert sandbox.leaks_since(baseline) == []
    assert terraform_processes(tmp_path / "run") == []
    assert not (tmp_path / "run" / "terraform.tfstate").exists() or '"resources": []' in \
        (tmp_path / "run" / "terraform.tfstate").read_text()
