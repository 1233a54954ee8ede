"""Each generated IAM role's effective permissions equal a table written here (not read from modules/).

Effective permissions of a role in the workshop stack: action -> resources (with the statement's condition),
over its inline policies, plus the managed policies attached to it. A statement that disappears (PassRole
included), an action added, or a resource widened (`service/*` for one service's ARN) fails the comparison.
`{P}` is the partition prefix (`arn:<partition>`), `{A}` the account id, both data sources in the stack.
"""
from __future__ import annotations

import json
import re
from collections import defaultdict

import pytest
from tfjson import resources

pytestmark = pytest.mark.static
PARTITION = "arn:${data.aws_partition.partition.partition}"
ACCOUNT = "${data.aws_caller_identity.caller.account_id}"
PIPELINE_ROLES = ("pipeline_ui_blue_green_pipeline_role", "pipeline_ui_blue_green_codedeploy_role",
                  "pipeline_ui_rolling_pipeline_role")
PASS_TO_TASKS = ' if {"StringEqualsIfExists": {"iam:PassedToService": "ecs-tasks.amazonaws.com"}}'
TAG_ON_CREATE = ' if {"StringEquals": {"ecs:CreateAction": "RegisterTaskDefinition"}}'

#: role (logical id) -> [(actions, resources)]; "(managed)" lists the attached managed policies
EXPECTED: dict[str, list[tuple[str, list[str]]]] = {
    "iam_cataologEcsTaskExecutionRole": [
        ("(managed)",
         ["{P}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"]),
        ("secretsmanager:GetSecretValue",
         ["${aws_db_instance.db_catalog_instance.master_user_secret[0].secret_arn}"]),
        ("ssm:GetParameters",
         ["${aws_ssm_parameter.db_catalog_endpoint.arn}"]),
    ],
    "iam_retailStoreCartsEcsTaskRole": [
        ("dynamodb:BatchGetItem dynamodb:BatchWriteItem dynamodb:ConditionCheckItem dynamodb:DeleteItem "
         "dynamodb:DescribeTable dynamodb:GetItem dynamodb:PutItem dynamodb:Query dynamodb:Scan "
         "dynamodb:UpdateItem",
         ["${aws_dynamodb_table.table_carts_table.arn}", "${aws_dynamodb_table.table_carts_table.arn}/index/*"]),
    ],
    "iam_retailStoreEcsTaskExecutionRole": [
        ("(managed)",
         ["{P}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"]),
    ],
    "iam_retailStoreEcsTaskRole": [
        ("ssmmessages:CreateControlChannel ssmmessages:CreateDataChannel ssmmessages:OpenControlChannel "
         "ssmmessages:OpenDataChannel",
         ["*"]),
    ],
    "network_flow_logs_role": [
        ("logs:CreateLogStream logs:DescribeLogStreams logs:PutLogEvents",
         ["${aws_cloudwatch_log_group.network_flow_logs.arn}",
          "${aws_cloudwatch_log_group.network_flow_logs.arn}:*"]),
        ("logs:DescribeLogGroups",
         ["*"]),
    ],
    "pipeline_ui_blue_green_build_role": [
        ("ecr:BatchCheckLayerAvailability ecr:BatchGetImage ecr:CompleteLayerUpload "
         "ecr:GetDownloadUrlForLayer ecr:InitiateLayerUpload ecr:PutImage ecr:UploadLayerPart",
         ["${aws_ecr_repository.pipeline_ui_blue_green_registry_repository.arn}"]),
        ("ecr:GetAuthorizationToken",
         ["*"]),
        ("logs:CreateLogStream logs:PutLogEvents",
         ["{P}:logs:us-west-2:{A}:log-group:/codebuild/ecs-immersion-day-retail-store-sample:*"]),
        ("s3:GetBucketLocation s3:GetBucketVersioning",
         ["${aws_s3_bucket.pipeline_ui_blue_green_artifacts_bucket.arn}"]),
        ("s3:GetObject s3:GetObjectVersion s3:PutObject",
         ["${aws_s3_bucket.pipeline_ui_blue_green_artifacts_bucket.arn}/*"]),
        ("ssm:PutParameter",
         ["${aws_ssm_parameter.pipeline_ui_blue_green_latest_image.arn}"]),
    ],
    "pipeline_ui_blue_green_codedeploy_role": [
        ("ecs:CreateTaskSet ecs:DeleteTaskSet",
         ["{P}:ecs:us-west-2:{A}:task-set/${aws_ecs_cluster.cluster_cluster.name}/"
          "${aws_ecs_service.svc_retail_store_ui_bg_service.name}/*"]),
        ("ecs:DescribeServices ecs:UpdateServicePrimaryTaskSet",
         ["${aws_ecs_service.svc_retail_store_ui_bg_service.id}"]),
        ("elasticloadbalancing:DescribeListeners elasticloadbalancing:DescribeRules "
         "elasticloadbalancing:DescribeTargetGroups elasticloadbalancing:DescribeTargetHealth",
         ["*"]),
        ("elasticloadbalancing:ModifyListener",
         ["${aws_lb_listener.alb_listener_8082.arn}", "${aws_lb_listener.alb_listener_8083.arn}"]),
        ("iam:PassRole",
         ["${aws_iam_role.iam_retailStoreEcsTaskExecutionRole.arn}" + PASS_TO_TASKS]),
    ],
    "pipeline_ui_blue_green_pipeline_role": [
        ("codebuild:BatchGetBuilds codebuild:StartBuild",
         ["${aws_codebuild_project.pipeline_ui_blue_green_build_project.arn}"]),
        ("codecommit:CancelUploadArchive codecommit:GetBranch codecommit:GetCommit "
         "codecommit:GetUploadArchiveStatus codecommit:UploadArchive",
         ["${aws_codecommit_repository.source_retail_store_sample_app.arn}"]),
        ("codedeploy:CreateDeployment codedeploy:GetApplication codedeploy:GetApplicationRevision "
         "codedeploy:GetDeployment codedeploy:RegisterApplicationRevision",
         ["{P}:codedeploy:us-west-2:{A}:application:retail-ui-deployment",
          "{P}:codedeploy:us-west-2:{A}:deploymentgroup:retail-ui-deployment/retail-ui-deployment-group"]),
        ("codedeploy:GetDeploymentConfig",
         ["{P}:codedeploy:us-west-2:{A}:deploymentconfig:CodeDeployDefault.ECSLinear10PercentEvery1Minutes"]),
        ("ecs:RegisterTaskDefinition",
         ["{P}:ecs:us-west-2:{A}:task-definition/retail-store-ecs-ui-bg:*"]),
        ("ecs:TagResource",
         ["{P}:ecs:us-west-2:{A}:task-definition/retail-store-ecs-ui-bg:*" + TAG_ON_CREATE]),
        ("iam:PassRole",
         ["${aws_iam_role.iam_retailStoreEcsTaskExecutionRole.arn}" + PASS_TO_TASKS]),
        ("s3:GetBucketLocation s3:GetBucketVersioning",
         ["${aws_s3_bucket.pipeline_ui_blue_green_artifacts_bucket.arn}"]),
        ("s3:GetObject s3:GetObjectVersion s3:PutObject",
         ["${aws_s3_bucket.pipeline_ui_blue_green_artifacts_bucket.arn}/*"]),
    ],
    "pipeline_ui_rolling_build_role": [
        ("ecr:BatchCheckLayerAvailability ecr:BatchGetImage ecr:CompleteLayerUpload "
         "ecr:GetDownloadUrlForLayer ecr:InitiateLayerUpload ecr:PutImage ecr:UploadLayerPart",
         ["${aws_ecr_repository.pipeline_ui_rolling_registry_repository.arn}"]),
        ("ecr:GetAuthorizationToken",
         ["*"]),
        ("logs:CreateLogStream logs:PutLogEvents",
         ["{P}:logs:us-west-2:{A}:log-group:/codebuild/ecs-immersion-day-retail-store-sample-rolling:*"]),
        ("s3:GetBucketLocation s3:GetBucketVersioning",
         ["${aws_s3_bucket.pipeline_ui_rolling_artifacts_bucket.arn}"]),
        ("s3:GetObject s3:GetObjectVersion s3:PutObject",
         ["${aws_s3_bucket.pipeline_ui_rolling_artifacts_bucket.arn}/*"]),
        ("ssm:PutParameter",
         ["${aws_ssm_parameter.pipeline_ui_rolling_latest_image.arn}"]),
    ],
    "pipeline_ui_rolling_pipeline_role": [
        ("codebuild:BatchGetBuilds codebuild:StartBuild",
         ["${aws_codebuild_project.pipeline_ui_rolling_build_project.arn}"]),
        ("codecommit:CancelUploadArchive codecommit:GetBranch codecommit:GetCommit "
         "codecommit:GetUploadArchiveStatus codecommit:UploadArchive",
         ["${aws_codecommit_repository.source_retail_store_sample_app.arn}"]),
        ("ecs:DescribeServices ecs:UpdateService",
         ["${aws_ecs_service.svc_retail_store_ui_cicd_service.id}"]),
        ("ecs:DescribeTaskDefinition",
         ["*"]),
        ("ecs:RegisterTaskDefinition",
         ["{P}:ecs:us-west-2:{A}:task-definition/retail-store-ecs-ui-cicd:*"]),
        ("ecs:TagResource",
         ["{P}:ecs:us-west-2:{A}:task-definition/retail-store-ecs-ui-cicd:*" + TAG_ON_CREATE]),
        ("iam:PassRole",
         ["${aws_iam_role.iam_retailStoreEcsTaskExecutionRole.arn}" + PASS_TO_TASKS]),
        ("s3:GetBucketLocation s3:GetBucketVersioning",
         ["${aws_s3_bucket.pipeline_ui_rolling_artifacts_bucket.arn}"]),
        ("s3:GetObject s3:GetObjectVersion s3:PutObject",
         ["${aws_s3_bucket.pipeline_ui_rolling_artifacts_bucket.arn}/*"]),
    ],
}


