"""`python -m harness check` on any root (exit 0 / 1 / 2) and a Ctrl-C during `python -m harness deploy`."""
from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
APP = CORPUS / "module-tree" / "live" / "app"
PHASES = ("init", "plan", "apply", "second plan", "destroy", "leak check")


def harness(*args: str, timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "harness", *args], capture_output=True, text=True, timeout=timeout)


@pytest.mark.static
@pytest.mark.parametrize("args, message", [
    ([str(APP)], f'{APP / "main.tf"}: variable "environment": required (Stage name, part of every resource name) '
                 "and not set"),
    ([str(APP), "--var", "environment=dev", "--var", "enviroment=dev"], "variables: enviroment: not a variable of"),
    ([str(APP), "--var", "environment"], "--var: environment: expected NAME=VALUE"),
    ([str(APP), "--var", "environment=dev", "--var", "queues=[oops"], "--var: queues: list(string) needs an HCL value"),
    ([str(APP), "--var", "environment=dev", "--timeout", "aply=10"], "timeouts: aply: not a phase; phases: init"),
    ([str(APP), "--var", "environment=dev", "--var-file", "nowhere.tfvars"], "nowhere.tfvars: (file): no such file"),
    (["no/such/root"], "PATH: no/such/root: not a folder holding a Terraform root module"),
])
def test_check_bad_input_exits_2_before_anything_runs(args, message) -> None:
    run = harness("check", *args)
    assert run.returncode == 2, run.stderr
    assert run.stderr.startswith("error: ") and message in run.stderr
    assert "Traceback" not in run.stderr and run.stdout == ""


@pytest.mark.apply
def test_check_runs_every_phase_and_says_so(tmp_path) -> None:
    var_file = tmp_path / "dev.tfvars"
    var_file.write_text('queues = ["orders"]\n')
    run = harness("check", str(APP), "--var", "environment=ci", "--var-file", str(var_file), "--region", "us-west-2",
                  "--timeout", "apply=300")
    assert run.returncode == 0, run.stdout + run.stderr
    lines = run.stdout.splitlines()
    assert lines[0].startswith(f"check {APP} (terraform 1.0.3, default region us-west-2, run folder ")
    assert [re.match(r"  (.{12}) (\S+)", line).groups() for line in lines[1:7]] == [
        (f"{p:12s}", "ok") for p in PHASES]
    assert re.match(r"passed: every phase ok in \d+ s; run folder deleted: ", lines[7])
    assert "(eu-central-1, us-west-2 + global)" in lines[6]  # the module's own region is scanned too


@pytest.mark.apply
def test_check_exits_1_naming_the_failing_phase(tmp_path) -> None:
    (tmp_path / "main.tf").write_text('resource "aws_ssm_parameter" "p" {\n  name  = "/x"\n  type  = "String"\n'
                                      '  value = aws_sqs_queue.missing.arn\n}\n')
    run = harness("check", str(tmp_path))
    assert run.returncode == 1, run.stdout + run.stderr
    assert "  plan         FAILED" in run.stdout
    assert "FAILED: plan failed after" in run.stdout and "Reference to undeclared resource" in run.stdout
    kept = Path(run.stdout.split("run folder deleted but for its log: ", 1)[1].split()[0])  # nothing was applied
    full_log = Path(re.search(r"full log: (\S+)", run.stdout)[1])  # the log the failure names is still there
    assert full_log == kept and [p.name for p in kept.parent.iterdir()] == ["terraform.log"]
    assert "Reference to undeclared resource" in full_log.read_text()
    assert run.stdout.index("FAILED: plan failed after") < run.stdout.index("Error: Reference to undeclared resource")
    log = Path(run.stdout.split("sandbox log: ", 1)[1].strip())  # kept for the failure; this test is done with them
    assert log.is_file()
    shutil.rmtree(log.parent)
    shutil.rmtree(kept.parent)


@pytest.mark.apply
def test_check_hints_at_rendering_modules_when_no_provider_release_matches(tmp_path) -> None:
    (tmp_path / "main.tf").write_text('terraform {\n  required_providers {\n    aws = {\n'
                                      '      source  = "hashicorp/aws"\n      version = ">= 6.25.0, < 7.0.0"\n'
                                      '    }\n  }\n}\n')
    run = harness("check", str(tmp_path))
    assert run.returncode == 1, run.stdout + run.stderr
    assert "  init         FAILED" in run.stdout and "no available releases match the given constraints" in run.stdout
    assert "hint: the offline mirror carries hashicorp/aws 3.39.0 only" in run.stdout
    assert "python -m generator modules --target 3.39.0 --out DIR" in run.stdout
    shutil.rmtree(Path(run.stdout.split("sandbox log: ", 1)[1].strip()).parent)
    shutil.rmtree(Path(run.stdout.split("run folder deleted but for its log: ", 1)[1].split()[0]).parent)


@pytest.mark.apply
def test_check_names_what_the_leak_check_kept_or_could_not_check(tmp_path) -> None:
    (tmp_path / "main.tf").write_text('resource "aws_default_vpc" "adopted" {}\n')
    run = harness("check", str(tmp_path))
    assert run.returncode == 0, run.stdout + run.stderr
    assert "1 kept by design" in run.stdout
    assert re.search(r"^    kept by design: aws_default_vpc\.adopted \(vpc-\w+, us-east-1\): ", run.stdout, re.M), \
        run.stdout


@pytest.mark.apply
def test_ctrl_c_during_deploy_cleans_up_and_says_so_in_one_line() -> None:
    """Ctrl-C as a terminal sends it: to the whole foreground process group (jsii's Node included, if it were there)."""
    deploy = subprocess.Popen([sys.executable, "-m", "harness", "deploy", "--env", "local"], stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True, start_new_session=True)
    seen: list[str] = []
    assert deploy.stdout is not None
    for line in deploy.stdout:
        seen.append(line)
        if line.startswith("  + "):  # the first resource is created: the apply is under way
            time.sleep(1)
            os.killpg(deploy.pid, signal.SIGINT)
            break
    rest, _ = deploy.communicate(timeout=600)
    output = "".join(seen) + rest
    assert deploy.returncode == 130, output
    after = rest.strip().splitlines()
    interrupted = [line for line in after if line.startswith("interrupted:")]
    assert len(interrupted) == 1, output
    cleaned = r"interrupted: destroyed \d+ resource\(s\), leak check clean, sandbox stopped; run folder deleted: "
    assert re.match(cleaned, interrupted[0]), interrupted
    assert after[-1] == interrupted[0]
    for noise in ("Traceback", "KeyboardInterrupt", "BrokenPipeError", "jsii"):
        assert noise not in output
    folder = Path(interrupted[0].rsplit("run folder deleted: ", 1)[1])
    assert folder.name.startswith("ecs-deploy-") and not folder.exists()
