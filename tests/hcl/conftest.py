"""One small but realistic cdktf stack, synthesized once per session and rendered as HCL."""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest


def _build_stack(app):
    """A TerraformStack touching every rendering path: blocks, maps, jsonencode, JSON strings, refs."""
    from cdktf import Fn, TerraformLocal, TerraformOutput, TerraformResourceLifecycle, TerraformStack, TerraformVariable
    from cdktf_cdktf_provider_aws.data_aws_iam_policy_document import (
        DataAwsIamPolicyDocument,
        DataAwsIamPolicyDocumentStatement,
        DataAwsIamPolicyDocumentStatementPrincipals,
    )
    from cdktf_cdktf_provider_aws.ecs_service import (
        EcsService,
        EcsServiceDeploymentCircuitBreaker,
        EcsServiceLoadBalancer,
        EcsServiceNetworkConfiguration,
        EcsServiceServiceConnectConfiguration,
        EcsServiceServiceConnectConfigurationService,
        EcsServiceServiceConnectConfigurationServiceClientAlias,
    )
    from cdktf_cdktf_provider_aws.ecs_task_definition import EcsTaskDefinition
    from cdktf_cdktf_provider_aws.iam_role import IamRole
    from cdktf_cdktf_provider_aws.provider import AwsProvider, AwsProviderDefaultTags
    from cdktf_cdktf_provider_aws.security_group import SecurityGroup, SecurityGroupIngress

    stack = TerraformStack(app, "svc")
    AwsProvider(stack, "aws", region="eu-west-1", default_tags=[AwsProviderDefaultTags(tags={"Project": "svc"})])
    env = TerraformVariable(
        stack, "environment", type="string", default="dev", description="Deployment environment | ${literal}",
        validation=[{"condition": '${contains(["dev", "prod"], var.environment)}', "errorMessage": "Use dev or prod."}],
    )
    subnets = TerraformVariable(stack, "subnet_ids", type="list(string)", description="Private subnets")
    common = TerraformLocal(stack, "name", f"svc-{env.string_value}")
    sg = SecurityGroup(
        stack, "sg", name=common.as_string, vpc_id="vpc-123",
        ingress=[
            SecurityGroupIngress(from_port=8080, to_port=8080, protocol="tcp", cidr_blocks=["10.0.0.0/8"]),
            SecurityGroupIngress(from_port=443, to_port=443, protocol="tcp", cidr_blocks=["10.0.0.0/8"],
                                 description='say "hi" \\ 100%'),
        ],
        tags={"Name": common.as_string, "kubernetes.io/role": "x"},
    )
    assume = DataAwsIamPolicyDocument(stack, "assume", statement=[DataAwsIamPolicyDocumentStatement(
        actions=["sts:AssumeRole"],
        principals=[DataAwsIamPolicyDocumentStatementPrincipals(type="Service", identifiers=["ecs-tasks.amazonaws.com"])],
    )])
    role = IamRole(stack, "task", name=common.as_string, assume_role_policy=Fn.jsonencode({
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                       "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Sid": env.string_value}],
    }))
    IamRole(stack, "execution", name=f"{common.as_string}-exec", assume_role_policy=assume.json)
    task = EcsTaskDefinition(
        stack, "task_def", family=common.as_string, cpu="256", memory="512", network_mode="awsvpc",
        requires_compatibilities=["FARGATE"], task_role_arn=role.arn,
        container_definitions=json.dumps([{
            "name": "app", "image": f"public.ecr.aws/app:{env.string_value}", "essential": True,
            "portMappings": [{"containerPort": 8080, "protocol": "tcp"}],
            "environment": [{"name": "GREETING", "value": 'say "hi"\n'}],
        }]),
    )
    service = EcsService(
        stack, "service", name=common.as_string, cluster="arn:aws:ecs:eu-west-1:1:cluster/c",
        task_definition=task.arn, desired_count=2, launch_type="FARGATE", depends_on=[role],
        lifecycle=TerraformResourceLifecycle(ignore_changes=["desired_count"]),
        deployment_circuit_breaker=EcsServiceDeploymentCircuitBreaker(enable=True, rollback=True),
        network_configuration=EcsServiceNetworkConfiguration(subnets=subnets.list_value, security_groups=[sg.id]),
        load_balancer=[EcsServiceLoadBalancer(target_group_arn="arn:tg", container_name="app", container_port=8080)],
        service_connect_configuration=EcsServiceServiceConnectConfiguration(
            enabled=True, namespace="svc.local",
            service=[EcsServiceServiceConnectConfigurationService(
                port_name="http", client_alias=EcsServiceServiceConnectConfigurationServiceClientAlias(port=80))],
        ),
        tags={"Environment": env.string_value},
    )
    TerraformOutput(stack, "service_name", value=service.name, description="Name of the ECS service")
    TerraformOutput(stack, "container_definitions", value=task.container_definitions, description="Rendered JSON")
    return stack


@pytest.fixture(scope="session")
def hcl_stack(tmp_path_factory):
    """(cdk.tf.json document, block paths) of the test stack: one synthesis per session."""
    from cdktf import App

    from generator.hcl.blocks import block_paths

    out = tmp_path_factory.mktemp("hcl-cdktf.out")
    app = App(outdir=str(out))
    stack = _build_stack(app)
    blocks = block_paths(stack)
    app.synth()
    doc = json.loads((out / "stacks" / "svc" / "cdk.tf.json").read_text())
    return doc, blocks


@pytest.fixture(scope="session")
def terraform_bin() -> Path:
    """The terraform binary: $TERRAFORM, else the one on PATH, else the pinned offline one (always available)."""
    found = os.environ.get("TERRAFORM") or shutil.which("terraform")
    if found:
        return Path(found)
    from harness.toolchain import offline_toolchain

    return offline_toolchain().terraform


@pytest.fixture(scope="session")
def hcl_module(hcl_stack, terraform_bin, tmp_path_factory) -> Path:
    """The test stack rendered as an HCL module directory."""
    from generator.hcl.writer import render_module

    doc, blocks = hcl_stack
    out = tmp_path_factory.mktemp("hcl-module")
    render_module(doc, blocks, out, terraform_bin, title="svc", description="ECS Fargate service.")
    return out
