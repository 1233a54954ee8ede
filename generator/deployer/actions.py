"""The IAM actions Terraform's AWS provider calls to plan, apply and destroy each resource type and data source.

One entry per Terraform type the renderings emit: the API calls of the provider's create, read,
update and delete functions (hashicorp/aws 3.39.0 and 6.25.0 together, so one policy serves
either target; source: the provider's code under
https://github.com/hashicorp/terraform-provider-aws/tree/v6.25.0/internal/service/<service>/),
and the ARNs of what the entry's resources are (formats from the Service Authorization Reference
page of each service, `SERVICE_PAGES`). ARN templates take `{partition}`, `{region}`, `{account}`
and the resource's own attributes (`{name}`, `{family}`, ...; a reference to another resource is
replaced by that resource's name, anything unknown by `*`). Whether an action can be scoped to
those ARNs at all is not decided here: the Service Authorization Reference table
(`generator/data/iam_actions.json`, read by `generator/iam_reference.py`) is the one place that
knows it, and `generator/checks/rules.py` (WILDCARD_RESOURCE_ACTIONS) lists the actions it has no
resource types for. `tests/deployer/` fails when a rendered type has no entry here.
"""
from __future__ import annotations

from dataclasses import dataclass

#: IAM service prefix -> its Service Authorization Reference page (actions, resource types, ARN formats)
SERVICE_PAGES: dict[str, str] = {
    "application-autoscaling": "https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsapplicationautoscaling.html",
    "codebuild": "https://docs.aws.amazon.com/service-authorization/latest/reference/list_awscodebuild.html",
    "codecommit": "https://docs.aws.amazon.com/service-authorization/latest/reference/list_awscodecommit.html",
    "codedeploy": "https://docs.aws.amazon.com/service-authorization/latest/reference/list_awscodedeploy.html",
    "codepipeline": "https://docs.aws.amazon.com/service-authorization/latest/reference/list_awscodepipeline.html",
    "dynamodb": "https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazondynamodb.html",
    "ec2": "https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html",
    "ecr": "https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonelasticcontainerregistry.html",
    "ecs": "https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonelasticcontainerservice.html",
    "elasticloadbalancing": "https://docs.aws.amazon.com/service-authorization/latest/reference/list_awselasticloadbalancing.html",
    "guardduty": "https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonguardduty.html",
    "iam": "https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsidentityandaccessmanagementiam.html",
    "kms": "https://docs.aws.amazon.com/service-authorization/latest/reference/list_awskeymanagementservice.html",
    "logs": "https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoncloudwatchlogs.html",
    "rds": "https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonrds.html",
    "route53": "https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonroute53.html",
    "s3": "https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html",
    "secretsmanager": "https://docs.aws.amazon.com/service-authorization/latest/reference/list_awssecretsmanager.html",
    "servicediscovery": "https://docs.aws.amazon.com/service-authorization/latest/reference/list_awscloudmap.html",
    "ssm": "https://docs.aws.amazon.com/service-authorization/latest/reference/list_awssystemsmanager.html",
}


@dataclass(frozen=True)
class Permissions:
    """What deploying one Terraform type takes: its provider's calls and the ARNs they act on.

    name: the attribute that names a resource of this type (what references to it resolve to).
    arns: templates; the first whose attributes the resource has is used (`*` for the rest).
    """

    actions: tuple[str, ...]
    arns: tuple[str, ...] = ()
    name: str = "name"


def _ec2(*actions: str, arn: str) -> Permissions:
    """EC2 resources are named by generated ids: their ARNs are scoped to the account and region."""
    return Permissions(("ec2:CreateTags", "ec2:DeleteTags", *actions),
                       (f"arn:{{partition}}:ec2:{{region}}:{{account}}:{arn}",))


ECS = "arn:{partition}:ecs:{region}:{account}:"
ELB = "arn:{partition}:elasticloadbalancing:{region}:{account}:"
LOGS = "arn:{partition}:logs:{region}:{account}:log-group:"
IAM = "arn:{partition}:iam::{account}:"
S3_BUCKET = ("arn:{partition}:s3:::{bucket}", "arn:{partition}:s3:::{bucket_prefix}*")
S3_SUBRESOURCE = ("arn:{partition}:s3:::{bucket}",)

