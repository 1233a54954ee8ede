"""One Terraform root run against a sandbox, terratest style.

init -> plan (typed Plan) -> apply -> outputs -> assert_idempotent -> destroy, in the run's own
private copy of the root and the module folders it reaches (harness/workspace.py), with every
AWS provider configuration pointed at the sandbox (harness/overrides.py), variables from
harness/inputs.py, retries on known transient errors, a timeout per phase, and a record of every
phase (name, seconds, result) on success and failure.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO, Any, Protocol

from harness.documents import Plan, Resource, State
from harness.errors import HarnessError, InputError, InputProblem, NotIdempotent, PhaseTimeout, TerraformError
from harness.inputs import Inputs
from harness.leaks import LeakReport, check_state
from harness.overrides import (
    cached_provider_schema,
    installed_module_dirs,
    sandbox_settings,
    write_backend_override,
    write_provider_overrides,
)
from harness.phases import INTERRUPT_GRACE_SECONDS, PhaseRecord
from harness.phases import timeouts as phase_timeouts
from harness.retry import RetryPolicy
from harness.sandbox.account import FOREIGN_CREDENTIALS
from harness.sandbox.inventory import Snapshot
from harness.source import module_tree
from harness.workspace import TERRAFORM_UMASK, copy_tree, create_run_folder, remove_folder, write_private

INPUTS_FILE = "inputs.tfvars.json"
PLAN_FILE = "tfplan"
#: output of these commands is large JSON: kept out of the log
QUIET = (["providers", "schema"], ["show", "-json"])
#: called with (run, record) whenever a run finishes a phase (the pytest plugin attaches them to reports)
phase_listeners: list[Callable[[TerraformRun, PhaseRecord], None]] = []


class ToolchainLike(Protocol):
    """What a run needs of harness.toolchain.Toolchain."""

    @property
    def terraform(self) -> Path: ...

    def env(self, base: Mapping[str, str] | None = None) -> dict[str, str]: ...


class SandboxLike(Protocol):
    """What a run needs of a sandbox: where AWS is, how to authenticate, how to look inside."""

    region: str
    access_key: str
    secret_key: str

    @property
    def endpoint_url(self) -> str | None: ...

    def env(self, region: str | None = None) -> dict[str, str]: ...

    def client(self, service: str, region: str | None = None) -> Any: ...

    def snapshot(self, regions: Any = None) -> Any: ...

    def leaks_since(self, baseline: Any) -> list: ...


class TerraformRun:
    """A Terraform root (HCL or JSON, with local modules) copied into a private run folder and run there.

    `variables` (any JSON value), `var_files` and `generate` (names of variables to fill with a
    fresh random secret) set inputs; `region` is the default region (providers that set their own
    keep it); `timeouts` overrides per-command timeouts in seconds (harness/phases.py). A backend the root
    declares is replaced by a local one, unless `keep_backend` (the caller then points it at the sandbox,
    e.g. with `-backend-config`). Bad input
    raises InputError before anything is written; so does a missing required variable with
    `require_inputs` (otherwise the first plan or destroy raises it: `validate` needs no values).
    """

    def __init__(self, root: str | Path, workdir: str | Path | None = None, toolchain: ToolchainLike | None = None,
                 *, sandbox: SandboxLike | None = None, variables: Mapping[str, Any] | None = None,
                 var_files: Sequence[str | Path] = (), generate: Sequence[str] = (),
                 region: str | None = None, timeouts: Mapping[str, float] | None = None,
                 retry: RetryPolicy | None = None, echo: Callable[[str], None] | None = None,
                 require_inputs: bool = False, keep_backend: bool = False):
        self.root = Path(root).resolve()
        if not self.root.is_dir():
            raise InputError([InputProblem(str(root), "(root)", "not a folder holding a Terraform root module")])
        self.modules = module_tree(self.root)
        self.inputs = Inputs.resolve(self.modules[self.root], variables, var_files, generate)
        self.timeouts = phase_timeouts(timeouts)
        if require_inputs:
            self.require_inputs()
        if toolchain is None:
            from harness.toolchain import offline_toolchain

            toolchain = offline_toolchain()
        self.toolchain: ToolchainLike = toolchain
        self.sandbox = sandbox
        self.region = region or (sandbox.region if sandbox is not None else None)
        self.retry = retry or RetryPolicy()
        self.echo = echo
        self.keep_backend = keep_backend
        self.folder = create_run_folder(Path(workdir) if workdir else None)
        self.log_path = write_private(self.folder / "terraform.log", "")
        self.inputs_file = self.inputs.write(self.folder / INPUTS_FILE)
        self.directory = copy_tree(self.root, [m for m in self.modules if m != self.root], self.folder / "tree")
        self.applied = False
        #: a destroy timed out or was interrupted: it is never re-run blindly (see destroy())
        self.destroy_interrupted = False
        self.phases: list[PhaseRecord] = []
        #: every managed resource an apply recorded in state, by (address, id): what the leak check looks for
        self.created: dict[tuple[str, str], Resource] = {}
        self.provider_regions: dict[str, str | None] = {}
        self._phase: str | None = None
        self._detail = ""

    # -- running terraform -------------------------------------------------------------
    def _env(self) -> dict[str, str]:
        env = self.toolchain.env(os.environ)
        if self.sandbox is not None:
            if self.sandbox.endpoint_url:
                for name in FOREIGN_CREDENTIALS:
                    env.pop(name, None)
            env.update(self.sandbox.env(self.region))
        return env

    def _pump(self, stream: IO[str], lines: list[str], log: IO[str], quiet: bool) -> None:
        for line in stream:
            lines.append(line)
            if not quiet:
                log.write(line)
                log.flush()
            if self.echo:
                self.echo(line.rstrip("\n"))

    def _once(self, args: list[str], timeout: float) -> tuple[int, str]:
        """One attempt; PhaseTimeout after `timeout` s, terraform interrupted on any exception (Ctrl-C too)."""
        with self.log_path.open("a") as log:
            log.write(f"\n$ terraform {' '.join(args)}\n")
            log.flush()
            proc = subprocess.Popen([str(self.toolchain.terraform), *args], cwd=self.directory, env=self._env(),
                                    stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                    start_new_session=True, umask=TERRAFORM_UMASK)
            lines: list[str] = []
            assert proc.stdout is not None
            pump = threading.Thread(target=self._pump, args=(proc.stdout, lines, log, args[:2] in QUIET),
                                    daemon=True, name="terraform-output")
            pump.start()
            try:
                proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                _stop(proc)
                pump.join(10)
                log.write(f"\n# timed out after {timeout:.0f} s: terraform interrupted\n")
                raise PhaseTimeout(self._phase or args[0], args, None, "".join(lines), self.log_path, timeout,
                                   why=f"timed out after {timeout:.0f} s; terraform interrupted, not retried") from None
            except BaseException:
                _stop(proc)  # Ctrl-C or a failure: let terraform stop gracefully so its state is written
                pump.join(10)
                raise
            pump.join()
        return proc.returncode, "".join(lines)

    def terraform(self, *args: str, ok_codes: tuple[int, ...] = (0,)) -> tuple[int, str]:
        """Run one terraform command with retries on known transient errors, within its phase's timeout."""
        started = time.monotonic()
        timeout = self.timeouts.get(args[0], max(self.timeouts.values()))
        for attempt in range(1, self.retry.attempts + 1):
            code, output = self._once(list(args), timeout)
            if code in ok_codes:
                return code, output
            reason = self.retry.transient(output)
            if reason is None or attempt == self.retry.attempts:
                raise TerraformError(self._phase or args[0], list(args), code, output, self.log_path,
                                     time.monotonic() - started)
            with self.log_path.open("a") as log:
                log.write(f"\n# transient error {reason!r}: retry {attempt + 1}/{self.retry.attempts}\n")
            time.sleep(self.retry.wait_seconds)
        raise AssertionError("unreachable")

    @contextmanager
    def phase(self, name: str) -> Iterator[None]:
        """Record `name` (seconds, result) around a block; phases started inside another are part of it."""
        if self._phase is not None:
            yield
            return
        self._phase, self._detail, started, ok, detail = name, "", time.monotonic(), False, ""
        try:
            yield
            ok, detail = True, self._detail
        except TerraformError as exc:
            detail = str(exc).splitlines()[0]
            raise
        except KeyboardInterrupt:
            detail = "interrupted (Ctrl-C)"
            raise
        except Exception as exc:
            detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise
        finally:
            self._phase = None
            self.record(PhaseRecord(name, time.monotonic() - started, ok, detail))

    def record(self, record: PhaseRecord) -> None:
        """Add a phase record (the lifecycle adds its leak check) and tell the listeners."""
        self.phases.append(record)
        for listener in phase_listeners:
            listener(self, record)

    @property
    def timings(self) -> dict[str, float]:
        """Seconds per phase name (summed when a phase ran more than once)."""
        out: dict[str, float] = {}
        for record in self.phases:
            out[record.name] = out.get(record.name, 0.0) + record.seconds
        return out

    # -- inputs ------------------------------------------------------------------------------
    def require_inputs(self) -> None:
        """InputError naming every required variable of the root that nothing sets."""
        missing = self.inputs.missing(self.modules[self.root])
        if missing:
            raise InputError(missing)

    def _var_args(self) -> list[str]:
        return self.inputs.args(self.inputs_file)

    # -- lifecycle ------------------------------------------------------------------------
    def init(self) -> None:
        """terraform init (a declared backend replaced by a local one); then point every AWS provider at the sandbox."""
        with self.phase("init"):
            if self.sandbox is not None and self.sandbox.endpoint_url and not self.keep_backend:
                write_backend_override(self.directory)
            self.terraform("init", "-input=false", "-no-color")
            if self.sandbox is not None and self.sandbox.endpoint_url:
                self._point_at_sandbox(self.sandbox, self.sandbox.endpoint_url)

    def _point_at_sandbox(self, sandbox: SandboxLike, endpoint_url: str) -> None:
        block = cached_provider_schema(self.toolchain.terraform, self.directory,
                                       lambda: json.loads(self.terraform("providers", "schema", "-json")[1]))
        if block is None:
            return  # no hashicorp/aws in this root
        settings = sandbox_settings(block, endpoint_url, sandbox.access_key, sandbox.secret_key)
        write_provider_overrides(self.directory, installed_module_dirs(self.directory), settings)

    def validate(self) -> None:
        """terraform validate."""
        with self.phase("validate"):
            self.terraform("validate", "-no-color")

    def plan(self, *extra: str) -> Plan:
        """terraform plan to the run's plan file, parsed with `terraform show -json`."""
        with self.phase("plan"):
            self.require_inputs()
            self.terraform("plan", "-input=false", "-no-color", "-lock-timeout=60s", f"-out={PLAN_FILE}",
                           *self._var_args(), *extra)
            plan = Plan(json.loads(self.terraform("show", "-json", PLAN_FILE)[1]))
            self.provider_regions.update(plan.provider_regions())
            self._detail = f"{len(plan.pending())} change(s)"
            return plan

    def apply(self) -> Plan:
        """Plan, then apply exactly that plan; returns the plan applied."""
        with self.phase("apply"):
            plan = self.plan()
            self.apply_plan()
            self._detail = f"{sum(plan.counts_by_type().values())} resource(s)"
            return plan

    def apply_plan(self) -> None:
        """Apply the plan file of the last `plan()`; the state is recorded for the leak check, also on failure."""
        with self.phase("apply"):
            self.applied = True  # from here on, destroy must run
            try:
                self.terraform("apply", "-input=false", "-no-color", "-lock-timeout=60s", "-auto-approve", PLAN_FILE)
            finally:
                state = self.state()
                self.created.update({(r.address, r.id): r for r in state.managed()})
            self._detail = f"{len(state.managed())} resource(s) in state"

    def assert_idempotent(self) -> None:
        """A plan right after apply must be empty; otherwise name every resource and attribute that would change."""
        with self.phase("second plan"):
            self.require_inputs()
            code, _ = self.terraform("plan", "-input=false", "-no-color", "-lock-timeout=60s", "-detailed-exitcode",
                                     f"-out={PLAN_FILE}", *self._var_args(), ok_codes=(0, 2))
            if code == 2:
                plan = Plan(json.loads(self.terraform("show", "-json", PLAN_FILE)[1]))
                if not plan.is_empty:
                    raise NotIdempotent("second plan is not empty:\n" + plan.describe_pending())
            self._detail = "no changes"

    def destroy(self) -> None:
        """terraform destroy (with retries). After a destroy timed out or was interrupted it refuses to run again."""
        if self.destroy_interrupted:
            raise HarnessError(f"destroy was interrupted before; not re-running it blindly: inspect the state in "
                               f"{self.directory} and run terraform destroy there")
        with self.phase("destroy"):
            self.require_inputs()
            try:
                self.terraform("destroy", "-input=false", "-no-color", "-lock-timeout=60s", "-auto-approve",
                               *self._var_args())
            except (PhaseTimeout, KeyboardInterrupt):
                self.destroy_interrupted = True
                raise
            self.applied = False
            self._detail = f"{len(self.created)} resource(s) applied in this run"

    # -- reading results ----------------------------------------------------------------------
    def state(self) -> State:
        """The run's current state (read from its state file)."""
        return State.read(self.directory / "terraform.tfstate")

    def outputs(self) -> dict[str, Any]:
        """All root outputs after apply."""
        return self.state().outputs

    def output(self, name: str) -> Any:
        """One output; KeyError naming the available outputs when absent."""
        values = self.outputs()
        if name not in values:
            raise KeyError(f"no output {name!r}; outputs: {', '.join(sorted(values))}")
        return values[name]

    def output_str(self, name: str) -> str:
        value = self.output(name)
        if not isinstance(value, str):
            raise TypeError(f"output {name!r} is {type(value).__name__}, not a string")
        return value

    def output_map(self, name: str) -> dict[str, Any]:
        value = self.output(name)
        if not isinstance(value, dict):
            raise TypeError(f"output {name!r} is {type(value).__name__}, not a map")
        return value

    def client(self, service: str, region: str | None = None) -> Any:
        """A boto3 client of the run's sandbox account (in the run's region unless given)."""
        if self.sandbox is None:
            raise HarnessError("this run has no sandbox")
        return self.sandbox.client(service, region or self.region)

    # -- leak check and clean-up --------------------------------------------------------------------
    def regions(self) -> list[str]:
        """Every region the run's providers and resources use (the default region included)."""
        default = self.region or "us-east-1"
        found = {r for r in self.provider_regions.values() if r} | {default}
        found |= {r.region(self.provider_regions, default) for r in self.created.values()}
        return sorted(found)

    def check_leaks(self, baseline: Snapshot | None = None) -> LeakReport:
        """Look up every resource any apply created, and diff the regions against `baseline` (if given)."""
        if self.sandbox is None:
            raise HarnessError("a leak check needs a sandbox")
        sandbox = self.sandbox
        with self.phase("leak check"):
            findings = check_state(self.created.values(), sandbox.client, self.provider_regions,
                                   self.region or sandbox.region)
            scan = tuple(sandbox.leaks_since(baseline)) if baseline is not None else ()
            report = LeakReport(tuple(findings), scan, tuple(baseline.regions) if baseline is not None else ())
            self._detail = report.summary()
            report.raise_if_leaked()
            return report

    def remove(self, keep_log: bool = False) -> None:
        """Delete the run folder (state, plan, inputs, log), or all of it but the log (generated inputs never reach
        the log: they go to terraform in a var file)."""
        if not keep_log:
            remove_folder(self.folder)
            return
        for path in self.folder.iterdir():
            if path == self.log_path:
                continue
            if path.is_dir() and not path.is_symlink():
                remove_folder(path)
            else:
                path.unlink()

    def __enter__(self) -> TerraformRun:
        return self

    def __exit__(self, exc_type: Any, *_: Any) -> None:
        if self.applied and not self.destroy_interrupted:
            self.destroy()
        if exc_type is None and not self.applied:
            self.remove()


def _stop(proc: subprocess.Popen) -> None:
    """Interrupt terraform like a terminal's Ctrl-C (its whole process group); kill it if it does not stop in time."""
    def signal_group(sig: int) -> None:
        with suppress(ProcessLookupError):  # it ended meanwhile
            os.killpg(proc.pid, sig)

    if proc.poll() is not None:
        return
    signal_group(signal.SIGINT)
    try:
        proc.wait(timeout=INTERRUPT_GRACE_SECONDS)
    except subprocess.TimeoutExpired:
        signal_group(signal.SIGKILL)
        proc.wait()
    except KeyboardInterrupt:  # a second Ctrl-C: stop now
        signal_group(signal.SIGKILL)
        proc.wait()
        raise
