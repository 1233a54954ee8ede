"""The deployer's least-privilege policy: every rendered type covered, the static rules met, scoped to one environment."""
from __future__ import annotations

import json

import pytest

from generator.checks.rules import statement_problems
from generator.deployer.policy import MANAGED_POLICY_CHARACTERS, deployer_policy, managed_policies, missing_entries
from generator.errors import GeneratorError

pytestmark = pytest.mark.static
ACCOUNT = "111122223333"


@pytest.fixture(scope="module")
def documents(synthesized, tmp_path_factory) -> dict[str, tuple[str, dict]]:
    """Every environment in envs/, and the workshop in a fresh account and under an organization's GuardDuty."""
    from generator import load_env, synthesize

    variants = {"fresh": {"guardduty": {"detector": "create"}, "create_service_linked_roles": True},
                "organization": {"guardduty": {"managed_by_organization": True}}}
    extra = synthesize({k: load_env("workshop", overrides=v) for k, v in variants.items()},
                       tmp_path_factory.mktemp("deployer"))
    regions = {"local": "us-east-1"}
    return {s.name: (regions.get(s.name, "us-west-2"), s.document()) for s in [*synthesized.values(), *extra]}


@pytest.fixture(scope="module")
def policies(documents) -> dict[str, dict]:
    return {name: deployer_policy(doc, region=region, account_id=ACCOUNT) for name, (region, doc) in documents.items()}


def statements(policy: dict, sid: str) -> dict:
    [found] = [s for s in policy["Statement"] if s["Sid"] == sid]
    return found


def test_every_rendered_type_has_an_entry(documents) -> None:
    assert {name: missing_entries(doc) for name, (_, doc) in documents.items()} == {name: [] for name in documents}


def test_a_type_without_an_entry_is_refused_by_name(documents) -> None:
    region, doc = documents["workshop"]
    unknown = {**doc, "resource": {**doc["resource"], "aws_sns_topic": {"topic": {"name": "x"}}},
               "data": {**doc["data"], "aws_vpc": {"v": {}}}}
    assert missing_entries(unknown) == ["aws_sns_topic", "data.aws_vpc"]
    with pytest.raises(GeneratorError, match=r"envs/workshop.yaml: aws_sns_topic: no deployer permissions known "
                                             r"for this type; add its provider calls to generator/deployer/actions.py"):
        deployer_policy(unknown, region=region, account_id=ACCOUNT, source="envs/workshop.yaml")


def test_the_static_policy_rules_accept_it(policies) -> None:
    problems = {name: [p for s in policy["Statement"] for p in statement_problems(s)]
                for name, policy in policies.items()}
    assert problems == {name: [] for name in policies}


def test_actions_are_scoped_to_this_environments_resources(policies) -> None:
    policy = policies["workshop"]
    ecs = statements(policy, "EcsOnThisEnvironment")
    assert f"arn:aws:ecs:us-west-2:{ACCOUNT}:cluster/retail-store-ecs-cluster" in ecs["Resource"]
    assert f"arn:aws:ecs:us-west-2:{ACCOUNT}:service/retail-store-ecs-cluster/ui" in ecs["Resource"]
    assert f"arn:aws:ecs:us-west-2:{ACCOUNT}:task-definition/retail-store-ecs-catalog:*" in ecs["Resource"]
    s3 = statements(policy, "S3OnThisEnvironment")["Resource"]
    assert "arn:aws:s3:::ecs-immersion-day-retail-store-sampl-*" in s3  # bucket_prefix: the bucket's name is random
    secrets = statements(policy, "SecretsmanagerOnThisEnvironment")["Resource"]
    # RDS creates and rotates the catalog's managed secret as the caller (rds!db-<id>)
    assert secrets == [f"arn:aws:secretsmanager:us-west-2:{ACCOUNT}:secret:rds!db-*"]
    listeners = statements(policy, "ElasticloadbalancingOnThisEnvironment")["Resource"]
    assert f"arn:aws:elasticloadbalancing:us-west-2:{ACCOUNT}:listener/app/retail-store-ecs-ui/*/*" in listeners
    iam = statements(policy, "IamOnThisEnvironment")["Resource"]
    assert f"arn:aws:iam::{ACCOUNT}:role/retailStoreEcsTaskExecutionRole" in iam
    for statement in policy["Statement"]:
        for arn in [statement["Resource"]] if isinstance(statement["Resource"], str) else statement["Resource"]:
            assert arn == "*" or (f":{ACCOUNT}:" in arn or arn.startswith(("arn:aws:s3:::", "arn:aws:route53:::"))), arn
            assert ":us-east-1:" not in arn, arn


def test_pass_role_only_for_the_stacks_roles_to_their_services(policies, documents) -> None:
    policy = policies["workshop"]
    passes = {s["Condition"]["StringEquals"]["iam:PassedToService"]: s["Resource"]
              for s in policy["Statement"] if s["Action"] == "iam:PassRole"}
    roles = documents["workshop"][1]["resource"]["aws_iam_role"].values()
    expected: dict[str, list[str]] = {}
    for role in roles:
        [statement] = json.loads(role["assume_role_policy"])["Statement"]
        expected.setdefault(statement["Principal"]["Service"], []).append(f"arn:aws:iam::{ACCOUNT}:role/{role['name']}")
    assert passes == {service: sorted(arns) for service, arns in expected.items()}
    assert "ecs-tasks.amazonaws.com" in passes and "codepipeline.amazonaws.com" in passes
    assert not any("iam:PassRole" in s["Action"] for s in policy["Statement"] if s["Action"] != "iam:PassRole")


