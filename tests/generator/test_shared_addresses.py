"""The synth-time backstop: two constructs on one Terraform address fail synthesis (Terraform would keep one
of them silently), naming both construct paths; nothing is written. Validation rejects the keys first
(tests/config/test_bad_input_suite.py); this bypasses it to prove the backstop holds on its own."""
from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from generator.config.model import EnvironmentConfig
from generator.errors import ConfigError

pytestmark = pytest.mark.static
ROOT = Path(__file__).resolve().parents[2]


def test_two_keys_on_one_address_fail_synthesis_and_write_nothing(tmp_path):
    from generator.synth import synthesize

    data = copy.deepcopy(yaml.safe_load((ROOT / "envs" / "local.yaml").read_text()))
    data["tables"]["carts-a"] = {"name": "table-one"}
    data["tables"]["carts_a"] = {"name": "table-two"}
    env = EnvironmentConfig.model_validate(data)  # the model alone: validation's collision check is bypassed
    with pytest.raises(ConfigError) as info:
        synthesize({"clash": env}, tmp_path / "out")
    assert str(info.value).startswith("clash: (stack): table-carts-a/table and table-carts_a/table all become the "
                                      "Terraform address table_carts_a_table")
    assert not (tmp_path / "out").exists()
