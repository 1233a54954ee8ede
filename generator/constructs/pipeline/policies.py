"""Least-privilege statements for CodePipeline, CodeBuild and CodeDeploy roles.

Resources are this stack's own ARNs, of the resource types the Service Authorization Reference lists
for each action (generator/data/iam_actions.json); "*" appears exactly for the actions it lists without
resource types (generator.checks.rules checks both), and iam:PassRole is limited to the service's
task and execution roles, passed only to ECS tasks.
"""
from __future__ import annotations

from typing import Any


def statement(sid: str, actions: list[str], resources: list[str], condition: dict | None = None) -> dict:
    """One Allow statement."""
    out: dict[str, Any] = {"Sid": sid, "Effect": "Allow", "Action": sorted(actions), "Resource": resources}
    if condition:
        out["Condition"] = condition
    return out


def pass_roles(role_arns: list[str]) -> dict:
    """iam:PassRole on exactly the service's roles, only towards ECS tasks."""
    return statement("PassTaskRoles", ["iam:PassRole"], role_arns,
                     {"StringEqualsIfExists": {"iam:PassedToService": "ecs-tasks.amazonaws.com"}})


def pass_ecs_roles(role_arns: list[str]) -> dict:
    """iam:PassRole on the ECS infrastructure (and lifecycle-hook) roles of an ECS-native deployment, only to ECS.

    Whoever updates a service that uses an infrastructure role must be allowed to pass it to ECS
    (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/AmazonECSInfrastructureRolePolicyForLoadBalancers.html).
    """
    return statement("PassDeploymentRoles", ["iam:PassRole"], role_arns,
                     {"StringEquals": {"iam:PassedToService": "ecs.amazonaws.com"}})


def artifact_access(bucket_arn: str) -> list[dict]:
    """Read/write pipeline artifacts in the stack's bucket."""
    return [statement("ArtifactObjects", ["s3:GetObject", "s3:GetObjectVersion", "s3:PutObject"], [f"{bucket_arn}/*"]),
            statement("ArtifactBucket", ["s3:GetBucketLocation", "s3:GetBucketVersioning"], [bucket_arn])]


def build_role(log_group_arn: str, bucket_arn: str, repository_arn: str, parameter_arn: str) -> list[dict]:
    """CodeBuild: its logs, artifacts, push to its repository, update its SSM parameter."""
    return [
        statement("Logs", ["logs:CreateLogStream", "logs:PutLogEvents"], [f"{log_group_arn}:*"]),  # log-stream ARNs
        *artifact_access(bucket_arn),
        statement("RegistryLogin", ["ecr:GetAuthorizationToken"], ["*"]),
        statement("PushImage", ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:CompleteLayerUpload",
                                "ecr:GetDownloadUrlForLayer", "ecr:InitiateLayerUpload", "ecr:PutImage",
                                "ecr:UploadLayerPart"], [repository_arn]),
        statement("LatestImageParameter", ["ssm:PutParameter"], [parameter_arn]),
    ]


def source_access(repository_arn: str | None, connection_arn: str | None) -> dict:
    """CodePipeline reads the source: a CodeCommit repository or a CodeStar connection."""
    if connection_arn:
        return statement("Source", ["codestar-connections:UseConnection"], [connection_arn])
    assert repository_arn is not None
    return statement("Source", ["codecommit:CancelUploadArchive", "codecommit:GetBranch", "codecommit:GetCommit",
                                "codecommit:GetUploadArchiveStatus", "codecommit:UploadArchive"], [repository_arn])


def tag_new_revisions(family_arn: str) -> dict:
    """ecs:TagResource, only while registering a revision of the service's family (tag-on-create)."""
    return statement("TagNewRevisions", ["ecs:TagResource"], [f"{family_arn}:*"],
                     {"StringEquals": {"ecs:CreateAction": "RegisterTaskDefinition"}})


def task_definitions(family_arn: str) -> list[dict]:
    """Register revisions of the service's family (task-definition ARNs); describe any (no resource types)."""
    return [statement("RegisterRevisions", ["ecs:RegisterTaskDefinition"], [f"{family_arn}:*"]),
            statement("DescribeTaskDefinitions", ["ecs:DescribeTaskDefinition"], ["*"])]


def rolling_deploy(service_arn: str, family_arn: str, role_arns: list[str]) -> list[dict]:
    """CodePipeline's ECS deploy action: new task definition revision (tags copied), update the one service."""
    return [*task_definitions(family_arn),
            tag_new_revisions(family_arn),
            statement("UpdateService", ["ecs:DescribeServices", "ecs:UpdateService"], [service_arn]),
            pass_roles(role_arns)]


def blue_green_deploy(app_arn: str, group_arn: str, config_arn: str, family_arn: str,
                      role_arns: list[str]) -> list[dict]:
    """CodePipeline's CodeDeployToECS action."""
    return [statement("RegisterRevisions", ["ecs:RegisterTaskDefinition"], [f"{family_arn}:*"]),
            tag_new_revisions(family_arn),
            statement("Deployments", ["codedeploy:CreateDeployment", "codedeploy:GetApplication",
                                      "codedeploy:GetApplicationRevision", "codedeploy:GetDeployment",
                                      "codedeploy:RegisterApplicationRevision"], [app_arn, group_arn]),
            statement("DeploymentConfig", ["codedeploy:GetDeploymentConfig"], [config_arn]),
            pass_roles(role_arns)]


def codedeploy_role(service_arn: str, task_set_arns: str, listener_arns: list[str], role_arns: list[str],
                    alarm_arns: list[str]) -> list[dict]:
    """CodeDeploy for ECS: task sets of the one service, the listeners' rules, the target group pair."""
    out = [
        statement("TaskSets", ["ecs:CreateTaskSet", "ecs:DeleteTaskSet"], [task_set_arns]),
        statement("PrimaryTaskSet", ["ecs:DescribeServices", "ecs:UpdateServicePrimaryTaskSet"], [service_arn]),
        statement("Describe", ["elasticloadbalancing:DescribeListeners", "elasticloadbalancing:DescribeRules",
                               "elasticloadbalancing:DescribeTargetGroups",
                               "elasticloadbalancing:DescribeTargetHealth"], ["*"]),
        statement("SwapTraffic", ["elasticloadbalancing:ModifyListener"], listener_arns),
        pass_roles(role_arns),
    ]
    if alarm_arns:
        out.append(statement("Alarms", ["cloudwatch:DescribeAlarms"], alarm_arns))
    return out
