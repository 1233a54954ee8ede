"""The workshop stack on the embedded sandbox: plan, apply, outputs, what AWS says, idempotency, destroy."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.apply

SERVICES = {"ui": 2, "assets": 1, "catalog": 1, "carts": 1}


def test_plan_types_counts_and_key_attributes(deployed_stack) -> None:
    plan = deployed_stack.plan
    counts = plan.counts_by_type()
    assert counts["aws_ecs_service"] == 4 and counts["aws_ecs_task_definition"] == 4
    assert counts["aws_lb"] == 1 and counts["aws_lb_target_group"] == 1 and counts["aws_lb_listener"] == 1
    assert counts["aws_subnet"] == 4 and counts["aws_nat_gateway"] == 1
    assert counts["aws_service_discovery_service"] == 4 and "aws_guardduty_detector_feature" not in counts
    services = {s["name"]: s for s in plan.of_type("aws_ecs_service")}
    assert {n: s["desired_count"] for n, s in services.items()} == SERVICES
    assert all(s["launch_type"] == "FARGATE" for s in services.values())
    assert all(s["network_configuration"][0]["assign_public_ip"] is False for s in services.values())
    [cluster] = plan.of_type("aws_ecs_cluster")
    assert cluster["setting"] == [{"name": "containerInsights", "value": "enabled"}]
    assert all(c.actions == ("create",) for c in plan.pending())


def test_outputs(deployed_stack) -> None:
    run = deployed_stack.run
    assert run.output_str("alb_dns_name").endswith(".elb.amazonaws.com")
    assert run.output_str("cluster_name") == "retail-store-ecs-cluster"
    assert run.output_map("service_names") == {k: k for k in SERVICES}
    assert run.state().resources["aws_ecs_cluster"]["cluster_cluster"]["name"] == "retail-store-ecs-cluster"


def test_cluster_services_and_task_definitions(deployed_stack, sandbox) -> None:
    ecs = sandbox.client("ecs")
    [cluster] = ecs.describe_clusters(clusters=["retail-store-ecs-cluster"], include=["SETTINGS"])["clusters"]
    assert {"name": "containerInsights", "value": "enabled"} in cluster["settings"]
    services = ecs.describe_services(cluster="retail-store-ecs-cluster", services=list(SERVICES))["services"]
    assert {s["serviceName"]: s["desiredCount"] for s in services} == SERVICES
    for service in services:
        assert service["launchType"] == "FARGATE"
        family, revision = service["taskDefinition"].rsplit("/", 1)[1].split(":")
        assert family == f"retail-store-ecs-{service['serviceName']}" and revision == "1"
        assert service["networkConfiguration"]["awsvpcConfiguration"]["assignPublicIp"] == "DISABLED"
        assert service["serviceRegistries"], "Cloud Map discovery on the 3.39 target"
    ui = next(s for s in services if s["serviceName"] == "ui")
    assert ui["loadBalancers"][0]["containerName"] == "application" and ui["loadBalancers"][0]["containerPort"] == 8080
    td = ecs.describe_task_definition(taskDefinition="retail-store-ecs-catalog")["taskDefinition"]
    assert td["cpu"] == "1024" and td["memory"] == "2048" and td["networkMode"] == "awsvpc"
    secrets = {s["name"]: s["valueFrom"] for s in td["containerDefinitions"][0]["secrets"]}
    assert secrets["DB_PASSWORD"].endswith(":secret:retail-store-ecs-catalog-db-" + secrets["DB_PASSWORD"].split("-")[-1])
    assert secrets["DB_ENDPOINT"].endswith(":parameter/retail-store-ecs/catalog/db-endpoint")


def test_autoscaling(deployed_stack, sandbox) -> None:
    aas = sandbox.client("application-autoscaling")
    [target] = aas.describe_scalable_targets(ServiceNamespace="ecs")["ScalableTargets"]
    assert (target["ResourceId"], target["MinCapacity"], target["MaxCapacity"]) == (
        "service/retail-store-ecs-cluster/ui", 2, 10)
    [policy] = aas.describe_scaling_policies(ServiceNamespace="ecs")["ScalingPolicies"]
    tracking = policy["TargetTrackingScalingPolicyConfiguration"]
    assert policy["PolicyName"] == "ui-scaling-policy" and tracking["TargetValue"] == 1500
    spec = tracking["PredefinedMetricSpecification"]
    assert spec["PredefinedMetricType"] == "ALBRequestCountPerTarget"
    assert spec["ResourceLabel"].startswith("app/retail-store-ecs-ui/") and "/targetgroup/ui-application/" in \
        spec["ResourceLabel"]


def test_discovery_data_stores_and_secrets(deployed_stack, sandbox) -> None:
    sd = sandbox.client("servicediscovery")
    [namespace] = sd.list_namespaces()["Namespaces"]
    assert namespace["Name"] == "retailstore.local"
    assert sorted(s["Name"] for s in sd.list_services()["Services"]) == sorted(SERVICES)
    table = sandbox.client("dynamodb").describe_table(TableName="retail-store-ecs-carts")["Table"]
    assert [i["IndexName"] for i in table["GlobalSecondaryIndexes"]] == ["idx_global_customerId"]
    secret = sandbox.client("secretsmanager").describe_secret(SecretId="retail-store-ecs-catalog-db")
    assert secret["Name"] == "retail-store-ecs-catalog-db"
    param = sandbox.client("ssm").get_parameter(Name="/retail-store-ecs/catalog/db-endpoint")["Parameter"]
    assert param["Value"].endswith(":3306")
    [db] = sandbox.client("rds").describe_db_instances(DBInstanceIdentifier="retail-store-ecs-catalog")["DBInstances"]
    assert db["PubliclyAccessible"] is False and db["StorageEncrypted"] is True


def test_second_plan_is_empty(deployed_stack) -> None:
    deployed_stack.run.assert_idempotent()


def test_destroy_leaves_nothing(deployed_stack) -> None:
    deployed_stack.destroy_and_check()
    assert deployed_stack.sandbox.leaks_since(deployed_stack.baseline) == []
