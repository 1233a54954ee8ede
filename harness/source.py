"""What a Terraform module's own files declare: variables, provider configurations, module calls, a backend.

Read from `*.tf` (python-hcl2) and `*.tf.json` (JSON), before Terraform runs, so that a
missing variable or an unreadable module source is reported up front. Only declarations
are read; expressions stay as Terraform source text.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator import parse_hcl
from harness.errors import InputError, InputProblem

#: files the harness itself writes into a run's copy; never read back as the user's declarations
OWN_FILES = ("sandbox_override.tf.json", "sandbox_provider.tf.json", "sandbox_backend_override.tf.json")


@dataclass(frozen=True)
class Variable:
    """A `variable` block."""

    name: str
    file: Path
    required: bool
    type: str | None = None
    sensitive: bool = False
    description: str = ""


@dataclass(frozen=True)
class ModuleSource:
    """What one module folder declares."""

    directory: Path
    variables: dict[str, Variable] = field(default_factory=dict)
    #: alias (None for the default configuration) of every `provider "aws"` block
    aws_providers: tuple[str | None, ...] = ()
    #: module call name -> its `source` string
    calls: dict[str, str] = field(default_factory=dict)
    has_backend: bool = False

    def local_calls(self) -> dict[str, Path]:
        """Calls whose source is a local path (`./` or `../`, as Terraform requires), resolved."""
        return {name: (self.directory / src).resolve() for name, src in self.calls.items()
                if src.startswith(("./", "../"))}


def unquote(value: Any) -> Any:
    """A python-hcl2 literal as its value (`'"x"'` -> `'x'`); expressions and other values unchanged."""
    if isinstance(value, str) and len(value) >= 2 and value[0] == value[-1] == '"':
        try:
            return json.loads(value)
        except ValueError:
            return value[1:-1]
    return value


def read_module(directory: Path) -> ModuleSource:
    """Declarations of the module in `directory`; InputError naming the file when one does not parse."""
    directory = Path(directory).resolve()
    variables: dict[str, Variable] = {}
    providers: list[str | None] = []
    calls: dict[str, str] = {}
    backend = False
    for path, doc in _documents(directory):
        for name, body in _labeled(doc.get("variable")):
            variables[name] = Variable(name, path, "default" not in body, _type_text(body.get("type")),
                                       unquote(body.get("sensitive")) is True,
                                       str(unquote(body.get("description")) or ""))
        for name, body in _labeled(doc.get("provider")):
            if name == "aws":
                alias = unquote(body.get("alias"))
                providers.append(alias if isinstance(alias, str) else None)
        for name, body in _labeled(doc.get("module")):
            source = unquote(body.get("source"))
            if isinstance(source, str):
                calls[name] = source
        for block in _blocks(doc.get("terraform")):
            backend = backend or bool(block.get("backend"))
    return ModuleSource(directory, variables, tuple(providers), calls, backend)


def module_tree(root: Path) -> dict[Path, ModuleSource]:
    """The root and every module folder it reaches through local sources, recursively; InputError if one is missing."""
    found: dict[Path, ModuleSource] = {}
    pending = [Path(root).resolve()]
    problems: list[InputProblem] = []
    while pending:
        directory = pending.pop()
        if directory in found:
            continue
        module = found[directory] = read_module(directory)
        for name, target in module.local_calls().items():
            if not target.is_dir():
                problems.append(InputProblem(str(directory), f'module "{name}"',
                                             f"source {module.calls[name]!r} is not a folder ({target})"))
            else:
                pending.append(target)
    if problems:
        raise InputError(problems)
    return found


def _documents(directory: Path) -> Iterator[tuple[Path, dict]]:
    for path in sorted(directory.iterdir()):
        if path.name in OWN_FILES or not path.is_file():
            continue
        try:
            if path.name.endswith(".tf.json"):
                yield path, json.loads(path.read_text())
            elif path.suffix == ".tf":
                yield path, parse_hcl(path.read_text(encoding="utf-8"), comments=True)
        except Exception as exc:  # python-hcl2 (lark) raises several unrelated types
            raise InputError([InputProblem(str(path), "(file)", f"does not parse: {exc}".splitlines()[0])]) from None


def _blocks(section: Any) -> list[dict]:
    """A section's bodies: python-hcl2 gives a list, Terraform JSON an object or a list of objects."""
    if section is None:
        return []
    return [b for b in (section if isinstance(section, list) else [section]) if isinstance(b, dict)]


def _labeled(section: Any) -> Iterator[tuple[str, dict]]:
    """(label, body) of every block of a one-label section (`variable`, `provider`, `module`)."""
    for block in _blocks(section):
        for label, bodies in block.items():
            if label.startswith("__"):
                continue
            for body in bodies if isinstance(bodies, list) else [bodies]:
                if isinstance(body, dict):
                    yield unquote(label), body


def _type_text(value: Any) -> str | None:
    """A variable's type constraint as source text (`string`, `list(string)`), None when it has none."""
    if value is None:
        return None
    text = str(unquote(value))
    return text[2:-1] if text.startswith("${") and text.endswith("}") else text


def provided_by_root(directory: Path) -> dict[str, Path]:
    """Variables the root's own `terraform.tfvars(.json)` and `*.auto.tfvars(.json)` set, with the file."""
    names: dict[str, Path] = {}
    for path in sorted(directory.iterdir()):
        if path.name in ("terraform.tfvars", "terraform.tfvars.json") or path.name.endswith(
                (".auto.tfvars", ".auto.tfvars.json")):
            names.update(dict.fromkeys(tfvars_names(path), path))
    return names


def tfvars_names(path: Path) -> set[str]:
    """Names a `.tfvars` (HCL) or `.tfvars.json` file sets; InputError naming the file when unreadable."""
    try:
        if path.name.endswith(".json"):
            values = json.loads(path.read_text())
        else:
            values = parse_hcl(path.read_text(encoding="utf-8"), comments=True)
    except (FileNotFoundError, IsADirectoryError):
        raise InputError([InputProblem(str(path), "(file)", "no such file")]) from None
    except Exception as exc:
        raise InputError([InputProblem(str(path), "(file)", f"does not parse: {exc}".splitlines()[0])]) from None
    if not isinstance(values, dict):
        raise InputError([InputProblem(str(path), "(file)", "must hold an object of variable values")])
    return {name for name in values if not name.startswith("__")}
