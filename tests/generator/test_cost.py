"""The monthly cost estimate, read from the synthesized stack, against figures computed by hand."""
from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from generator import GeneratorError, describe_cost, estimate_cost, load_env, offline_overrides, synthesize
from generator.cli import main

pytestmark = pytest.mark.static
ROOT = Path(__file__).resolve().parents[2]
HOURS = 730
# By hand, us-west-2 on-demand list prices (generator/data/prices.json, 2026-11-29):
# Fargate x86: $0.04048 per vCPU-hour, $0.004445 per GB-hour; every workshop task is 1 vCPU / 2 GB.
TASK_MONTH = (1 * 0.04048 + 2 * 0.004445) * HOURS  # 36.0401
WORKSHOP = {
    "Fargate": (1 + 1 + 1 + 4 + 2 + 2) * TASK_MONTH,  # assets, carts, catalog, ui-bg 4, ui-cicd 2, ui 2
    "ALB": 0.0225 * HOURS + 1 * 0.008 * HOURS,  # one ALB, assumed 1 LCU per hour
    "public IPv4": 3 * 0.005 * HOURS,  # the NAT gateway's EIP + the internet-facing ALB in two zones
    "NAT gateway": 0.045 * HOURS + 10 * 0.045,  # one NAT gateway, assumed 10 GB processed
    "RDS MySQL": 0.016 * HOURS + 20 * 0.115,  # db.t4g.micro Single-AZ, 20 GB general purpose storage
    "DynamoDB": 1 * 0.25 + 1 * 0.625 + 1 * 0.125,  # carts, on demand: 1 GB, 1M writes, 1M reads assumed
    "CloudWatch Logs": 4 * 1 * 0.50,  # tasks, flow logs, two build log groups: 1 GB each assumed
    "CodeBuild": 2 * 100 * 0.005,  # two BUILD_GENERAL1_SMALL projects, 100 minutes each assumed
    "KMS key": 1.00,  # the logs key
    "Secrets Manager": 0.40,  # the catalog database secret
}


def test_workshop_against_hand_computed_figures(synthesized) -> None:
    stack = synthesized["workshop"]
    estimate = estimate_cost("workshop", stack.document())
    assert estimate.region == "us-west-2" and estimate.as_of == "2026-11-29"
    assert estimate.by_item() == pytest.approx(WORKSHOP, abs=0.005)
    assert estimate.total == pytest.approx(sum(WORKSHOP.values())) == pytest.approx(482.34, abs=0.005)
    fargate = {line.address: line.monthly for line in estimate.lines if line.item == "Fargate"}
    assert fargate["aws_ecs_service.svc_retail_store_ui_bg_service"] == pytest.approx(4 * TASK_MONTH)
    text = estimate.render()
    assert "482.34  total per month" in text and "1 ALB LCU per hour" in text and "not estimated: data transfer" in text


def test_the_deploy_summary_prices_the_same_stack(synthesized, tmp_path: Path) -> None:
    """`python -m harness deploy` renders the workshop for the offline provider and prints describe_cost()."""
    [offline] = synthesize({"workshop": load_env("workshop", overrides=offline_overrides())}, tmp_path)
    text = describe_cost(offline)
    assert text.splitlines()[0].startswith("Monthly cost estimate of workshop (us-west-2)")
    assert "482.34  total per month" in text


def test_an_arm64_service_is_priced_at_the_arm_rate(synthesized) -> None:
    doc = copy.deepcopy(synthesized["workshop"].document())
    doc["resource"]["aws_ecs_task_definition"]["svc_ui_task"]["runtime_platform"]["cpu_architecture"] = "ARM64"
    [ui] = [line for line in estimate_cost("w", doc).lines if line.address == "aws_ecs_service.svc_ui_service"]
    assert ui.monthly == pytest.approx(2 * (0.03238 + 2 * 0.00356) * HOURS)


def test_unpriced_inputs_name_the_field(synthesized) -> None:
    doc = copy.deepcopy(synthesized["workshop"].document())
    doc["resource"]["aws_db_instance"]["db_catalog_instance"]["instance_class"] = "db.r6g.large"
    with pytest.raises(GeneratorError, match=r"stack.json: aws_db_instance.db_catalog_instance.instance_class: "
                                             r"'db.r6g.large' has no price in prices.json; priced: db.t4g.micro"):
        estimate_cost("w", doc, "stack.json")
    doc["provider"]["aws"][0]["region"] = "eu-west-1"
    with pytest.raises(GeneratorError, match=r"provider.aws.region: no prices for 'eu-west-1' in prices.json; "
                                             r"priced regions: us-east-1, us-west-2"):
        estimate_cost("w", doc, "stack.json")


def test_cost_command(tmp_path: Path, capsys) -> None:
    assert main(["cost", "--env", "workshop"]) == 0
    assert "482.34  total per month" in capsys.readouterr().out
    data = yaml.safe_load((ROOT / "envs" / "workshop.yaml").read_text())
    (tmp_path / "eu.yaml").write_text(yaml.safe_dump({**data, "name": "eu", "region": "eu-west-1"}))
    assert main(["--envs-dir", str(tmp_path), "cost", "--env", "eu"]) == 2
    assert "eu.yaml: provider.aws.region: no prices for 'eu-west-1'" in capsys.readouterr().err
