"""The main job: generate an environment's Terraform and deploy it to the embedded sandbox.

Renders the environment for the offline provider target, starts the sandbox, applies with
progress, prints outputs and a resource summary, checks the second plan is empty, then
destroys and leak-checks (or, with keep, leaves the sandbox up until Ctrl-C).
Everything goes into one private folder (0700), deleted when nothing is left behind and kept,
with the reason printed, otherwise. Ctrl-C cleans up and says in one line what it did.
"""
from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from generator import SynthesizedStack, describe_cost, load_env, sandbox_overrides
from harness.generate import synthesize_apart
from harness.lifecycle import Deployment, deployed
from harness.sandbox import EmbeddedSandbox
from harness.source import read_module
from harness.toolchain import offline_toolchain
from harness.workspace import create_run_folder, remove_folder

INTERRUPTED = 130  # the shell's code for a process ended by SIGINT

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


def secrets_to_generate(stack_dir: Path) -> list[str]:
    """The stack's required sensitive variables (database passwords on old targets): a fresh value each run."""
    return sorted(v.name for v in read_module(stack_dir).variables.values() if v.required and v.sensitive)


def run_deploy(env_name: str, keep: bool, workdir: Path | None = None, say: Callable[[str], None] = print) -> int:
    """Generate, deploy, report, tear down. Returns a process exit code (130 after Ctrl-C)."""
    started = time.monotonic()
    env = load_env(env_name, overrides=sandbox_overrides())
    folder = create_run_folder(workdir, prefix="ecs-deploy-")
    deployments: list[Deployment] = []  # the deployment once it exists, for the last word after a failure
    try:
        say(f"[1/5] generating {env_name} for hashicorp/aws 3.39.0 (the offline provider) and a fresh account")
        stack = synthesize_apart(env_name, sandbox_overrides(), folder / "cdktf.out")
        say(f"      terraform json: {stack.json_path}")
        for note in stack.notes():
            say(f"      note: {note}")
        _deploy(env.region, stack, folder, keep, say, deployments)
    except KeyboardInterrupt:
        say(f"interrupted: {_cleaned_up(deployments)}; {_dispose(deployments, folder)}")
        return INTERRUPTED
    except BaseException:
        say(_dispose(deployments, folder))
        raise
    if keep:
        say(f"run folder kept: {folder} (--keep)")
        return 0
    remove_folder(folder)
    say(f"done in {time.monotonic() - started:.0f} s: nothing left in the sandbox; run folder deleted")
    return 0


def _cleaned_up(deployments: list[Deployment]) -> str:
    """What the clean-up after a Ctrl-C did."""
    if not deployments or not deployments[0].run.created:
        return "nothing was applied, sandbox stopped"
    report = deployments[0].report
    if report is not None and report.clean:
        return f"destroyed {len(deployments[0].run.created)} resource(s), leak check clean, sandbox stopped"
    return "destroy did not finish, sandbox stopped (its resources went with it)"


def _dispose(deployments: list[Deployment], folder: Path) -> str:
    """Delete the folder when the deployment left nothing behind (or never started); keep it otherwise, and after a
    failure for its logs (the failure's message names the terraform log in it)."""
    note = deployments[0].folder_note if deployments else ""
    if note.startswith("run folder kept"):
        return f"run folder kept: {folder} ({note.split(' (', 1)[-1].rstrip(')')})"
    if note.startswith("run folder deleted but for its log"):
        return f"folder kept for the failure's logs (terraform, sandbox): {folder}"
    remove_folder(folder)
    return f"run folder deleted: {folder}"


def _deploy(region: str, stack: SynthesizedStack, folder: Path, keep: bool, say: Callable[[str], None],
            deployments: list[Deployment]) -> None:
    toolchain = offline_toolchain()
    say(f"[2/5] starting the embedded AWS sandbox (terraform {toolchain.version}, moto)")
    with EmbeddedSandbox(log_dir=folder, region=region) as box:
        say(f"      {box.endpoint_url}, log {box.log_path}")
        say("[3/5] terraform init + apply")
        dep = deployed(stack.directory, box, toolchain, workdir=folder / "run", keep=keep, echo=progress(say),
                       generate=secrets_to_generate(stack.directory), say=lambda _: None)  # run_deploy says it
        deployments.append(dep)
        with dep:
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
                say("\nThe sandbox stays up until Ctrl-C. Point the AWS CLI or boto3 at it "
                    f"(aws ecs list-services --cluster <cluster>; terraform state and files: {dep.run.directory}):")
                box.hold(say)
                return
            say("[5/5] terraform destroy + leak check")


