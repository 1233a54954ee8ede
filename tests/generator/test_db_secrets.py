"""The catalog's credentials: RDS-managed on modern targets (nothing secret in the document, so none in
state), a sensitive input on 3.39; the execution role reads exactly the secret (and its CMK); the app-repo
taskdef.json takes the RDS-generated secret ARN from the applied stack's outputs."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from tfjson import containers, one, policy, resources

from generator import load_env, synthesize
from generator.app_repo import task_definition, write_app_repo_files
from generator.cli import main
from generator.config.errors import ConfigError
from generator.targets import OFFLINE_PROVIDER_VERSION

pytestmark = pytest.mark.static
ROOT = Path(__file__).resolve().parents[2]
ACCOUNT = "111122223333"
KEY = "arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
SECRET = "${aws_db_instance.db_catalog_instance.master_user_secret[0].secret_arn}"


def keys(value) -> set[str]:
    """Every mapping key anywhere in a JSON document."""
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in keys(v)}
    return set()


def test_no_password_value_can_appear_in_the_modern_document(synthesized) -> None:
    """No input, data source, resource or attribute of the 6.25.0 stack can carry the password: RDS
    generates it into its own secret, so neither the document nor the state Terraform writes from it has it."""
    doc = synthesized["workshop"].document()
    assert doc["terraform"]["required_providers"]["aws"]["version"] == "6.25.0"
    _, db = one(doc, "aws_db_instance", identifier="retail-store-ecs-catalog")
    assert db["manage_master_user_password"] is True and "password" not in db
    assert {k for k in keys(doc) if "password" in k.lower()} == {"manage_master_user_password"}
    assert "secret_string" not in keys(doc)
    assert not {"aws_secretsmanager_secret", "aws_secretsmanager_secret_version"} & set(doc["resource"])
    assert "aws_secretsmanager_random_password" not in doc.get("data", {})
    assert not [name for name, v in doc.get("variable", {}).items() if v.get("sensitive")]


def test_catalog_reads_the_rds_managed_secret(synthesized) -> None:
    doc = synthesized["workshop"].document()
    _, td = one(doc, "aws_ecs_task_definition", family="retail-store-ecs-catalog")
    secrets = {s["name"]: s["valueFrom"] for s in containers(td)[0]["secrets"]}
    assert secrets["DB_PASSWORD"] == f"{SECRET}:password::" and secrets["DB_USER"] == f"{SECRET}:username::"
    assert secrets["DB_ENDPOINT"] == "${aws_ssm_parameter.db_catalog_endpoint.arn}"
    _, execution = one(doc, "aws_iam_role_policy", name="cataologEcsTaskExecutionRole-policy")
    statements = {s["Sid"]: s for s in policy(execution)["Statement"]}
    assert statements["ReadSecrets"]["Resource"] == [SECRET] and "DecryptSecrets" not in statements
    assert doc["output"]["database_secret_arns"]["value"] == {"catalog": SECRET}


def test_offline_target_keeps_the_sensitive_variable(synthesized) -> None:
    doc = synthesized["local"].document()
    _, db = one(doc, "aws_db_instance", identifier="ecs-local-catalog")
    assert db["password"] == "${var.catalog_db_password}" and "manage_master_user_password" not in db
    assert doc["variable"]["catalog_db_password"]["sensitive"] is True
    [secret] = resources(doc, "aws_secretsmanager_secret").values()
    assert secret["name"] == "ecs-local-catalog-db"


@pytest.fixture(scope="module")
def with_options(tmp_path_factory):
    """The workshop with a customer managed key and a rotation schedule, for both targets."""
    options = {"databases": {"catalog": {"secret_kms_key_arn": KEY, "rotation_days": 30}}}
    modern = load_env("workshop", overrides=options)
    offline = load_env("workshop", overrides={**options, "provider": {"version": OFFLINE_PROVIDER_VERSION},
                                              "guardduty": {"runtime_monitoring": False},
                                              "databases": {"catalog": {"secret_kms_key_arn": KEY}}})
    stack, old = synthesize({"modern": modern, "offline": offline}, tmp_path_factory.mktemp("options"))
    return stack, old


def test_customer_managed_key_and_rotation(with_options) -> None:
    stack, old = with_options
    doc = stack.document()
    _, db = one(doc, "aws_db_instance", identifier="retail-store-ecs-catalog")
    assert db["master_user_secret_kms_key_id"] == KEY
    [rotation] = resources(doc, "aws_secretsmanager_secret_rotation").values()
    assert rotation["secret_id"] == SECRET and rotation["rotation_rules"] == {"automatically_after_days": 30}
    assert "rotation_lambda_arn" not in rotation  # managed rotation: RDS rotates, no Lambda
    _, execution = one(doc, "aws_iam_role_policy", name="cataologEcsTaskExecutionRole-policy")
    statements = {s["Sid"]: s for s in policy(execution)["Statement"]}
    assert statements["DecryptSecrets"] == {"Sid": "DecryptSecrets", "Effect": "Allow", "Action": ["kms:Decrypt"],
                                            "Resource": [KEY]}
    old_doc = old.document()
    [secret] = resources(old_doc, "aws_secretsmanager_secret").values()
    assert secret["kms_key_id"] == KEY
    checks = [entry.split(":", 1)[0] for entries in old.suppressions().values() for entry in entries]
    assert "CKV_AWS_149" not in checks and "CKV2_AWS_57" in checks  # CMK on; rotation impossible on 3.39


def test_rotation_needs_a_target_with_managed_rotation() -> None:
    with pytest.raises(ConfigError) as caught:
        load_env("workshop", overrides={"provider": {"version": OFFLINE_PROVIDER_VERSION},
                                        "guardduty": {"runtime_monitoring": False},
                                        "databases": {"catalog": {"rotation_days": 30}}})
    assert "databases.catalog.rotation_days: needs hashicorp/aws >= 5.24.0; the target is 3.39.0" in str(caught.value)


@pytest.mark.parametrize("value, message", [(0, "greater than or equal to 1"), (1001, "less than or equal to 1000")])
def test_rotation_days_range(value, message) -> None:
    with pytest.raises(ConfigError, match=message):
        load_env("workshop", overrides={"databases": {"catalog": {"rotation_days": value}}})


def test_kms_key_must_be_a_key_arn() -> None:
    with pytest.raises(ConfigError, match="databases.catalog.secret_kms_key_arn"):
        load_env("workshop", overrides={"databases": {"catalog": {"secret_kms_key_arn": "alias/mine"}}})


CATALOG_PIPELINE = {"pipelines": {"catalog": {"service": "catalog"}}}


def test_taskdef_needs_the_applied_outputs_for_a_managed_secret(tmp_path) -> None:
    env = load_env("workshop", overrides=CATALOG_PIPELINE)
    with pytest.raises(ConfigError) as caught:
        write_app_repo_files(env, "catalog", tmp_path / "out", ACCOUNT)
    assert "--outputs: RDS manages the password of database 'catalog'" in str(caught.value)
    assert not (tmp_path / "out").exists()
    arn = f"arn:aws:secretsmanager:us-west-2:{ACCOUNT}:secret:rds!db-0123-AbCdEf"
    outputs = {"database_secret_arns": {"value": {"catalog": arn}, "type": ["object", {"catalog": "string"}]}}
    definition = task_definition(env, "catalog", ACCOUNT, outputs)
    secrets = {s["name"]: s["valueFrom"] for s in definition["containerDefinitions"][0]["secrets"]}
    assert secrets["DB_PASSWORD"] == f"{arn}:password::" and secrets["DB_USER"] == f"{arn}:username::"
    assert secrets["DB_ENDPOINT"] == f"arn:aws:ssm:us-west-2:{ACCOUNT}:parameter/retail-store-ecs/catalog/db-endpoint"


def test_artifacts_cli_reads_outputs_and_rejects_a_bad_file(tmp_path) -> None:
    envs = tmp_path / "envs"
    envs.mkdir()
    text = (ROOT / "envs" / "workshop.yaml").read_text()
    (envs / "workshop.yaml").write_text(text.replace("\npipelines:\n", "\npipelines:\n  catalog:\n    service: catalog\n", 1))
    base = [sys.executable, "-m", "generator", "--envs-dir", str(envs), "artifacts", "--pipeline", "catalog",
            "--account-id", ACCOUNT, "--out", str(tmp_path / "out")]
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    run = subprocess.run([*base, "--outputs", str(bad)], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 2 and "--outputs: not a readable `terraform output -json` file" in run.stderr
    good = tmp_path / "outputs.json"
    good.write_text(json.dumps({"database_secret_arns": {"value": {"catalog": "arn:aws:secretsmanager:us-west-2:"
                                                                               f"{ACCOUNT}:secret:rds!db-1-AbCdEf"}}}))
    assert main([*base[3:], "--outputs", str(good)]) == 0  # in this process; the bad file above ran as a real one
    assert "rds!db-1-AbCdEf:password::" in (tmp_path / "out" / "taskdef.json").read_text()
