"""GuardDuty detector with ECS Fargate runtime monitoring."""
from __future__ import annotations

from generator.aws import Construct, blocks, GuarddutyDetector, GuarddutyDetectorFeature
from generator.config.model import GuardDutyConfig
from generator.constructs.checks import suppress
from generator.constructs.tokens import choose


class ThreatDetection(Construct):
    """The account's GuardDuty detector; runtime monitoring with the managed Fargate agent."""

    def __init__(self, scope: Construct, id_: str, *, config: GuardDutyConfig):
        super().__init__(scope, id_)
        self.detector = GuarddutyDetector(self, "detector", enable=True)
        suppress(self.detector, "CKV2_AWS_3", "one account's detector; organization-wide enablement is the "
                                              "organization's delegated administrator's job")
        if config.runtime_monitoring:  # validated against the target when loading the config
            status = choose(config.runtime_monitoring, "ENABLED", "DISABLED")
            GuarddutyDetectorFeature(
                self, "runtime-monitoring", detector_id=self.detector.id, name="RUNTIME_MONITORING",
                status=status,
                additional_configuration=blocks([{"name": "ECS_FARGATE_AGENT_MANAGEMENT", "status": status}]))
