"""The 3.39.0 target (envs/local.yaml): fallbacks instead of features the provider lacks."""
from __future__ import annotations

import pytest
from tfjson import containers, one, ref, resources

pytestmark = pytest.mark.static


@pytest.fixture(scope="module")
def doc(synthesized) -> dict:
    return synthesized["local"].document()


def test_constraint_matches_target(doc) -> None:
    assert doc["terraform"]["required_providers"]["aws"] == {"source": "hashicorp/aws", "version": "3.39.0"}


def test_cloud_map_dns_discovery_instead_of_service_connect(doc) -> None:
    services = resources(doc, "aws_ecs_service")
    assert services and not any("service_connect_configuration" in s for s in services.values())
    registries = {s["name"]: s.get("service_registries") for s in services.values()}
    for name in ("ui", "assets", "catalog", "carts"):
        logical, entry = one(doc, "aws_service_discovery_service", name=name)
        assert registries[name] == {"registry_arn": ref("aws_service_discovery_service", logical, "arn")}
        assert entry["dns_config"]["dns_records"] == [{"ttl": 10, "type": "A"}]
    _, ui_task = one(doc, "aws_ecs_task_definition", family="ecs-local-ui")
    env = {e["name"]: e["value"] for e in containers(ui_task)[0]["environment"]}
    assert env["ENDPOINTS_CATALOG"] == "http://catalog.ecs-local.local:8080"
    assert env["ENDPOINTS_CARTS"] == "http://carts.ecs-local.local:8080"


def test_port_mappings_without_service_connect_fields(doc) -> None:
    for td in resources(doc, "aws_ecs_task_definition").values():
        assert containers(td)[0]["portMappings"] == [{"containerPort": 8080, "hostPort": 8080, "protocol": "tcp"}]
        assert "runtime_platform" not in td


def test_attributes_spelled_for_3x(doc) -> None:
    assert all(e["vpc"] is True and "domain" not in e for e in resources(doc, "aws_eip").values())
    _, db = one(doc, "aws_db_instance", identifier="ecs-local-catalog")
    assert db["name"] == "catalog" and "db_name" not in db
    assert db["password"] == "${var.catalog_db_password}"
    assert doc["variable"]["catalog_db_password"]["sensitive"] is True
    assert "aws_secretsmanager_random_password" not in doc.get("data", {})
    [cluster] = resources(doc, "aws_ecs_cluster").values()
    assert cluster["capacity_providers"] == [] and "configuration" not in cluster


def test_no_guardduty_features_and_no_tags_where_3x_has_none(doc) -> None:
    assert "aws_guardduty_detector_feature" not in doc["resource"]
    for rtype in ("aws_security_group_rule", "aws_appautoscaling_target", "aws_lb_listener", "aws_route"):
        assert all("tags" not in r for r in resources(doc, rtype).values()), rtype