def short(text: str) -> str:
    return text.replace(PARTITION, "{P}").replace(ACCOUNT, "{A}")


def effective_permissions(doc: dict) -> dict[str, dict[str, set[str]]]:
    """role logical id -> action -> {resource[ if condition]} over inline policies and managed attachments."""
    def role_of(reference: str) -> str:
        match = re.fullmatch(r"\$\{aws_iam_role\.([^.]+)\.(?:id|name)\}", reference)
        assert match, reference
        return match.group(1)

    found: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for inline in resources(doc, "aws_iam_role_policy").values():
        for statement in json.loads(inline["policy"])["Statement"]:
            assert statement["Effect"] == "Allow" and "NotAction" not in statement and "NotResource" not in statement
            condition = f" if {json.dumps(statement['Condition'], sort_keys=True)}" if "Condition" in statement else ""
            actions, targets = statement["Action"], statement["Resource"]
            for action in [actions] if isinstance(actions, str) else actions:
                for target in [targets] if isinstance(targets, str) else targets:
                    found[role_of(inline["role"])][action].add(short(target) + condition)
    for attachment in resources(doc, "aws_iam_role_policy_attachment").values():
        found[role_of(attachment["role"])]["(managed)"].add(short(attachment["policy_arn"]))
    assert not resources(doc, "aws_iam_policy"), "customer managed policies: extend effective_permissions"
    return {role: dict(actions) for role, actions in found.items()}


