"""parliament (pinned) over every policy document of a Terraform document, with its findings explained.

parliament checks each statement against its own copy of the IAM definitions (parliament 1.6.4,
published 2025-04). Terraform references have no ARN before apply, so each document is linted in
a concrete form: a reference to a resource of a known type becomes an ARN of that type's format
(generator.iam_reference.TERRAFORM_ARNS), other references become plain values. Findings that
are parliament's data being older than the Service Authorization Reference table this project
checks against (generator/data/iam_actions.json) are listed in EXPLAINED with the reason; any other
finding is a defect of the generated policy.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass

from generator.checks.terraform import as_list, decoded, resources, section
from generator.iam_reference import TOKEN, load

PARLIAMENT_VERSION = "1.6.4"
SAMPLE = {"Partition": "aws", "Region": "us-west-2", "Account": "123456789012"}
#: identity policies (parliament's subject); trust, key and bucket policies are resource policies, whose
#: Resource "*" means the resource itself: generator.checks.rules judges those
POLICY_DOCUMENTS = {"aws_iam_role_policy": "policy", "aws_iam_policy": "policy", "aws_iam_user_policy": "policy",
                    "aws_iam_group_policy": "policy"}

#: (parliament issue, action) -> why it is not a defect
EXPLAINED: dict[tuple[str, str], str] = {
    ("RESOURCE_MISMATCH", "ecs:CreateTaskSet"):
        "parliament 1.6.4's data lists no resource types for ecs:CreateTaskSet; the Service Authorization "
        "Reference lists task-set* (https://docs.aws.amazon.com/service-authorization/latest/reference/"
        "list_amazonelasticcontainerservice.html), so the policy scopes it to the service's task sets",
    **{("RESOURCE_MISMATCH", f"elasticloadbalancing:{action}"):
       f"parliament wants an ARN of every resource type it lists for the action ({kind}/app, {kind}/net); "
       f"the Service Authorization Reference lists one {kind} type per load balancer type "
       "(https://docs.aws.amazon.com/service-authorization/latest/reference/list_elasticloadbalancingv2.html): "
       f"an ALB's {kind}s are {kind}/app ARNs, which the policy names"
       for action, kind in (("ModifyListener", "listener"), ("ModifyRule", "listener-rule"))},
}


@dataclass(frozen=True)
class LintFinding:
    """One parliament finding in one document."""

    address: str
    issue: str
    actions: tuple[str, ...]
    detail: str

    def __str__(self) -> str:
        return f"[parliament {self.issue}] {self.address}: {self.detail}"

    @property
    def explanation(self) -> str | None:
        """Why this finding is not a defect (None when it is one)."""
        reasons = [EXPLAINED.get((self.issue, action)) for action in self.actions]
        return reasons[0] if reasons and all(reasons) and len(set(reasons)) == 1 else None


def _resolve(text: str) -> str:
    """One string with every reference replaced: ARNs of known types, sample partition/region/account, `x`."""
    sample = load().sample_arn(text)
    sample = re.sub(r"\$\{(Partition|Region|Account)\}", lambda m: SAMPLE[m.group(1)], sample)
    sample = re.sub(r"\$\{data\.aws_partition\.[^}]*\}", "aws", sample)
    sample = re.sub(r"\$\{data\.aws_caller_identity\.[^}]*\}", SAMPLE["Account"], sample)
    sample = re.sub(r"\$\{data\.aws_region\.[^}]*\}", SAMPLE["Region"], sample)
    return TOKEN.sub("x", sample)


def _resource(value: str, actions: list[str]) -> list[str]:
    """A Resource entry made concrete; a whole expression of unknown type (a variable, `compact(...)`)
    stands for an ARN of the first action's resource type, as the project's rules leave it unjudged."""
    if TOKEN.fullmatch(value) and not load().sample_arn(value).startswith("arn:"):
        action = next((a for a in map(load().action, actions) if a is not None and a.resource_types), None)
        if action is not None:
            return [_resolve(load().arn_formats(action)[0])]
    return [_resolve(value)]


def concrete(policy: dict) -> dict:
    """A policy document with every Terraform reference replaced by a concrete value."""
    statements = []
    for statement in as_list(policy.get("Statement")):
        out = {k: v for k, v in statement.items() if k != "Resource"}
        actions = [a for a in as_list(statement.get("Action")) if isinstance(a, str)]
        if "Resource" in statement:
            out["Resource"] = [r for value in as_list(statement["Resource"]) for r in _resource(str(value), actions)]
        statements.append(json.loads(_resolve(json.dumps(out))))
    return {**policy, "Statement": statements}


def documents(doc: dict) -> list[tuple[str, dict]]:
    """(address, identity policy document) for every one in a Terraform document, outputs holding one included."""
    found = []
    for rtype, attribute in POLICY_DOCUMENTS.items():
        for name, body in resources(doc, rtype).items():
            policy = decoded(body.get(attribute))
            # a Statement written as one expression (statements chosen at apply time, e.g. the service modules'
            # secret reads) has no literal statements to lint, as for the static rules (rules._document_statements)
            if isinstance(policy, dict) and isinstance(policy.get("Statement"), (list, dict)) and policy["Statement"]:
                found.append((f"{rtype}.{name}", policy))
    for name, body in section(doc, "output").items():
        policy = decoded(body.get("value"))
        if isinstance(policy, dict) and policy.get("Statement"):
            found.append((f"output.{name}", policy))
    return found


def lint(doc: dict) -> list[LintFinding]:
    """parliament's findings for every policy of `doc` (explained ones included; see `explanation`)."""
    from parliament import analyze_policy_string

    findings = []
    for address, policy in documents(doc):
        result = analyze_policy_string(json.dumps(concrete(policy)), ignore_private_auditors=True)
        for finding in result.findings:
            details = finding.detail if isinstance(finding.detail, list) else [finding.detail]
            actions = tuple(sorted({str(d.get("action")) for d in details if isinstance(d, dict) and "action" in d}
                                   | {str(d) for d in details if isinstance(d, str) and ":" in d}))
            findings.append(LintFinding(address, finding.issue, actions, json.dumps(finding.detail, default=str)))
    return findings


def unexplained(doc: dict) -> list[LintFinding]:
    """The findings that are defects."""
    return [f for f in lint(doc) if f.explanation is None]


def statements(doc: dict) -> int:
    """How many statements the linter sees (so a test can tell it judged something)."""
    return sum(len(as_list(policy.get("Statement"))) for _, policy in documents(doc))
