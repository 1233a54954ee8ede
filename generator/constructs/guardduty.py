"""GuardDuty detector with ECS Fargate runtime monitoring."""
from __future__ import annotations

from typing import Any

from generator.aws import Construct, GuarddutyDetector, GuarddutyDetectorFeature, blocks
from generator.constructs.checks import suppress
from generator.constructs.tokens import choose
from generator.targets import Feature, ProviderTarget


class ThreatDetection(Construct):
    """The account's GuardDuty detector; runtime monitoring with the managed Fargate agent."""

    def __init__(self, scope: Construct, id_: str, *, runtime_monitoring: Any, target: ProviderTarget):
        super().__init__(scope, id_)
        if runtime_monitoring is True:
            target.require(Feature.GUARDDUTY_DETECTOR_FEATURE, "guardduty.runtime_monitoring")
        self.detector = GuarddutyDetector(self, "detector", enable=True)
        suppress(self.detector, "CKV2_AWS_3", "one account's detector; organization-wide enablement is the "
                                              "organization's delegated administrator's job")
        if runtime_monitoring:
            status = choose(runtime_monitoring, "ENABLED", "DISABLED")
            GuarddutyDetectorFeature(
                self, "runtime-monitoring", detector_id=self.detector.id, name="RUNTIME_MONITORING",
                status=status,
                additional_configuration=blocks([{"name": "ECS_FARGATE_AGENT_MANAGEMENT", "status": status}]))
