"""`python -m harness preflight --env NAME`: before the first apply, ask the account what the rendering assumes.

The generator never calls AWS, so what only the account can answer is checked here, with the
caller's own credentials, read-only, against the synthesized document (what apply would do):

- a CodeCommit repository the stack creates: AWS closed CodeCommit to new customers on 25 July 2024
  (https://aws.amazon.com/blogs/devops/how-to-migrate-your-aws-codecommit-repository-to-another-git-provider/);
  in an account and organization without a repository, CreateRepository is refused with
  OperationNotAllowedException. An account with no repository is refused here, naming the CodeStar
  connection alternative, unless `--codecommit-available` says the organization has CodeCommit.
  A repository of the same name must not exist either (the stack creates it).
- GuardDuty: one detector per account and region
  (https://docs.aws.amazon.com/guardduty/latest/APIReference/API_CreateDetector.html), so `create`
  needs none and `existing` needs one; a member account whose detector has an administrator
  (https://docs.aws.amazon.com/guardduty/latest/APIReference/API_GetAdministratorAccount.html) cannot
  change Runtime Monitoring (https://docs.aws.amazon.com/guardduty/latest/ug/enable-runtime-monitoring-multiple-acc-env.html).
- service-linked roles the stack creates (create_service_linked_roles: true) must not exist yet:
  creating one again fails ("has been taken in this account").

Problems are reported like any bad input (`file: field: message`, exit 2); nothing is changed.
"""
from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator import ConfigError, Problem, SynthesizedStack, load_env, synthesize

ClientFor = Callable[[str], Any]


@dataclass(frozen=True)
class AccountFacts:
    """What the account holds, as far as the rendering depends on it."""

    account_id: str
    region: str
    codecommit_repositories: frozenset[str]
    detectors: tuple[str, ...]
    guardduty_administrator: str | None
    service_linked_roles: frozenset[str]  # service principals that have one


def read_account(client_for: ClientFor, region: str) -> AccountFacts:
    """Read-only calls: sts:GetCallerIdentity, codecommit:ListRepositories, guardduty:ListDetectors and
    GetAdministratorAccount, iam:ListRoles under /aws-service-role/."""
    codecommit = client_for("codecommit").get_paginator("list_repositories").paginate()
    guardduty = client_for("guardduty")
    detectors = tuple(d for page in guardduty.get_paginator("list_detectors").paginate() for d in page["DetectorIds"])
    administrator = None
    if detectors:
        answer = guardduty.get_administrator_account(DetectorId=detectors[0]).get("Administrator") or {}
        administrator = answer.get("AccountId")
    roles = client_for("iam").get_paginator("list_roles").paginate(PathPrefix="/aws-service-role/")
    return AccountFacts(
        account_id=client_for("sts").get_caller_identity()["Account"], region=region,
        codecommit_repositories=frozenset(r["repositoryName"] for page in codecommit for r in page["repositories"]),
        detectors=detectors, guardduty_administrator=administrator,
        service_linked_roles=frozenset(role["Path"].split("/")[2] for page in roles for role in page["Roles"]))


def check(env: Any, document: dict, facts: AccountFacts, *, codecommit_available: bool = False) -> list[Problem]:
    """What in the rendering of `env` the account would refuse at apply time."""
    resources, data = document.get("resource", {}), document.get("data", {})
    return (_codecommit(env, resources, facts, codecommit_available) + _guardduty(resources, data, facts)
            + _service_linked_roles(resources, facts))


def _codecommit(env: Any, resources: dict, facts: AccountFacts, available: bool) -> list[Problem]:
    names = {r["repository_name"] for r in resources.get("aws_codecommit_repository", {}).values()}
    problems = []
    for key, pipeline in sorted(env.pipelines.items()):
        name = pipeline.source.repository
        if pipeline.source.type != "codecommit" or name not in names:
            continue
        field = f"pipelines.{key}.source"
        if name in facts.codecommit_repositories:
            problems.append(Problem(f"{field}.repository", f"{name!r} exists already in account {facts.account_id} "
                                    f"({facts.region}) and this stack creates it; choose another name"))
        elif not facts.codecommit_repositories and not available:
            problems.append(Problem(f"{field}.type", (
                f"codecommit: account {facts.account_id} has no CodeCommit repository in {facts.region}, and AWS "
                "closed CodeCommit to new customers on 25 July 2024 (CreateRepository is then refused with "
                "OperationNotAllowedException); valid here: codestar, a CodeStar connection to GitHub, GitHub "
                "Enterprise or Bitbucket (source: {type: codestar, connection_arn: ..., repository: OWNER/NAME}); "
                "if your organization already uses CodeCommit, rerun with --codecommit-available")))
    return problems


