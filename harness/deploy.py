"""The main job: generate an environment's Terraform and deploy it to the embedded sandbox.

Renders the environment for the offline provider target, starts the sandbox, applies with
progress, prints outputs and a resource summary, checks the second plan is empty, then
destroys and leak-checks (or, with keep, leaves the sandbox up until Ctrl-C).
"""
from __future__ import annotations

import re
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Callable

from harness.lifecycle import deployed
from generator import describe_cost, load_env, sandbox_overrides, synthesize
from harness.sandbox import EmbeddedSandbox
from harness.toolchain import offline_toolchain

DONE = re.compile(r"^(?P<address>\S+): (?P<what>Creation|Destruction) complete after (?P<took>\S+)")


def progress(say: Callable[[str], None]) -> Callable[[str], None]:
    """A terraform output filter that reports each finished resource on one line."""
    def echo(line: str) -> None:
        match = DONE.match(line)
        if match:
            sign = "+" if match["what"] == "Creation" else "-"
            say(f"  {sign} {match['address']} ({match['took']})")
    return echo


def summary(counts: Counter) -> str:
    """Resources by type, widest first."""
    return "\n".join(f"  {n:3d}  {rtype}" for rtype, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def run_deploy(env_name: str, keep: bool, workdir: Path | None = None, say: Callable[[str], None] = print) -> int:
    """Generate, deploy, report, tear down. Returns a process exit code."""
    started = time.monotonic()
    workdir = Path(workdir or tempfile.mkdtemp(prefix="ecs-deploy-"))
    say(f"[1/5] generating {env_name} for hashicorp/aws 3.39.0 (the offline provider) and a fresh account")
    env = load_env(env_name, overrides=sandbox_overrides())
    [stack] = synthesize({env_name: env}, workdir / "cdktf.out")
    say(f"      terraform json: {stack.json_path}")
    for note in stack.notes():
        say(f"      note: {note}")
    toolchain = offline_toolchain()
    say(f"[2/5] starting the embedded AWS sandbox (terraform {toolchain.version}, moto)")
    with EmbeddedSandbox(log_dir=workdir, region=env.region) as box:
        say(f"      {box.endpoint_url}, log {box.log_path}")
        say("[3/5] terraform init + apply")
        with deployed(stack.directory, workdir / "run", toolchain, box, keep=keep, echo=progress(say)) as dep:
            assert dep.plan is not None
            say(f"[4/5] applied {sum(dep.plan.counts_by_type().values())} resources; outputs:")
            for key, value in dep.run.outputs().items():
                if key != "ecs_exec_caller_policy":
                    say(f"  {key} = {value}")
            say("resources by type:")
            say(summary(dep.plan.counts_by_type()))
            say(describe_cost(stack))
            dep.run.assert_idempotent()
            say("second plan: no changes")
            if keep:
                _hold(box, dep.run.directory, say)
                return 0
            say("[5/5] terraform destroy + leak check")
        say(f"done in {time.monotonic() - started:.0f} s: nothing left in the sandbox")
    return 0


def _hold(box: EmbeddedSandbox, directory: Path, say: Callable[[str], None]) -> None:
    say("\nThe sandbox stays up until Ctrl-C. Point the AWS CLI or boto3 at it:")
    for key, value in box.env().items():
        say(f"  export {key}={value}")
    say(f"  aws ecs list-services --cluster <cluster>   # terraform state and files: {directory}")
    try:
        while box.running:
            time.sleep(1)
    except KeyboardInterrupt:
        say("stopping the sandbox")
