"""Faults: clean-up after a failing assertion and after Ctrl-C, retries and what is never retried, a hanging
destroy cut by its timeout (and not run again), leaks the generic check catches, what happens to run folders."""
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
from small_stack import write_secret_stack, write_small_stack

from harness import HarnessError, LeakError, PhaseTimeout, TerraformError, TerraformRun, deployed
from harness.retry import RetryPolicy

pytestmark = pytest.mark.apply
HERE = Path(__file__).resolve().parent
#: what the leak check listed before it was derived from state (a fixed inventory of this project's services)
OLD_INVENTORY_KINDS = {"vpc", "subnet", "security-group", "internet-gateway", "nat-gateway", "elastic-ip",
                       "route-table", "load-balancer", "target-group", "cluster", "service", "task-definition",
                       "role", "policy", "log-group", "query-definition", "table", "db-instance", "db-subnet-group",
                       "secret", "parameter", "namespace", "scalable-target", "detector", "repository", "bucket",
                       "project", "pipeline", "application"}


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


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def wrapped(tmp_path: Path, toolchain, script: str) -> WrappedToolchain:
    """The offline toolchain behind a shell wrapper (`$T` is the real terraform) that injects a fault."""
    wrapper = tmp_path / "terraform"
    wrapper.write_text(f"#!/bin/sh\nT={toolchain.terraform}\n{script}\nexec $T \"$@\"\n")
    wrapper.chmod(0o755)
    return WrappedToolchain(wrapper, toolchain)


@dataclass(frozen=True)
class WrappedToolchain:
    terraform: Path
    inner: object

    def env(self, base=None):
        return self.inner.env(base)


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
    assert "destroy" in output and "run folder deleted" in output
    assert sandbox.leaks_since(baseline) == []
    assert not (tmp_path / "run").exists()
    assert terraform_processes(tmp_path / "run" / "tree") == []


def test_retry_on_injected_transient_error(tmp_path, toolchain, sandbox) -> None:
    marker = tmp_path / "failed-once"
    reset = "Error: read tcp 127.0.0.1:1: connection reset by peer"
    flaky = wrapped(tmp_path, toolchain, f'if [ "$1" = plan ] && [ ! -e {marker} ]; then\n'
                                         f'  touch {marker}; echo "{reset}"; exit 1\nfi')
    stack = write_small_stack(tmp_path / "stack", "retry", slow=False)
    run = TerraformRun(stack, tmp_path / "run", flaky, sandbox=sandbox, retry=RetryPolicy(attempts=2, wait_seconds=0.1))
    run.init()
    plan = run.plan()
    assert marker.exists() and plan.counts_by_type()["aws_ssm_parameter"] == 3
    assert "transient error 'connection reset by peer': retry 2/2" in run.log_path.read_text()
    run.remove()


def test_configuration_errors_are_never_retried(tmp_path, toolchain, sandbox) -> None:
    """An unresolvable endpoint prints "send request failed" too: the deny-list stops the retry."""
    dns = wrapped(tmp_path, toolchain, 'if [ "$1" = plan ]; then\n  echo "Error: error configuring Terraform AWS '
                                       'Provider: RequestError: send request failed caused by: Post '
                                       '\\"https://sts.eu-west-1.amazonaws.com/\\": dial tcp: lookup '
                                       'sts.eu-west-1.amazonaws.com: no such host"; exit 1\nfi')
    stack = write_small_stack(tmp_path / "stack", "dns", slow=False)
    run = TerraformRun(stack, tmp_path / "run", dns, sandbox=sandbox, retry=RetryPolicy(attempts=3, wait_seconds=5))
    run.init()
    started = time.monotonic()
    with pytest.raises(TerraformError, match="no such host"):
        run.plan()
    assert time.monotonic() - started < 5, "retried"
    assert run.log_path.read_text().count("$ terraform plan") == 1
    run.remove()


def test_no_retry_on_real_errors_and_clear_message(tmp_path, toolchain, sandbox) -> None:
    account = sandbox.new_account()
    stack = write_small_stack(tmp_path / "stack", "broken", broken=True, slow=False)
    dep = deployed(stack, account, toolchain, workdir=tmp_path / "run")  # a failed run keeps its log: in tmp_path
    with pytest.raises(TerraformError) as info, dep:
        pass
    error = info.value
    assert str(error).startswith("plan failed after ") and "(exit 1): terraform plan; full log:" in str(error)
    assert "aws_dynamodb_table.missing" in error.tail and error.phase == "plan"
    assert error.output.count("Reference to undeclared resource") == 1
    assert [(p.name, p.ok) for p in dep.phases] == [("init", True), ("plan", False), ("leak check", True)]
    assert dep.phases[1].detail.startswith("plan failed after")
    assert dep.report.findings == ()  # nothing applied, nothing left but the log the error names
    assert [p.name for p in dep.run.folder.iterdir()] == ["terraform.log"] and error.log_path.is_file()
    assert f"run folder deleted but for its log: {error.log_path}" in error.__notes__


