"""Deploy a Terraform root to a sandbox for the duration of a `with` block, then destroy, leak-check and clean up.

    with deployed("path/to/root", sandbox, variables={"name": "demo"}) as dep:   # init, plan, apply
        assert dep.outputs["queue_url"]
        dep.run.assert_idempotent()
    # destroy ran (also after a failure or Ctrl-C), then the leak check, then the run folder went

The run folder is deleted when the destroy left nothing behind, but for its terraform log when the
run failed (the failure's message names that log; Ctrl-C is no failure); it is kept whole, with its
path and the reason printed, when something may remain (destroy failed, timed out or was
interrupted, or the leak check found resources) or when `keep=True`.
"""
from __future__ import annotations

import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from harness.documents import Plan
from harness.errors import HarnessError, LeakError, TerraformError
from harness.leaks import LeakReport
from harness.phases import PhaseRecord
from harness.retry import RetryPolicy
from harness.run import SandboxLike, TerraformRun, ToolchainLike
from harness.sandbox.inventory import Snapshot


@dataclass
class Deployment:
    """A run deployed for the duration of a `with` block (see the module doc); `deployed()` makes one."""

    run: TerraformRun
    sandbox: SandboxLike
    keep: bool = False
    baseline: Snapshot | None = None
    plan: Plan | None = None
    report: LeakReport | None = None
    #: what became of the run folder: "run folder deleted: ..." or "run folder kept: ... (why)"
    folder_note: str = ""
    #: where a kept run folder is announced (default: stderr)
    say: Callable[[str], None] | None = field(default=None, repr=False)
    finished: bool = field(default=False, repr=False)

    def __enter__(self) -> Deployment:
        """init, plan, baseline of the regions it uses, apply; on failure finish() first."""
        try:
            self.run.init()
            self.plan = self.run.plan()
            self.baseline = self.sandbox.snapshot(self.run.regions())
            self.run.apply_plan()
        except BaseException as exc:
            self.finish(self.keep, exc, self.say)
            raise
        return self

    def __exit__(self, exc_type: Any, exc: BaseException | None, traceback: Any) -> None:
        self.finish(self.keep, exc, self.say)

    @property
    def outputs(self) -> dict[str, Any]:
        return self.run.outputs()

    @property
    def phases(self) -> list[PhaseRecord]:
        return self.run.phases

    def client(self, service: str, region: str | None = None) -> Any:
        """A boto3 client of the account the run deployed into."""
        return self.run.client(service, region)

    def destroy_and_check(self) -> LeakReport:
        """Destroy (if still applied), then the leak check, also when destroy failed (it says what is left).

        Raises the destroy's error (with the leak report as a note) or LeakError naming anything left behind.
        """
        destroy_error: HarnessError | None = None
        if self.run.applied:
            try:
                self.run.destroy()
            except HarnessError as exc:
                destroy_error = exc
        try:
            self.report = self.run.check_leaks(self.baseline)
        except LeakError as leak:
            self.report = leak.report
            if destroy_error is None:
                raise
            destroy_error.add_note(f"leak check after it: {leak}")
        if destroy_error is not None:
            raise destroy_error
        assert self.report is not None  # check_leaks returned it
        return self.report

    def finish(self, keep: bool = False, failure: BaseException | None = None,
               say: Callable[[str], None] | None = None) -> None:
        """Tear down once: destroy + leak check, then delete or keep the run folder (see the module doc).

        With `failure` (what ended the `with` block) a clean-up problem is added to it as a note;
        without, the clean-up problem is raised.
        """
        if self.finished:
            return
        self.finished = True
        say = say or (lambda line: print(line, file=sys.stderr))
        if keep:
            self.folder_note = f"run folder kept: {self.run.folder} (keep requested; its resources stay)"
            say(self.folder_note)
            if failure is not None:
                failure.add_note(self.folder_note)
            return
        problem: BaseException | None = None
        try:
            self.destroy_and_check()
        except BaseException as exc:  # Ctrl-C during destroy too: report it, keep what is needed to finish by hand
            problem = exc
        if problem is None and isinstance(failure, Exception):
            self.run.remove(keep_log=True)
            self.folder_note = f"run folder deleted but for its log: {self.run.log_path}"
        elif problem is None:
            self.run.remove()
            self.folder_note = f"run folder deleted: {self.run.folder}"
        else:
            self.folder_note = f"run folder kept: {self.run.folder} ({_why(problem)})"
            say(self.folder_note)
        if failure is not None:
            if problem is not None:
                failure.add_note(f"clean-up after it: {problem}")
            failure.add_note(self.folder_note)
        elif problem is not None:
            problem.add_note(self.folder_note)
            raise problem


def _why(problem: BaseException) -> str:
    if isinstance(problem, KeyboardInterrupt):
        return "clean-up interrupted: resources may remain"
    if isinstance(problem, LeakError):
        return "resources left behind after destroy"
    if isinstance(problem, TerraformError):
        return f"{problem.phase} failed: resources may remain"
    return f"clean-up failed ({type(problem).__name__}): resources may remain"


def deployed(root: str | Path, sandbox: SandboxLike, toolchain: ToolchainLike | None = None, *,
             workdir: str | Path | None = None, keep: bool = False, variables: Mapping[str, Any] | None = None,
             var_files: Sequence[str | Path] = (), generate: Sequence[str] = (),
             region: str | None = None, timeouts: Mapping[str, float] | None = None, retry: RetryPolicy | None = None,
             echo: Callable[[str], None] | None = None, say: Callable[[str], None] | None = None) -> Deployment:
    """A `Deployment` of `root` to `sandbox`: use it in a `with` block (bad input raises here, before anything runs).

    `echo` gets every line terraform prints; `say` where a kept run folder is announced (default: stderr).
    """
    run = TerraformRun(root, workdir, toolchain, sandbox=sandbox, variables=variables, var_files=var_files,
                       generate=generate, region=region, timeouts=timeouts, retry=retry, echo=echo,
                       require_inputs=True)
    return Deployment(run, sandbox, keep, say=say)
