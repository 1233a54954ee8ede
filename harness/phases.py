"""Phases of a run: their timeouts and what each one did (name, seconds, result), on success and failure."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from harness.errors import InputError, InputProblem

#: seconds each terraform command may run before it is interrupted, by command (overridable per run)
DEFAULT_TIMEOUTS: dict[str, float] = {
    "init": 300, "validate": 120, "plan": 600, "apply": 1800, "destroy": 1800,
    "show": 120, "output": 120, "providers": 120,
}
#: after a timeout or Ctrl-C, how long terraform may take to stop gracefully (save state) before it is killed
INTERRUPT_GRACE_SECONDS = 60.0


def timeouts(overrides: Mapping[str, float] | None = None) -> dict[str, float]:
    """The default timeouts with `overrides` applied; InputError for an unknown phase or a bad value."""
    problems = [InputProblem("timeouts", phase, f"not a phase; phases: {', '.join(DEFAULT_TIMEOUTS)}")
                for phase in overrides or {} if phase not in DEFAULT_TIMEOUTS]
    problems += [InputProblem("timeouts", phase, f"must be a positive number of seconds, got {value!r}")
                 for phase, value in (overrides or {}).items()
                 if phase in DEFAULT_TIMEOUTS and not (isinstance(value, (int, float)) and value > 0)]
    if problems:
        raise InputError(problems)
    return {**DEFAULT_TIMEOUTS, **(overrides or {})}


@dataclass(frozen=True)
class PhaseRecord:
    """One phase of a run: `init`, `apply`, `second plan`, `destroy`, `leak check`, ..."""

    name: str
    seconds: float
    ok: bool
    detail: str = ""

    def line(self) -> str:
        """`name  ok|FAILED  seconds  detail`, aligned for a table."""
        return f"{self.name:12s} {'ok' if self.ok else 'FAILED':7s} {self.seconds:7.1f} s  {self.detail}".rstrip()


def table(records: list[PhaseRecord]) -> str:
    """Every phase on its own line."""
    return "\n".join(record.line() for record in records)
