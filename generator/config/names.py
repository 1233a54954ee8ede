"""Derived names: every name a user leaves out, filled from `prefix` and keys before validation.

The environment model runs `derive_names` on the raw mapping first, so a validated
`EnvironmentConfig` has every name as a plain `str` (no Optional that code must assert
back), and derived names go through exactly the same field validation as names given
explicitly. Only mappings are touched; anything else is left for validation to reject.
"""
from __future__ import annotations

from typing import Any

from generator.strategies import CODE_DEPLOY, is_ecs_native

DEFAULT_PREFIX = "retail-store-ecs"
DEFAULT_ALB_PORT = 80


def _section(data: dict, key: str) -> dict:
    """A copy of `data[key]` when it is a mapping or absent (then {}); the original value otherwise."""
    value = data.get(key)
    return dict(value) if isinstance(value, dict) else ({} if value is None else value)


def _fill(section: Any, key: str, default: Any) -> None:
    """Set `section[key]` to `default` when the section is a mapping and the key is absent or null."""
    if isinstance(section, dict) and section.get(key) is None:
        section[key] = default


def _entries(data: dict, key: str) -> list[tuple[str, dict]]:
    """Copy the mapping `data[key]` (and each entry that is a mapping) in place; return (name, entry) pairs."""
    value = data.get(key)
    if not isinstance(value, dict):
        return []
    data[key] = {name: dict(entry) if isinstance(entry, dict) else entry for name, entry in value.items()}
    return [(str(name), entry) for name, entry in data[key].items() if isinstance(entry, dict)]


def _service(prefix: str, alb_port: Any, name: str, svc: dict) -> None:
    _fill(svc, "family", f"{prefix}-{name}")
    _fill(svc, "log_stream_prefix", f"{name}-service")
    _fill(svc, "execution_role", f"{prefix}-{name}-execution")
    if svc.get("exec", True) or svc.get("access"):
        _fill(svc, "task_role", f"{prefix}-{name}-task")
    entry = svc.get("service_connect")
    if isinstance(entry, dict):
        entry = svc["service_connect"] = dict(entry)
        _fill(entry, "name", name)
        _fill(entry, "alias", entry["name"])
    balancing = svc.get("load_balancer")
    if isinstance(balancing, dict):
        balancing = svc["load_balancer"] = dict(balancing)
        health = svc.get("health_check")
        path = health.get("path") if isinstance(health, dict) else None
        _fill(balancing, "listener_port", alb_port)
        _fill(balancing, "target_group_name", f"{prefix}-{name}"[:32].rstrip("-"))
        _fill(balancing, "health_check_path", path or "/")


def _pipeline(prefix: str, key: str, pipe: dict) -> None:
    service = pipe.get("service")
    _fill(pipe, "name", f"{prefix}-{key}")
    _fill(pipe, "ecr_repository", f"{prefix}-{service}")
    _fill(pipe, "image_parameter", f"/codebuild/{prefix}-{service}-latest-image")
    source = pipe["source"] = _section(pipe, "source")
    if isinstance(source, dict) and source.get("type", "codecommit") == "codecommit":
        _fill(source, "repository", f"{prefix}-app")
    # a settings block given with another strategy gets its names too, so validation reports the strategy mismatch
    if pipe.get("strategy") == CODE_DEPLOY or isinstance(pipe.get("blue_green"), dict):
        blue_green = pipe["blue_green"] = _section(pipe, "blue_green")
        _fill(blue_green, "green_target_group_name", f"{prefix}-{service}-green"[:32].rstrip("-"))
        _fill(blue_green, "application_name", f"{prefix}-{service}")
        _fill(blue_green, "deployment_group_name", f"{prefix}-{service}-group")
    if is_ecs_native(pipe.get("strategy")) or isinstance(pipe.get("ecs_deployment"), dict):
        native = pipe["ecs_deployment"] = _section(pipe, "ecs_deployment")
        _fill(native, "alternate_target_group_name", f"{prefix}-{service}-alt"[:32].rstrip("-"))
        _fill(native, "infrastructure_role", f"{prefix}-{service}-ecs-infra"[:64])
        _fill(native, "hook_role", f"{prefix}-{service}-ecs-hooks"[:64])


def derive_names(data: Any) -> Any:
    """A copy of the raw environment mapping with every omitted name filled in."""
    if not isinstance(data, dict):
        return data
    prefix = data.get("prefix", DEFAULT_PREFIX)
    if not isinstance(prefix, str):
        return data  # validation reports the prefix; derived names would only add noise
    out = dict(data)
    for key in ("alb", "cluster", "logs", "service_connect"):
        out[key] = _section(out, key)
    alb = out["alb"]
    alb_port = alb.get("listener_port", DEFAULT_ALB_PORT) if isinstance(alb, dict) else DEFAULT_ALB_PORT
    _fill(alb, "name", f"{prefix}-alb"[:32])
    _fill(out["cluster"], "name", f"{prefix}-cluster")
    _fill(out["logs"], "group", f"{prefix}-tasks")
    _fill(out["service_connect"], "namespace", f"{prefix}.local")
    for name, svc in _entries(out, "services"):
        _service(prefix, alb_port, name, svc)
    for key, table in _entries(out, "tables"):
        _fill(table, "name", f"{prefix}-{key}")
    for key, db in _entries(out, "databases"):
        _fill(db, "identifier", f"{prefix}-{key}")
        _fill(db, "secret_name", f"{prefix}-{key}-db")
        _fill(db, "endpoint_parameter", f"/{prefix}/{key}/db-endpoint")
    for key, pipe in _entries(out, "pipelines"):
        _pipeline(prefix, key, pipe)
    return out
