"""Load `envs/*.yaml` into a validated EnvironmentConfig (names derived, cross-field rules checked)."""
from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from generator.config.errors import ConfigError, Problem
from generator.config.model import EnvironmentConfig
from generator.config.overrides import merge
from generator.config.validate import check

ENVS_DIR = Path(__file__).resolve().parents[2] / "envs"


class _UniqueKeyLoader(yaml.SafeLoader):
    """SafeLoader that rejects duplicate mapping keys instead of keeping the last one."""


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
        problems.setdefault(field, msg)
    return [Problem(f, m) for f, m in problems.items()]


def load_config(data: dict[str, Any], source: Path | str = "<config>") -> EnvironmentConfig:
    """Validate a parsed mapping; raise ConfigError listing every problem."""
    if not isinstance(data, dict):
        raise ConfigError(source, [Problem("(top level)", "expected a mapping of configuration keys")])
    try:
        env = EnvironmentConfig.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(source, _problems(exc)) from None
    problems = check(env)
    if problems:
        raise ConfigError(source, problems)
    return env


def read_yaml(path: Path) -> Any:
    """The parsed YAML of one environment file (duplicate keys rejected); ConfigError on anything unreadable."""
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_UniqueKeyLoader)
    except FileNotFoundError:
        raise ConfigError(path, [Problem("(file)", "no such file")]) from None
    except yaml.YAMLError as exc:
        raise ConfigError(path, [Problem("(yaml)", str(exc).replace("\n", " "))]) from None


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
