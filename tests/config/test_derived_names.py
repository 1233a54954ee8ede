"""Derived names never break a rule: too long ones are shortened with a hash of the whole name, so they fit and
two different inputs stay different; explicit names are never shortened. Valid variants stay valid."""
from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest
import yaml

from generator.checks import rules
from generator.checks.terraform import resources
from generator.config import load_config
from generator.config.aws_names import environment_names
from generator.config.aws_rules import names as name_rules
from generator.naming import pipeline_role, shorten

pytestmark = pytest.mark.static
ROOT = Path(__file__).resolve().parents[2]
LOCAL = yaml.safe_load((ROOT / "envs" / "local.yaml").read_text())
WORKSHOP = yaml.safe_load((ROOT / "envs" / "workshop.yaml").read_text())
LONG_PREFIX = "a-very-long-environment-prefix-x"  # 32 characters, the most `prefix` takes
LONG_SERVICE = "service-with-a-rather-long-key-y"  # 32 characters, the most a service key takes


def test_shorten_keeps_short_names_and_hashes_long_ones():
    assert shorten("fits", 32) == "fits"
    first, second = shorten("p" * 60 + "-first", 32), shorten("p" * 60 + "-second", 32)
    assert len(first) == len(second) == 32 and first != second
    assert re.fullmatch(r"p{23}-[0-9a-f]{8}", first)
    assert shorten("p" * 60 + "-first", 32) == first  # deterministic
    assert shorten("abc-" + "-" * 40, 20).count("--") == 0  # no '--' (RDS) where the cut meets the digest
    assert shorten("${TfToken[TOKEN.1]}" + "x" * 80, 32).startswith("${TfToken")  # Terraform knows the length


def test_pipeline_roles_of_long_names_no_longer_collide():
    """Pipeline names of 63+ characters used to truncate to the same role name."""
    a, b = "p" * 64 + "-one", "p" * 64 + "-two"
    assert (f"{a}-build"[:64]) == (f"{b}-build"[:64])  # what truncation did
    assert pipeline_role(a, "build") != pipeline_role(b, "build")
    assert len(pipeline_role(a, "codedeploy")) <= 64 and pipeline_role("short", "build") == "short-build"


def long_names_env() -> dict:
    """local.yaml with the longest prefix and service key: every derived name would be too long unshortened."""
    data = copy.deepcopy(LOCAL)
    data["prefix"] = LONG_PREFIX
    data["services"][LONG_SERVICE] = copy.deepcopy(data["services"].pop("ui-bg"))
    data["pipelines"]["ui-blue-green"]["service"] = LONG_SERVICE
    data["pipelines"]["p" * 70 + "-one"] = {"service": "ui", "strategy": "rolling"}
    del data["pipelines"]["ui-rolling"]
    data["tables"]["t" * 250] = {"attributes": {"id": "S"}}
    data["databases"]["d" * 60] = {"db_name": "other"}
    data["alb"]["ingress_ipv6_cidrs"] = ["::/0"]
    return data


def test_derived_names_fit_and_stay_distinct():
    env = load_config(long_names_env(), "envs/long.yaml")
    rule = name_rules()
    uses = environment_names(env)
    assert all(rule[u.kind].problem(u.value) is None for u in uses)
    svc = env.services[LONG_SERVICE]
    assert len(f"{LONG_PREFIX}-{LONG_SERVICE}-execution") > 64  # what it would be without shortening
    assert len(svc.execution_role) <= 64 and svc.execution_role != env.services["ui"].execution_role
    assert len(svc.load_balancer.target_group_name) <= 32
    assert len(env.alb.name) <= 32 and not env.alb.name.endswith("-")
    assert len(env.databases["d" * 60].identifier) <= 63 and "--" not in env.databases["d" * 60].identifier
    assert len(env.pipelines["p" * 70 + "-one"].name) <= 100


def test_explicit_names_are_never_shortened():
    data = copy.deepcopy(WORKSHOP)
    data["services"]["ui"]["execution_role"] = "r" * 70
    with pytest.raises(Exception, match=r"services\.ui\.execution_role: 'r{70}' is not a valid IAM role name"):
        load_config(data, "envs/explicit.yaml")


@pytest.mark.parametrize("change", [
    {"services": {"assets": {"container_name": "App"}}},  # uppercase container names: fine without Service Connect
    {"services": {"assets": {"health_check": {"path": "/health.html", "retries": 1}}}},  # no ALB: ECS allows 1
    {"databases": {"catalog": {"engine_version": "8.0.40", "instance_class": "db.r7g.large"}}},
    {"alb": {"ingress_cidrs": ["203.0.113.0/24"], "ingress_ipv6_cidrs": ["2001:db8::/32"]}},
    {"tags": {"Environment": "another", "cost-center": "4711 team/a"}},  # the stack's Environment tag wins
    {"databases": {"catalog": {"secret_recovery_days": 7}}},
])
def test_valid_variants_stay_valid(change):
    from generator.config.overrides import merge

    load_config(merge(LOCAL, change), "envs/variant.yaml")


def test_long_derived_names_and_ipv6_ingress_synthesize_within_the_rules(tmp_path):
    from generator.synth import synthesize

    [stack] = synthesize({"long": load_config(long_names_env(), "envs/long.yaml")}, tmp_path)
    doc = stack.document()
    assert rules.check(doc) == []
    roles = [r["name"] for r in resources(doc, "aws_iam_role").values()]
    assert len(roles) == len(set(roles)) and 60 < max(map(len, roles)) <= 64
    clients = {r["description"]: r for r in resources(doc, "aws_security_group_rule").values()
               if r["description"].startswith("clients to listener")}
    assert sorted(clients) == ["clients to listener 80", "clients to listener 8081"]
    assert all(r["ipv6_cidr_blocks"] == ["::/0"] and r["cidr_blocks"] == ["0.0.0.0/0"] for r in clients.values())