def test_hanging_destroy_is_cut_by_its_timeout_and_not_run_again(tmp_path, toolchain, sandbox, run_id) -> None:
    account = sandbox.new_account()
    hanging = wrapped(tmp_path, toolchain, 'if [ "$1" = destroy ]; then exec sleep 300; fi')
    stack = write_small_stack(tmp_path / "stack", f"{run_id}-hang", slow=False)
    dep = deployed(stack, account, hanging, timeouts={"destroy": 3})
    started = time.monotonic()
    with pytest.raises(PhaseTimeout) as info, dep:
        pass
    assert time.monotonic() - started < 60
    message = str(info.value)
    assert message.startswith("destroy failed after 3.0 s (timed out after 3 s; terraform interrupted, not retried)")
    notes = "\n".join(info.value.__notes__)
    assert "leak check after it: 4 resource(s) of the state checked: 0 gone, 4 left behind" in notes
    assert f"run folder kept: {dep.run.folder} (destroy failed: resources may remain)" in notes
    assert dep.run.log_path.read_text().count("$ terraform destroy") == 1
    assert [(p.name, p.ok) for p in dep.phases][-2:] == [("destroy", False), ("leak check", False)]
    with pytest.raises(HarnessError, match="not re-running it blindly"):
        dep.run.destroy()
    assert mode(dep.run.folder) == 0o700 and mode(dep.run.directory / "terraform.tfstate") == 0o600
    dep.run.toolchain, dep.run.destroy_interrupted = toolchain, False  # clean up by hand, with the real terraform
    dep.run.timeouts["destroy"] = 600
    dep.run.destroy()
    assert dep.run.check_leaks(dep.baseline).clean
    dep.run.remove()


LEAKY_ROOT = """
provider "aws" {
  region = "eu-west-1"
}

resource "aws_vpc" "island" {
  cidr_block = "10.60.0.0/16"
}

resource "aws_subnet" "island" {
  vpc_id     = aws_vpc.island.id
  cidr_block = "10.60.1.0/24"
}

resource "aws_elasticache_subnet_group" "cache" {
  name       = "leaky-cache"
  subnet_ids = [aws_subnet.island.id]
}

resource "aws_customer_gateway" "office" {
  bgp_asn    = 65000
  ip_address = "203.0.113.20"
  type       = "ipsec.1"
}

resource "aws_vpc_dhcp_options" "corp" {
  domain_name = "corp.internal"
}

resource "aws_ssm_parameter" "kept" {
  name  = "/leaky/kept"
  type  = "String"
  value = "destroyed normally"
}
"""


def test_leaks_the_generic_check_catches(tmp_path, toolchain, sandbox) -> None:
    """Terraform forgets five resources (as after a failed destroy): the check derived from state finds all of them,
    in their region; three are kinds the fixed inventory it replaced never listed."""
    account = sandbox.new_account()
    (tmp_path / "root").mkdir()
    (tmp_path / "root" / "main.tf").write_text(LEAKY_ROOT)
    forgotten = ["aws_vpc.island", "aws_subnet.island", "aws_elasticache_subnet_group.cache",
                 "aws_customer_gateway.office", "aws_vpc_dhcp_options.corp"]
    dep = deployed(tmp_path / "root", account, toolchain)
    with pytest.raises(LeakError) as info, dep:
        dep.run.terraform("state", "rm", *forgotten)
    report = info.value.report
    assert sorted(f.address for f in report.leaked) == sorted(forgotten)
    assert {f.region for f in report.leaked} == {"eu-west-1"} and report.not_checked == []
    assert {(f.address, f.verdict) for f in report.findings} - {(a, "left behind") for a in forgotten} == {
        ("aws_ssm_parameter.kept", "gone")}
    scanned = {item.kind for item in report.scan_leaks}
    forgotten_kinds = {"vpc", "subnet", "cache-subnet-group", "customer-gateway", "dhcp-options"}
    assert forgotten_kinds <= scanned and scanned - forgotten_kinds <= {"route-table", "security-group", "network-acl"}
    assert {"cache-subnet-group", "customer-gateway", "dhcp-options"}.isdisjoint(OLD_INVENTORY_KINDS)
    assert dep.run.folder.exists() and "resources left behind after destroy" in info.value.__notes__[-1]
    assert mode(dep.run.folder) == 0o700
    dep.run.remove()


def test_run_folder_is_private_and_only_its_log_stays_after_a_failing_test(tmp_path, toolchain, sandbox) -> None:
    """The generated secret reaches the state, the inputs file and the plan (compressed): all 0600, in a 0700
    folder. The test fails; destroy and the leak check still run, and as nothing is left the folder goes but for
    its log, which never held the secret."""
    account = sandbox.new_account()
    stack = write_secret_stack(tmp_path / "stack")
    with pytest.raises(AssertionError, match="the test failed") as info:
        with deployed(stack, account, toolchain, generate=["api_token"], workdir=tmp_path / "run") as dep:
            secret = dep.run.inputs.values["api_token"]
            holding = [p for p in dep.run.folder.rglob("*") if p.is_file() and secret.encode() in p.read_bytes()]
            assert {"terraform.tfstate", "inputs.tfvars.json"} <= {p.name for p in holding}
            assert all(mode(p) == 0o600 for p in [*holding, dep.run.directory / "tfplan"]), \
                {p.name: oct(mode(p)) for p in holding}
            assert mode(dep.run.folder) == 0o700 and secret not in dep.run.log_path.read_text()
            assert len(account.leaks_since(dep.baseline)) == 1
            raise AssertionError("the test failed")
    assert account.leaks_since(dep.baseline) == [] and dep.report.clean
    assert not dep.run.applied and [p.name for p in dep.run.folder.iterdir()] == ["terraform.log"]
    assert secret not in dep.run.log_path.read_text()  # the one file a failed run leaves
    assert f"run folder deleted but for its log: {dep.run.log_path}" in info.value.__notes__


def test_keep_keeps_the_run_folder_and_says_so(tmp_path, toolchain, sandbox, capsys) -> None:
    account = sandbox.new_account()
    stack = write_small_stack(tmp_path / "stack", "kept", slow=False)
    with deployed(stack, account, toolchain, keep=True) as dep:
        pass
    assert dep.run.applied and dep.run.folder.exists()
    assert f"run folder kept: {dep.run.folder} (keep requested; its resources stay)" in capsys.readouterr().err
    dep.run.destroy()
    dep.run.remove()
