"""The harness's errors: one base, `HarnessError`, and what each failure is.

`InputError` is bad input (a missing variable, a bad `--var`, a root that is not there):
`python -m harness` exits 2 for it and 1 for every other `HarnessError` (harness/cli.py,
the one place that maps errors to exit codes). Failures that are test verdicts
(`NotIdempotent`, `LeakError`) are also `AssertionError`s, so pytest reports them as failures.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from harness.leaks import LeakReport


class HarnessError(Exception):
    """Base of every error the harness raises."""


@dataclass(frozen=True)
class InputProblem:
    """One bad input: where it is (file or option), which field, what is wrong."""

    source: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}: {self.field}: {self.message}"


class InputError(HarnessError):
    """Bad input, found before anything ran; one `source: field: message` line per problem."""

    def __init__(self, problems: list[InputProblem]):
        self.problems = problems
        super().__init__("\n".join(map(str, problems)))


class ToolchainError(HarnessError):
    """The toolchain could not be provided (download, checksum, platform, or nothing on PATH)."""


class SandboxError(HarnessError):
    """The sandbox could not start or answer."""


class AccountRefused(HarnessError):
    """The caller's account is not the configured sandbox account."""


class TerraformError(HarnessError):
    """A terraform phase failed (after retries): the phase, its exit code, its last lines, the full log."""

    def __init__(self, phase: str, command: list[str], returncode: int | None, output: str, log_path: Path,
                 seconds: float = 0.0, why: str | None = None):
        self.phase, self.command, self.returncode = phase, command, returncode
        self.output, self.log_path, self.seconds = output, log_path, seconds
        self.tail = _tail(output)
        reason = why or f"exit {returncode}"
        super().__init__(f"{phase} failed after {seconds:.1f} s ({reason}): terraform {' '.join(command[:1])}; "
                         f"full log: {log_path}\n{self.tail}")


class PhaseTimeout(TerraformError):
    """A terraform phase ran longer than its timeout; terraform was interrupted (never re-run)."""


class NotIdempotent(HarnessError, AssertionError):
    """A plan right after apply wants changes."""


class LeakError(HarnessError, AssertionError):
    """Resources of the run are still in the sandbox after destroy; `report` says which."""

    def __init__(self, message: str, report: LeakReport | None = None):
        self.report = report
        super().__init__(message)


def _tail(output: str, most: int = 40) -> str:
    """What a failure shows of terraform's output: from its first error on (else its last lines), at most `most` lines;
    the log has all of it."""
    lines = output.strip().splitlines()
    first = next((n for n, line in enumerate(lines) if line.lstrip("│ ").startswith("Error: ")), None)
    shown = lines[-most:] if first is None else lines[first:first + most]
    rest = len(lines) - first - most if first is not None else 0
    return "\n".join(shown + ([f"... {rest} more line(s) in the log"] if rest > 0 else []))
