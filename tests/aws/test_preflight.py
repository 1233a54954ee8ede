"""The early account checks (`python -m harness preflight`), against account answers stubbed on the embedded sandbox.

The sandbox starts as a brand-new account; each test puts in what a real account might hold
(a CodeCommit repository, a GuardDuty detector and its administrator, a service-linked role)
and takes it out again.
"""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from harness.preflight import check, read_account

pytestmark = pytest.mark.plan


@pytest.fixture
def account(sandbox):
    """The sandbox as a real account: what each test adds is removed afterwards."""
    made: list = []
    yield sandbox, made.append
    for undo in reversed(made):
        undo()


class Region:
    """The sandbox seen from another region: for answers the emulator cannot take back (it has no
    DisableOrganizationAdminAccount), so they stay out of the region the other tests use."""

    def __init__(self, sandbox, region: str):
        self.account_id, self.region, self._sandbox = sandbox.account_id, region, sandbox

    def client(self, service: str):
        import boto3

        env = self._sandbox.env()
        return boto3.client(service, region_name=self.region, endpoint_url=self._sandbox.endpoint_url,
                            aws_access_key_id=env["AWS_ACCESS_KEY_ID"],
                            aws_secret_access_key=env["AWS_SECRET_ACCESS_KEY"])


def with_repository(sandbox, remember, name: str) -> None:
    codecommit = sandbox.client("codecommit")
    codecommit.create_repository(repositoryName=name)
    remember(lambda: codecommit.delete_repository(repositoryName=name))


def with_detector(sandbox, remember) -> str:
    guardduty = sandbox.client("guardduty")
    detector = guardduty.create_detector(Enable=True)["DetectorId"]
    remember(lambda: guardduty.delete_detector(DetectorId=detector))
    return detector


def lines(env, document, sandbox, **options) -> list[str]:
    return [f"{p.field}: {p.message}" for p in check(env, document, read_account(sandbox.client, sandbox.region),
                                                      **options)]


@pytest.fixture(scope="module")
def workshop(synthesized):
    from generator import load_env

    return load_env("workshop"), synthesized["workshop"].document()


@pytest.fixture(scope="module")
def local(synthesized):
    from generator import load_env

    return load_env("local"), synthesized["local"].document()


def test_a_new_account_is_refused_codecommit_and_the_existing_detector(account, workshop) -> None:
    sandbox, _ = account
    found = lines(*workshop, sandbox)
    codecommit = [p for p in found if ".source.type: codecommit: account " in p]
    assert [p.split(":")[0] for p in codecommit] == ["pipelines.ui-blue-green.source.type",
                                                     "pipelines.ui-rolling.source.type"]
    assert all("closed CodeCommit to new customers on 25 July 2024" in p and "valid here: codestar" in p
               and "--codecommit-available" in p for p in codecommit)
    assert f"guardduty.detector: existing, but account {sandbox.account_id} ({sandbox.region}) has no GuardDuty " \
           "detector; valid here: create" in found
    assert len(found) == 3


def test_an_existing_customer_with_a_detector_passes(account, workshop) -> None:
    sandbox, remember = account
    with_repository(sandbox, remember, "another-team-app")  # CodeCommit open to this account
    with_detector(sandbox, remember)
    assert lines(*workshop, sandbox) == []


def test_the_organization_can_vouch_for_codecommit(account, workshop) -> None:
    sandbox, remember = account
    with_detector(sandbox, remember)
    assert lines(*workshop, sandbox, codecommit_available=True) == []


def test_a_repository_of_the_same_name_is_refused(account, workshop) -> None:
    sandbox, remember = account
    with_repository(sandbox, remember, "retail-store-sample-app")
    with_detector(sandbox, remember)
    assert lines(*workshop, sandbox) == [
        f"pipelines.ui-blue-green.source.repository: 'retail-store-sample-app' exists already in account "
        f"{sandbox.account_id} ({sandbox.region}) and this stack creates it; choose another name",
        f"pipelines.ui-rolling.source.repository: 'retail-store-sample-app' exists already in account "
        f"{sandbox.account_id} ({sandbox.region}) and this stack creates it; choose another name"]


def test_a_member_account_must_leave_runtime_monitoring_to_its_administrator(account, workshop) -> None:
    sandbox, remember = Region(account[0], "eu-north-1"), account[1]
    with_repository(sandbox, remember, "another-team-app")
    with_detector(sandbox, remember)
    sandbox.client("guardduty").enable_organization_admin_account(AdminAccountId="111122223333")
    assert lines(*workshop, sandbox) == [
        f"guardduty.managed_by_organization: false, but GuardDuty in account {sandbox.account_id} ({sandbox.region}) "
        "is administered by account 111122223333, and member accounts cannot change Runtime Monitoring; valid "
        "here: true"]


def test_a_used_account_refuses_a_second_detector_and_taken_roles(account, local) -> None:
    sandbox, remember = account
    with_repository(sandbox, remember, "another-team-app")
    detector = with_detector(sandbox, remember)
    iam = sandbox.client("iam")
    role = iam.create_service_linked_role(AWSServiceName="ecs.amazonaws.com")["Role"]["RoleName"]
    remember(lambda: iam.delete_service_linked_role(RoleName=role))
    assert lines(*local, sandbox) == [
        f"guardduty.detector: create, but account {sandbox.account_id} ({sandbox.region}) has detector {detector} "
        "already and GuardDuty allows one per account and region; valid here: existing",
        f"create_service_linked_roles: true, but account {sandbox.account_id} has the service-linked roles of "
        "ecs.amazonaws.com already (creating one again fails); valid here: false"]


def test_command_line_exits_2_naming_the_fields(sandbox) -> None:
    result = subprocess.run([sys.executable, "-m", "harness", "preflight", "--env", "workshop"],
                            capture_output=True, text=True, env={**os.environ, **sandbox.env()}, timeout=300)
    assert result.returncode == 2, result.stderr
    assert result.stdout.startswith(f"account {sandbox.account_id}, us-west-2: 0 CodeCommit repositories")
    errors = result.stderr.splitlines()
    assert errors[0].startswith(f"error: envs/workshop.yaml (against account {sandbox.account_id}): "
                                "pipelines.ui-blue-green.source.type: codecommit: ")
    assert errors[-1].endswith("guardduty.detector: existing, but account "
                               f"{sandbox.account_id} (us-west-2) has no GuardDuty detector; valid here: create")
    assert "Traceback" not in result.stderr


def test_command_line_without_credentials_says_so(tmp_path) -> None:
    bare = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    result = subprocess.run([sys.executable, "-m", "harness", "preflight", "--env", "workshop"], capture_output=True,
                            text=True, timeout=300, env={**bare, "AWS_CONFIG_FILE": str(tmp_path / "none"),
                                                         "AWS_SHARED_CREDENTIALS_FILE": str(tmp_path / "none"),
                                                         "AWS_EC2_METADATA_DISABLED": "true"})
    assert result.returncode == 1
    assert result.stderr.startswith("error: preflight needs read access to the account (Unable to locate credentials")
    assert "Traceback" not in result.stderr
