"""guardduty: the account's detector (generator.constructs.guardduty.ThreatDetection)."""
from __future__ import annotations

from generator.constructs.guardduty import ThreatDetection, ThreatDetectionProps
from generator.modules import inputs
from generator.modules.base import ModuleStack
from generator.targets import Feature

DESCRIPTION = """The account's GuardDuty detector and, on hashicorp/aws >= 5.17, Runtime Monitoring with the
GuardDuty-managed agent for ECS Fargate (`runtime_monitoring`). One detector per account and
region: do not instantiate twice.
"""


def build(stack: ModuleStack) -> None:
    """Inputs -> ThreatDetection -> outputs."""
    if stack.target.supports(Feature.GUARDDUTY_DETECTOR_FEATURE):
        runtime = stack.variable("runtime_monitoring", "bool", "Whether Runtime Monitoring with the managed Fargate "
                                                               "agent is on", True)
        runtime_monitoring = runtime.value
    else:
        stack.unsupported("runtime_monitoring", "bool",
                          "Whether Runtime Monitoring with the managed Fargate agent is on",
                          "Runtime Monitoring needs hashicorp/aws >= 5.17 (aws_guardduty_detector_feature); this "
                          "rendering is for an older provider.")
        runtime_monitoring = False
    inputs.tags(stack)
    detection = ThreatDetection(stack, "guardduty", ThreatDetectionProps(detector="create",
                                                                         runtime_monitoring=runtime_monitoring),
                                target=stack.target)
    stack.output("detector_id", detection.detector_id, "Id of the GuardDuty detector")
