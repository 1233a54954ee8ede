"""ECS container definitions as plain dicts (shared by the task definition and the app-repo taskdef.json)."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from generator.constructs.tokens import Number, choose, text


@dataclass(frozen=True)
class HealthCheckProps:
    """A container health check: `command`, or the workshop's curl of `path` on the container port.

    Defaults are the workshop's: every 10 s, 5 s timeout, 3 retries, 60 s start period. `enabled` (a bool or a bool
    token): false leaves the container without a health check.
    """

    path: str | None = None
    command: Sequence[str] | None = None
    interval: int = 10
    timeout: int = 5
    retries: int = 3
    start_period: int = 60
    enabled: Any = True


@dataclass(frozen=True)
class ContainerProps:
    """The one container of a Fargate task.

    `environment` and `secrets` are name -> value / valueFrom maps (or a Terraform list already in
    ECS's `[{name, value}]` shape, as modules pass them). Defaults: container `application` on
    port 8080, no CPU reservation, init process on (ECS Exec needs it).
    """

    image: str
    log_stream_prefix: str
    health: HealthCheckProps
    name: str = "application"
    port: Number = 8080
    cpu: Number | None = None
    init_process: Any = True
    environment: Mapping[str, str] | Any = field(default_factory=dict)
    secrets: Mapping[str, str] | Any = field(default_factory=dict)


def health_command(check: HealthCheckProps, port: Number) -> list[str]:
    """The container health check command (the workshop's curl form when a path is given)."""
    if check.command is not None:
        return list(check.command)
    return ["CMD-SHELL", f"curl -f http://localhost:{text(port)}{check.path} || exit 1"]


def _pairs(values: Mapping[str, str] | Any, value_key: str) -> Any:
    """`{name: value}` as ECS's sorted `[{name, <value_key>}]`; a Terraform list in that shape passes as is."""
    if not isinstance(values, Mapping):
        return values
    return [{"name": k, value_key: v} for k, v in sorted(values.items())]


def container_definition(container: ContainerProps, *, region: str, log_group: str, named_port: bool) -> dict:
    """One container definition in the ECS API's camelCase shape.

    `named_port` adds the port mapping `name`/`appProtocol` that Service Connect needs; provider
    targets without Service Connect drop them (their SDK would not round-trip the fields).
    """
    mapping: dict = {"containerPort": container.port, "hostPort": container.port, "protocol": "tcp"}
    if named_port:
        mapping = {"name": container.name, **mapping, "appProtocol": "http"}
    definition: dict = {"name": container.name, "image": container.image}
    if container.cpu is not None:
        definition["cpu"] = container.cpu
    definition.update({"portMappings": [mapping], "essential": True})
    if container.init_process:
        definition["linuxParameters"] = {"initProcessEnabled": container.init_process}
    if container.environment:
        definition["environment"] = _pairs(container.environment, "value")
    if container.secrets:
        definition["secrets"] = _pairs(container.secrets, "valueFrom")
    check = container.health
    health = {"command": health_command(check, container.port), "interval": check.interval,
              "timeout": check.timeout, "retries": check.retries, "startPeriod": check.start_period}
    if check.enabled is True:
        definition["healthCheck"] = health
    elif check.enabled is not False:
        definition["healthCheck"] = choose(check.enabled, health, None)
    definition["logConfiguration"] = {"logDriver": "awslogs", "options": {
        "awslogs-group": log_group, "awslogs-region": region, "awslogs-stream-prefix": container.log_stream_prefix}}
    return definition
