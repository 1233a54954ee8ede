"""The workshop stack on the embedded sandbox: plan, apply, outputs, what AWS says, idempotency, where the
database password is on disk, destroy."""
from __future__ import annotations

import json
import stat

import pytest

pytestmark = pytest.mark.apply

SERVICES = {"ui": 2, "assets": 1, "catalog": 1, "carts": 1, "retail-store-ui-cicd": 2, "retail-store-ui-bg": 4}


def test_terraform_version_and_validate(deployed_stack, lane_toolchain) -> None:
    assert deployed_stack.run.toolchain.version == lane_toolchain.version
    deployed_stack.run.validate()


def test_plan_types_counts_and_key_attributes(deployed_stack) -> None:
    plan = deployed_stack.plan
    counts = plan.counts_by_type()
    assert counts["aws_ecs_service"] == 6 and counts["aws_ecs_task_definition"] == 6
    assert counts["aws_lb"] == 1 and counts["aws_lb_target_group"] == 4 and counts["aws_lb_listener"] == 4
    assert counts["aws_subnet"] == 4 and counts["aws_nat_gateway"] == 1
    assert counts["aws_service_discovery_service"] == 4 and "aws_guardduty_detector_feature" not in counts
    assert counts["aws_guardduty_detector"] == 1 and counts["aws_iam_service_linked_role"] == 5  # a fresh account
    assert counts["aws_codepipeline"] == 2 and counts["aws_codebuild_project"] == 2 and counts["aws_ecr_repository"] == 2
    assert counts["aws_codedeploy_deployment_group"] == 1 and counts["aws_codecommit_repository"] == 1
    assert counts["aws_s3_bucket"] == 3 and "aws_s3_bucket_versioning" not in counts  # inline on 3.39
    assert counts["aws_wafv2_web_acl"] == 1 and counts["aws_wafv2_web_acl_association"] == 1
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


def test_cluster_services_and_task_definitions(deployed_stack) -> None:
    ecs = deployed_stack.client("ecs")
    [cluster] = ecs.describe_clusters(clusters=["retail-store-ecs-cluster"], include=["SETTINGS"])["clusters"]
    assert {"name": "containerInsights", "value": "enabled"} in cluster["settings"]
    services = ecs.describe_services(cluster="retail-store-ecs-cluster", services=list(SERVICES))["services"]
    registered = {td["arn"] for td in deployed_stack.run.state().resources["aws_ecs_task_definition"].values()}
    assert {s["serviceName"]: s["desiredCount"] for s in services} == SERVICES
    for service in services:
        assert service["launchType"] == "FARGATE"
        family = service["taskDefinition"].rsplit("/", 1)[1].split(":")[0]
        assert family == f"retail-store-ecs-{service['serviceName'].removeprefix('retail-store-')}"
        # the revision Terraform registered (revisions count on across lanes: AWS never reuses them)
        assert service["taskDefinition"] in registered
        assert service["networkConfiguration"]["awsvpcConfiguration"]["assignPublicIp"] == "DISABLED"
        if not service["serviceName"].startswith("retail-store-ui-"):
            assert service["serviceRegistries"], "Cloud Map discovery on the 3.39 target"
    bg = next(s for s in services if s["serviceName"] == "retail-store-ui-bg")
    assert bg["deploymentController"] == {"type": "CODE_DEPLOY"}
    ui = next(s for s in services if s["serviceName"] == "ui")
    assert ui["loadBalancers"][0]["containerName"] == "application" and ui["loadBalancers"][0]["containerPort"] == 8080
    td = ecs.describe_task_definition(taskDefinition="retail-store-ecs-catalog")["taskDefinition"]
    assert td["cpu"] == "1024" and td["memory"] == "2048" and td["networkMode"] == "awsvpc"
    secrets = {s["name"]: s["valueFrom"] for s in td["containerDefinitions"][0]["secrets"]}
    assert secrets["DB_PASSWORD"].endswith(":secret:retail-store-ecs-catalog-db-" + secrets["DB_PASSWORD"].split("-")[-1])
    assert secrets["DB_ENDPOINT"].endswith(":parameter/retail-store-ecs/catalog/db-endpoint")


def test_autoscaling(deployed_stack) -> None:
    aas = deployed_stack.client("application-autoscaling")
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


