"""A run's variable values: given ones, var files, generated secrets, and what is still missing.

Precedence is Terraform's: the root's own `terraform.tfvars` and `*.auto.tfvars` < each of
`var_files` in order < `variables` and generated values (written to the run's private
`inputs.tfvars.json`, passed last as `-var-file`, never on a command line where other users
could read them). Generated values are made only for the names asked for (`generate=`).
"""
from __future__ import annotations

import json
import os
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator import parse_hcl
from harness.errors import InputError, InputProblem
from harness.source import ModuleSource, Variable, provided_by_root, tfvars_names, unquote
from harness.workspace import write_private

PRIMITIVE_TYPES = {None, "string", "number", "bool"}


def random_secret() -> str:
    """A fresh random value fit for a password (32 URL-safe characters: letters, digits, - and _)."""
    return secrets.token_urlsafe(24)


@dataclass(frozen=True)
class Inputs:
    """Everything a run passes to Terraform as variable values."""

    values: Mapping[str, Any] = field(default_factory=dict)
    var_files: tuple[Path, ...] = ()
    generated: tuple[str, ...] = ()

    @classmethod
    def resolve(cls, root: ModuleSource, variables: Mapping[str, Any] | None = None,
                var_files: Iterable[str | Path] = (), generate: Iterable[str] = ()) -> Inputs:
        """Check names against the root's declarations and read the var files; InputError lists every problem."""
        given, generate = dict(variables or {}), tuple(generate)
        problems = [InputProblem("variables", name, _unknown(root)) for name in given if name not in root.variables]
        problems += [InputProblem("generate", name, _unknown(root)) for name in generate if name not in root.variables]
        problems += [InputProblem("generate", name, "also given in variables: give a value or generate one, not both")
                     for name in generate if name in given]
        files = tuple(Path(f).resolve() for f in var_files)
        for path in files:
            try:
                tfvars_names(path)
            except InputError as exc:
                problems += exc.problems
        if problems:
            raise InputError(problems)
        return cls({**given, **{name: random_secret() for name in generate}}, files, generate)

    def missing(self, root: ModuleSource) -> list[InputProblem]:
        """One problem per required variable no source sets (given, generated, var files, root tfvars, TF_VAR_)."""
        provided = set(self.values) | set(provided_by_root(root.directory))
        for path in self.var_files:
            provided |= tfvars_names(path)
        provided |= {k[len("TF_VAR_"):] for k in os.environ if k.startswith("TF_VAR_")}
        return [InputProblem(str(v.file), f'variable "{v.name}"', _required(v))
                for v in root.variables.values() if v.required and v.name not in provided]

    def write(self, path: Path) -> Path:
        """The given and generated values as a private `.tfvars.json` file."""
        return write_private(path, json.dumps(self.values, indent=1, sort_keys=True))

    def args(self, own_file: Path) -> list[str]:
        """`-var-file` arguments in precedence order (the run's own file last)."""
        return [f"-var-file={path}" for path in (*self.var_files, own_file)]


def _unknown(root: ModuleSource) -> str:
    choices = ", ".join(sorted(root.variables)) or "(none)"
    return f"not a variable of {root.directory}; its variables: {choices}"


def _required(variable: Variable) -> str:
    about = f" ({variable.description})" if variable.description else ""
    how = "generate it, " if variable.sensitive else ""
    return (f"required{about} and not set: give it in variables / --var, {how}"
            f"a var file, or TF_VAR_{variable.name}")


def parse_cli_value(variable: Variable | None, name: str, text: str) -> Any:
    """A `--var NAME=VALUE` value as Terraform reads `-var`: literal for primitive types, an HCL value otherwise."""
    if variable is None or variable.type in PRIMITIVE_TYPES:
        return text
    try:
        return _plain(parse_hcl(f"value = {text}", comments=True)["value"])
    except Exception:  # python-hcl2 (lark) raises several unrelated types
        example = '["a", "b"] or {key = "value"}'
        raise InputError([InputProblem("--var", name, f"{variable.type} needs an HCL value such as {example}, "
                                                      f"got {text!r}")]) from None


def _plain(value: Any) -> Any:
    """python-hcl2's parse of a literal value with its quoting removed."""
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(unquote(k)): _plain(v) for k, v in value.items() if not str(k).startswith("__")}
    return unquote(value)
