"""Shared by the bad-input tests: the workshop config as data, and the problems a config raises."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def workshop() -> dict:
    """envs/workshop.yaml as plain data, to mutate."""
    return yaml.safe_load((ROOT / "envs" / "workshop.yaml").read_text())
