"""The IAM policy a CI role needs to plan, apply and destroy exactly one environment, from its synthesized document.

For every resource type and data source in the document, the provider's calls come from
`generator/deployer/actions.py`; each action is limited to the ARNs of this environment's own
resources of its service (their names, or the account and region where AWS names them by id),
except actions that have no resource-level permissions (the Service Authorization Reference table,
`generator/data/iam_actions.json`, via `generator/checks/rules.py`), which get Resource "*". Two actions get conditions:

- iam:PassRole only for the stack's roles, each only to the service its trust policy names
  (iam:PassedToService: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#ck_PassedToService);
- iam:CreateServiceLinkedRole only for the services whose roles the stack's resources need
  (iam:AWSServiceName: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create-service-linked-role.html#service-linked-role-permissions),
  whether the stack creates them or the services do on first use.

With `state: {backend: s3}` the backend's state object, lock and key are added, nothing else of the bucket.
"""
from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from generator.arns import partition_of
from generator.checks.rules import wildcard_reason
from generator.constructs.service_linked_roles import needed_service_linked_roles
from generator.deployer.actions import DATA_SOURCES, PROVIDER, RESOURCES, Permissions
from generator.errors import GeneratorError, Problem
from generator.iam_reference import load as iam_reference

REFERENCE = re.compile(r"^\$\{(?P<type>aws_[a-z0-9_]+)\.(?P<label>[A-Za-z0-9_-]+)\.[a-z_]+\}$")
FIELD = re.compile(r"\{([a-z_]+)\}")


def missing_entries(document: Mapping[str, Any]) -> list[str]:
    """Resource types and data sources in `document` that actions.py has no entry for."""
    return sorted([t for t in document.get("resource", {}) if t not in RESOURCES]
                  + [f"data.{t}" for t in document.get("data", {}) if t not in DATA_SOURCES])


class _Names:
    """Turns a resource's attributes into ARN parts: literals as they are, references to the referenced name."""

    def __init__(self, document: Mapping[str, Any]):
        self._resources = document.get("resource", {})

    def value(self, body: Mapping[str, Any], attribute: str) -> str | None:
        """The attribute as a name (a reference resolved, `<attr>_prefix` as `prefix*`); None when absent."""
        if isinstance(body.get(attribute), str):
            return self._resolve(body[attribute])
        prefix = body.get(f"{attribute}_prefix")
        return f"{prefix}*" if isinstance(prefix, str) and "${" not in prefix else None

    def _resolve(self, value: str) -> str:
        match = REFERENCE.match(value)
        if match is None:
            return "*" if "${" in value else value
        target = self._resources.get(match["type"], {}).get(match["label"])
        entry = RESOURCES.get(match["type"])
        if target is None or entry is None:
            return "*"
        return self.value(target, entry.name) or "*"


def _arns(entry: Permissions, bodies: Iterable[Mapping[str, Any]], names: _Names,
          context: Mapping[str, str]) -> set[str]:
    """Every ARN template of `entry` filled in for each resource (templates whose attributes it lacks skipped)."""
    found = set()
    for body in bodies:
        for template in entry.arns:
            values = {field: names.value(body, field) for field in FIELD.findall(template) if field not in context}
            if all(v is not None for v in values.values()):
                found.add(template.format(**context, **values))
    return found


def _trusted_services(role: Mapping[str, Any]) -> list[str]:
    document = json.loads(role["assume_role_policy"]) if isinstance(role.get("assume_role_policy"), str) else {}
    services = []
    for statement in document.get("Statement", []):
        principal = statement.get("Principal", {}).get("Service", []) if isinstance(statement, dict) else []
        services += [principal] if isinstance(principal, str) else list(principal)
    return services


def _pass_role(document: Mapping[str, Any], context: Mapping[str, str]) -> list[dict]:
    by_service: dict[str, set[str]] = defaultdict(set)
    for role in document.get("resource", {}).get("aws_iam_role", {}).values():
        for service in _trusted_services(role):
            by_service[service].add(f"arn:{context['partition']}:iam::{context['account']}:role/{role['name']}")
    return [{"Sid": f"PassRolesTo{_sid(service)}", "Effect": "Allow", "Action": "iam:PassRole",
             "Resource": sorted(roles), "Condition": {"StringEquals": {"iam:PassedToService": service}}}
            for service, roles in sorted(by_service.items())]


def _service_linked(document: Mapping[str, Any], context: Mapping[str, str]) -> list[dict]:
    resources = document.get("resource", {})
    services = sorted(set(needed_service_linked_roles(resources)) | {
        r["aws_service_name"] for r in resources.get("aws_iam_service_linked_role", {}).values()})
    if not services:
        return []
    return [{"Sid": "CreateServiceLinkedRoles", "Effect": "Allow", "Action": "iam:CreateServiceLinkedRole",
             "Resource": [f"arn:{context['partition']}:iam::{context['account']}:role/aws-service-role/{s}/*"
                          for s in services],
             "Condition": {"StringEquals": {"iam:AWSServiceName": services}}}]


