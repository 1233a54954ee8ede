"""Account-level singletons and first-use roles: GuardDuty detector modes, service-linked roles, the notes."""
from __future__ import annotations

import pytest
from tfjson import one, resources

pytestmark = pytest.mark.static

FRESH = {"guardduty": {"detector": "create"}, "create_service_linked_roles": True}
ORGANIZATION = {"guardduty": {"managed_by_organization": True}}
LINKED = {"ecs.amazonaws.com", "elasticloadbalancing.amazonaws.com", "ecs.application-autoscaling.amazonaws.com",
          "rds.amazonaws.com", "guardduty.amazonaws.com"}


@pytest.fixture(scope="module")
def modes(tmp_path_factory) -> dict:
    """The workshop in a fresh account (detector and roles created) and under an organization's GuardDuty."""
    from generator import load_env, synthesize

    envs = {"fresh": load_env("workshop", overrides=FRESH),
            "organization": load_env("workshop", overrides=ORGANIZATION)}
    return {s.name: s for s in synthesize(envs, tmp_path_factory.mktemp("modes"))}


def test_create_makes_the_detector_and_monitors_on_it(modes) -> None:
    doc = modes["fresh"].document()
    assert "aws_guardduty_detector" not in doc.get("data", {})
    name, _ = one(doc, "aws_guardduty_detector", enable=True)
    _, feature = one(doc, "aws_guardduty_detector_feature", name="RUNTIME_MONITORING")
    assert feature["detector_id"] == f"${{aws_guardduty_detector.{name}.id}}"


def test_organization_managed_guardduty_renders_nothing(modes) -> None:
    doc = modes["organization"].document()
    assert not [t for t in {**doc["resource"], **doc["data"]} if t.startswith("aws_guardduty")]
    assert modes["organization"].notes()[0].startswith("guardduty: managed by the organization's delegated admin")


def test_service_linked_roles_are_created_before_what_needs_them(modes) -> None:
    doc = modes["fresh"].document()
    roles = {r["aws_service_name"]: f"aws_iam_service_linked_role.{n}"
             for n, r in resources(doc, "aws_iam_service_linked_role").items()}
    assert set(roles) == LINKED
    needs = {"aws_ecs_cluster": "ecs.amazonaws.com", "aws_ecs_service": "ecs.amazonaws.com",
             "aws_lb": "elasticloadbalancing.amazonaws.com",
             "aws_lb_target_group": "elasticloadbalancing.amazonaws.com",
             "aws_appautoscaling_target": "ecs.application-autoscaling.amazonaws.com",
             "aws_db_instance": "rds.amazonaws.com", "aws_guardduty_detector": "guardduty.amazonaws.com"}
    for rtype, service in needs.items():
        for name, body in resources(doc, rtype).items():
            assert roles[service] in body["depends_on"], f"{rtype}.{name} does not wait for {service}'s role"
    # dependencies the constructs declared themselves are kept
    _, ui = one(doc, "aws_ecs_service", name="ui")
    assert any(d.startswith("aws_lb_listener.") for d in ui["depends_on"])


def test_without_the_option_no_roles_are_rendered(synthesized) -> None:
    doc = synthesized["workshop"].document()
    assert "aws_iam_service_linked_role" not in doc["resource"]
    assert "depends_on" not in one(doc, "aws_ecs_cluster")[1]


def test_offline_target_renders_roles_without_tags(synthesized) -> None:
    doc = synthesized["local"].document()  # envs/local.yaml: a fresh account on hashicorp/aws 3.39.0
    roles = resources(doc, "aws_iam_service_linked_role")
    assert {r["aws_service_name"] for r in roles.values()} == LINKED
    assert not any("tags" in r for r in roles.values())  # 3.39.0's schema has none
    assert resources(doc, "aws_guardduty_detector")


def test_notes_say_which_mode_is_in_effect(synthesized, modes) -> None:
    existing, linked, source = synthesized["workshop"].notes()
    assert existing.startswith("guardduty: adopts the account's existing detector in us-west-2")
    assert "runtime monitoring" in existing
    assert linked.startswith("service-linked roles: not managed (create_service_linked_roles: false)")
    assert "ui-blue-green, ui-rolling use CodeCommit" in source and "source.type: codestar" in source
    created, roles = modes["fresh"].notes()[:2]
    assert created.startswith("guardduty: creates the account's detector in us-west-2")
    assert roles.startswith("service-linked roles: created by this stack for ecs.amazonaws.com")


def test_synth_summary_prints_the_notes(capsys, tmp_path) -> None:
    from generator.cli import main

    assert main(["synth", "--env", "local", "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "note: guardduty: creates the account's detector in us-east-1 (guardduty.detector: create)" in out
    assert "note: service-linked roles: created by this stack" in out
