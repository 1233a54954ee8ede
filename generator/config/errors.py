"""Configuration errors: each names the file, the field and what is valid."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a config: dotted field path and a message."""

    field: str
    message: str


class ConfigError(Exception):
    """Invalid environment configuration (CLI exit code 2)."""

    def __init__(self, source: Path | str, problems: list[Problem]):
        self.source = str(source)
        self.problems = problems
        super().__init__(self.render())

    def render(self) -> str:
        """One line per problem: `file: field: message`."""
        return "\n".join(f"{self.source}: {p.field}: {p.message}" for p in self.problems)
