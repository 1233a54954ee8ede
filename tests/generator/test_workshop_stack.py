"""The workshop environment's synthesized JSON, attribute by attribute against WORKSHOP.md (sections 0-5)."""
from __future__ import annotations

import json

import pytest
from tfjson import containers, one, policy, ref, resources

pytestmark = pytest.mark.static

IMAGES = {
    "ui": "public.ecr.aws/aws-containers/retail-store-sample-ui:0.7.0",
    "assets": "public.ecr.aws/aws-containers/retail-store-sample-assets:0.7.0",
    "catalog": "public.ecr.aws/aws-containers/retail-store-sample-catalog:0.7.0",
    "carts": "public.ecr.aws/aws-containers/retail-store-sample-cart:0.8.0",
}
HEALTH = {"ui": "/actuator/health", "assets": "/health.html", "catalog": "/health", "carts": "/actuator/health"}
DESIRED = {"ui": 2, "assets": 1, "catalog": 1, "carts": 1}


@pytest.fixture(scope="module")
def doc(synthesized) -> dict:
    return synthesized["workshop"].document()


def task(doc: dict, service: str) -> tuple[str, dict]:
    return one(doc, "aws_ecs_task_definition", family=f"retail-store-ecs-{service}")


def role_ref(doc: dict, name: str) -> str:
    logical, _ = one(doc, "aws_iam_role", name=name)
    return ref("aws_iam_role", logical, "arn")


def test_provider_constraint_is_the_modern_target(doc) -> None:
    assert doc["terraform"]["required_providers"]["aws"] == {"source": "hashicorp/aws", "version": "6.25.0"}
    assert doc["provider"]["aws"][0]["region"] == "us-west-2"


def test_cluster_with_container_insights(doc) -> None:
    _, cluster = one(doc, "aws_ecs_cluster", name="retail-store-ecs-cluster")
    assert cluster["setting"] == [{"name": "containerInsights", "value": "enabled"}]


@pytest.mark.parametrize("service", list(IMAGES))
def test_task_definition_shape(doc, service) -> None:
    _, td = task(doc, service)
    assert td["network_mode"] == "awsvpc" and td["requires_compatibilities"] == ["FARGATE"]
    assert (td["cpu"], td["memory"]) == ("1024", "2048")
    assert td["runtime_platform"] == {"cpu_architecture": "X86_64", "operating_system_family": "LINUX"}
    [container] = containers(td)
    assert container["name"] == "application" and container["image"] == IMAGES[service]
    assert container["essential"] is True
    assert container["portMappings"] == [{"name": "application", "containerPort": 8080, "hostPort": 8080,
                                          "protocol": "tcp", "appProtocol": "http"}]
    assert container["healthCheck"] == {
        "command": ["CMD-SHELL", f"curl -f http://localhost:8080{HEALTH[service]} || exit 1"],
        "interval": 10, "timeout": 5, "retries": 3, "startPeriod": 60}
    log_group, _ = one(doc, "aws_cloudwatch_log_group", name="retail-store-ecs-tasks")
    assert container["logConfiguration"] == {"logDriver": "awslogs", "options": {
        "awslogs-group": ref("aws_cloudwatch_log_group", log_group, "name"), "awslogs-region": "us-west-2",
        "awslogs-stream-prefix": f"{service}-service"}}


def test_ui_container_and_roles(doc) -> None:
    _, td = task(doc, "ui")
    [container] = containers(td)
    assert container["linuxParameters"] == {"initProcessEnabled": True}
    assert {e["name"]: e["value"] for e in container["environment"]} == {
        "RETAIL_UI_BANNER": "We've updated the UI service!", "ENDPOINTS_CATALOG": "http://catalog",
        "ENDPOINTS_ASSETS": "http://assets", "ENDPOINTS_CARTS": "http://carts"}
    assert td["execution_role_arn"] == role_ref(doc, "retailStoreEcsTaskExecutionRole")
    assert td["task_role_arn"] == role_ref(doc, "retailStoreEcsTaskRole")


def test_assets_has_cpu_zero_and_no_task_role(doc) -> None:
    _, td = task(doc, "assets")
    assert containers(td)[0]["cpu"] == 0
    assert "task_role_arn" not in td
    assert td["execution_role_arn"] == role_ref(doc, "retailStoreEcsTaskExecutionRole")


