"""Uniqueness after mapping: two config entries must not become one AWS name or one Terraform address.

- AWS names: resources of one kind that AWS keeps unique per account/region (or per VPC) must
  not share a name, compared as AWS compares them (IAM roles, DB identifiers and security
  groups ignore case). Uses that are one resource on purpose (services sharing a role by
  name, pipelines sharing a CodeCommit repository) are not collisions.
- Terraform addresses: keys become construct ids and then logical ids (generator.naming.logical_id
  maps every character but letters, digits and '_' to '_'; constructs/iam.py maps role names to
  construct ids the same way), so `carts-a` and `carts_a` would become one resource. The stack
  also refuses any address two constructs share at synthesis (EcsStack.shared_addresses).
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import regex

from generator.config.aws_names import NameUse, environment_names
from generator.config.aws_rules import names as name_rules
from generator.config.model import EnvironmentConfig
from generator.errors import Problem
from generator.naming import logical_id
from generator.strategies import is_ecs_native
from generator.targets import Feature, ProviderTarget

#: kinds AWS keeps unique (target groups, families, discovery names: validate.check_uniqueness)
UNIQUE_KINDS = ("iam_role", "dynamodb_table", "rds_identifier", "secret", "ssm_parameter", "codepipeline",
                "ecr_repository", "codedeploy_application", "security_group", "log_group")
#: Terraform identifiers: letters, digits, underscores and dashes, not starting with a digit
#: https://developer.hashicorp.com/terraform/language/syntax/configuration#identifiers
TERRAFORM_IDENTIFIER = r"[A-Za-z_][A-Za-z0-9_-]*"


def check(env: EnvironmentConfig) -> list[Problem]:
    """Every AWS name and Terraform address two entries of the environment would share."""
    return _aws_names(environment_names(env)) + _addresses(env)


def _describe(use: NameUse) -> str:
    return f"{use.field} ({use.via})" if use.via else use.field


def _aws_names(uses: list[NameUse]) -> list[Problem]:
    rules, owners = name_rules(), defaultdict(list)
    for use in uses:
        if use.kind in UNIQUE_KINDS:
            rule = rules[use.kind]
            owners[(use.kind, use.value.lower() if rule.case_insensitive else use.value)].append(use)
    problems = []
    for (kind, _), found in owners.items():
        first, seen = found[0], {_identity(found[0])}
        for use in found[1:]:
            if _identity(use) in seen:
                continue
            seen.add(_identity(use))
            rule = rules[kind]
            lead = f"{use.via}: " if use.via else ""
            how = ", ignoring case" if rule.case_insensitive else ""
            problems.append(Problem(use.field, f"{lead}{use.value!r} is also the {rule.what} of {_describe(first)}; "
                                               f"AWS takes each {rule.what} once{how}"))
    return problems


def _identity(use: NameUse) -> tuple:
    """Uses with one identity are one AWS resource (a role shared by name); others are distinct resources."""
    return (use.resource, use.value) if use.resource else (use.field, use.via)


def _same_address(entries: Iterable[tuple[str, str]], what: str) -> list[Problem]:
    """(name, field) pairs whose names become one Terraform address: the second and later, naming the first."""
    owners: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for name, field in entries:
        owners[logical_id([name])].append((name, field))
    return [Problem(field, f"{what} {name!r} and {found[0][0]!r} become the same Terraform address ({address}...), "
                           "so one would replace the other; rename one")
            for address, found in owners.items() for name, field in found[1:]]


def _addresses(env: EnvironmentConfig) -> list[Problem]:
    problems = []
    for section in ("services", "tables", "databases", "pipelines"):
        problems += _same_address(((key, f"{section}.{key}") for key in getattr(env, section)), "keys")
    repositories: dict[str, str] = {}
    for key, pipe in env.pipelines.items():
        if pipe.source.type == "codecommit" and pipe.source.repository:
            repositories.setdefault(pipe.source.repository, f"pipelines.{key}.source.repository")
    problems += _same_address(repositories.items(), "CodeCommit repositories")
    problems += _role_addresses(env) + _target_group_addresses(env)
    if not ProviderTarget(env.provider.version).supports(Feature.MANAGED_MASTER_PASSWORD):
        problems += [Problem(f"databases.{key}", f"the key {key!r} names the Terraform variable {key}_db_password "
                                                 "on this provider target; valid: letters, digits, '_' and '-', "
                                                 "not starting with a digit")
                     for key in env.databases if not regex.fullmatch(TERRAFORM_IDENTIFIER, key)]
    return problems


def _role_addresses(env: EnvironmentConfig) -> list[Problem]:
    """Service roles: role NAME is construct `iam/NAME` (non-alphanumerics as '-') plus `-managed` and `-policy`."""
    roles: dict[str, str] = {}
    for name, svc in env.services.items():
        for field, role in (("execution_role", svc.execution_role), ("task_role", svc.task_role)):
            if role is not None:
                roles.setdefault(role, f"services.{name}.{field}")
    taken: dict[str, str] = {}
    problems = []
    for role, field in roles.items():
        base = logical_id([role])
        ids = {base, f"{base}_managed", f"{base}_policy"}
        clash = next((taken[i] for i in sorted(ids) if i in taken), None)
        if clash is not None:
            problems.append(Problem(field, f"role {role!r} and role {clash!r} become the same Terraform address "
                                           f"(iam_{base}...), so one would replace the other; rename one"))
            continue
        taken.update(dict.fromkeys(ids, role))
    return problems


def _target_group_addresses(env: EnvironmentConfig) -> list[Problem]:
    """Target groups are `alb/SERVICE-tg`, green ones `alb/SERVICE-green-tg`, ECS-native alternate ones
    `alb/SERVICE-alt-tg` (constructs/service.py, pipeline, traffic_shift)."""
    taken: dict[str, str] = {}
    for name, svc in env.services.items():
        if svc.load_balancer:
            taken[logical_id([f"{name}-tg"])] = f"service {name!r}"
    problems = []
    for key, pipe in env.pipelines.items():
        second = {"blue_green": "green"}.get(pipe.strategy, "alt" if is_ecs_native(pipe.strategy) else None)
        if second is not None and pipe.service in env.services:
            address = logical_id([f"{pipe.service}-{second}-tg"])
            if address in taken:
                problems.append(Problem(f"pipelines.{key}.service",
                                        f"the {second} target group of service {pipe.service!r} and the target group "
                                        f"of {taken[address]} become the same Terraform address (alb_{address}); "
                                        "rename the service"))
    return problems
