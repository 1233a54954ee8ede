"""pipeline-rolling, pipeline-blue-green and pipeline-ecs-canary: a load-balanced service and the pipeline that
deploys it (generator.constructs.pipeline.ServicePipeline on generator.constructs.service.FargateService)."""
from __future__ import annotations

from typing import get_args

from generator.aws import Aspects
from generator.config.model import BuildConfig, EcsDeploymentConfig
from generator.constructs.logs import EncryptLogGroups
from generator.constructs.pipeline import ServicePipeline
from generator.constructs.pipeline.build import BuildProps
from generator.constructs.pipeline.deploy import BlueGreenProps
from generator.constructs.pipeline.pipeline import PipelineProps, RepositoryAttributes, SourceProps
from generator.constructs.traffic_shift import TrafficShiftProps
from generator.modules import inputs
from generator.modules.base import Input, ModuleStack
from generator.modules.ecs_service import ALB_SCALING, ALB_SERVICE, SERVICE_SCALING, service_module
from generator.strategies import is_ecs_native

COMPUTE_TYPES = list(get_args(BuildConfig.model_fields["compute_type"].annotation))

COMMON = """Source (a CodeCommit branch; polling is off: start runs on push, e.g. with an EventBridge
rule) -> Build (CodeBuild, privileged docker build of `build_context`, image pushed to an ECR
repository with immutable tags and scan on push, image URI written to the `image_parameter` SSM
parameter) -> Deploy. Artifacts go to a
versioned, encrypted S3 bucket with public access blocked and an expiry; each tool has its own
least-privilege role, and the deploy role may pass only the service's execution and task roles.
The application repository holds buildspec.yml and taskdef.json (and appspec.yml for CodeDeploy
blue/green): `python -m generator artifacts` writes them.

The pipeline owns the service's task definition after creation (the service ignores changes to
it), so the service is part of this module: the ecs-service-alb module plus the pipeline. The
service as in ecs-service-alb:
"""

ROLLING = f"""A load-balanced ECS service deployed by CodePipeline with ECS rolling updates.

{COMMON}
{ALB_SERVICE}{ALB_SCALING}"""

BLUE_GREEN_DESCRIPTION = f"""A load-balanced ECS service deployed blue/green by CodePipeline and CodeDeploy.

The service uses the CODE_DEPLOY deployment controller; CodeDeploy shifts traffic from the blue
target group (`target_group_name`, on `listener_port`) to the green one (`green_target_group_name`,
reachable for tests on `test_listener_port` from `test_ingress_cidrs`) with `deployment_config`, rolls
back on failure and terminates the old tasks after `termination_wait_minutes`. Both listeners and the
service's load balancer and task definition are CodeDeploy's after creation (ignored by Terraform).
Request counts follow one target group, which a swap idles, so it scales on CPU or memory. Service
Connect supports only the ECS deployment controller, so this service is outside it: no
discovery inputs, no URL outputs; it calls other services by their `dns_url`.
Fixed by this rendering: no CloudWatch alarm rollback.

{COMMON}
{ALB_SERVICE}{SERVICE_SCALING}"""

ECS_CANARY_DESCRIPTION = f"""\
A load-balanced ECS service deployed by CodePipeline with an ECS-native canary (hashicorp/aws >= 6.21).

The ECS deploy action updates the service; ECS itself sends `canary_percent` % of production traffic
to the new revision (alternate target group `alternate_target_group_name`), waits
`canary_bake_time_minutes`, shifts the rest, and keeps the old revision `bake_time_minutes` for an
instant rollback. Production traffic goes through a listener rule on `listener_port` (the listener's
default action answers 404); testers reach the new revision through a rule on `test_listener_port`,
open to `test_ingress_cidrs`. ECS changes the rules' weights with the infrastructure role
(`infrastructure_role_name`): Describe* on the load balancers, target registration on the two groups,
ModifyRule/ModifyListener on the two rules and listeners only. The rules' actions and the service's
load balancer and task definition are ECS's and the pipeline's after creation (ignored by Terraform).
The pipeline role may also pass that role, to ECS only. The service stays in Service Connect; it
scales on CPU or memory (the alternate target group idles a request-count metric).
Fixed by this rendering: no CloudWatch alarm rollback, no lifecycle hooks, no Service Connect test
header (the stacks' `ecs_deployment` has them).

{COMMON}
{ALB_SERVICE}{SERVICE_SCALING}"""


def build_rolling(stack: ModuleStack) -> None:
    """pipeline-rolling."""
    pipeline_module(stack, "rolling")


def build_blue_green(stack: ModuleStack) -> None:
    """pipeline-blue-green."""
    pipeline_module(stack, "blue_green")