def test_discovery_data_stores_and_secrets(deployed_stack) -> None:
    sd = deployed_stack.client("servicediscovery")
    [namespace] = sd.list_namespaces()["Namespaces"]
    assert namespace["Name"] == "retailstore.local"
    assert sorted(s["Name"] for s in sd.list_services()["Services"]) == ["assets", "carts", "catalog", "ui"]
    table = deployed_stack.client("dynamodb").describe_table(TableName="retail-store-ecs-carts")["Table"]
    assert [i["IndexName"] for i in table["GlobalSecondaryIndexes"]] == ["idx_global_customerId"]
    secret = deployed_stack.client("secretsmanager").describe_secret(SecretId="retail-store-ecs-catalog-db")
    assert secret["Name"] == "retail-store-ecs-catalog-db"
    param = deployed_stack.client("ssm").get_parameter(Name="/retail-store-ecs/catalog/db-endpoint")["Parameter"]
    assert param["Value"].endswith(":3306")
    rds = deployed_stack.client("rds")
    [db] = rds.describe_db_instances(DBInstanceIdentifier="retail-store-ecs-catalog")["DBInstances"]
    assert db["PubliclyAccessible"] is False and db["StorageEncrypted"] is True


def test_pipelines_and_codedeploy(deployed_stack) -> None:
    pipelines = deployed_stack.client("codepipeline")
    bg = pipelines.get_pipeline(name="ecs-immersion-day-retail-store-sample")["pipeline"]
    assert [s["name"] for s in bg["stages"]] == ["Source", "Build", "Deploy_BG"]
    action = bg["stages"][2]["actions"][0]
    assert (action["name"], action["actionTypeId"]["provider"]) == ("deploy_to_ECS", "CodeDeployToECS")
    assert action["configuration"]["AppSpecTemplatePath"] == "appspec.yml"
    assert action["configuration"]["Image1ContainerName"] == "IMAGE_NAME"
    rolling = pipelines.get_pipeline(name="ecs-immersion-day-retail-store-sample-rolling")["pipeline"]
    deploy = rolling["stages"][2]["actions"][0]
    assert (rolling["stages"][2]["name"], deploy["actionTypeId"]["provider"]) == ("Deploy", "ECS")
    assert deploy["configuration"]["ServiceName"] == "retail-store-ui-cicd"
    group = deployed_stack.client("codedeploy").get_deployment_group(
        applicationName="retail-ui-deployment", deploymentGroupName="retail-ui-deployment-group")["deploymentGroupInfo"]
    assert group["deploymentStyle"] == {"deploymentType": "BLUE_GREEN", "deploymentOption": "WITH_TRAFFIC_CONTROL"}
    assert group["ecsServices"] == [{"serviceName": "retail-store-ui-bg", "clusterName": "retail-store-ecs-cluster"}]
    pair = group["loadBalancerInfo"]["targetGroupPairInfoList"][0]
    assert [t["name"] for t in pair["targetGroups"]] == ["blue-ui-application", "green-ui-application"]
    ecr = deployed_stack.client("ecr")
    repo = ecr.describe_repositories(repositoryNames=["retail-store-sample-ui"])["repositories"][0]
    assert repo["imageTagMutability"] == "IMMUTABLE" and repo["imageScanningConfiguration"]["scanOnPush"] is True
    ssm = deployed_stack.client("ssm")
    param = ssm.get_parameter(Name="/codebuild/retail-store-sample-ui-latest-image")["Parameter"]
    assert param["Value"] == "public.ecr.aws/aws-containers/retail-store-sample-ui:0.7.0"


