"""Deploy a stack to a sandbox for the duration of a `with` block: apply, then destroy and leak-check."""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator, Protocol

from harness.plan import Plan
from harness.run import TerraformRun, ToolchainLike


class LeakError(AssertionError):
    """Resources of the run are still in the sandbox after destroy."""


class Sandbox(Protocol):
    """A sandbox the harness can deploy into and audit."""

    region: str

    def env(self) -> dict[str, str]: ...

    def snapshot(self) -> set: ...

    def leaks_since(self, baseline: set) -> list: ...


@dataclass
class Deployment:
    """An applied run and the sandbox inventory from before it."""

    run: TerraformRun
    sandbox: Sandbox
    baseline: set
    plan: Plan | None = field(default=None)

    def destroy_and_check(self) -> None:
        """Destroy (if still applied), then raise LeakError naming anything left behind."""
        if self.run.applied:
            self.run.destroy()
        leaked = self.sandbox.leaks_since(self.baseline)
        if leaked:
            raise LeakError(f"{len(leaked)} resource(s) left after destroy: " + ", ".join(map(str, leaked)))


@contextmanager
def deployed(stack_dir: Path, workdir: Path, toolchain: ToolchainLike, sandbox: Sandbox, *,
             keep: bool = False, echo: Callable[[str], None] | None = None) -> Iterator[Deployment]:
    """init + apply on entry; on exit (also on failure or Ctrl-C) destroy, then fail on any leak."""
    deployment = Deployment(TerraformRun(stack_dir, workdir, toolchain, sandbox=sandbox,
                                         endpoint_url=getattr(sandbox, "endpoint_url", None), echo=echo),
                            sandbox, sandbox.snapshot())
    try:
        deployment.run.init()
        deployment.plan = deployment.run.apply()
        yield deployment
    finally:
        if not keep:
            deployment.destroy_and_check()
