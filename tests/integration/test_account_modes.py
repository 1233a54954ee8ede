"""GuardDuty modes on the embedded sandbox: an account that already has a detector, then the organization's.

The workshop apply (test_workshop_apply.py) covers the fresh account (`detector: create` and the
service-linked roles). Here what the other modes change, the GuardDuty construct, is applied alone
into an account whose detector exists (created beforehand, as an organization would have) in
`existing` mode, then switched to `managed_by_organization`: the plans after each apply are empty,
and destroy leaves the account's detector as it was and nothing else behind.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from harness.lifecycle import deployed

pytestmark = pytest.mark.apply

def guardduty_stack(out: Path, props) -> Path:
    """Only the GuardDuty construct, rendered in one mode for the offline provider: what the mode changes."""
    from generator import OFFLINE_PROVIDER_VERSION
    from generator.aws import App, AwsProvider, TerraformStack
    from generator.constructs.guardduty import ThreatDetection
    from generator.targets import ProviderTarget

    target = ProviderTarget(OFFLINE_PROVIDER_VERSION)
    app = App(outdir=str(out))
    stack = TerraformStack(app, "modes")
    AwsProvider(stack, "aws", region="us-east-1")
    stack.add_override("terraform.required_providers.aws", {"source": "hashicorp/aws", "version": target.constraint})
    ThreatDetection(stack, "guardduty", props, target=target)
    app.synth()
    return out / "stacks" / "modes"


@pytest.fixture
def accounts_detector(sandbox):
    """The account's own detector, there before the stack and after it."""
    guardduty = sandbox.client("guardduty")
    detector = guardduty.create_detector(Enable=True)["DetectorId"]
    yield detector
    guardduty.delete_detector(DetectorId=detector)


def test_existing_then_organization_managed_detector(tmp_path, toolchain, sandbox, accounts_detector) -> None:
    from generator.constructs.guardduty import ThreatDetectionProps

    existing = guardduty_stack(tmp_path / "existing", ThreatDetectionProps(detector="existing",
                                                                           runtime_monitoring=False))
    organization = guardduty_stack(tmp_path / "organization", ThreatDetectionProps(managed_by_organization=True))
    with deployed(existing, tmp_path / "run", toolchain, sandbox) as dep:
        assert accounts_detector in {i.identifier for i in dep.baseline}  # the account's, so never a leak
        [read] = dep.run.state().resources["aws_guardduty_detector"].values()  # the data source
        assert read["id"] == accounts_detector
        dep.run.assert_idempotent()
        shutil.copy2(organization / "cdk.tf.json", dep.run.directory / "cdk.tf.json")
        assert not dep.run.apply().pending(), "switching to the organization's GuardDuty changes no resource"
        assert "aws_guardduty_detector" not in dep.run.state().resources
        dep.run.assert_idempotent()
    assert sandbox.client("guardduty").list_detectors()["DetectorIds"] == [accounts_detector]
