"""GuardDuty for the stack's account and region: its one detector, and ECS Fargate runtime monitoring on it.

GuardDuty allows one detector per account and region ("You can have only one detector per
account per Region": https://docs.aws.amazon.com/guardduty/latest/APIReference/API_CreateDetector.html),
and many accounts already have one, often enabled by an organization's delegated administrator.
So the detector is adopted (`existing`: read with the `aws_guardduty_detector` data source,
https://registry.terraform.io/providers/hashicorp/aws/latest/docs/data-sources/guardduty_detector,
which fails the plan where there is none) or created (`create`,
for fresh accounts; destroying it disables GuardDuty in the region and discards its findings:
https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_suspend-disable.html).

Runtime monitoring is one `aws_guardduty_detector_feature` on whichever detector it is; deleting that
resource leaves the feature as it is and only forgets it
(https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/guardduty_detector_feature),
so destroying an environment never turns monitoring off for the account. Where the organization's
delegated administrator manages GuardDuty, member accounts cannot change runtime monitoring
(https://docs.aws.amazon.com/guardduty/latest/ug/enable-runtime-monitoring-multiple-acc-env.html):
then nothing is rendered.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from generator.aws import Construct, DataAwsGuarddutyDetector, GuarddutyDetector, GuarddutyDetectorFeature, blocks
from generator.constructs.checks import suppress
from generator.constructs.tokens import choose
from generator.targets import Feature, ProviderTarget

DetectorMode = Literal["create", "existing"]


@dataclass(frozen=True)
class ThreatDetectionProps:
    """How the stack treats the account's GuardDuty.

    detector: `existing` reads the account's detector (default), `create` makes it (fresh accounts).
    runtime_monitoring: Runtime Monitoring with the GuardDuty-managed Fargate agent (a bool, or a bool
        token in modules).
    managed_by_organization: the delegated administrator owns the detector and its features; nothing
        is rendered.
    """

    detector: DetectorMode = "existing"
    runtime_monitoring: Any = True
    managed_by_organization: bool = False


class ThreatDetection(Construct):
    """The account's GuardDuty detector (created or adopted) and runtime monitoring with the managed Fargate agent."""

    def __init__(self, scope: Construct, id_: str, props: ThreatDetectionProps, *, target: ProviderTarget):
        super().__init__(scope, id_)
        #: the detector's id (resource or data source), None when the organization manages GuardDuty
        self.detector_id: str | None = None
        if props.managed_by_organization:
            return
        if props.runtime_monitoring is True:
            target.require(Feature.GUARDDUTY_DETECTOR_FEATURE, "guardduty.runtime_monitoring")
        if props.detector == "create":
            detector = GuarddutyDetector(self, "detector", enable=True)
            suppress(detector, "CKV2_AWS_3", "one account's detector; organization-wide enablement is the "
                                             "organization's delegated administrator's job")
            self.detector_id = detector.id
        else:
            target.require(Feature.GUARDDUTY_DETECTOR_DATA_SOURCE, "guardduty.detector")
            self.detector_id = DataAwsGuarddutyDetector(self, "detector").id
        if props.runtime_monitoring:
            status = choose(props.runtime_monitoring, "ENABLED", "DISABLED")
            GuarddutyDetectorFeature(
                self, "runtime-monitoring", detector_id=self.detector_id, name="RUNTIME_MONITORING",
                status=status,
                additional_configuration=blocks([{"name": "ECS_FARGATE_AGENT_MANAGEMENT", "status": status}]))