def _guardduty(resources: dict, data: dict, facts: AccountFacts) -> list[Problem]:
    where = f"account {facts.account_id} ({facts.region})"
    if "aws_guardduty_detector" in resources and facts.detectors:
        return [Problem("guardduty.detector", f"create, but {where} has detector {facts.detectors[0]} already and "
                                              "GuardDuty allows one per account and region; valid here: existing")]
    if "aws_guardduty_detector" in data and not facts.detectors:
        return [Problem("guardduty.detector", f"existing, but {where} has no GuardDuty detector; valid here: create")]
    if "aws_guardduty_detector_feature" in resources and facts.guardduty_administrator:
        return [Problem("guardduty.managed_by_organization", (
            f"false, but GuardDuty in {where} is administered by account {facts.guardduty_administrator}, and "
            "member accounts cannot change Runtime Monitoring; valid here: true"))]
    return []


def _service_linked_roles(resources: dict, facts: AccountFacts) -> list[Problem]:
    wanted = sorted(r["aws_service_name"] for r in resources.get("aws_iam_service_linked_role", {}).values())
    taken = [service for service in wanted if service in facts.service_linked_roles]
    if not taken:
        return []
    return [Problem("create_service_linked_roles", (
        f"true, but account {facts.account_id} has the service-linked roles of {', '.join(taken)} already "
        "(creating one again fails); valid here: false"))]


class AccountUnreadable(RuntimeError):
    """The account could not be asked (no credentials, a call denied): preflight cannot judge."""


def preflight(env: Any, source: str, client_for: ClientFor, workdir: Path, *, codecommit_available: bool = False,
              say: Callable[[str], None] = print) -> SynthesizedStack:
    """Render `env`, read the account, raise ConfigError naming every problem; return the stack when fine."""
    from botocore.exceptions import BotoCoreError, ClientError

    try:
        facts = read_account(client_for, env.region)
    except (BotoCoreError, ClientError) as exc:
        raise AccountUnreadable(f"preflight needs read access to the account ({exc})") from None
    [stack] = synthesize({env.name: env}, workdir)
    say(f"account {facts.account_id}, {facts.region}: {len(facts.codecommit_repositories)} CodeCommit "
        f"repositories, GuardDuty detectors {list(facts.detectors) or 'none'}"
        + (f" (administrator {facts.guardduty_administrator})" if facts.guardduty_administrator else "")
        + f", service-linked roles for {', '.join(sorted(facts.service_linked_roles)) or 'nothing'}")
    problems = check(env, stack.document(), facts, codecommit_available=codecommit_available)
    if problems:
        raise ConfigError(f"{source} (against account {facts.account_id})", problems)
    for note in stack.notes():
        say(f"ok: {note}")
    return stack


def add_command(subparsers: argparse._SubParsersAction) -> None:
    """Register the `preflight` subcommand on the dispatcher's subparsers."""
    parser = subparsers.add_parser("preflight", help="check a real account against an environment before apply")
    parser.add_argument("--env", required=True, help="environment in envs/")
    parser.add_argument("--envs-dir", type=Path, help="folder of environment YAML files (default: the project's envs/)")
    parser.add_argument("--codecommit-available", action="store_true",
                        help="the organization already uses CodeCommit, so an account without a repository may "
                             "create one")
    parser.set_defaults(func=cmd_preflight)


def cmd_preflight(args: argparse.Namespace) -> int:
    """Read the caller's account (its credentials, the environment's region) and check the rendering against it."""
    import tempfile

    import boto3

    env = load_env(args.env, args.envs_dir) if args.envs_dir else load_env(args.env)
    with tempfile.TemporaryDirectory(prefix="ecs-preflight-") as tmp:
        preflight(env, f"{args.envs_dir or 'envs'}/{args.env}.yaml", boto3.Session(region_name=env.region).client,
                  Path(tmp), codecommit_available=args.codecommit_available)
    print("preflight: nothing in the account stands in the way")
    return 0
