"""One terraform run of a synthesized stack, terratest style.

init -> plan (typed Plan) -> apply -> outputs -> assert_idempotent -> destroy, in the run's own
copy of the stack, with retries on known transient errors and a destroy that always runs
when the run is used as a context manager (failed assertion, exception, Ctrl-C).
"""
from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import subprocess
import time
from pathlib import Path
from typing import Any, Callable, Mapping, Protocol

from harness.overrides import write_sandbox_override
from harness.plan import Plan
from harness.retry import RetryPolicy


class ToolchainLike(Protocol):
    """What a run needs of harness.toolchain.Toolchain."""

    terraform: Path

    def env(self, base: Mapping[str, str] | None = None) -> dict[str, str]: ...


class SandboxLike(Protocol):
    """What a run needs of a sandbox: where AWS is and how to authenticate."""

    region: str

    def env(self) -> dict[str, str]: ...


class TerraformError(RuntimeError):
    """A terraform command failed (after retries); carries the output tail and the log path."""

    def __init__(self, command: list[str], returncode: int, output: str, log_path: Path):
        self.command, self.returncode, self.output, self.log_path = command, returncode, output, log_path
        tail = "\n".join(output.strip().splitlines()[-25:])
        super().__init__(f"terraform {command[0]} failed (exit {returncode}); full log: {log_path}\n{tail}")


class NotIdempotent(AssertionError):
    """A plan right after apply wants changes."""


def copy_stack(stack_dir: Path, workdir: Path) -> Path:
    """Copy a stack's Terraform files (not its .terraform or state) into a fresh run folder."""
    workdir.mkdir(parents=True, exist_ok=False)
    for item in stack_dir.iterdir():
        if item.name.endswith((".tf", ".tf.json")) or (item.is_dir() and not item.name.startswith(".")):
            (shutil.copytree if item.is_dir() else shutil.copy2)(item, workdir / item.name)
    return workdir


def generated_variables(stack_dir: Path) -> dict[str, str]:
    """Values for the stack's required `*_password` variables (fresh random per run)."""
    values: dict[str, str] = {}
    for path in stack_dir.glob("*.tf.json"):
        for name, spec in json.loads(path.read_text()).get("variable", {}).items():
            if "default" not in spec and name.endswith("_password"):
                values[name] = secrets.token_urlsafe(24)
    return values