def test_catalog_secrets_and_database(doc) -> None:
    _, td = task(doc, "catalog")
    [container] = containers(td)
    assert td["execution_role_arn"] == role_ref(doc, "cataologEcsTaskExecutionRole")
    assert container["environment"] == [{"name": "DB_NAME", "value": "catalog"}]
    param, _ = one(doc, "aws_ssm_parameter", name="/retail-store-ecs/catalog/db-endpoint")
    db_name, _ = one(doc, "aws_db_instance", identifier="retail-store-ecs-catalog")
    secret_arn = ref("aws_db_instance", db_name, "master_user_secret[0].secret_arn")  # RDS-managed
    assert container["secrets"] == [
        {"name": "DB_ENDPOINT", "valueFrom": ref("aws_ssm_parameter", param, "arn")},
        {"name": "DB_PASSWORD", "valueFrom": f"{secret_arn}:password::"},
        {"name": "DB_USER", "valueFrom": f"{secret_arn}:username::"}]
    _, db = one(doc, "aws_db_instance", identifier="retail-store-ecs-catalog")
    assert db["engine"] == "mysql" and db["db_name"] == "catalog"
    assert db["publicly_accessible"] is False and db["storage_encrypted"] is True


def test_execution_role_reads_exactly_the_referenced_secrets(doc) -> None:
    name, _ = one(doc, "aws_iam_role", name="cataologEcsTaskExecutionRole")
    _, pol = one(doc, "aws_iam_role_policy", role=ref("aws_iam_role", name, "id"))
    db_name, _ = one(doc, "aws_db_instance", identifier="retail-store-ecs-catalog")
    param, _ = one(doc, "aws_ssm_parameter", name="/retail-store-ecs/catalog/db-endpoint")
    statements = {s["Sid"]: s for s in policy(pol)["Statement"]}
    assert statements["ReadSecrets"]["Action"] == ["secretsmanager:GetSecretValue"]
    assert statements["ReadSecrets"]["Resource"] == [ref("aws_db_instance", db_name, "master_user_secret[0].secret_arn")]
    assert statements["ReadParameters"] == {"Sid": "ReadParameters", "Effect": "Allow",
                                            "Action": ["ssm:GetParameters"],
                                            "Resource": [ref("aws_ssm_parameter", param, "arn")]}
    attachments = resources(doc, "aws_iam_role_policy_attachment").values()
    assert {a["policy_arn"].rsplit(":", 1)[1] for a in attachments} == {
        "policy/service-role/AmazonECSTaskExecutionRolePolicy"}


ACCOUNT = "${data.aws_caller_identity.caller.account_id}"
PARTITION = "${data.aws_partition.partition.partition}"


def test_trust_policy_is_ecs_tasks(doc) -> None:
    """Task roles: ECS tasks of this account only (confused deputy); execution roles as AWS documents them."""
    roles = [r for r in resources(doc, "aws_iam_role").values() if r["description"].startswith("ECS task")]
    assert len(roles) == 4
    trust = {"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole"}
    for role in roles:
        [statement] = policy(role, "assume_role_policy")["Statement"]
        if role["description"] == "ECS task execution role":
            assert statement == trust
        else:
            assert statement == {**trust, "Condition": {
                "StringEquals": {"aws:SourceAccount": ACCOUNT},
                "ArnLike": {"aws:SourceArn": f"arn:{PARTITION}:ecs:us-west-2:{ACCOUNT}:*"}}}


def test_service_roles_name_their_source(doc) -> None:
    """CodeBuild: its project; CodeDeploy: its deployment group; flow logs: this account's flow logs."""
    expected = {
        "ecs-immersion-day-retail-store-sample-build": f"arn:{PARTITION}:codebuild:us-west-2:{ACCOUNT}:project/"
                                                      "ecs-immersion-day-retail-store-sample",
        "ecs-immersion-day-retail-store-sample-codedeploy": f"arn:{PARTITION}:codedeploy:us-west-2:{ACCOUNT}:"
                                                           "deploymentgroup:retail-ui-deployment/"
                                                           "retail-ui-deployment-group",
        "retail-store-ecs-vpc-flow-logs": f"arn:{PARTITION}:ec2:us-west-2:{ACCOUNT}:vpc-flow-log/*"}
    for name, source in expected.items():
        _, role = one(doc, "aws_iam_role", name=name)
        [statement] = policy(role, "assume_role_policy")["Statement"]
        assert statement["Condition"] == {"StringEquals": {"aws:SourceAccount": ACCOUNT},
                                          "ArnLike": {"aws:SourceArn": source}}
    _, pipeline = one(doc, "aws_iam_role", name="ecs-immersion-day-retail-store-sample-pipeline")
    assert "Condition" not in policy(pipeline, "assume_role_policy")["Statement"][0]  # documented exception


