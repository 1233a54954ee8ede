"""The generator's errors: every one names the file (or option), the field and what is valid.

`GeneratorError` is the one base; the CLIs map it to exit code 2 in one place.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input: dotted field path and a message."""

    field: str
    message: str


class GeneratorError(Exception):
    """Bad input to the generator (CLI exit code 2): one or more `source: field: message` lines."""

    def __init__(self, source: Path | str, problems: list[Problem]):
        self.source = str(source)
        self.problems = problems
        super().__init__(self.render())

    def render(self) -> str:
        """One line per problem: `source: field: message`."""
        return "\n".join(f"{self.source}: {p.field}: {p.message}" for p in self.problems)


class ConfigError(GeneratorError):
    """Invalid environment configuration."""


class UnsupportedFeature(GeneratorError):
    """A configured feature does not exist in the environment's provider target."""


class RejectedByAws(GeneratorError):
    """The synthesized Terraform breaks a rule AWS enforces at apply time (generator.rules.document)."""
