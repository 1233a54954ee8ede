"""Constructs refuse what their provider target cannot render, even when used without the config's validation."""
from __future__ import annotations

import pytest

from generator import UnsupportedFeature
from generator.aws import App, TerraformStack
from generator.constructs.guardduty import ThreatDetection
from generator.targets import MODERN_PROVIDER_VERSION, OFFLINE_PROVIDER_VERSION, ProviderTarget

pytestmark = pytest.mark.static


def test_runtime_monitoring_needs_the_detector_feature():
    stack = TerraformStack(App(outdir="/nonexistent", skip_validation=True), "guardduty")
    with pytest.raises(UnsupportedFeature, match=r"guardduty.runtime_monitoring: needs hashicorp/aws >= 5.17.0; "
                                                 r"the target is 3.39.0"):
        ThreatDetection(stack, "old", runtime_monitoring=True, target=ProviderTarget(OFFLINE_PROVIDER_VERSION))
    ThreatDetection(stack, "new", runtime_monitoring=True, target=ProviderTarget(MODERN_PROVIDER_VERSION))
    assert "aws_guardduty_detector_feature" in stack.to_terraform()["resource"]
