"""Bad input for the account-level settings: GuardDuty detector modes, service-linked roles."""
from __future__ import annotations

import pytest
from config_problems import problems

pytestmark = pytest.mark.static


def test_an_organization_detector_cannot_be_created(workshop) -> None:
    data = {**workshop, "guardduty": {"detector": "create", "managed_by_organization": True}}
    assert problems(data) == ["guardduty.detector: create conflicts with managed_by_organization: true (the delegated "
                              "administrator's detector exists already and GuardDuty allows one per account and "
                              "region); valid with it: existing"]


def test_unknown_detector_mode_names_the_choices(workshop) -> None:
    [problem] = problems({**workshop, "guardduty": {"detector": "adopt"}})
    assert problem.startswith("guardduty.detector: Input should be 'create' or 'existing'")


def test_targets_without_the_resources_are_refused(workshop) -> None:
    found = problems({**workshop, "provider": {"version": "1.14.0"}, "guardduty": {"runtime_monitoring": False},
                      "create_service_linked_roles": True})
    assert "guardduty.detector: needs hashicorp/aws >= 2.39.0; the target is 1.14.0: valid here: create, or raise " \
           "provider.version" in found
    assert "create_service_linked_roles: needs hashicorp/aws >= 1.15.0; the target is 1.14.0: set it to false or " \
           "raise provider.version" in found
