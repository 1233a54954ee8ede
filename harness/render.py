"""Render an environment for a run: overrides (prefix, provider target, ...) applied before validation."""
from __future__ import annotations

import copy
from pathlib import Path
from typing import Any, Mapping

import yaml

from generator.config.loader import ENVS_DIR, env_path, load_config
from generator.config.model import EnvironmentConfig


def merge(base: dict, overrides: Mapping[str, Any]) -> dict:
    """Deep-merge `overrides` into a copy of `base` (mappings merge, everything else replaces)."""
    out = copy.deepcopy(base)
    for key, value in overrides.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), dict):
            out[key] = merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def env_with(name: str, overrides: Mapping[str, Any] | None = None, envs_dir: Path = ENVS_DIR) -> EnvironmentConfig:
    """envs/NAME.yaml with overrides, validated like any config."""
    path = env_path(name, envs_dir)
    data = merge(yaml.safe_load(path.read_text()), overrides or {})
    return load_config(data, f"{path} (with overrides {dict(overrides or {})})")


def offline_overrides(prefix: str | None = None) -> dict[str, Any]:
    """What any environment needs to run on the offline target (hashicorp/aws 3.39.0)."""
    from generator.targets import OFFLINE_PROVIDER_VERSION

    overrides: dict[str, Any] = {"provider": {"version": OFFLINE_PROVIDER_VERSION},
                                 "guardduty": {"runtime_monitoring": False}}
    if prefix:
        overrides["prefix"] = prefix
    return overrides