def expected_permissions() -> dict[str, dict[str, set[str]]]:
    table: dict[str, dict[str, set[str]]] = {}
    for role, rows in EXPECTED.items():
        table[role] = {}
        for actions, targets in rows:
            for action in actions.split():
                assert action not in table[role], f"{role}: {action} twice in the table"
                table[role][action] = set(targets)
    return table


@pytest.fixture(scope="module")
def permissions(synthesized) -> dict[str, dict[str, set[str]]]:
    return effective_permissions(synthesized["workshop"].document())


def test_every_role_is_in_the_table(synthesized, permissions) -> None:
    roles = set(resources(synthesized["workshop"].document(), "aws_iam_role"))
    assert roles == set(EXPECTED) == set(permissions)


@pytest.mark.parametrize("role", sorted(EXPECTED))
def test_effective_permissions_are_exactly_the_table(permissions, role) -> None:
    got, want = permissions[role], expected_permissions()[role]
    missing = {a: sorted(want[a] - got.get(a, set())) for a in want if want[a] - got.get(a, set())}
    extra = {a: sorted(got[a] - want.get(a, set())) for a in got if got[a] - want.get(a, set())}
    assert not missing and not extra, f"{role}: missing {missing}; not in the table (wider or new) {extra}"


@pytest.mark.parametrize("role", PIPELINE_ROLES)
def test_pass_role_is_required(permissions, role) -> None:
    """Whoever deploys a task definition passes its roles: without PassRole the deploy fails at run time."""
    assert permissions[role].get("iam:PassRole") == {
        "${aws_iam_role.iam_retailStoreEcsTaskExecutionRole.arn}" + PASS_TO_TASKS}


def test_the_comparison_catches_a_widened_resource_and_a_lost_statement(synthesized) -> None:
    """The table comparison itself: a pipeline policy with the service widened to service/* and PassRole removed."""
    doc = json.loads(json.dumps(synthesized["workshop"].document()))
    [inline] = [p for p in resources(doc, "aws_iam_role_policy").values()
                if p["role"] == "${aws_iam_role.pipeline_ui_rolling_pipeline_role.id}"]
    policy = json.loads(inline["policy"])
    service = "${aws_ecs_service.svc_retail_store_ui_cicd_service.id}"
    wide = f"{PARTITION}:ecs:us-west-2:{ACCOUNT}:service/*"
    policy["Statement"] = [{**s, "Resource": [wide if r == service else r for r in s["Resource"]]}
                           for s in policy["Statement"] if "iam:PassRole" not in s["Action"]]
    inline["policy"] = json.dumps(policy)
    got = effective_permissions(doc)["pipeline_ui_rolling_pipeline_role"]
    want = expected_permissions()["pipeline_ui_rolling_pipeline_role"]
    assert "iam:PassRole" not in got and got["ecs:UpdateService"] == {"{P}:ecs:us-west-2:{A}:service/*"} != \
        want["ecs:UpdateService"]
