"""What a failed phase shows of terraform's output: from the first error on, at most 40 lines, the rest in the log."""
from __future__ import annotations

from pathlib import Path

import pytest

from harness import TerraformError

pytestmark = pytest.mark.static
PROGRESS = [f"module.svc.aws_iam_role.r[{n}]: Creating..." for n in range(30)]
FIRST = ["╷", "│ Error: Invalid value for variable", "│", "│   on main.tf line 3:", "╵"]
SECOND = ["╷", "│ Error: Missing required argument", "│", "│   on ../modules/x/main.tf line 9:", "╵"]


def shown(lines: list[str]) -> list[str]:
    return TerraformError("plan", ["plan"], 1, "\n".join(lines), Path("/run/terraform.log")).tail.splitlines()


def test_the_first_error_is_shown_whole_whatever_came_before_or_after() -> None:
    tail = shown(PROGRESS + FIRST + SECOND * 10)
    assert tail[:4] == FIRST[1:] and "Creating..." not in "\n".join(tail)
    assert len(tail) == 40 + 1 and tail[-1] == f"... {len(FIRST) - 1 + len(SECOND) * 10 - 40} more line(s) in the log"


def test_without_an_error_line_the_last_lines_are_shown() -> None:
    assert shown(PROGRESS + ["Killed"]) == (PROGRESS + ["Killed"])[-40:]
    assert shown(["Error: plain", "next"]) == ["Error: plain", "next"]
