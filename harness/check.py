"""`python -m harness check PATH`: any Terraform root through every phase on the embedded sandbox.

init, plan, apply, second plan (must be empty), destroy and the leak check, each printed with its
result and time as it finishes. Exit 0 only when every phase passed; 1 when one failed; 2 on bad
input (harness/cli.py maps the errors). With keep, nothing is destroyed: the sandbox stays up
until Ctrl-C and the run folder is kept.
"""
from __future__ import annotations

import tempfile
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from harness.errors import HarnessError, TerraformError
from harness.leaks import KEPT
from harness.lifecycle import Deployment, deployed
from harness.phases import PhaseRecord
from harness.run import TerraformRun, phase_listeners
from harness.sandbox import EmbeddedSandbox
from harness.toolchain import PROVIDER_VERSION, offline_toolchain
from harness.workspace import remove_folder

#: what `terraform init` says when no provider release it can reach meets the root's version constraints
NO_MATCHING_RELEASE = "no available releases match the given constraints"


def run_check(root: Path, *, variables: Mapping[str, Any], var_files: list[Path], generate: list[str],
              region: str | None, timeouts: Mapping[str, float], keep: bool,
              say: Callable[[str], None] = print) -> int:
    """Check one root; returns the exit code (0 all phases passed, 1 one failed)."""
    started = time.monotonic()
    toolchain = offline_toolchain()
    logs = Path(tempfile.mkdtemp(prefix="harness-check-"))
    box = EmbeddedSandbox(log_dir=logs, region=region or "us-east-1")
    try:
        dep = deployed(root, box, toolchain, keep=keep, variables=variables, var_files=var_files, generate=generate,
                       region=region, timeouts=timeouts, say=lambda _: None)
    except HarnessError:
        remove_folder(logs)
        raise
    with box:
        say(f"check {root} (terraform {toolchain.version}, default region {dep.run.region}, run folder "
            f"{dep.run.folder})")
        failure = _phases(dep, box, keep, say)
    if dep.report is not None:  # the leak check's line counts them; these name them
        for finding in [*dep.report.with_verdict(KEPT), *dep.report.not_checked]:
            say(f"    {finding.line()}")
    if failure is None:
        remove_folder(logs)
        say(f"passed: every phase ok in {time.monotonic() - started:.0f} s; {dep.folder_note}")
        return 0
    say(f"FAILED: {failure}")
    for note in getattr(failure, "__notes__", []):
        say(f"  {note}")
    if isinstance(failure, TerraformError) and failure.phase == "init" and \
            NO_MATCHING_RELEASE in " ".join(failure.output.split()):
        say(f"  hint: the offline mirror carries hashicorp/aws {PROVIDER_VERSION} only; if the root calls this "
            f"project's modules/ (rendered for a newer provider), render them for this one: `python -m generator "
            f"modules --target {PROVIDER_VERSION} --out DIR` (README: Plain Terraform modules)")
    say(f"  sandbox log: {box.log_path}")
    return 1


def _phases(dep: Deployment, box: EmbeddedSandbox, keep: bool, say: Callable[[str], None]) -> BaseException | None:
    """Run the deployment with every finished phase printed; the failure, if any."""
    def show(run: TerraformRun, record: PhaseRecord) -> None:
        if run is dep.run:
            say(f"  {record.line()}")

    phase_listeners.append(show)
    try:
        with dep:
            dep.run.assert_idempotent()
            if keep:
                say(f"kept: the sandbox stays up until Ctrl-C ({box.endpoint_url}); state in {dep.run.directory}")
                box.hold(say, dep.run.region)
    except (HarnessError, AssertionError) as exc:
        return exc
    finally:
        phase_listeners.remove(show)
    return None