def test_carts_least_privilege_on_its_table(doc) -> None:
    _, td = task(doc, "carts")
    [container] = containers(td)
    assert {e["name"]: e["value"] for e in container["environment"]} == {
        "CARTS_DYNAMODB_TABLENAME": "retail-store-ecs-carts", "SPRING_PROFILES_ACTIVE": "dynamodb"}
    table, tbl = one(doc, "aws_dynamodb_table", name="retail-store-ecs-carts")
    assert [i["name"] for i in tbl["global_secondary_index"]] == ["idx_global_customerId"]
    role, _ = one(doc, "aws_iam_role", name="retailStoreCartsEcsTaskRole")
    assert td["task_role_arn"] == ref("aws_iam_role", role, "arn")
    _, pol = one(doc, "aws_iam_role_policy", role=ref("aws_iam_role", role, "id"))
    [statement] = policy(pol)["Statement"]
    arn = ref("aws_dynamodb_table", table, "arn")
    assert statement["Resource"] == [arn, f"{arn}/index/*"]
    assert "dynamodb:Query" in statement["Action"]
    assert all(a.startswith("dynamodb:") and "*" not in a for a in statement["Action"])


def test_ecs_exec(doc) -> None:
    role, _ = one(doc, "aws_iam_role", name="retailStoreEcsTaskRole")
    _, pol = one(doc, "aws_iam_role_policy", role=ref("aws_iam_role", role, "id"))
    assert policy(pol)["Statement"] == [{"Sid": "EcsExec", "Effect": "Allow", "Action": [
        "ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel", "ssmmessages:OpenControlChannel",
        "ssmmessages:OpenDataChannel"], "Resource": ["*"]}]
    _, ui = one(doc, "aws_ecs_service", name="ui")
    assert ui["enable_execute_command"] is True
    caller = json.loads(doc["output"]["ecs_exec_caller_policy"]["value"])["Statement"][0]
    assert caller["Action"] == ["ecs:ExecuteCommand", "ecs:DescribeTasks"]
    assert caller["Resource"][0].endswith(":task/retail-store-ecs-cluster/*")


@pytest.mark.parametrize("service", list(IMAGES))
def test_services(doc, service) -> None:
    _, svc = one(doc, "aws_ecs_service", name=service)
    cluster, _ = one(doc, "aws_ecs_cluster", name="retail-store-ecs-cluster")
    logical, _ = task(doc, service)
    assert svc["cluster"] == ref("aws_ecs_cluster", cluster, "arn")
    assert svc["task_definition"] == ref("aws_ecs_task_definition", logical, "arn")
    assert svc["desired_count"] == DESIRED[service] and svc["launch_type"] == "FARGATE"
    net = svc["network_configuration"]
    assert net["assign_public_ip"] is False
    private = {ref("aws_subnet", n, "id") for n, s in resources(doc, "aws_subnet").items()
               if s["tags"]["Tier"] == "private"}
    assert set(net["subnets"]) == private and len(private) == 2
    assert svc["deployment_circuit_breaker"] == {"enable": True, "rollback": True}
    namespace, ns = one(doc, "aws_service_discovery_private_dns_namespace", name="retailstore.local")
    assert svc["service_connect_configuration"] == {
        "enabled": True, "namespace": ref("aws_service_discovery_private_dns_namespace", namespace, "arn"),
        "service": [{"port_name": "application", "discovery_name": service,
                     "client_alias": {"port": 80, "dns_name": service}}]}


def test_ui_behind_the_alb(doc) -> None:
    _, ui = one(doc, "aws_ecs_service", name="ui")
    tg, group = one(doc, "aws_lb_target_group", name="ui-application")
    assert ui["load_balancer"] == [{"container_name": "application", "container_port": 8080,
                                    "target_group_arn": ref("aws_lb_target_group", tg, "arn")}]
    assert group["target_type"] == "ip" and group["port"] == 8080
    assert group["health_check"]["path"] == "/actuator/health"
    alb, lb = one(doc, "aws_lb", name="retail-store-ecs-ui")
    assert lb["internal"] is False
    public = {ref("aws_subnet", n, "id") for n, s in resources(doc, "aws_subnet").items()
              if s["tags"]["Tier"] == "public"}
    assert set(lb["subnets"]) == public
    _, listener = one(doc, "aws_lb_listener", port=80)
    assert listener["default_action"] == [{"type": "forward",
                                           "target_group_arn": ref("aws_lb_target_group", tg, "arn")}]


