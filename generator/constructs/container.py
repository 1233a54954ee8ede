"""ECS container definitions as plain dicts (shared by the task definition and the app-repo taskdef.json)."""
from __future__ import annotations

from typing import Mapping

from generator.config.model import HealthCheck, ServiceConfig
from generator.constructs.tokens import text


def health_command(check: HealthCheck, port: int) -> list[str]:
    """The container health check command (the workshop's curl form when a path is given)."""
    if check.command is not None:
        return list(check.command)
    return ["CMD-SHELL", f"curl -f http://localhost:{text(port)}{check.path} || exit 1"]


def _pairs(values: Mapping[str, str], value_key: str) -> list[dict]:
    """`{name: value}` as ECS's sorted `[{name, <value_key>}]`; a Terraform list in that shape passes as is."""
    if not isinstance(values, Mapping):
        return values
    return [{"name": k, value_key: v} for k, v in sorted(values.items())]


def container_definition(svc: ServiceConfig, *, image: str, region: str, log_group: str,
                         environment: Mapping[str, str], secrets: Mapping[str, str],
                         named_port: bool) -> dict:
    """One container definition in the ECS API's camelCase shape.

    `named_port` adds the port mapping `name`/`appProtocol` that Service Connect needs; provider
    targets without Service Connect drop them (their SDK would not round-trip the fields).
    """
    mapping: dict = {"containerPort": svc.port, "hostPort": svc.port, "protocol": "tcp"}
    if named_port:
        mapping = {"name": svc.container_name, **mapping, "appProtocol": "http"}
    definition: dict = {"name": svc.container_name, "image": image}
    if svc.container_cpu is not None:
        definition["cpu"] = svc.container_cpu
    definition.update({"portMappings": [mapping], "essential": True})
    if svc.exec:
        definition["linuxParameters"] = {"initProcessEnabled": svc.exec}
    if environment:
        definition["environment"] = _pairs(environment, "value")
    if secrets:
        definition["secrets"] = _pairs(secrets, "valueFrom")
    check = svc.health_check
    definition["healthCheck"] = {"command": health_command(check, svc.port), "interval": check.interval,
                                 "timeout": check.timeout, "retries": check.retries,
                                 "startPeriod": check.start_period}
    definition["logConfiguration"] = {"logDriver": "awslogs", "options": {
        "awslogs-group": log_group, "awslogs-region": region, "awslogs-stream-prefix": svc.log_stream_prefix}}
    return definition
