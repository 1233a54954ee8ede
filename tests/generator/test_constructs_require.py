"""Constructs refuse what their provider target cannot render, even when used without the config's validation."""
from __future__ import annotations

import pytest

from generator import UnsupportedFeature
from generator.aws import App, TerraformStack
from generator.constructs.guardduty import ThreatDetection, ThreatDetectionProps
from generator.targets import MODERN_PROVIDER_VERSION, OFFLINE_PROVIDER_VERSION, ProviderTarget

pytestmark = pytest.mark.static


def test_runtime_monitoring_needs_the_detector_feature():
    stack = TerraformStack(App(outdir="/nonexistent", skip_validation=True), "guardduty")
    with pytest.raises(UnsupportedFeature, match=r"guardduty.runtime_monitoring: needs hashicorp/aws >= 5.17.0; "
                                                 r"the target is 3.39.0"):
        ThreatDetection(stack, "old", ThreatDetectionProps(runtime_monitoring=True),
                        target=ProviderTarget(OFFLINE_PROVIDER_VERSION))
    ThreatDetection(stack, "new", ThreatDetectionProps(runtime_monitoring=True),
                    target=ProviderTarget(MODERN_PROVIDER_VERSION))
    assert "aws_guardduty_detector_feature" in stack.to_terraform()["resource"]


def test_an_existing_detector_needs_the_data_source():
    stack = TerraformStack(App(outdir="/nonexistent", skip_validation=True), "guardduty")
    with pytest.raises(UnsupportedFeature, match=r"guardduty.detector: needs hashicorp/aws >= 2.39.0; "
                                                 r"the target is 2.38.0: error: the existing detector cannot be read"):
        ThreatDetection(stack, "old", ThreatDetectionProps(detector="existing", runtime_monitoring=False),
                        target=ProviderTarget("2.38.0"))
    ThreatDetection(stack, "new", ThreatDetectionProps(detector="existing", runtime_monitoring=False),
                    target=ProviderTarget(OFFLINE_PROVIDER_VERSION))
    assert "aws_guardduty_detector" in stack.to_terraform()["data"]
