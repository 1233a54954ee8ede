"""Load `envs/*.yaml` into a validated EnvironmentConfig (names derived, cross-field and AWS rules checked).

Reading is defensive: a directory, a file over MAX_BYTES or not UTF-8 text, an empty file,
nesting deeper than MAX_DEPTH or aliases that expand past MAX_VALUES (a "billion laughs" file)
are each one `file: (file|yaml): message` line; depth and expansion are measured on the YAML
event stream before anything is built, so nothing recurses or expands.
"""
from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from generator.config import aws_checks, collisions
from generator.config.errors import ConfigError, Problem
from generator.config.model import EnvironmentConfig
from generator.config.overrides import merge
from generator.config.validate import check

ENVS_DIR = Path(__file__).resolve().parents[2] / "envs"
#: an environment file is a few KiB; these bound what a hostile or broken file can make us do
MAX_BYTES = 1 << 20
MAX_DEPTH = 32
MAX_VALUES = 20_000
#: pydantic error types that mean "wrong type": the message gets the value YAML produced
_TYPE_ERRORS = ("int_type", "float_type", "string_type", "bool_type", "dict_type", "list_type", "model_type",
                "finite_number")


#: libyaml's safe loader when PyYAML was built with it (its wheels are): the same YAML, about ten times faster
_SafeLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _UniqueKeyLoader(_SafeLoader):
    """Safe loader that rejects duplicate mapping keys instead of keeping the last one."""


def _construct_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark)
        seen.add(key)
    return loader.construct_mapping(node, deep=deep)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _field(loc: tuple) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part in ("DatabaseSecret", "SecretsManagerSecret", "SsmParameterSecret", "str", "ServiceUrl", "TableName"):
            continue  # union branch names say nothing to a user
        else:
            out += f".{part}" if out else str(part)
    return out or "(top level)"


def _problems(exc: ValidationError) -> list[Problem]:
    problems: dict[str, str] = {}
    for err in exc.errors():
        field, msg = _field(err["loc"]), err["msg"].removeprefix("Value error, ")
        if err["type"] == "extra_forbidden":
            msg = "unknown key (check the spelling; see generator/config/model.py for the valid keys)"
        elif err["type"] == "literal_error":
            msg = f"{msg}, got {err['input']!r}"
        elif err["type"] in _TYPE_ERRORS:
            msg = f"{msg}, got {_shown(err['input'])}"
        problems.setdefault(field, msg)
    return [Problem(f, m) for f, m in problems.items()]


def _shown(value: Any) -> str:
    """A value as the YAML file had it (short)."""
    if value is None:
        return "nothing (null)"
    text = repr(value)
    return text if len(text) <= 60 else f"{text[:57]}..."


def load_config(data: dict[str, Any], source: Path | str = "<config>") -> EnvironmentConfig:
    """Validate a parsed mapping; raise ConfigError listing every problem."""
    if not isinstance(data, dict):
        raise ConfigError(source, [Problem("(top level)", "expected a mapping of configuration keys")])
    try:
        env = EnvironmentConfig.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(source, _problems(exc)) from None
    problems = check(env) + aws_checks.check(env, data) + collisions.check(env)
    if problems:
        raise ConfigError(source, problems)
    return env


def _text(path: Path) -> str:
    """The file's text; ConfigError when it is missing, a directory, too big, unreadable or not UTF-8."""
    def bad(message: str) -> ConfigError:
        return ConfigError(path, [Problem("(file)", message)])

    try:
        if path.is_dir():
            raise bad("is a directory; expected an environment YAML file")
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise bad(f"{size} bytes; an environment file is at most {MAX_BYTES} bytes")
        return path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise bad("no such file") from None
    except UnicodeDecodeError as exc:
        raise bad(f"not UTF-8 text (byte 0x{exc.object[exc.start]:02x} at offset {exc.start}); environment "
                  "files are UTF-8 YAML") from None
    except OSError as exc:
        raise bad(f"cannot be read: {exc.strerror or exc}") from None