RESOURCES: dict[str, Permissions] = {
    # network (internal/service/ec2)
    "aws_vpc": _ec2("ec2:CreateVpc", "ec2:DeleteVpc", "ec2:ModifyVpcAttribute", "ec2:DescribeVpcs",
                    "ec2:DescribeVpcAttribute", "ec2:DescribeVpcClassicLink", "ec2:DescribeVpcClassicLinkDnsSupport",
                    "ec2:DescribeNetworkAcls", "ec2:DescribeRouteTables", "ec2:DescribeSecurityGroups",
                    "ec2:DescribeSecurityGroupRules", arn="vpc/*"),
    "aws_subnet": _ec2("ec2:CreateSubnet", "ec2:DeleteSubnet", "ec2:ModifySubnetAttribute", "ec2:DescribeSubnets",
                       "ec2:DescribeNetworkInterfaces", arn="subnet/*"),
    "aws_internet_gateway": _ec2("ec2:CreateInternetGateway", "ec2:AttachInternetGateway",
                                 "ec2:DetachInternetGateway", "ec2:DeleteInternetGateway",
                                 "ec2:DescribeInternetGateways", arn="internet-gateway/*"),
    "aws_eip": _ec2("ec2:AllocateAddress", "ec2:ReleaseAddress", "ec2:DisassociateAddress", "ec2:DescribeAddresses",
                    "ec2:DescribeAddressesAttribute", arn="elastic-ip/*"),
    "aws_nat_gateway": _ec2("ec2:CreateNatGateway", "ec2:DeleteNatGateway", "ec2:DescribeNatGateways",
                            arn="natgateway/*"),
    "aws_route_table": _ec2("ec2:CreateRouteTable", "ec2:DeleteRouteTable", "ec2:DescribeRouteTables",
                            arn="route-table/*"),
    "aws_route": _ec2("ec2:CreateRoute", "ec2:ReplaceRoute", "ec2:DeleteRoute", "ec2:DescribeRouteTables",
                      arn="route-table/*"),
    "aws_route_table_association": _ec2("ec2:AssociateRouteTable", "ec2:DisassociateRouteTable",
                                        "ec2:ReplaceRouteTableAssociation", "ec2:DescribeRouteTables",
                                        arn="route-table/*"),
    "aws_security_group": _ec2("ec2:CreateSecurityGroup", "ec2:DeleteSecurityGroup", "ec2:DescribeSecurityGroups",
                               "ec2:DescribeSecurityGroupRules", "ec2:AuthorizeSecurityGroupEgress",
                               "ec2:AuthorizeSecurityGroupIngress", "ec2:RevokeSecurityGroupEgress",
                               "ec2:RevokeSecurityGroupIngress", "ec2:DescribeNetworkInterfaces",
                               arn="security-group/*"),
    "aws_security_group_rule": _ec2("ec2:AuthorizeSecurityGroupEgress", "ec2:AuthorizeSecurityGroupIngress",
                                    "ec2:RevokeSecurityGroupEgress", "ec2:RevokeSecurityGroupIngress",
                                    "ec2:UpdateSecurityGroupRuleDescriptionsEgress",
                                    "ec2:UpdateSecurityGroupRuleDescriptionsIngress", "ec2:DescribeSecurityGroups",
                                    "ec2:DescribeSecurityGroupRules", arn="security-group-rule/*"),
    "aws_default_security_group": _ec2("ec2:AuthorizeSecurityGroupEgress", "ec2:AuthorizeSecurityGroupIngress",
                                       "ec2:RevokeSecurityGroupEgress", "ec2:RevokeSecurityGroupIngress",
                                       "ec2:DescribeSecurityGroups", "ec2:DescribeSecurityGroupRules",
                                       arn="security-group/*"),
    "aws_flow_log": _ec2("ec2:CreateFlowLogs", "ec2:DeleteFlowLogs", "ec2:DescribeFlowLogs", arn="vpc-flow-log/*"),
    # logs and their key (internal/service/logs, internal/service/kms)
    "aws_kms_key": Permissions(("kms:CreateKey", "kms:DescribeKey", "kms:GetKeyPolicy", "kms:GetKeyRotationStatus",
                                "kms:EnableKeyRotation", "kms:PutKeyPolicy", "kms:ListResourceTags",
                                "kms:TagResource", "kms:UntagResource", "kms:ScheduleKeyDeletion"),
                               ("arn:{partition}:kms:{region}:{account}:key/*",)),
    "aws_cloudwatch_log_group": Permissions((
        "logs:CreateLogGroup", "logs:DeleteLogGroup", "logs:DescribeLogGroups", "logs:PutRetentionPolicy",
        "logs:DeleteRetentionPolicy", "logs:AssociateKmsKey", "logs:DisassociateKmsKey", "logs:TagResource",
        "logs:UntagResource", "logs:ListTagsForResource", "logs:TagLogGroup", "logs:UntagLogGroup",
        "logs:ListTagsLogGroup"), (LOGS + "{name}", LOGS + "{name}:*")),
    "aws_cloudwatch_query_definition": Permissions(("logs:PutQueryDefinition", "logs:DescribeQueryDefinitions",
                                                    "logs:DeleteQueryDefinition")),
    # containers (internal/service/ecs, internal/service/appautoscaling)
    "aws_ecs_cluster": Permissions(("ecs:CreateCluster", "ecs:DescribeClusters", "ecs:UpdateCluster",
                                    "ecs:UpdateClusterSettings", "ecs:PutClusterCapacityProviders",
                                    "ecs:DeleteCluster", "ecs:TagResource", "ecs:UntagResource",
                                    "ecs:ListTagsForResource"), (ECS + "cluster/{name}",)),
    "aws_ecs_task_definition": Permissions(("ecs:RegisterTaskDefinition", "ecs:DescribeTaskDefinition",
                                            "ecs:DeregisterTaskDefinition", "ecs:TagResource", "ecs:UntagResource",
                                            "ecs:ListTagsForResource"), (ECS + "task-definition/{family}:*",),
                                           name="family"),
    "aws_ecs_service": Permissions(("ecs:CreateService", "ecs:DescribeServices", "ecs:UpdateService",
                                    "ecs:DeleteService", "ecs:TagResource", "ecs:UntagResource",
                                    "ecs:ListTagsForResource"), (ECS + "service/{cluster}/{name}",)),
    "aws_appautoscaling_target": Permissions((
        "application-autoscaling:RegisterScalableTarget", "application-autoscaling:DescribeScalableTargets",
        "application-autoscaling:DeregisterScalableTarget", "application-autoscaling:TagResource",
        "application-autoscaling:UntagResource", "application-autoscaling:ListTagsForResource"),
        ("arn:{partition}:application-autoscaling:{region}:{account}:scalable-target/*",)),
    "aws_appautoscaling_policy": Permissions((
        "application-autoscaling:PutScalingPolicy", "application-autoscaling:DescribeScalingPolicies",
        "application-autoscaling:DeleteScalingPolicy"),
        ("arn:{partition}:application-autoscaling:{region}:{account}:scalable-target/*",)),
    # load balancing (internal/service/elbv2)
    "aws_lb": Permissions((
        "elasticloadbalancing:CreateLoadBalancer", "elasticloadbalancing:DeleteLoadBalancer",
        "elasticloadbalancing:DescribeLoadBalancers", "elasticloadbalancing:DescribeLoadBalancerAttributes",
        "elasticloadbalancing:ModifyLoadBalancerAttributes", "elasticloadbalancing:SetSecurityGroups",
        "elasticloadbalancing:SetSubnets", "elasticloadbalancing:SetIpAddressType",
        "elasticloadbalancing:DescribeCapacityReservation", "elasticloadbalancing:ModifyCapacityReservation",
        "elasticloadbalancing:AddTags", "elasticloadbalancing:RemoveTags", "elasticloadbalancing:DescribeTags",
        "ec2:DescribeNetworkInterfaces"), (ELB + "loadbalancer/app/{name}/*",)),
    "aws_lb_target_group": Permissions((
        "elasticloadbalancing:CreateTargetGroup", "elasticloadbalancing:DeleteTargetGroup",
        "elasticloadbalancing:DescribeTargetGroups", "elasticloadbalancing:DescribeTargetGroupAttributes",
        "elasticloadbalancing:ModifyTargetGroup", "elasticloadbalancing:ModifyTargetGroupAttributes",
        "elasticloadbalancing:AddTags", "elasticloadbalancing:RemoveTags", "elasticloadbalancing:DescribeTags"),
        (ELB + "targetgroup/{name}/*",)),
    "aws_lb_listener": Permissions((
        "elasticloadbalancing:CreateListener", "elasticloadbalancing:DeleteListener",
        "elasticloadbalancing:DescribeListeners", "elasticloadbalancing:ModifyListener",
        "elasticloadbalancing:DescribeListenerAttributes", "elasticloadbalancing:ModifyListenerAttributes",
        "elasticloadbalancing:AddTags", "elasticloadbalancing:RemoveTags", "elasticloadbalancing:DescribeTags"),
        (ELB + "listener/app/{load_balancer_arn}/*/*",)),
    "aws_lb_listener_rule": Permissions((
        "elasticloadbalancing:CreateRule", "elasticloadbalancing:DeleteRule", "elasticloadbalancing:DescribeRules",
        "elasticloadbalancing:ModifyRule", "elasticloadbalancing:SetRulePriorities", "elasticloadbalancing:AddTags",
        "elasticloadbalancing:RemoveTags", "elasticloadbalancing:DescribeTags"),
        (ELB + "listener-rule/app/*/*/*/*",)),
    # discovery (internal/service/servicediscovery; a private DNS namespace is a Route 53 private hosted zone)
    "aws_service_discovery_private_dns_namespace": Permissions((
        "servicediscovery:CreatePrivateDnsNamespace", "servicediscovery:GetNamespace",
        "servicediscovery:GetOperation", "servicediscovery:UpdatePrivateDnsNamespace",
        "servicediscovery:DeleteNamespace", "servicediscovery:TagResource", "servicediscovery:UntagResource",
        "servicediscovery:ListTagsForResource", "route53:CreateHostedZone", "route53:GetHostedZone",
        "route53:DeleteHostedZone", "route53:ListHostedZonesByName", "ec2:DescribeVpcs",
        "ec2:DescribeVpcAttribute"),
        ("arn:{partition}:servicediscovery:{region}:{account}:namespace/*", "arn:{partition}:route53:::hostedzone/*")),
    "aws_service_discovery_service": Permissions((
        "servicediscovery:CreateService", "servicediscovery:GetService", "servicediscovery:UpdateService",
        "servicediscovery:DeleteService", "servicediscovery:ListInstances", "servicediscovery:TagResource",
        "servicediscovery:UntagResource", "servicediscovery:ListTagsForResource"),
        ("arn:{partition}:servicediscovery:{region}:{account}:service/*",
         "arn:{partition}:servicediscovery:{region}:{account}:namespace/*")),
    # data stores (internal/service/dynamodb, rds, secretsmanager, ssm)
    "aws_dynamodb_table": Permissions((
        "dynamodb:CreateTable", "dynamodb:DescribeTable", "dynamodb:UpdateTable", "dynamodb:DeleteTable",
        "dynamodb:DescribeContinuousBackups", "dynamodb:UpdateContinuousBackups", "dynamodb:DescribeTimeToLive",
        "dynamodb:ListTagsOfResource", "dynamodb:TagResource", "dynamodb:UntagResource",
        "dynamodb:DescribeKinesisStreamingDestination"),
        ("arn:{partition}:dynamodb:{region}:{account}:table/{name}",
         "arn:{partition}:dynamodb:{region}:{account}:table/{name}/index/*")),
    "aws_db_subnet_group": Permissions(("rds:CreateDBSubnetGroup", "rds:DescribeDBSubnetGroups",
                                        "rds:ModifyDBSubnetGroup", "rds:DeleteDBSubnetGroup",
                                        "rds:AddTagsToResource", "rds:RemoveTagsFromResource",
                                        "rds:ListTagsForResource"),
                                       ("arn:{partition}:rds:{region}:{account}:subgrp:{name}",)),
    # manage_master_user_password: RDS creates, tags and rotates its secret as the caller
    # (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-secrets-manager.html#rds-secrets-manager-permissions)
    "aws_db_instance": Permissions(("rds:CreateDBInstance", "rds:DescribeDBInstances", "rds:ModifyDBInstance",
                                    "rds:DeleteDBInstance", "rds:AddTagsToResource", "rds:RemoveTagsFromResource",
                                    "rds:ListTagsForResource", "secretsmanager:CreateSecret",
                                    "secretsmanager:RotateSecret", "secretsmanager:TagResource"),
                                   ("arn:{partition}:rds:{region}:{account}:db:{identifier}",
                                    "arn:{partition}:secretsmanager:{region}:{account}:secret:rds!db-*",
                                    "arn:{partition}:rds:{region}:{account}:subgrp:{db_subnet_group_name}",
                                    "arn:{partition}:rds:{region}:{account}:pg:*",
                                    "arn:{partition}:rds:{region}:{account}:og:*",
                                    "arn:{partition}:rds:{region}:{account}:secgrp:*"), name="identifier"),
    "aws_secretsmanager_secret": Permissions((
        "secretsmanager:CreateSecret", "secretsmanager:DescribeSecret", "secretsmanager:UpdateSecret",
        "secretsmanager:DeleteSecret", "secretsmanager:GetResourcePolicy", "secretsmanager:TagResource",
        "secretsmanager:UntagResource"),
        ("arn:{partition}:secretsmanager:{region}:{account}:secret:{name}-??????",)),
    "aws_secretsmanager_secret_version": Permissions((
        "secretsmanager:PutSecretValue", "secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret",
        "secretsmanager:UpdateSecretVersionStage"),
        ("arn:{partition}:secretsmanager:{region}:{account}:secret:{secret_id}-??????",), name="secret_id"),
    "aws_secretsmanager_secret_rotation": Permissions((
        "secretsmanager:RotateSecret", "secretsmanager:DescribeSecret", "secretsmanager:CancelRotateSecret"),
        ("arn:{partition}:secretsmanager:{region}:{account}:secret:rds!db-*",)),
    "aws_ssm_parameter": Permissions(("ssm:PutParameter", "ssm:GetParameter", "ssm:GetParameters",
                                      "ssm:DescribeParameters", "ssm:DeleteParameter", "ssm:AddTagsToResource",
                                      "ssm:RemoveTagsFromResource", "ssm:ListTagsForResource"),
                                     ("arn:{partition}:ssm:{region}:{account}:parameter{name}",)),
    # pipelines (internal/service/ecr, codecommit, codebuild, codepipeline, deploy, s3)
    "aws_ecr_repository": Permissions((
        "ecr:CreateRepository", "ecr:DescribeRepositories", "ecr:DeleteRepository",
        "ecr:PutImageScanningConfiguration", "ecr:PutImageTagMutability", "ecr:ListTagsForResource",
        "ecr:TagResource", "ecr:UntagResource"), ("arn:{partition}:ecr:{region}:{account}:repository/{name}",)),
    "aws_ecr_lifecycle_policy": Permissions(("ecr:PutLifecyclePolicy", "ecr:GetLifecyclePolicy",
                                             "ecr:DeleteLifecyclePolicy"),
                                            ("arn:{partition}:ecr:{region}:{account}:repository/{repository}",),
                                            name="repository"),
    "aws_codecommit_repository": Permissions((
        "codecommit:CreateRepository", "codecommit:GetRepository", "codecommit:UpdateRepositoryDescription",
        "codecommit:UpdateRepositoryName", "codecommit:UpdateDefaultBranch", "codecommit:DeleteRepository",
        "codecommit:ListTagsForResource", "codecommit:TagResource", "codecommit:UntagResource"),
        ("arn:{partition}:codecommit:{region}:{account}:{repository_name}",), name="repository_name"),
    "aws_codebuild_project": Permissions(("codebuild:CreateProject", "codebuild:BatchGetProjects",
                                          "codebuild:UpdateProject", "codebuild:DeleteProject"),
                                         ("arn:{partition}:codebuild:{region}:{account}:project/{name}",)),
    "aws_codepipeline": Permissions(("codepipeline:CreatePipeline", "codepipeline:GetPipeline",
                                     "codepipeline:UpdatePipeline", "codepipeline:DeletePipeline",
                                     "codepipeline:ListTagsForResource", "codepipeline:TagResource",
                                     "codepipeline:UntagResource"),
                                    ("arn:{partition}:codepipeline:{region}:{account}:{name}",)),
    "aws_codedeploy_app": Permissions((
        "codedeploy:CreateApplication", "codedeploy:GetApplication", "codedeploy:UpdateApplication",
        "codedeploy:DeleteApplication", "codedeploy:ListTagsForResource", "codedeploy:TagResource",
        "codedeploy:UntagResource"), ("arn:{partition}:codedeploy:{region}:{account}:application:{name}",)),
    "aws_codedeploy_deployment_group": Permissions((
        "codedeploy:CreateDeploymentGroup", "codedeploy:GetDeploymentGroup", "codedeploy:UpdateDeploymentGroup",
        "codedeploy:DeleteDeploymentGroup", "codedeploy:ListTagsForResource", "codedeploy:TagResource",
        "codedeploy:UntagResource"),
        ("arn:{partition}:codedeploy:{region}:{account}:deploymentgroup:{app_name}/{deployment_group_name}",),
        name="deployment_group_name"),
    "aws_s3_bucket": Permissions((
        "s3:CreateBucket", "s3:DeleteBucket", "s3:ListBucket", "s3:GetBucketLocation", "s3:GetBucketAcl",
        "s3:GetBucketCORS", "s3:GetBucketWebsite", "s3:GetBucketVersioning", "s3:PutBucketVersioning",
        "s3:GetAccelerateConfiguration", "s3:GetBucketRequestPayment", "s3:GetBucketLogging",
        "s3:GetLifecycleConfiguration", "s3:PutLifecycleConfiguration", "s3:GetReplicationConfiguration",
        "s3:GetEncryptionConfiguration", "s3:PutEncryptionConfiguration", "s3:GetBucketObjectLockConfiguration",
        "s3:GetBucketPolicy", "s3:GetBucketTagging", "s3:PutBucketTagging", "s3:GetBucketOwnershipControls",
        "s3:ListBucketVersions", "s3:DeleteObject", "s3:DeleteObjectVersion"),
        (*S3_BUCKET, "arn:{partition}:s3:::{bucket}/*", "arn:{partition}:s3:::{bucket_prefix}*/*"), name="bucket"),
    "aws_s3_bucket_versioning": Permissions(("s3:GetBucketVersioning", "s3:PutBucketVersioning"), S3_SUBRESOURCE,
                                            name="bucket"),
    "aws_s3_bucket_server_side_encryption_configuration": Permissions((
        "s3:GetEncryptionConfiguration", "s3:PutEncryptionConfiguration"), S3_SUBRESOURCE, name="bucket"),
    "aws_s3_bucket_lifecycle_configuration": Permissions(("s3:GetLifecycleConfiguration",
                                                          "s3:PutLifecycleConfiguration"), S3_SUBRESOURCE,
                                                         name="bucket"),
    "aws_s3_bucket_public_access_block": Permissions(("s3:GetBucketPublicAccessBlock", "s3:PutBucketPublicAccessBlock",
                                                      ), S3_SUBRESOURCE,
                                                     name="bucket"),
    "aws_s3_bucket_policy": Permissions(("s3:GetBucketPolicy", "s3:PutBucketPolicy", "s3:DeleteBucketPolicy"),
                                        S3_SUBRESOURCE, name="bucket"),
    # web application firewall (internal/service/wafv2); associating an ALB also takes elasticloadbalancing:SetWebAcl
    "aws_wafv2_web_acl": Permissions((
        "wafv2:CreateWebACL", "wafv2:GetWebACL", "wafv2:UpdateWebACL", "wafv2:DeleteWebACL",
        "wafv2:ListTagsForResource", "wafv2:TagResource", "wafv2:UntagResource"),
        ("arn:{partition}:wafv2:{region}:{account}:regional/webacl/{name}/*",)),
    "aws_wafv2_web_acl_association": Permissions((
        "wafv2:AssociateWebACL", "wafv2:DisassociateWebACL", "wafv2:GetWebACLForResource",
        "elasticloadbalancing:SetWebAcl"),
        ("arn:{partition}:wafv2:{region}:{account}:regional/webacl/{web_acl_arn}/*",
         # the associated resource (WAF authorizes Associate/Disassociate on it too)
         "arn:{partition}:elasticloadbalancing:{region}:{account}:loadbalancer/app/{resource_arn}/*")),
    # logging to CloudWatch Logs: log delivery and the log group's resource policy
    # (https://docs.aws.amazon.com/waf/latest/developerguide/logging-cw-logs.html)
    "aws_wafv2_web_acl_logging_configuration": Permissions((
        "wafv2:PutLoggingConfiguration", "wafv2:GetLoggingConfiguration", "wafv2:DeleteLoggingConfiguration",
        "logs:CreateLogDelivery", "logs:DeleteLogDelivery", "logs:PutResourcePolicy", "logs:DescribeResourcePolicies",
        "logs:DescribeLogGroups"),
        ("arn:{partition}:wafv2:{region}:{account}:regional/webacl/{resource_arn}/*",)),
    # identity (internal/service/iam)
    "aws_iam_role": Permissions((
        "iam:CreateRole", "iam:GetRole", "iam:UpdateRole", "iam:UpdateAssumeRolePolicy", "iam:DeleteRole",
        "iam:TagRole", "iam:UntagRole", "iam:ListRoleTags", "iam:ListRolePolicies", "iam:ListAttachedRolePolicies",
        "iam:ListInstanceProfilesForRole"), (IAM + "role/{name}",)),
    "aws_iam_role_policy": Permissions(("iam:PutRolePolicy", "iam:GetRolePolicy", "iam:DeleteRolePolicy"),
                                       (IAM + "role/{role}",)),
    "aws_iam_role_policy_attachment": Permissions(("iam:AttachRolePolicy", "iam:DetachRolePolicy",
                                                   "iam:ListAttachedRolePolicies"), (IAM + "role/{role}",)),
    "aws_iam_service_linked_role": Permissions((
        "iam:CreateServiceLinkedRole", "iam:GetRole", "iam:DeleteServiceLinkedRole",
        "iam:GetServiceLinkedRoleDeletionStatus", "iam:UpdateRoleDescription", "iam:TagRole", "iam:UntagRole",
        "iam:ListRoleTags"), (IAM + "role/aws-service-role/{aws_service_name}/*",), name="aws_service_name"),
    # threat detection (internal/service/guardduty)
    "aws_guardduty_detector": Permissions((
        "guardduty:CreateDetector", "guardduty:GetDetector", "guardduty:UpdateDetector", "guardduty:DeleteDetector",
        "guardduty:ListDetectors", "guardduty:TagResource", "guardduty:UntagResource",
        "guardduty:ListTagsForResource"), ("arn:{partition}:guardduty:{region}:{account}:detector/*",)),
    "aws_guardduty_detector_feature": Permissions(("guardduty:UpdateDetector", "guardduty:GetDetector"),
                                                  ("arn:{partition}:guardduty:{region}:{account}:detector/*",)),
}

DATA_SOURCES: dict[str, Permissions] = {
    "aws_availability_zones": Permissions(("ec2:DescribeAvailabilityZones",)),
    # sts:GetCallerIdentity needs no permission: https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html
    "aws_caller_identity": Permissions(()),
    "aws_partition": Permissions(()),  # computed from the provider's region, no call
    "aws_region": Permissions(()),  # the provider's own region, no call
    "aws_elb_service_account": Permissions(()),  # the provider's own table of ELB accounts, no call
    "aws_secretsmanager_random_password": Permissions(("secretsmanager:GetRandomPassword",)),
    "aws_guardduty_detector": Permissions(("guardduty:ListDetectors", "guardduty:GetDetector"),
                                          ("arn:{partition}:guardduty:{region}:{account}:detector/*",)),
}

#: what the provider itself calls when it starts (3.x reads the account's EC2 platforms unless told not to)
PROVIDER = Permissions(("ec2:DescribeAccountAttributes",))
