"""`problems(data)`: the `field: message` lines a config raises (the test fails if it raises none)."""
from __future__ import annotations

import pytest

from generator.config import ConfigError, load_config


def problems(data: dict) -> list[str]:
    with pytest.raises(ConfigError) as info:
        load_config(data, "envs/test.yaml")
    return [f"{p.field}: {p.message}" for p in info.value.problems]