def _shape_problem(text: str) -> str | None:
    """Too deep, or too many values once aliases are expanded: found on the event stream, without building."""
    open_nodes: list[list] = [[0, None]]  # per open collection: [values so far, anchor]
    sizes: dict[str, int] = {}
    for event in yaml.parse(text, Loader=_UniqueKeyLoader):
        if isinstance(event, yaml.CollectionStartEvent):
            open_nodes.append([1, event.anchor])
            if len(open_nodes) - 1 > MAX_DEPTH:
                return f"nested deeper than {MAX_DEPTH} levels; an environment needs a few"
        elif isinstance(event, yaml.CollectionEndEvent):
            count, anchor = open_nodes.pop()
            if anchor:
                sizes[anchor] = count
            open_nodes[-1][0] += count
        elif isinstance(event, yaml.ScalarEvent):
            if event.anchor:
                sizes[event.anchor] = 1
            open_nodes[-1][0] += 1
        elif isinstance(event, yaml.AliasEvent):
            open_nodes[-1][0] += sizes.get(event.anchor or "", 1)
        if sum(count for count, _ in open_nodes) > MAX_VALUES:
            return (f"expands to more than {MAX_VALUES} values (aliases repeating aliases, a 'billion laughs' "
                    "file?); an environment needs a few hundred")
    return None


def _yaml_message(exc: yaml.YAMLError) -> str:
    """PyYAML's message on one line, positions as `line L, column C`."""
    return " ".join(str(exc).replace('in "<unicode string>", ', "at ").split())


def read_yaml(path: Path) -> Any:
    """The parsed YAML of one environment file (duplicate keys rejected); ConfigError on anything unreadable."""
    text = _text(path)
    if not text.strip():
        raise ConfigError(path, [Problem("(file)", "is empty; expected a mapping of configuration keys (name, "
                                                   "services, ...)")])
    try:
        problem = _shape_problem(text)
        if problem:
            raise ConfigError(path, [Problem("(yaml)", problem)])
        data = yaml.load(text, Loader=_UniqueKeyLoader)
    except yaml.YAMLError as exc:
        raise ConfigError(path, [Problem("(yaml)", _yaml_message(exc))]) from None
    if data is None:
        raise ConfigError(path, [Problem("(file)", "holds no settings (only comments or null); expected a mapping of "
                                                   "configuration keys (name, services, ...)")])
    return data


def load_file(path: Path, overrides: Mapping[str, Any] | None = None) -> EnvironmentConfig:
    """Read and validate one YAML environment file, with `overrides` deep-merged in first."""
    data = read_yaml(path)
    if overrides and isinstance(data, dict):
        return load_config(merge(data, overrides), f"{path} (with overrides {dict(overrides)})")
    return load_config(data, path)


def env_path(name: str, envs_dir: Path = ENVS_DIR) -> Path:
    """envs/NAME.yaml; ConfigError naming the valid environments when it does not exist."""
    path = envs_dir / f"{name}.yaml"
    if not path.is_file():
        valid = ", ".join(sorted(p.stem for p in envs_dir.glob("*.yaml")))
        raise ConfigError(envs_dir, [Problem("--env", f"unknown environment {name!r}; valid: {valid}")])
    return path


def load_env(name: str, envs_dir: Path = ENVS_DIR, overrides: Mapping[str, Any] | None = None
             ) -> EnvironmentConfig:
    """Load envs/NAME.yaml (with `overrides` deep-merged in before validation)."""
    return load_file(env_path(name, envs_dir), overrides)


def all_envs(envs_dir: Path = ENVS_DIR) -> dict[str, EnvironmentConfig]:
    """Every environment in envs/, by file stem."""
    return {p.stem: load_file(p) for p in sorted(envs_dir.glob("*.yaml"))}