def build_ecs_canary(stack: ModuleStack) -> None:
    """pipeline-ecs-canary."""
    pipeline_module(stack, "ecs_canary")


def pipeline_module(stack: ModuleStack, strategy: str) -> None:
    """The service inputs (ecs-service-alb), the pipeline inputs, ServicePipeline, outputs."""
    built = service_module(stack, load_balanced=True, pipeline_strategy=strategy,
                           traffic_shift=_canary_inputs(stack) if is_ecs_native(strategy) else None)
    name = stack.variable("pipeline_name", "string", "Name of the pipeline; prefix of its build project, bucket, "
                                                     "roles and log group", validations=[
        ('can(regex("^[A-Za-z0-9][A-Za-z0-9_-]{0,49}$", var.pipeline_name))',
         "Use at most 50 letters, digits, hyphens and underscores (role names add up to 14 characters).")])
    repository = stack.variable("source_repository", "string", "CodeCommit repository of the application source")
    branch = stack.variable("source_branch", "string", "Branch the pipeline builds", "main")
    ecr = stack.variable("ecr_repository", "string", "ECR repository the build pushes to (created here)",
                         validations=[('can(regex("^[a-z0-9]+([._/-][a-z0-9]+)*$", var.ecr_repository))',
                                       "Must be a lower-case ECR repository name.")])
    parameter = stack.variable("image_parameter", "string", "SSM parameter holding the latest image URI",
                               validations=[('can(regex("^/", var.image_parameter))', "Must start with '/'.")])
    context = stack.variable("build_context", "string", "Docker build context in the repository",
                             inputs.default(BuildProps, "context"))
    image = stack.variable("build_image", "string", "CodeBuild image", inputs.default(BuildProps, "image"))
    compute = stack.variable("build_compute_type", "string", "CodeBuild compute type",
                             inputs.default(BuildProps, "compute_type"),
                             validations=[(f"contains({inputs.hcl(COMPUTE_TYPES)}, var.build_compute_type)",
                                           f"Must be one of {', '.join(COMPUTE_TYPES)}.")])
    timeout = stack.variable("build_timeout_minutes", "number", "Minutes a build may take",
                             inputs.default(BuildProps, "timeout_minutes"), validations=[
        ("var.build_timeout_minutes >= 5 && var.build_timeout_minutes <= 480", "Must be 5 to 480 minutes.")])
    expiry = stack.variable("artifact_expiry_days", "number", "Days pipeline artifacts are kept",
                            inputs.default(PipelineProps, "artifact_expiry_days"), validations=[
        ("var.artifact_expiry_days >= 1 && var.artifact_expiry_days <= 3650", "Must be 1 to 3650 days.")])
    retention = inputs.retention(stack, "build_log_retention_days", "Days the build log group keeps events")
    key = inputs.arn(stack, "log_kms_key_arn", "KMS key that encrypts the build log group (the logs module's "
                                               "kms_key_arn)", "kms")
    Aspects.of(stack).add(EncryptLogGroups(key.string))
    blue_green = _blue_green_inputs(stack) if strategy == "blue_green" else None

    ctx = stack.context(account=True)
    pipeline = ServicePipeline(stack, "pipeline", PipelineProps(
        name=name.string, strategy=strategy, service=built.service, ecr_repository=ecr.string,
        image_parameter=parameter.string, source=SourceProps(repository=repository.string, branch=branch.string),
        role_arns=built.role_arns, build=BuildProps(image=image.string, compute_type=compute.string,
                                                    context=context.string, timeout_minutes=timeout.number),
        artifact_expiry_days=expiry.number, log_retention_days=retention.number,
        repository=RepositoryAttributes(arn=ctx.arn("codecommit", repository.string),
                                        repository_name=repository.string),
        load_balancer=built.balancer, blue_green=blue_green), ctx=ctx)
    stack.output("pipeline_name", pipeline.pipeline.name, "Name of the CodePipeline")
    stack.output("ecr_repository_url", pipeline.registry.repository.repository_url, "URL of the image repository")
    stack.output("image_parameter_name", pipeline.parameter.name, "SSM parameter with the latest image URI")
    stack.output("artifact_bucket", pipeline.store.bucket.bucket, "S3 bucket of the pipeline's artifacts")
    stack.output("build_project_name", pipeline.build.project.name, "Name of the CodeBuild project")
    shift = built.service.traffic_shift
    if shift is not None:
        stack.output("test_listener_arn", shift.test_listener.arn, "ARN of the test listener")
        stack.output("alternate_target_group_arn", shift.alternate.arn, "ARN of the alternate target group")
        stack.output("infrastructure_role_arn", shift.infrastructure_role.arn,
                     "ARN of the role ECS shifts traffic with")
    if blue_green is not None and built.balancer is not None:
        stack.output("codedeploy_application", pipeline.deployment.app.name, "CodeDeploy application")
        stack.output("codedeploy_deployment_group", pipeline.deployment.group.deployment_group_name,
                     "CodeDeploy deployment group")
        stack.output("test_listener_arn", built.balancer.listeners[blue_green.test_listener_port].arn,
                     "ARN of the test listener (green target group)")


