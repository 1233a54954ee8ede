"""The `state:` key: validated with clear messages, rendered as the backend, bootstrapped as a checked root."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from config_problems import problems

from generator import load_env, synthesize
from generator.checks.checkov import render_stack, run_checkov
from generator.checks.rules import check
from generator.cli import main
from generator.state_bootstrap import GENERATED, write_state_bootstrap

pytestmark = pytest.mark.static
ROOT = Path(__file__).resolve().parents[2]
TEAM = yaml.safe_load(Path(__file__).with_name("team.yaml").read_text())
S3 = {"backend": "s3", "bucket": "team-state", "key": "team/terraform.tfstate"}


def with_state(**state) -> dict:
    return {**TEAM, "state": state}


@pytest.mark.parametrize("state,expected", [
    ({"bucket": "team-state"}, "state.bucket: only valid with backend: s3 (valid backends: local, s3)"),
    ({"backend": "gcs"}, "state.backend: Input should be 'local' or 's3', got 'gcs'"),
    ({"backend": "s3", "use_lockfile": True}, "state.bucket: required with backend: s3"),
    ({**S3}, "state.use_lockfile: a shared state needs a lock; valid: use_lockfile: true (an S3 lock object, "
             "Terraform >= 1.10) or dynamodb_table: NAME (any Terraform; deprecated from 1.11)"),
    ({**S3, "bucket": "Team_State", "use_lockfile": True}, "state.bucket: 'Team_State' is not a valid S3 bucket name"),
    ({**S3, "bucket": "192.168.5.4", "use_lockfile": True}, "state.bucket: '192.168.5.4' is not a valid S3 bucket"),
    ({**S3, "bucket": "xn--team", "use_lockfile": True}, "state.bucket: 'xn--team' is not a valid S3 bucket name"),
    ({**S3, "key": "/team.tfstate", "use_lockfile": True}, "state.key: '/team.tfstate' must not start or end with '/'"),
    ({**S3, "dynamodb_table": "ab"}, "state.dynamodb_table: 'ab' is not a valid DynamoDB table name"),
    ({**S3, "use_lockfile": True, "encrypt": False, "kms_key_id": "arn:aws:kms:us-east-1:111122223333:key/abc"},
     "state.kms_key_id: only valid with encrypt: true"),
    ({**S3, "use_lockfile": True, "kms_key_id": "alias/state"}, "state.kms_key_id: String should match pattern"),
    ({**S3, "use_lockfile": True, "region": "mars"}, "state.region: String should match pattern"),
])
def test_bad_state_is_named(state: dict, expected: str) -> None:
    assert any(line.startswith(expected) for line in problems(with_state(**state))), problems(with_state(**state))


def test_bad_state_exits_2_on_the_command_line(tmp_path: Path) -> None:
    (tmp_path / "team.yaml").write_text(yaml.safe_dump(with_state(**S3)))
    run = subprocess.run([sys.executable, "-m", "generator", "--envs-dir", str(tmp_path), "validate", "--env",
                          "team"], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 2 and "team.yaml: state.use_lockfile: a shared state needs a lock" in run.stderr
    assert "Traceback" not in run.stderr


def test_backends_as_rendered(tmp_path: Path) -> None:
    local = load_env("local")
    locked = {**S3, "dynamodb_table": "team-locks", "use_lockfile": True, "region": "eu-west-1"}
    dynamo = {**S3, "dynamodb_table": "team-locks"}
    envs = {"plain": local, "dynamo": load_env("local", overrides={"name": "dynamo", "state": dynamo}),
            "both": load_env("local", overrides={"name": "both", "state": locked})}
    docs = {s.name: s.document()["terraform"] for s in synthesize(envs, tmp_path)}
    assert docs["plain"]["backend"] == {"local": {"path": "terraform.tfstate"}}
    assert "required_version" not in docs["plain"]
    assert docs["dynamo"]["backend"] == {"s3": {"bucket": "team-state", "key": "team/terraform.tfstate",
                                                "region": "us-east-1", "encrypt": True, "dynamodb_table": "team-locks"}}
    assert "required_version" not in docs["dynamo"], "DynamoDB locking works with every Terraform"
    assert docs["both"]["backend"]["s3"] == {"bucket": "team-state", "key": "team/terraform.tfstate", "encrypt": True,
                                             "region": "eu-west-1", "dynamodb_table": "team-locks",
                                             "use_lockfile": True}
    assert docs["both"]["required_version"] == ">= 1.10.0", "the S3 lock object needs Terraform >= 1.10"


@pytest.fixture(scope="module")
def bootstraps(tmp_path_factory) -> dict:
    """The bootstrap root of a locked environment for the offline and the modern provider target."""
    out = tmp_path_factory.mktemp("bootstrap")
    state = {**S3, "dynamodb_table": "team-locks"}
    return {version: write_state_bootstrap("team", load_env("local", overrides={
        "provider": {"version": version}, "state": state}), out / version) for version in ("3.39.0", "6.25.0")}


def test_bootstrap_makes_a_private_versioned_encrypted_bucket_and_lock_table(bootstraps) -> None:
    for version, stack in bootstraps.items():
        doc = stack.document()
        assert check(doc) == [], version
        [bucket] = doc["resource"]["aws_s3_bucket"].values()
        assert bucket["bucket"] == "team-state" and not bucket.get("force_destroy")
        [table] = doc["resource"]["aws_dynamodb_table"].values()
        assert (table["hash_key"], table["attribute"], table["billing_mode"]) == (
            "LockID", [{"name": "LockID", "type": "S"}], "PAY_PER_REQUEST")
        [policy] = doc["resource"]["aws_s3_bucket_policy"].values()
        assert json.loads(policy["policy"])["Statement"][0]["Condition"] == {"Bool": {"aws:SecureTransport": "false"}}
        assert doc["terraform"]["backend"] == {"local": {"path": "terraform.tfstate"}}
    assert "aws_s3_bucket_versioning" in bootstraps["6.25.0"].document()["resource"]
    assert bootstraps["3.39.0"].document()["resource"]["aws_s3_bucket"]["state_bucket"]["versioning"] == {
        "enabled": True}


def test_bootstrap_passes_checkov_and_every_suppression_is_needed(bootstraps, tmp_path: Path) -> None:
    for version, stack in bootstraps.items():
        render_stack(stack.document(), stack.blocks(), stack.suppressions(), tmp_path / "suppressed" / version)
        render_stack(stack.document(), stack.blocks(), {}, tmp_path / "bare" / version)
    report, bare = run_checkov(tmp_path / "suppressed"), run_checkov(tmp_path / "bare")
    assert not report.parsing_errors and report.passed > 0
    assert [str(r) for r in report.failed] == []
    recorded = {(version, entry.split(":", 1)[0], address) for version, stack in bootstraps.items()
                for address, entries in stack.suppressions().items() for entry in entries}
    assert {(r.file.strip("/").split("/")[0], r.check_id, r.resource) for r in bare.failed} == recorded


def test_bootstrap_command_keeps_the_roots_state(tmp_path: Path, capsys) -> None:
    envs = tmp_path / "envs"
    envs.mkdir()
    (envs / "team.yaml").write_text(yaml.safe_dump(with_state(**S3, use_lockfile=True)))
    out = tmp_path / "root"
    out.mkdir()
    (out / "terraform.tfstate").write_text("{}")
    assert main(["--envs-dir", str(envs), "state-bootstrap", "--env", "team", "--out", str(out)]) == 0
    assert "no lock table" in capsys.readouterr().out
    assert sorted(p.name for p in out.iterdir()) == sorted([*GENERATED, "terraform.tfstate"])
    assert "aws_dynamodb_table" not in json.loads((out / "cdk.tf.json").read_text())["resource"]


def test_bootstrap_of_a_local_state_is_bad_input(tmp_path: Path, capsys) -> None:
    assert main(["state-bootstrap", "--env", "workshop", "--out", str(tmp_path / "root")]) == 2
    assert "workshop.yaml: state.backend: local state needs no bootstrap" in capsys.readouterr().err
    assert not (tmp_path / "root").exists()
