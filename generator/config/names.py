"""Derived names: every name a user leaves out, filled from `prefix` and keys before validation.

The environment model runs `derive_names` on the raw mapping first, so a validated
`EnvironmentConfig` has every name as a plain `str` (no Optional that code must assert
back), and derived names go through exactly the same field validation as names given
explicitly. Only mappings are touched; anything else is left for validation to reject.

A derived name longer than AWS allows for its kind (generator.config.aws_rules) is shortened
with a hash of the whole name (generator.naming.shorten), so it fits and stays distinct;
names given explicitly are never shortened (too long is an error). Listener rule priorities
left out are derived too (10, 20, ... in the order of the services with path patterns).
"""
from __future__ import annotations

from typing import Any

from generator.config.aws_rules import names as name_rules
from generator.naming import shorten

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


def _fit(kind: str, name: str) -> str:
    """A derived name of `kind` (an aws_rules name kind), shortened to AWS's limit if it is longer."""
    return shorten(name, name_rules()[kind].max_length)


def given(data: Any, path: tuple[str, ...]) -> bool:
    """Whether the raw environment `data` sets the field at `path` (False: the name was derived)."""
    for key in path:
        if isinstance(data, list) and key.startswith("["):
            index = int(key.strip("[]"))
            data = data[index] if index < len(data) else None
        elif isinstance(data, dict):
            data = data.get(key)
        else:
            return False
        if data is None:
            return False
    return True


def _service(prefix: str, alb_port: Any, name: str, svc: dict) -> None:
    _fill(svc, "family", _fit("ecs_family", f"{prefix}-{name}"))
    _fill(svc, "log_stream_prefix", f"{name}-service")
    _fill(svc, "execution_role", _fit("iam_role", f"{prefix}-{name}-execution"))
    if svc.get("exec", True) or svc.get("access"):
        _fill(svc, "task_role", _fit("iam_role", f"{prefix}-{name}-task"))
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
        _fill(balancing, "target_group_name", _fit("target_group", f"{prefix}-{name}"))
        _fill(balancing, "health_check_path", path or "/")


def _pipeline(prefix: str, key: str, pipe: dict) -> None:
    service = pipe.get("service")
    _fill(pipe, "name", _fit("codepipeline", f"{prefix}-{key}"))
    _fill(pipe, "ecr_repository", f"{prefix}-{service}")
    _fill(pipe, "image_parameter", f"/codebuild/{prefix}-{service}-latest-image")
    source = pipe["source"] = _section(pipe, "source")
    if isinstance(source, dict) and source.get("type", "codecommit") == "codecommit":
        _fill(source, "repository", f"{prefix}-app")
    if pipe.get("strategy") == "blue_green":
        blue_green = pipe["blue_green"] = _section(pipe, "blue_green")
        _fill(blue_green, "green_target_group_name", _fit("target_group", f"{prefix}-{service}-green"))
        _fill(blue_green, "application_name", f"{prefix}-{service}")
        _fill(blue_green, "deployment_group_name", f"{prefix}-{service}-group")


def _priorities(services: list[tuple[str, dict]]) -> None:
    """Listener rule priorities left out: 10 x the position among the services routed by path patterns."""
    routed = [svc["load_balancer"] for _, svc in services
              if isinstance(svc.get("load_balancer"), dict) and svc["load_balancer"].get("path_patterns")]
    for position, balancing in enumerate(routed, start=1):
        _fill(balancing, "priority", 10 * position)


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
    _fill(alb, "name", _fit("load_balancer", f"{prefix}-alb"))
    _fill(out["cluster"], "name", f"{prefix}-cluster")
    _fill(out["logs"], "group", f"{prefix}-tasks")
    _fill(out["service_connect"], "namespace", f"{prefix}.local")
    services = _entries(out, "services")
    for name, svc in services:
        _service(prefix, alb_port, name, svc)
    _priorities(services)
    for key, table in _entries(out, "tables"):
        _fill(table, "name", _fit("dynamodb_table", f"{prefix}-{key}"))
    for key, db in _entries(out, "databases"):
        _fill(db, "identifier", _fit("rds_identifier", f"{prefix}-{key}"))
        _fill(db, "secret_name", _fit("secret", f"{prefix}-{key}-db"))
        _fill(db, "endpoint_parameter", _fit("ssm_parameter", f"/{prefix}/{key}/db-endpoint"))
    for key, pipe in _entries(out, "pipelines"):
        _pipeline(prefix, key, pipe)
    return out
