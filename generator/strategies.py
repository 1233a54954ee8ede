"""How a pipeline deploys its service: the one vocabulary of deployment strategies.

- `rolling`: the CodePipeline ECS action updates the service; ECS replaces tasks (ECS controller).
- `blue_green`: CodeDeploy shifts traffic between two target groups (CODE_DEPLOY controller).
- `ecs_blue_green`, `ecs_linear`, `ecs_canary`: the CodePipeline ECS action updates the service and ECS
  itself shifts traffic between two target groups (ECS controller, `deployment_configuration.strategy`).
  https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-type-blue-green.html

Config, constructs and the app-repo files all ask here; nothing else spells these names' meaning.
"""
from __future__ import annotations

from generator.targets import Feature

ROLLING = "rolling"
CODE_DEPLOY = "blue_green"
#: ECS-native strategies -> the ECS API's deployment_configuration.strategy
ECS_NATIVE: dict[str, str] = {"ecs_blue_green": "BLUE_GREEN", "ecs_linear": "LINEAR", "ecs_canary": "CANARY"}
STRATEGIES: tuple[str, ...] = (ROLLING, CODE_DEPLOY, *ECS_NATIVE)
#: the provider feature each ECS-native strategy needs (generator.targets holds the versions)
ECS_NATIVE_FEATURE: dict[str, Feature] = {"ecs_blue_green": Feature.ECS_BLUE_GREEN,
                                          "ecs_linear": Feature.ECS_LINEAR_CANARY,
                                          "ecs_canary": Feature.ECS_LINEAR_CANARY}


def deployment_controller(strategy: str | None) -> str:
    """CODE_DEPLOY for CodeDeploy blue/green, ECS for everything else (rolling, ECS-native, no pipeline)."""
    return "CODE_DEPLOY" if strategy == CODE_DEPLOY else "ECS"


def is_ecs_native(strategy: str | None) -> bool:
    """Whether ECS itself shifts traffic (BLUE_GREEN, LINEAR, CANARY); anything not a strategy name is not."""
    return isinstance(strategy, str) and strategy in ECS_NATIVE


def shifts_traffic(strategy: str | None) -> bool:
    """Whether deployments move the service between two target groups (CodeDeploy or ECS-native)."""
    return strategy == CODE_DEPLOY or is_ecs_native(strategy)


def uses_service_connect(strategy: str | None, target_has_it: bool) -> bool:
    """Whether a service with this strategy may join Service Connect.

    Service Connect supports only services with the ECS deployment controller: "Services that use the
    blue/green and external deployment types aren't supported" (CODE_DEPLOY), while ECS-native blue/green,
    linear and canary work with it.
    https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-connect.html#service-connect-considerations
    https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-connect-blue-green.html
    """
    return target_has_it and deployment_controller(strategy) == "ECS"