def test_autoscaling(doc) -> None:
    _, target = one(doc, "aws_appautoscaling_target", resource_id="service/retail-store-ecs-cluster/ui")
    assert (target["min_capacity"], target["max_capacity"]) == (2, 10)
    assert target["scalable_dimension"] == "ecs:service:DesiredCount" and target["service_namespace"] == "ecs"
    _, pol = one(doc, "aws_appautoscaling_policy", name="ui-scaling-policy")
    assert pol["policy_type"] == "TargetTrackingScaling"
    tracking = pol["target_tracking_scaling_policy_configuration"]
    alb, _ = one(doc, "aws_lb", name="retail-store-ecs-ui")
    tg, _ = one(doc, "aws_lb_target_group", name="ui-application")
    assert tracking["target_value"] == 1500
    assert tracking["predefined_metric_specification"] == {
        "predefined_metric_type": "ALBRequestCountPerTarget",
        "resource_label": f"{ref('aws_lb', alb, 'arn_suffix')}/{ref('aws_lb_target_group', tg, 'arn_suffix')}"}
    _, ui = one(doc, "aws_ecs_service", name="ui")
    assert ui["lifecycle"]["ignore_changes"] == ["desired_count"]


def test_saved_log_queries(doc) -> None:
    queries = {q["name"]: q for q in resources(doc, "aws_cloudwatch_query_definition").values()}
    assert set(queries) == {"retail-store-ecs/recent-logs", "retail-store-ecs/container-utilization",
                            "retail-store-ecs/task-startup"}
    assert queries["retail-store-ecs/recent-logs"]["query_string"] == (
        "fields @timestamp, @logStream, @message | filter @logStream like /ui-service/ "
        "| sort @timestamp desc | limit 10")
    assert queries["retail-store-ecs/container-utilization"]["log_group_names"] == [
        "/aws/ecs/containerinsights/retail-store-ecs-cluster/performance"]
    assert 'filter Type="Task" and ServiceName="ui"' in queries["retail-store-ecs/task-startup"]["query_string"]


def test_guardduty_runtime_monitoring_on_the_accounts_detector(doc) -> None:
    assert "aws_guardduty_detector" not in doc["resource"]  # one per account and region: adopted, not created
    [detector] = doc["data"]["aws_guardduty_detector"]
    _, feature = one(doc, "aws_guardduty_detector_feature", name="RUNTIME_MONITORING")
    assert feature["detector_id"] == f"${{data.aws_guardduty_detector.{detector}.id}}"
    assert feature["status"] == "ENABLED"
    assert feature["additional_configuration"] == [{"name": "ECS_FARGATE_AGENT_MANAGEMENT", "status": "ENABLED"}]


def test_security_groups_admit_only_alb_or_callers(doc) -> None:
    groups = {ref("aws_security_group", n, "id"): g["name"] for n, g in resources(doc, "aws_security_group").items()}
    ingress = [r for r in resources(doc, "aws_security_group_rule").values() if r["type"] == "ingress"]
    admitted: dict[str, set[str]] = {}
    for rule in ingress:
        assert rule["description"]
        source = groups.get(rule.get("source_security_group_id"), "cidr")
        admitted.setdefault(groups[rule["security_group_id"]], set()).add(source)
    front = {"retail-store-ecs-ui", "retail-store-ecs-retail-store-ui-cicd", "retail-store-ecs-retail-store-ui-bg"}
    assert admitted == {
        "retail-store-ecs-ui-alb": {"cidr"},
        **{group: {"retail-store-ecs-ui-alb"} for group in front},
        "retail-store-ecs-catalog": front,
        "retail-store-ecs-assets": front,
        "retail-store-ecs-carts": front,
        "retail-store-ecs-catalog-db": {"retail-store-ecs-catalog"},
    }


def test_every_taggable_resource_is_tagged(doc) -> None:
    for rtype in ("aws_vpc", "aws_ecs_service", "aws_ecs_task_definition", "aws_lb", "aws_iam_role"):
        for item in resources(doc, rtype).values():
            assert item["tags"]["Project"] == "retail-store-ecs" and item["tags"]["Environment"] == "workshop"
