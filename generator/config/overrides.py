"""Overrides applied to an environment file before validation (a run's prefix, the provider target, ...)."""
from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from generator.targets import OFFLINE_PROVIDER_VERSION


def merge(base: dict, overrides: Mapping[str, Any]) -> dict:
    """Deep-merge `overrides` into a copy of `base` (mappings merge, everything else replaces)."""
    out = copy.deepcopy(base)
    for key, value in overrides.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), dict):
            out[key] = merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def offline_overrides(prefix: str | None = None) -> dict[str, Any]:
    """What any environment needs to render for the offline target (hashicorp/aws 3.39.0), the embedded
    sandbox: a disposable environment, destroyed at the end of every run (`sandbox`)."""
    overrides: dict[str, Any] = {"provider": {"version": OFFLINE_PROVIDER_VERSION},
                                 "guardduty": {"runtime_monitoring": False}, "sandbox": True}
    if prefix:
        overrides["prefix"] = prefix
    return overrides


#: what a brand-new account needs: it has no GuardDuty detector and none of the service-linked roles yet
FRESH_ACCOUNT: dict[str, Any] = {"guardduty": {"detector": "create", "managed_by_organization": False},
                                 "create_service_linked_roles": True}


def sandbox_overrides(prefix: str | None = None) -> dict[str, Any]:
    """What any environment needs to deploy on the embedded sandbox: the offline target, in a fresh account."""
    return merge(offline_overrides(prefix), FRESH_ACCOUNT)