class TerraformRun:
    """A stack copied into `workdir`, driven by one toolchain against one sandbox."""

    def __init__(self, stack_dir: Path, workdir: Path, toolchain: ToolchainLike, *,
                 sandbox: SandboxLike | None = None, endpoint_url: str | None = None,
                 variables: Mapping[str, str] | None = None, retry: RetryPolicy = RetryPolicy(),
                 keep: bool = False, echo: Callable[[str], None] | None = None):
        self.directory = copy_stack(Path(stack_dir), Path(workdir))
        self.toolchain = toolchain
        self.sandbox = sandbox
        self.endpoint_url = endpoint_url
        self.variables = {**generated_variables(self.directory), **(variables or {})}
        self.retry = retry
        self.keep = keep
        self.echo = echo
        self.log_path = self.directory / "terraform.log"
        self.applied = False
        self.timings: dict[str, float] = {}

    # -- running terraform -------------------------------------------------------------
    def _env(self) -> dict[str, str]:
        env = self.toolchain.env(os.environ)
        if self.sandbox is not None:
            env.update(self.sandbox.env())
        env.update({f"TF_VAR_{k}": v for k, v in self.variables.items()})
        return env

    def _once(self, args: list[str]) -> tuple[int, str]:
        quiet = args[:2] == ["providers", "schema"] or args[:2] == ["show", "-json"]  # large JSON: not logged
        with self.log_path.open("a") as log:
            log.write(f"\n$ terraform {' '.join(args)}\n")
            log.flush()
            proc = subprocess.Popen([str(self.toolchain.terraform), *args], cwd=self.directory, env=self._env(),
                                    stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                    start_new_session=True)
            lines: list[str] = []
            try:
                assert proc.stdout is not None
                for line in proc.stdout:
                    if not quiet:
                        log.write(line)
                    lines.append(line)
                    if self.echo:
                        self.echo(line.rstrip("\n"))
                proc.wait()
            except BaseException:
                # Ctrl-C or a failure: let terraform stop gracefully so its state is written.
                proc.send_signal(signal.SIGINT)
                try:
                    proc.wait(timeout=120)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
                raise
        return proc.returncode, "".join(lines)

    def terraform(self, *args: str, ok_codes: tuple[int, ...] = (0,)) -> tuple[int, str]:
        """Run one terraform command with retries on known transient errors."""
        started = time.monotonic()
        for attempt in range(1, self.retry.attempts + 1):
            code, output = self._once(list(args))
            if code in ok_codes:
                self.timings[args[0]] = self.timings.get(args[0], 0.0) + time.monotonic() - started
                return code, output
            reason = self.retry.transient(output)
            if reason is None or attempt == self.retry.attempts:
                raise TerraformError(list(args), code, output, self.log_path)
            with self.log_path.open("a") as log:
                log.write(f"\n# transient error {reason!r}: retry {attempt + 1}/{self.retry.attempts}\n")
            time.sleep(self.retry.wait_seconds)
        raise AssertionError("unreachable")

    # -- lifecycle ------------------------------------------------------------------------
    def init(self) -> None:
        """terraform init; then, for a sandbox, write the provider override from the schema."""
        self.terraform("init", "-input=false", "-no-color")
        if self.endpoint_url is not None and self.sandbox is not None:
            _, schema = self.terraform("providers", "schema", "-json")
            write_sandbox_override(self.directory, json.loads(schema), self.endpoint_url, self.sandbox.region)

    def validate(self) -> None:
        """terraform validate."""
        self.terraform("validate", "-no-color")

    def plan(self, *extra: str) -> Plan:
        """terraform plan to a file, parsed with `terraform show -json`."""
        self.terraform("plan", "-input=false", "-no-color", "-lock-timeout=60s", "-out=tfplan", *extra)
        _, shown = self.terraform("show", "-json", "tfplan")
        return Plan(json.loads(shown))

    def apply(self) -> Plan:
        """Plan, then apply exactly that plan; returns the plan applied."""
        plan = self.plan()
        self.applied = True  # from here on, destroy must run
        self.terraform("apply", "-input=false", "-no-color", "-lock-timeout=60s", "-auto-approve", "tfplan")
        return plan

    def outputs(self) -> dict[str, Any]:
        """All root outputs after apply."""
        _, text = self.terraform("output", "-json")
        return {k: v["value"] for k, v in json.loads(text).items()}

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

    def state(self):
        """The state as pytest-terraform's TerraformState (resources by type and name, outputs)."""
        from pytest_terraform.tf import TerraformState

        _, text = self.terraform("show", "-json")
        data = json.loads(text).get("values", {})
        resources: dict[str, dict[str, dict]] = {}
        for res in _state_resources(data.get("root_module", {})):
            resources.setdefault(res["type"], {})[res["name"]] = res["values"]
        return TerraformState(resources, {k: v["value"] for k, v in data.get("outputs", {}).items()})

    def assert_idempotent(self) -> Plan:
        """A plan right after apply must be empty; otherwise name every resource and attribute."""
        plan = self.plan()
        if not plan.is_empty:
            raise NotIdempotent("second plan is not empty:\n" + plan.describe_pending())
        return plan

    def destroy(self) -> None:
        """terraform destroy (with retries)."""
        self.terraform("destroy", "-input=false", "-no-color", "-lock-timeout=60s", "-auto-approve")
        self.applied = False

    def __enter__(self) -> "TerraformRun":
        return self

    def __exit__(self, *exc) -> None:
        if self.applied and not self.keep:
            self.destroy()


def _state_resources(module: dict):
    yield from module.get("resources", [])
    for child in module.get("child_modules", []):
        yield from _state_resources(child)
