"""Bad input: every case gets one clear message naming the file, the field and the valid choices."""
from __future__ import annotations

import copy
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from config_problems import problems

from generator.config import ConfigError, load_config, load_env, load_file

pytestmark = pytest.mark.static
ROOT = Path(__file__).resolve().parents[2]


def mutate(base: dict, path: str, value) -> dict:
    data = copy.deepcopy(base)
    *parents, last = path.split(".")
    node = data
    for key in parents:
        node = node.setdefault(key, {})
    if value is KeyError:
        del node[last]
    else:
        node[last] = value
    return data


def test_every_env_file_is_valid() -> None:
    for path in sorted((ROOT / "envs").glob("*.yaml")):
        assert load_file(path).name == path.stem


@pytest.mark.parametrize("path,value,field,expected", [
    ("services.ui.memory", 1024, "services.ui", "memory 1024 is not valid with cpu 1024 on Fargate; valid: 2048..8192"),
    ("services.ui.cpu", 300, "services.ui", "cpu 300 is not a Fargate size; valid: 256, 512, 1024"),
    ("services.ui.port", 70000, "services.ui.port", "less than or equal to 65535"),
    ("network.cidr", "10.0.0.0/33", "network.cidr", "not a valid IPv4 CIDR block"),
    ("network.cidr", "10.0.0.1/16", "network.cidr", "not a valid IPv4 CIDR block"),
    ("network.nat", "none", "network.nat", "'single' or 'per_az'"),
    ("services.ui.image", "Not An Image!", "services.ui.image", "not a valid image reference"),
    ("services.ui.colour", "blue", "services.ui.colour", "unknown key"),
    ("services.ui.environment.ENDPOINTS_CATALOG", {"service_url": "catalgo"},
     "services.ui.environment.ENDPOINTS_CATALOG.service_url", "unknown service 'catalgo'; valid: assets, carts, catalog, retail-store-ui-bg, retail-store-ui-cicd, ui"),
    ("services.catalog.secrets.DB_PASSWORD", {"database": "orders", "field": "password"},
     "services.catalog.secrets.DB_PASSWORD.database", "unknown database 'orders'; valid: catalog"),
    ("services.catalog.secrets.DB_PASSWORD", {"database": "catalog", "field": "pwd"},
     "services.catalog.secrets.DB_PASSWORD.field", "'endpoint', 'username' or 'password'"),
    ("services.carts.access", [{"table": "orders"}], "services.carts.access[0].table", "unknown table 'orders'; valid: carts"),
    ("services.assets.family", "retail-store-ecs-ui", "services.assets.family", "also used by service 'ui'"),
    ("services.assets.service_connect", {"name": "ui"}, "services.assets.service_connect.name", "also used by service 'ui'"),
    ("services.assets.load_balancer", {}, "services.assets.load_balancer.path_patterns", "listener 80 route"),
    ("services.ui.desired_count", 20, "services.ui.desired_count", "outside autoscaling min..max (2..10)"),
    ("services.assets.autoscaling", {"min": 1, "max": 2}, "services.assets.autoscaling.metric",
     "valid without it: ECSServiceAverageCPUUtilization"),
    ("services.ui.autoscaling.metric", "Requests", "services.ui.autoscaling.metric", "'ALBRequestCountPerTarget'"),
    ("alb.certificate_arn", "my-cert", "alb.certificate_arn", "must be an ACM certificate ARN"),
    ("provider.version", "latest", "provider.version", "MAJOR.MINOR.PATCH"),
    ("logs.retention_days", 10, "logs.retention_days", "got 10"),
    ("services.ui.health_check", {"interval": 10}, "services.ui.health_check", "exactly one of 'path' or 'command'"),
    ("services.ui.environment.bad-name", "x", "services.ui.environment", "not a valid environment variable name"),
])
def test_bad_input_names_field_and_choices(workshop, path, value, field, expected) -> None:
    found = problems(mutate(workshop, path, value))
    assert any(p.startswith(f"{field}:") and expected in p for p in found), found


def test_features_the_target_lacks(workshop) -> None:
    data = mutate(workshop, "provider", {"version": "3.39.0"})
    data["services"]["ui"]["cpu_architecture"] = "ARM64"
    found = problems(data)
    assert any(p.startswith("guardduty.runtime_monitoring: needs hashicorp/aws >= 5.17.0") for p in found), found
    assert any(p.startswith("services.ui.cpu_architecture: needs hashicorp/aws >= 3.69.0") and "valid here: X86_64" in p
               for p in found), found


def test_duplicate_yaml_keys_are_errors(tmp_path) -> None:
    path = tmp_path / "dup.yaml"
    path.write_text("name: dup\nservices: {}\nname: again\n")
    with pytest.raises(ConfigError) as info:
        load_file(path)
    assert "duplicate key 'name'" in str(info.value) and str(path) in str(info.value)


def test_error_lines_name_the_file(workshop) -> None:
    with pytest.raises(ConfigError) as info:
        load_config(mutate(workshop, "services.ui.memory", 1), "envs/broken.yaml")
    assert str(info.value).startswith("envs/broken.yaml: services.ui: memory 1 is not valid")


def test_defaults_are_derived_from_prefix() -> None:
    env = load_env("local")
    assert env.cluster.name == "ecs-local-cluster" and env.logs.group == "ecs-local-tasks"
    assert env.services["catalog"].family == "ecs-local-catalog"
    assert env.services["catalog"].execution_role == "ecs-local-catalog-execution"
    assert env.services["assets"].task_role is None  # no exec, no access: no task role
    assert env.databases["catalog"].secret_name == "ecs-local-catalog-db"
    assert env.tables["carts"].name == "ecs-local-carts"


def test_cli_exits_2_and_writes_nothing(tmp_path, workshop) -> None:
    envs = tmp_path / "envs"
    envs.mkdir()
    (envs / "bad.yaml").write_text(yaml.safe_dump(mutate(workshop, "services.ui.cpu", 333)))
    out = tmp_path / "out"
    run = subprocess.run([sys.executable, "-m", "generator", "--envs-dir", str(envs), "synth", "--out", str(out)],
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 2, run.stderr
    assert "bad.yaml: services.ui: cpu 333 is not a Fargate size" in run.stderr
    assert not out.exists() and sorted(p.name for p in tmp_path.iterdir()) == ["envs"]


def test_cli_reads_a_yaml_bomb_in_a_real_process_without_expanding_it(tmp_path) -> None:
    envs = tmp_path / "envs"
    envs.mkdir()
    laughs = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n" for i in range(8))
    (envs / "bomb.yaml").write_text(laughs)
    run = subprocess.run([sys.executable, "-m", "generator", "--envs-dir", str(envs), "validate"],
                         capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert run.stderr.splitlines() == [f"error: {envs / 'bomb.yaml'}: (yaml): expands to more than 20000 values "
                                       "(aliases repeating aliases, a 'billion laughs' file?); an environment needs "
                                       "a few hundred"]