def test_service_linked_roles_only_for_the_services_that_need_them(policies) -> None:
    create = statements(policies["workshop"], "CreateServiceLinkedRoles")
    assert create["Condition"] == {"StringEquals": {"iam:AWSServiceName": [
        "ecs.amazonaws.com", "ecs.application-autoscaling.amazonaws.com", "elasticloadbalancing.amazonaws.com",
        "rds.amazonaws.com"]}}
    fresh = statements(policies["fresh"], "CreateServiceLinkedRoles")["Condition"]["StringEquals"]
    assert "guardduty.amazonaws.com" in fresh["iam:AWSServiceName"]
    assert f"arn:aws:iam::{ACCOUNT}:role/aws-service-role/guardduty.amazonaws.com/*" in statements(
        policies["fresh"], "IamOnThisEnvironment")["Resource"]


def test_guardduty_permissions_follow_the_mode(policies) -> None:
    actions = {name: {a for s in p["Statement"] for a in ([s["Action"]] if isinstance(s["Action"], str) else s["Action"])
                      if a.startswith("guardduty:")} for name, p in policies.items()}
    assert actions["organization"] == set()
    assert "guardduty:CreateDetector" in actions["fresh"] and "guardduty:DeleteDetector" in actions["fresh"]
    assert actions["workshop"] == {"guardduty:ListDetectors", "guardduty:GetDetector", "guardduty:UpdateDetector"}


def test_split_into_managed_policies_iam_accepts(policies) -> None:
    for policy in policies.values():
        documents = managed_policies(policy)
        assert all(len(json.dumps(d, separators=(",", ":"))) <= MANAGED_POLICY_CHARACTERS for d in documents)
        assert len(documents) <= 10  # managed policies per role, by default
        def grants(docs):
            return {(a, r) for d in docs for s in d["Statement"]
                    for a in ([s["Action"]] if isinstance(s["Action"], str) else s["Action"])
                    for r in ([s["Resource"]] if isinstance(s["Resource"], str) else s["Resource"])}
        assert grants(documents) == grants([policy])
    huge = {"Version": "2012-10-17", "Statement": [{"Sid": "Big", "Effect": "Allow", "Resource": "*",
                                                    "Action": [f"ec2:Describe{i:04d}" for i in range(900)]}]}
    parts = managed_policies(huge)
    assert len(parts) > 1 and sum(len(s["Action"]) for d in parts for s in d["Statement"]) == 900


def test_command_line_writes_the_documents(tmp_path, capsys) -> None:
    from generator.cli import main

    assert main(["deployer-policy", "--env", "workshop", "--account-id", ACCOUNT, "--out", str(tmp_path / "p")]) == 0
    written = sorted((tmp_path / "p").glob("workshop-deployer-*.json"))
    assert written and all(json.loads(p.read_text())["Version"] == "2012-10-17" for p in written)
    assert f"managed policies for environment workshop (account {ACCOUNT}, us-west-2;" in capsys.readouterr().out
    assert main(["deployer-policy", "--env", "workshop", "--account-id", ACCOUNT, "--prefix", "e2e1",
                 "--out", str(tmp_path / "lane")]) == 0
    lane = "".join(p.read_text() for p in (tmp_path / "lane").glob("*.json"))
    assert f"arn:aws:iam::{ACCOUNT}:role/e2e1-vpc-flow-logs" in lane and "role/retail-store-ecs-vpc" not in lane
    capsys.readouterr()
    assert main(["deployer-policy", "--env", "workshop", "--account-id", "12", "--out", str(tmp_path / "q")]) == 2
    assert "--account-id: '12' is not a 12-digit AWS account id" in capsys.readouterr().err
    assert not (tmp_path / "q").exists()


def test_shared_state_adds_exactly_the_state_object_and_its_locks(tmp_path) -> None:
    from generator import load_env, synthesize

    state = {"backend": "s3", "bucket": "acme-tf-state", "key": "retail/workshop.tfstate", "use_lockfile": True,
             "dynamodb_table": "acme-tf-locks"}
    [stack] = synthesize({"shared": load_env("workshop", overrides={"state": state})}, tmp_path)
    policy = deployer_policy(stack.document(), region="us-west-2", account_id=ACCOUNT)
    assert statements(policy, "StateBucket")["Resource"] == "arn:aws:s3:::acme-tf-state"
    assert statements(policy, "StateObjects")["Resource"] == ["arn:aws:s3:::acme-tf-state/retail/workshop.tfstate",
                                                              "arn:aws:s3:::acme-tf-state/retail/workshop.tfstate.tflock"]
    assert statements(policy, "StateLockTable")["Resource"] == \
        f"arn:aws:dynamodb:us-west-2:{ACCOUNT}:table/acme-tf-locks"
    assert [p for s in policy["Statement"] for p in statement_problems(s)] == []
