"""Load `envs/*.yaml` into a validated, fully resolved EnvironmentConfig."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping

import yaml
from pydantic import ValidationError

from generator.config.errors import ConfigError, Problem
from generator.config.overrides import merge
from generator.config.model import BlueGreenConfig, EnvironmentConfig, ServiceConfig, ServiceConnectEntry
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


def _resolve_service(env: EnvironmentConfig, name: str, svc: ServiceConfig) -> ServiceConfig:
    needs_task_role = svc.exec or bool(svc.access)
    update: dict[str, Any] = {
        "family": svc.family or f"{env.prefix}-{name}",
        "log_stream_prefix": svc.log_stream_prefix or f"{name}-service",
        "execution_role": svc.execution_role or f"{env.prefix}-{name}-execution",
        "task_role": svc.task_role or (f"{env.prefix}-{name}-task" if needs_task_role else None),
    }
    if svc.service_connect:
        update["service_connect"] = ServiceConnectEntry(
            name=svc.service_connect.name or name, alias=svc.service_connect.alias or svc.service_connect.name
            or name, port=svc.service_connect.port)
    if svc.load_balancer:
        lb = svc.load_balancer
        update["load_balancer"] = lb.model_copy(update={
            "listener_port": lb.listener_port or env.alb.listener_port,
            "target_group_name": lb.target_group_name or f"{env.prefix}-{name}"[:32].rstrip("-"),
            "health_check_path": lb.health_check_path or svc.health_check.path or "/",
        })
    return svc.model_copy(update=update)


def resolve(env: EnvironmentConfig) -> EnvironmentConfig:
    """Fill every derived name so constructs never invent one."""
    services = {n: _resolve_service(env, n, s) for n, s in env.services.items()}
    databases = {n: d.model_copy(update={
        "identifier": d.identifier or f"{env.prefix}-{n}",
        "secret_name": d.secret_name or f"{env.prefix}-{n}-db",
        "endpoint_parameter": d.endpoint_parameter or f"/{env.prefix}/{n}/db-endpoint",
    }) for n, d in env.databases.items()}
    tables = {k: t.model_copy(update={"name": t.name or f"{env.prefix}-{k}"}) for k, t in env.tables.items()}
    pipelines = {}
    for key, p in env.pipelines.items():
        update: dict[str, Any] = {
            "name": p.name or f"{env.prefix}-{key}",
            "ecr_repository": p.ecr_repository or f"{env.prefix}-{p.service}",
            "image_parameter": p.image_parameter or f"/codebuild/{env.prefix}-{p.service}-latest-image",
        }
        if p.source.type == "codecommit" and p.source.repository is None:
            update["source"] = p.source.model_copy(update={"repository": f"{env.prefix}-app"})
        if p.strategy == "blue_green":
            bg = p.blue_green or BlueGreenConfig()
            update["blue_green"] = bg.model_copy(update={
                "green_target_group_name": bg.green_target_group_name
                or f"{env.prefix}-{p.service}-green"[:32].rstrip("-"),
                "application_name": bg.application_name or f"{env.prefix}-{p.service}",
                "deployment_group_name": bg.deployment_group_name or f"{env.prefix}-{p.service}-group"})
        pipelines[key] = p.model_copy(update=update)
    return env.model_copy(update={
        "services": services, "databases": databases, "pipelines": pipelines, "tables": tables,
        "alb": env.alb.model_copy(update={"name": env.alb.name or f"{env.prefix}-alb"[:32]}),
        "cluster": env.cluster.model_copy(update={"name": env.cluster.name or f"{env.prefix}-cluster"}),
        "logs": env.logs.model_copy(update={"group": env.logs.group or f"{env.prefix}-tasks"}),
        "service_connect": env.service_connect.model_copy(
            update={"namespace": env.service_connect.namespace or f"{env.prefix}.local"}),
    })


def load_config(data: dict[str, Any], source: Path | str = "<config>") -> EnvironmentConfig:
    """Validate a parsed mapping; raise ConfigError listing every problem."""
    if not isinstance(data, dict):
        raise ConfigError(source, [Problem("(top level)", "expected a mapping of configuration keys")])
    try:
        env = EnvironmentConfig.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(source, _problems(exc)) from None
    env = resolve(env)
    problems = check(env)
    if problems:
        raise ConfigError(source, problems)
    return env


def read_yaml(path: Path) -> Any:
    """The parsed YAML of one environment file (duplicate keys rejected); ConfigError on anything unreadable."""
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_UniqueKeyLoader)  # noqa: S506 (safe loader)
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