def test_alb_access_logs_waf_and_deletion_protection(deployed_stack) -> None:
    """The opt-ins as the emulator stores them: log bucket and its policy, web ACL on the ALB and its log group."""
    elb = deployed_stack.client("elbv2")
    [lb] = elb.describe_load_balancers(Names=["retail-store-ecs-ui"])["LoadBalancers"]
    attributes = {a["Key"]: a["Value"] for a in
                  elb.describe_load_balancer_attributes(LoadBalancerArn=lb["LoadBalancerArn"])["Attributes"]}
    assert attributes["access_logs.s3.enabled"] == "true" and attributes["access_logs.s3.prefix"] == "alb"
    assert attributes["deletion_protection.enabled"] == "false"  # the sandbox (offline_overrides)
    bucket = attributes["access_logs.s3.bucket"]
    policy = json.loads(deployed_stack.client("s3").get_bucket_policy(Bucket=bucket)["Policy"])
    assert policy["Statement"][0]["Action"] == "s3:PutObject"
    account = deployed_stack.client("sts").get_caller_identity()["Account"]
    assert policy["Statement"][0]["Resource"].endswith(f"/alb/AWSLogs/{account}/*")
    waf = deployed_stack.client("wafv2")
    acl = waf.get_web_acl_for_resource(ResourceArn=lb["LoadBalancerArn"])["WebACL"]
    assert [r["Name"] for r in sorted(acl["Rules"], key=lambda r: r["Priority"])] == [
        "AWSManagedRulesAmazonIpReputationList", "AWSManagedRulesAnonymousIpList", "AWSManagedRulesCommonRuleSet",
        "AWSManagedRulesKnownBadInputsRuleSet"]
    logging = waf.get_logging_configuration(ResourceArn=acl["ARN"])["LoggingConfiguration"]
    assert logging["LogDestinationConfigs"][0].endswith(":log-group:aws-waf-logs-retail-store-ecs-ui")




def test_test_listener_is_open_to_the_vpc_only(deployed_stack) -> None:
    """The blue/green test listener (8083) admits the VPC's CIDR (alb.test_ingress_cidrs' default), not everyone."""
    ec2 = deployed_stack.client("ec2")
    [group] = ec2.describe_security_groups(Filters=[{"Name": "group-name", "Values": ["retail-store-ecs-ui-alb"]}])[
        "SecurityGroups"]
    by_port = {p["FromPort"]: sorted(r["CidrIp"] for r in p.get("IpRanges", [])) for p in group["IpPermissions"]}
    assert by_port[8083] == ["10.0.0.0/16"]
    assert by_port[80] == by_port[8081] == by_port[8082] == ["0.0.0.0/0"]


def test_fresh_account_gets_its_detector_and_service_linked_roles(deployed_stack) -> None:
    [detector] = deployed_stack.client("guardduty").list_detectors()["DetectorIds"]

    assert deployed_stack.run.state().resources["aws_guardduty_detector"]["guardduty_detector"]["id"] == detector
    linked = {r["Path"] for r in deployed_stack.client("iam").list_roles(PathPrefix="/aws-service-role/")["Roles"]}
    assert linked == {f"/aws-service-role/{service}/" for service in (
        "ecs.amazonaws.com", "elasticloadbalancing.amazonaws.com", "ecs.application-autoscaling.amazonaws.com",
        "rds.amazonaws.com", "guardduty.amazonaws.com")}


def test_second_plan_is_empty(deployed_stack) -> None:
    deployed_stack.run.assert_idempotent()


def test_catalog_db_password_only_in_private_files(deployed_stack, workshop_offline) -> None:
    """On 3.39 the password is a sensitive variable: it is in the state, the plan and the run's inputs file, each
    readable by its owner only, in a folder only its owner can enter; never in the document or the log."""
    run = deployed_stack.run
    password = run.inputs.values["catalog_db_password"]
    holding = [p for p in run.folder.rglob("*") if p.is_file() and password.encode() in p.read_bytes()]
    assert {p.name for p in holding} >= {"terraform.tfstate", "inputs.tfvars.json"}
    for path in [*holding, run.directory / "tfplan"]:  # the plan file is a zip: the value is in it, compressed
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    assert stat.S_IMODE(run.folder.stat().st_mode) == 0o700
    assert password not in workshop_offline.json_path.read_text() and password not in run.log_path.read_text()


def test_destroy_leaves_nothing_and_removes_the_run_folder(deployed_stack) -> None:
    deployed_stack.finish()
    report = deployed_stack.report
    assert report is not None and report.clean and report.not_checked == [], report.details()
    assert len(report.findings) == sum(deployed_stack.plan.counts_by_type().values())
    assert not deployed_stack.run.folder.exists() and deployed_stack.folder_note.startswith("run folder deleted")
    # the leak check counts service-linked roles and the detector too
    assert not deployed_stack.client("iam").list_roles(PathPrefix="/aws-service-role/")["Roles"]
