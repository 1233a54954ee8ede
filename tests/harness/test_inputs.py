"""What the harness reads and writes before Terraform runs: module trees, variables, run folders, overrides, retries."""
from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from harness import InputError, TerraformRun
from harness.inputs import Inputs, parse_cli_value
from harness.overrides import DEFAULT_PROVIDER_FILE, OVERRIDE_FILE, write_backend_override, write_provider_overrides
from harness.phases import timeouts
from harness.retry import RetryPolicy
from harness.source import module_tree, read_module
from harness.workspace import copy_tree, create_run_folder

pytestmark = pytest.mark.static
CORPUS = Path(__file__).resolve().parents[1] / "corpus"
APP = CORPUS / "module-tree" / "live" / "app"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_module_tree_follows_relative_sources_and_names_a_missing_one(tmp_path) -> None:
    tree = module_tree(APP)
    assert {p.relative_to(CORPUS / "module-tree").as_posix() for p in tree} == {
        "live/app", "modules/queue", "modules/alarm", "modules/audit"}
    write(tmp_path / "root" / "main.tf", 'module "gone" {\n  source = "../nowhere"\n}\n')
    with pytest.raises(InputError) as info:
        module_tree(tmp_path / "root")
    assert str(info.value) == (f'{tmp_path / "root"}: module "gone": source \'../nowhere\' is not a folder '
                               f'({tmp_path / "nowhere"})')


def test_declarations_from_hcl_and_json() -> None:
    aliases = read_module(CORPUS / "aliased-providers")
    assert sorted(aliases.aws_providers, key=str) == [None, "backup", "west"]
    data = read_module(CORPUS / "data-stores").variables
    assert (data["db_password"].required, data["db_password"].sensitive, data["db_password"].type) == (
        True, True, "string")
    assert data["name"].required and not data["name"].sensitive
    messaging = read_module(CORPUS / "messaging")  # HCL and Terraform JSON side by side
    assert messaging.variables["name"].required is False
    assert read_module(CORPUS / "module-tree" / "modules" / "audit").aws_providers == (None,)
    assert read_module(APP).variables["queues"].type == "list(string)"


def test_inputs_name_every_problem_before_anything_runs(tmp_path) -> None:
    root = read_module(APP)
    with pytest.raises(InputError) as info:
        Inputs.resolve(root, {"environmnet": "dev"}, [tmp_path / "missing.tfvars"], ["environment", "nope"])
    lines = str(info.value).splitlines()
    assert lines[0] == f"variables: environmnet: not a variable of {APP}; its variables: environment, queues"
    assert lines[1] == f"generate: nope: not a variable of {APP}; its variables: environment, queues"
    assert lines[2] == f"{tmp_path / 'missing.tfvars'}: (file): no such file"
    missing = Inputs.resolve(root).missing(root)
    assert [str(p) for p in missing] == [
        f'{APP / "main.tf"}: variable "environment": required (Stage name, part of every resource name) and not '
        "set: give it in variables / --var, a var file, or TF_VAR_environment"]


def test_every_way_to_set_a_variable_counts(tmp_path, monkeypatch) -> None:
    root_dir = tmp_path / "root"
    write(root_dir / "main.tf", "\n".join(f'variable "{n}" {{\n  type = string\n}}' for n in "abcde"))
    write(root_dir / "terraform.tfvars", 'a = "1"\n')
    write(root_dir / "x.auto.tfvars.json", '{"b": "2"}')
    var_file = write(tmp_path / "c.tfvars", 'c = "3"\n')
    monkeypatch.setenv("TF_VAR_d", "4")
    root = read_module(root_dir)
    inputs = Inputs.resolve(root, {"e": "5"}, [var_file])
    assert inputs.missing(root) == []
    monkeypatch.delenv("TF_VAR_d")
    assert [p.field for p in inputs.missing(root)] == ['variable "d"']


def test_generated_values_only_on_request_and_written_privately(tmp_path) -> None:
    root = read_module(CORPUS / "data-stores")
    assert Inputs.resolve(root, {"name": "x"}).values == {"name": "x"}
    inputs = Inputs.resolve(root, {"name": "x"}, generate=["db_password"])
    secret = inputs.values["db_password"]
    assert len(secret) == 32 and secret != Inputs.resolve(root, generate=["db_password"]).values["db_password"]
    written = inputs.write(tmp_path / "inputs.tfvars.json")
    assert stat.S_IMODE(written.stat().st_mode) == 0o600 and json.loads(written.read_text())["db_password"] == secret
    assert inputs.args(written) == [f"-var-file={written}"]
    with pytest.raises(InputError, match="also given in variables"):
        Inputs.resolve(root, {"db_password": "x"}, generate=["db_password"])


