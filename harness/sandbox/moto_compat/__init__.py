"""Compatibility patches that fill moto gaps hit by our stacks.

Applied only inside the sandbox server process (see ``harness.sandbox.serve``).
Each patch is one function whose docstring names the moto behaviour it fills and
what real AWS does; its first docstring line is the registry description.
"""

from __future__ import annotations

from collections.abc import Callable

from . import codebuild, codecommit, codedeploy, ecs

_PATCHES: tuple[Callable[[], None], ...] = (
    codedeploy.codedeploy_delete_application,
    codedeploy.codedeploy_delete_deployment_group,
    codedeploy.codedeploy_update_deployment_group,
    codedeploy.codedeploy_group_rollback_and_alarm_config,
    codecommit.codecommit_tags,
    codecommit.codecommit_list_repositories,
    codebuild.codebuild_codepipeline_without_location,
    ecs.ecs_enable_execute_command,
    ecs.ecs_deployment_configuration,
    ecs.ecs_service_connect_configuration,
)

_applied: list[str] = []


def patches() -> dict[str, str]:
    """Return the registry: patch name -> one-line description."""
    return {fn.__name__: (fn.__doc__ or "").strip().splitlines()[0] for fn in _PATCHES}


def apply_all() -> list[str]:
    """Apply every patch once (idempotent); return the names of the active patches."""
    if not _applied:
        for fn in _PATCHES:
            fn()
            _applied.append(fn.__name__)
    return list(_applied)
