"""What a rendering assumes about the account it is applied to, said after synth (`SynthesizedStack.notes()`)."""
from __future__ import annotations

from generator.config.model import EnvironmentConfig


def account_notes(env: EnvironmentConfig, service_linked: tuple[str, ...]) -> list[str]:
    """Which account-level mode each singleton setting is in, and what that means at apply and destroy."""
    guardduty = env.guardduty
    if not guardduty.enabled:
        detection = "guardduty: off (guardduty.enabled: false)"
    elif guardduty.managed_by_organization:
        detection = ("guardduty: managed by the organization's delegated administrator "
                     "(guardduty.managed_by_organization: true); this stack creates and changes nothing in GuardDuty")
    elif guardduty.detector == "create":
        detection = (f"guardduty: creates the account's detector in {env.region} (guardduty.detector: create); "
                     "GuardDuty allows one per account and region, so apply fails where one exists, and destroy "
                     "deletes it (GuardDuty off in the region, findings discarded)")
    else:
        detection = (f"guardduty: adopts the account's existing detector in {env.region} (guardduty.detector: "
                     "existing); plan fails where there is none, as the data source finds no detector (set "
                     "guardduty.detector: create for a fresh account); destroy leaves it as it is")
    if guardduty.enabled and not guardduty.managed_by_organization and guardduty.runtime_monitoring:
        detection += "; manages its ECS Fargate runtime monitoring (left on at destroy)"
    roles = ", ".join(service_linked)
    if env.create_service_linked_roles:
        linked = (f"service-linked roles: created by this stack for {roles} (create_service_linked_roles: true); "
                  "apply fails where they exist already, destroy deletes them")
    else:
        linked = (f"service-linked roles: not managed (create_service_linked_roles: false); {roles} create "
                  "theirs on first use, which needs iam:CreateServiceLinkedRole (the deployer policy grants it)")
    notes = [detection, linked]
    codecommit = sorted(k for k, p in env.pipelines.items() if p.source.type == "codecommit")
    if codecommit:
        notes.append(f"pipeline source: {', '.join(codecommit)} use CodeCommit, which AWS has closed to new "
                     f"customers; check the account with `python -m harness preflight --env {env.name}` or use a "
                     "CodeStar connection (source.type: codestar)")
    return notes