def _blue_green_inputs(stack: ModuleStack) -> BlueGreenProps:
    port = inputs.port(stack, "test_listener_port", "Listener port that reaches the green tasks during a deployment",
                       inputs.default(BlueGreenProps, "test_listener_port"))
    green = stack.variable("green_target_group_name", "string", "Name of the green target group", validations=[
        ("length(var.green_target_group_name) <= 32", "At most 32 characters.")])
    config = stack.variable("deployment_config", "string", "CodeDeploy deployment configuration",
                            inputs.default(BlueGreenProps, "deployment_config"), validations=[
        ('can(regex("^CodeDeployDefault[.]ECS", var.deployment_config)) || !can(regex("^CodeDeployDefault[.]", '
         'var.deployment_config))', "Use an ECS configuration (CodeDeployDefault.ECS...) or a custom one.")])
    wait = stack.variable("termination_wait_minutes", "number", "Minutes the blue tasks keep running after a "
                                                                "successful deployment",
                          inputs.default(BlueGreenProps, "termination_wait_minutes"), validations=[
        ("var.termination_wait_minutes >= 0 && var.termination_wait_minutes <= 2880", "Must be 0 to 2880 minutes.")])
    app = stack.variable("codedeploy_application", "string", "Name of the CodeDeploy application")
    group = stack.variable("codedeploy_deployment_group", "string", "Name of the CodeDeploy deployment group")
    return BlueGreenProps(
        green_target_group_name=green.string, application_name=app.string, deployment_group_name=group.string,
        deployment_config=config.string, termination_wait_minutes=wait.number, test_listener_port=port.number,
        test_ingress_cidrs=_test_ingress(stack).list)


def _test_ingress(stack: ModuleStack) -> Input:
    return stack.variable("test_ingress_cidrs", "list(string)", "Clients allowed to the test listener (e.g. the "
                                                                "VPC's CIDR)", validations=[
        ("alltrue([for c in var.test_ingress_cidrs : can(cidrnetmask(c))])", "Must be IPv4 CIDR blocks.")])


def _canary_inputs(stack: ModuleStack) -> TrafficShiftProps:
    """ECS-native canary settings (ranges: the ECS API's CanaryConfiguration and DeploymentConfiguration)."""
    port = inputs.port(stack, "test_listener_port", "Listener port whose rule reaches the new revision during a "
                       "deployment", EcsDeploymentConfig.model_fields["test_listener_port"].default)
    alternate = stack.variable("alternate_target_group_name", "string", "Name of the alternate target group",
                               validations=[("length(var.alternate_target_group_name) <= 32",
                                             "At most 32 characters.")])
    role = stack.variable("infrastructure_role_name", "string", "Name of the ECS infrastructure role (created here)",
                          validations=[("length(var.infrastructure_role_name) <= 64", "At most 64 characters.")])
    percent = stack.variable("canary_percent", "number", "Percent of production traffic the new revision gets "
                                                         "first", inputs.default(TrafficShiftProps, "canary_percent"),
                             validations=[("var.canary_percent >= 0.1 && var.canary_percent <= 100 && "
                                           "floor(var.canary_percent * 10) == var.canary_percent * 10",
                                           "Must be a multiple of 0.1 from 0.1 to 100.")])
    minutes = [(name, stack.variable(name, "number", description, inputs.default(TrafficShiftProps, attribute),
                                     validations=[(f"var.{name} >= 0 && var.{name} <= 1440 && "
                                                   f"floor(var.{name}) == var.{name}",
                                                   "Must be whole minutes from 0 to 1440.")]))
               for name, attribute, description in (
                   ("canary_bake_time_minutes", "canary_bake_time_minutes",
                    "Minutes before the rest of the traffic follows the canary"),
                   ("bake_time_minutes", "bake_time_minutes",
                    "Minutes the old revision keeps running after the shift (instant rollback)"))]
    bake = dict(minutes)
    return TrafficShiftProps(
        strategy="ecs_canary", alternate_target_group_name=alternate.string, test_listener_port=port.number,
        test_ingress_cidrs=_test_ingress(stack).list, infrastructure_role_name=role.string,
        hook_role_name=f"{role.string}-hooks", bake_time_minutes=bake["bake_time_minutes"].number,
        canary_percent=percent.number, canary_bake_time_minutes=bake["canary_bake_time_minutes"].number)