def _state_backend(document: Mapping[str, Any], context: Mapping[str, str]) -> list[dict]:
    """What Terraform's S3 backend needs on the state object, its lock and its key
    (https://developer.hashicorp.com/terraform/language/backend/s3#permissions-required)."""
    s3 = document.get("terraform", {}).get("backend", {}).get("s3")
    if not s3:
        return []
    partition, account = context["partition"], context["account"]
    objects = [f"arn:{partition}:s3:::{s3['bucket']}/{s3['key']}"]
    if s3.get("use_lockfile"):
        objects.append(f"{objects[0]}.tflock")
    statements: list[dict] = [{"Sid": "StateBucket", "Effect": "Allow", "Action": "s3:ListBucket",
                   "Resource": f"arn:{partition}:s3:::{s3['bucket']}"},
                  {"Sid": "StateObjects", "Effect": "Allow", "Action": ["s3:DeleteObject", "s3:GetObject",
                                                                        "s3:PutObject"], "Resource": objects}]
    if s3.get("dynamodb_table"):
        region = s3.get("region") or context["region"]
        table = f"arn:{partition}:dynamodb:{region}:{account}:table/{s3['dynamodb_table']}"
        statements.append({"Sid": "StateLockTable", "Effect": "Allow", "Resource": table, "Action": [
            "dynamodb:DeleteItem", "dynamodb:DescribeTable", "dynamodb:GetItem", "dynamodb:PutItem"]})
    if s3.get("kms_key_id"):
        statements.append({"Sid": "StateKey", "Effect": "Allow", "Resource": s3["kms_key_id"],
                           "Action": ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"]})
    return statements


def _sid(text: str) -> str:
    return "".join(part.capitalize() for part in re.split(r"[^A-Za-z0-9]+", text) if part)


def deployer_policy(document: Mapping[str, Any], *, region: str, account_id: str,
                    source: str = "deployer policy") -> dict:
    """The IAM policy document (JSON grammar) for planning, applying and destroying `document`."""
    missing = missing_entries(document)
    if missing:
        raise GeneratorError(source, [Problem(t, "no deployer permissions known for this type; add its provider "
                                                 "calls to generator/deployer/actions.py") for t in missing])
    context = {"partition": partition_of(region), "region": region, "account": account_id}
    names = _Names(document)
    scoped: dict[str, set[str]] = defaultdict(set)  # service prefix -> actions
    arns: dict[str, set[str]] = defaultdict(set)  # service prefix -> ARNs of this environment
    anywhere: set[str] = set()
    entries = [(RESOURCES[t], bodies.values()) for t, bodies in document.get("resource", {}).items()]
    entries += [(DATA_SOURCES[t], bodies.values()) for t, bodies in document.get("data", {}).items()]
    entries.append((PROVIDER, [{}]))
    for entry, bodies in entries:
        entry_arns = _arns(entry, bodies, names, context)
        for action in entry.actions:
            if action == "iam:CreateServiceLinkedRole":
                continue  # its own statement, limited by service name
            prefix = action.split(":")[0]
            if wildcard_reason(action) is not None:
                anywhere.add(action)
            else:
                scoped[prefix].add(action)
                # its service's ARNs, and those of other services the reference table authorizes it on
                reference = iam_reference().action(action)
                arns[prefix] |= {a for a in entry_arns if a.split(":")[2] == prefix or (
                    reference is not None and reference.resource_types and iam_reference().may_match(reference, a))}
    unscoped = sorted(p for p in scoped if not arns[p])
    if unscoped:
        raise GeneratorError(source, [Problem(f"{p}:*", "actions with resource-level permissions but no ARN of "
                                                        "this environment to scope them to; give their types ARN "
                                                        "templates in generator/deployer/actions.py")
                                      for p in unscoped])
    statements = [{"Sid": f"{_sid(prefix)}OnThisEnvironment", "Effect": "Allow", "Action": sorted(actions),
                   "Resource": sorted(arns[prefix])} for prefix, actions in sorted(scoped.items())]
    if anywhere:
        statements.append({"Sid": "NoResourceLevelPermissions", "Effect": "Allow", "Action": sorted(anywhere),
                           "Resource": "*"})
    statements += _pass_role(document, context) + _service_linked(document, context) + _state_backend(document, context)
    return {"Version": "2012-10-17", "Statement": statements}


#: "Managed policy size: 6,144 characters", white space not counted; "Managed policies attached to an IAM role: 10"
#: (both adjustable only as listed): https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
MANAGED_POLICY_CHARACTERS = 6144


def policy_size(document: Mapping[str, Any]) -> int:
    """Characters IAM counts for a managed policy (JSON without white space)."""
    return len(json.dumps(document, separators=(",", ":")))


def _fitting(statement: dict, limit: int) -> list[dict]:
    """`statement`, or its actions split in halves until each part fits a policy of its own."""
    actions = statement["Action"]
    if policy_size({"Version": "2012-10-17", "Statement": [statement]}) <= limit or isinstance(actions, str) \
            or len(actions) < 2:
        return [statement]
    half = len(actions) // 2
    return [part for i, chunk in enumerate((actions[:half], actions[half:]), start=1)
            for part in _fitting({**statement, "Sid": f"{statement['Sid']}{i}", "Action": chunk}, limit)]


def managed_policies(policy: Mapping[str, Any], limit: int = MANAGED_POLICY_CHARACTERS) -> list[dict]:
    """The policy packed, statement by statement and in order, into documents IAM accepts as managed policies."""
    documents: list[dict] = []
    for statement in (part for s in policy["Statement"] for part in _fitting(s, limit)):
        if documents and policy_size({**documents[-1], "Statement": [*documents[-1]["Statement"], statement]}) <= limit:
            documents[-1]["Statement"].append(statement)
        else:
            documents.append({"Version": policy["Version"], "Statement": [statement]})
    return documents
