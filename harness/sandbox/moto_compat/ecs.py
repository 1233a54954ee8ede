"""ECS service gaps in moto 5.2.5: CreateService drops several settings."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from moto.core.responses import ActionResult
from moto.ecs.models import Service
from moto.ecs.responses import EC2ContainerServiceResponse as ECSResponse

_Action = Callable[[ECSResponse], ActionResult]

# What real AWS reports for a REPLICA service created without deploymentConfiguration.
_DEFAULT_DEPLOYMENT_CONFIGURATION = {
    "deploymentCircuitBreaker": {"enable": False, "rollback": False},
    "maximumPercent": 200,
    "minimumHealthyPercent": 100,
}


def _after(action: str, fill: Callable[[ECSResponse, Service], None]) -> None:
    """Wrap ECS response method `action` so `fill` runs on the returned service."""
    original: _Action = getattr(ECSResponse, action)

    def wrapped(self: ECSResponse) -> ActionResult:
        result = original(self)
        fill(self, result.result["service"])  # type: ignore[index]
        return result

    setattr(ECSResponse, action, wrapped)


def ecs_enable_execute_command() -> None:
    """ECS CreateService: moto 5.2.5 ignores enableExecuteCommand.

    Real AWS stores it and DescribeServices reports it (false by default);
    otherwise terraform sees drift false -> true. UpdateService already works.
    """

    def fill(response: ECSResponse, service: Service) -> None:
        service.enable_execute_command = bool(response._get_param("enableExecuteCommand", False))  # type: ignore[attr-defined]

    _after("create_service", fill)


def ecs_deployment_configuration() -> None:
    """ECS CreateService: moto 5.2.5 drops deploymentConfiguration (incl. the
    deployment circuit breaker); DescribeServices omits it.

    Real AWS reports the given configuration over its defaults (200/100,
    circuit breaker disabled). UpdateService already stores a given one.
    """

    def fill(response: ECSResponse, service: Service) -> None:
        given = response._get_param("deploymentConfiguration") or {}
        service.deployment_configuration = {**_DEFAULT_DEPLOYMENT_CONFIGURATION, **given}  # type: ignore[attr-defined]

    _after("create_service", fill)


def ecs_service_connect_configuration() -> None:
    """ECS CreateService/UpdateService: moto 5.2.5 drops serviceConnectConfiguration.

    Real AWS reports it on the PRIMARY entry of `deployments` in
    DescribeServices (the Service shape has no top-level field for it).
    """

    def fill(response: ECSResponse, service: Service) -> None:
        config = response._get_param("serviceConnectConfiguration")
        if config is None:
            return
        for deployment in service.deployments:
            if deployment.get("status") == "PRIMARY":
                deployment["serviceConnectConfiguration"] = config

    _after("create_service", fill)
    _after("update_service", fill)
