"""check_target on a target older than the GuardDuty detector data source (hashicorp/aws 2.39.0)."""
from __future__ import annotations

import pytest

from generator.config import load_env
from generator.config.validate import check_target

pytestmark = pytest.mark.static


@pytest.mark.parametrize("detector, flagged", [("existing", True), ("create", False)])
def test_only_an_adopted_detector_needs_the_data_source(detector, flagged) -> None:
    env = load_env("local", overrides={"guardduty": {"detector": detector, "runtime_monitoring": False}})
    old = env.model_copy(update={"provider": env.provider.model_copy(update={"version": "2.38.0"}),
                                 "create_service_linked_roles": False, "databases": {}})
    fields = [problem.field for problem in check_target(old)]
    assert ("guardduty.detector" in fields) is flagged, fields