def test_cli_values_follow_the_declared_type() -> None:
    declared = read_module(APP).variables
    assert parse_cli_value(declared["environment"], "environment", '["not", "a", "list"]') == '["not", "a", "list"]'
    assert parse_cli_value(declared["queues"], "queues", '["a", "b"]') == ["a", "b"]
    assert parse_cli_value(None, "undeclared", "text") == "text"
    with pytest.raises(InputError, match=r"--var: queues: list\(string\) needs an HCL value"):
        parse_cli_value(declared["queues"], "queues", "[unclosed")


def test_run_folder_copies_the_tree_privately(tmp_path) -> None:
    source = tmp_path / "repo"
    write(source / "live" / "app" / "main.tf", 'module "q" {\n  source = "../../modules/q"\n}\n')
    write(source / "live" / "app" / "terraform.tfstate", "{}")
    write(source / "live" / "app" / ".terraform" / "junk", "")
    write(source / "modules" / "q" / "main.tf", "")
    write(source / "modules" / "q" / "templates" / "policy.json", "{}")
    write(source / "unrelated" / "big.bin", "x")
    folder = create_run_folder(tmp_path / "run")
    root = copy_tree(source / "live" / "app", [source / "modules" / "q"], folder / "tree")
    assert root == folder / "tree" / "live" / "app"
    copied = sorted(p.relative_to(folder / "tree").as_posix() for p in (folder / "tree").rglob("*") if p.is_file())
    assert copied == ["live/app/main.tf", "modules/q/main.tf", "modules/q/templates/policy.json"]
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    temporary = create_run_folder(None)
    assert stat.S_IMODE(temporary.stat().st_mode) == 0o700
    temporary.rmdir()
    with pytest.raises(FileExistsError):
        create_run_folder(folder)


def test_bad_root_or_missing_variable_is_reported_before_a_folder_is_made(tmp_path) -> None:
    with pytest.raises(InputError, match="not a folder holding a Terraform root module"):
        TerraformRun(tmp_path / "nowhere", tmp_path / "run")
    with pytest.raises(InputError, match='variable "environment": required'):
        TerraformRun(APP, tmp_path / "run", require_inputs=True)
    assert not (tmp_path / "run").exists()


def test_overrides_for_every_provider_configuration(tmp_path) -> None:
    root = write(tmp_path / "root" / "main.tf", 'provider "aws" {\n  alias  = "west"\n  region = "eu-west-1"\n}\n'
                 'terraform {\n  backend "s3" {\n    bucket = "b"\n  }\n}\n').parent
    module = write(tmp_path / "module" / "main.tf", 'provider "aws" {\n  region = "eu-central-1"\n}\n').parent
    plain = write(tmp_path / "plain" / "main.tf", 'variable "x" {}\n').parent
    settings = {"access_key": "k", "endpoints": [{"s3": "http://127.0.0.1:1"}]}
    written = write_provider_overrides(root, [module, plain], settings)
    assert written == [root / OVERRIDE_FILE, root / DEFAULT_PROVIDER_FILE, module / OVERRIDE_FILE]
    assert json.loads((root / OVERRIDE_FILE).read_text()) == {"provider": {"aws": [{**settings, "alias": "west"}]}}
    assert json.loads((root / DEFAULT_PROVIDER_FILE).read_text()) == {"provider": {"aws": [settings]}}
    assert "region" not in (module / OVERRIDE_FILE).read_text()  # every configuration keeps its own region
    backend = write_backend_override(root)
    assert backend is not None and json.loads(backend.read_text())["terraform"]["backend"] == {
        "local": {"path": "terraform.tfstate"}}
    assert write_backend_override(plain) is None


def test_configuration_errors_are_not_transient() -> None:
    policy = RetryPolicy()
    assert policy.transient("Error: read tcp 127.0.0.1:1: connection reset by peer") == "connection reset by peer"
    assert policy.transient("RequestError: send request failed\ncaused by: Post ...: dial tcp: lookup "
                            "ec2.eu-west-1.amazonaws.com: no such host") is None
    assert policy.transient("Error: error configuring Terraform AWS Provider: no valid credential sources for "
                            "Terraform AWS Provider found. ... ServiceUnavailable") is None
    assert policy.transient("Error: Unsupported argument\n ... connection refused") is None


def test_timeouts_are_checked() -> None:
    assert timeouts({"apply": 60})["apply"] == 60 and timeouts()["destroy"] == 1800
    with pytest.raises(InputError) as info:
        timeouts({"aply": 60, "destroy": -1})
    assert [p.field for p in info.value.problems] == ["aply", "destroy"]
