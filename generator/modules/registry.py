"""Every module: its folder name under modules/, how to build its stack, and its README description."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from generator.modules import (
    alb,
    data_stores,
    ecs_cluster,
    ecs_service,
    guardduty,
    logs,
    network,
    pipelines,
    service_access,
)
from generator.modules.base import ModuleStack
from generator.targets import Feature, ProviderTarget


@dataclass(frozen=True)
class ModuleSpec:
    """One module of modules/; `requires`: the provider feature without which it is not rendered."""

    name: str
    build: Callable[[ModuleStack], None]
    description: str
    requires: Feature | None = None

    def renders_for(self, target: ProviderTarget) -> bool:
        """Whether the module exists in the rendering for `target`."""
        return self.requires is None or target.supports(self.requires)


MODULES: dict[str, ModuleSpec] = {spec.name: spec for spec in (
    ModuleSpec("network", network.build, network.DESCRIPTION),
    ModuleSpec("logs", logs.build, logs.DESCRIPTION),
    ModuleSpec("alb", alb.build, alb.DESCRIPTION),
    ModuleSpec("ecs-cluster", ecs_cluster.build, ecs_cluster.DESCRIPTION),
    ModuleSpec("ecs-service", ecs_service.build, ecs_service.DESCRIPTION),
    ModuleSpec("ecs-service-alb", ecs_service.build_alb, ecs_service.ALB_DESCRIPTION),
    ModuleSpec("service-access", service_access.build, service_access.DESCRIPTION),
    ModuleSpec("carts-table", data_stores.build_table, data_stores.TABLE_DESCRIPTION),
    ModuleSpec("catalog-db", data_stores.build_database, data_stores.DB_DESCRIPTION),
    ModuleSpec("guardduty", guardduty.build, guardduty.DESCRIPTION),
    ModuleSpec("pipeline-rolling", pipelines.build_rolling, pipelines.ROLLING),
    ModuleSpec("pipeline-blue-green", pipelines.build_blue_green, pipelines.BLUE_GREEN_DESCRIPTION),
    ModuleSpec("pipeline-ecs-canary", pipelines.build_ecs_canary, pipelines.ECS_CANARY_DESCRIPTION,
               requires=Feature.ECS_LINEAR_CANARY),
)}


def modules_for(target: ProviderTarget) -> dict[str, ModuleSpec]:
    """The modules rendered for `target`."""
    return {name: spec for name, spec in MODULES.items() if spec.renders_for(target)}
