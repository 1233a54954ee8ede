"""ServicePipeline: Source -> Build -> Deploy (ECS rolling, or CodeDeploy blue/green) for one service."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from generator.aws import Codepipeline, Construct, IamRole, IamRolePolicy, LbListener, SsmParameter, blocks
from generator.constructs.checks import suppress
from generator.constructs.context import StackContext
from generator.constructs.iam import assume_role_policy, policy_document
from generator.constructs.load_balancer import LoadBalancerBase
from generator.constructs.pipeline import policies
from generator.constructs.pipeline.artifact_store import ArtifactStore
from generator.constructs.pipeline.build import BuildProps, ImageBuild
from generator.constructs.pipeline.deploy import BlueGreenDeployment, BlueGreenProps
from generator.constructs.pipeline.registry import ImageRegistry
from generator.constructs.service import FargateService
from generator.constructs.tokens import construct_id
from generator.naming import pipeline_role
from generator.strategies import deployment_controller

ARTIFACT = "BuildArtifact"
SOURCE = "SourceArtifact"


class ISourceRepository(Protocol):
    """What a pipeline needs of a CodeCommit repository."""

    @property
    def arn(self) -> str: ...

    @property
    def repository_name(self) -> str: ...


@dataclass(frozen=True)
class RepositoryAttributes:
    """A CodeCommit repository made elsewhere."""

    arn: str
    repository_name: str


@dataclass(frozen=True)
class SourceProps:
    """Where the source comes from: a CodeCommit `repository` (default), or a CodeStar connection
    (`type` codestar, `repository` OWNER/NAME, `connection_arn`). Default branch: main."""

    repository: str
    type: str = "codecommit"
    branch: str = "main"
    connection_arn: str | None = None


@dataclass(frozen=True)
class PipelineProps:
    """One service's pipeline. `strategy` (generator.strategies): rolling and the ECS-native strategies (ECS
    deploy action; the service carries the ECS-native settings), or blue_green (CodeDeploy, needs `blue_green`
    and the service's `load_balancer`). Defaults: artifacts kept 30 days, build logs 30 days."""

    name: str
    strategy: str
    service: FargateService
    ecr_repository: str
    image_parameter: str
    source: SourceProps
    role_arns: Sequence[str]
    build: BuildProps = field(default_factory=BuildProps)
    artifact_expiry_days: Any = 30
    log_retention_days: Any = 30
    repository: ISourceRepository | None = None
    load_balancer: LoadBalancerBase | None = None
    blue_green: BlueGreenProps | None = None


class ServicePipeline(Construct):
    """Everything that builds and deploys one service's image, with a least-privilege role per tool."""

    def __init__(self, scope: Construct, id_: str, props: PipelineProps, *, ctx: StackContext):
        super().__init__(scope, id_)
        config, service, repository, role_arns = props, props.service, props.repository, list(props.role_arns)
        self.config = config
        self.registry = ImageRegistry(self, "registry", name=config.ecr_repository)
        self.store = ArtifactStore(self, "artifacts", name=f"{config.name}-artifacts",
                                   expiry_days=config.artifact_expiry_days, target=ctx.target)
        self.parameter = SsmParameter(self, "latest-image", name=config.image_parameter, type="String",
                                      value=service.props.container.image,
                                      description=f"Latest image built by pipeline {config.name}")
        # The build writes each new image tag here: the pipeline owns the value after creation.
        self.parameter.add_override("lifecycle.ignore_changes", ["value"])
        suppress(self.parameter, "CKV2_AWS_34", "holds an image URI, which is not a secret")
        build_role = self._role("build", "codebuild.amazonaws.com", policies.build_role(
            ctx.arn("logs", f"log-group:/codebuild/{config.name}"), self.store.arn,
            self.registry.repository.arn, self.parameter.arn),
            account_id=ctx.account_id, source_arn=ctx.arn("codebuild", f"project/{config.name}"))
        self.build = ImageBuild(self, "build", name=config.name, config=config.build, role_arn=build_role.arn,
                                log_retention_days=config.log_retention_days, variables={
                                    "REPOSITORY_URI": self.registry.repository.repository_url,
                                    "IMAGE_PARAMETER": config.image_parameter,
                                    "CONTAINER_NAME": service.props.container.name,
                                    "BUILD_CONTEXT": config.build.context,
                                    "DEPLOY_STRATEGY": config.strategy})
        statements = [*policies.artifact_access(self.store.arn),
                      policies.source_access(repository.arn if repository else None, config.source.connection_arn),
                      policies.statement("Build", ["codebuild:BatchGetBuilds", "codebuild:StartBuild"],
                                         [self.build.project.arn])]
        if deployment_controller(config.strategy) == "CODE_DEPLOY":
            deploy_stage, deploy_statements = self._blue_green(ctx, service, role_arns)
        else:
            # The ECS action updates the service; with an ECS-native strategy ECS then runs blue/green, linear or
            # canary itself (https://docs.aws.amazon.com/codepipeline/latest/userguide/action-reference-ECS.html).
            deploy_stage = {"name": "Deploy", "action": [self._action(
                "deploy_to_ECS", "Deploy", "ECS", {"ClusterName": service.cluster_name,
                                                   "ServiceName": service.service.name,
                                                   "FileName": "imagedefinitions.json"}, inputs=[ARTIFACT])]}
            deploy_statements = policies.rolling_deploy(service.service.id, self._family_arn(ctx, service), role_arns)
            if service.traffic_shift is not None:
                shift = service.traffic_shift
                deploy_statements.append(policies.pass_ecs_roles(
                    [shift.infrastructure_role.arn] + ([shift.hook_role.arn] if shift.hook_role else [])))
        # AWS documents CodePipeline's trust policy without condition keys (iam_reference.UNCONDITIONED_TRUST)
        pipeline_role = self._role("pipeline", "codepipeline.amazonaws.com", statements + deploy_statements)
        self.pipeline = Codepipeline(
            self, "pipeline", name=config.name, role_arn=pipeline_role.arn,
            artifact_store=blocks([{"location": self.store.bucket.bucket, "type": "S3"}]),
            stage=blocks([self._source_stage(repository), self._build_stage(), deploy_stage]))
        suppress(self.pipeline, "CKV_AWS_219", "artifacts are encrypted by the bucket's SSE-S3 default; "
                                               "a CMK is optional")

    def _role(self, name: str, principal: str, statements: list[dict], *, account_id: str | None = None,
              source_arn: str | None = None) -> IamRole:
        """A tool's role; `account_id`/`source_arn`: the confused-deputy conditions of its trust policy."""
        role = IamRole(self, f"{name}-role", name=pipeline_role(self.config.name, name),
                       assume_role_policy=assume_role_policy(principal, account_id=account_id, source_arn=source_arn),
                       description=f"{name} role of pipeline {self.config.name}")
        IamRolePolicy(self, f"{name}-policy", name=f"{self.config.name}-{name}", role=role.id,
                      policy=policy_document(statements))
        return role

    @staticmethod
    def _family_arn(ctx: StackContext, service: FargateService) -> str:
        return ctx.arn("ecs", f"task-definition/{service.props.family}")

    @staticmethod
    def _action(name: str, category: str, provider: str, configuration: dict, *, inputs: list[str] | None = None,
                outputs: list[str] | None = None, owner: str = "AWS") -> dict:
        return {"name": name, "category": category, "owner": owner, "provider": provider, "version": "1",
                "run_order": 1, "configuration": configuration, "input_artifacts": inputs,
                "output_artifacts": outputs}

    def _source_stage(self, repository: ISourceRepository | None) -> dict:
        source = self.config.source
        if source.type == "codestar":
            action = self._action("Source", "Source", "CodeStarSourceConnection", {
                "ConnectionArn": source.connection_arn, "FullRepositoryId": source.repository,
                "BranchName": source.branch}, outputs=[SOURCE])
        else:
            if repository is None:
                raise ValueError(f"pipeline {self.config.name}: a CodeCommit source needs its repository")
            action = self._action("Source", "Source", "CodeCommit", {
                "RepositoryName": repository.repository_name, "BranchName": source.branch,
                "PollForSourceChanges": "false"}, outputs=[SOURCE])
        return {"name": "Source", "action": [action]}

    def _build_stage(self) -> dict:
        return {"name": "Build", "action": [self._action(
            "Build", "Build", "CodeBuild", {"ProjectName": self.build.project.name}, inputs=[SOURCE],
            outputs=[ARTIFACT])]}

    def _blue_green(self, ctx: StackContext, service: FargateService, role_arns: list[str]
                    ) -> tuple[dict, list[dict]]:
        bg, alb, lb = self.config.blue_green, self.config.load_balancer, service.props.load_balancing
        if bg is None or alb is None or lb is None or service.target_group is None:
            raise ValueError(f"pipeline {self.config.name}: blue_green needs its settings and a load-balanced service")
        green = alb.target_group(construct_id(self, f"{service.name}-green-tg"), name=bg.green_target_group_name,
                                 port=service.props.container.port, health_path=lb.health_check_path,
                                 health=service.props.container.health)
        test: LbListener = alb.add_listener(bg.test_listener_port, description=f"testers of {service.name}",
                                            cidrs=bg.test_ingress_cidrs)
        alb.route(bg.test_listener_port, green.arn, [], None)
        prod = alb.listeners[lb.listener_port]
        for listener in (prod, test):
            # CodeDeploy swaps the target groups behind these listeners on every deployment.
            listener.add_override("lifecycle.ignore_changes", ["default_action"])
        codedeploy_role = self._role("codedeploy", "codedeploy.amazonaws.com", policies.codedeploy_role(
            service.service.id, ctx.arn("ecs", f"task-set/{service.cluster_name}/{service.service.name}/*"),
            [prod.arn, test.arn], role_arns, [ctx.arn("cloudwatch", f"alarm:{alarm}") for alarm in bg.alarms]),
            account_id=ctx.account_id,
            source_arn=ctx.arn("codedeploy", f"deploymentgroup:{bg.application_name}/{bg.deployment_group_name}"))
        self.deployment = BlueGreenDeployment(
            self, "codedeploy", bg, role_arn=codedeploy_role.arn, cluster_name=service.cluster_name,
            service_name=service.service.name, prod_listener_arn=prod.arn, test_listener_arn=test.arn,
            blue_target_group=service.target_group.name, green_target_group=green.name)
        app, group = bg.application_name, bg.deployment_group_name
        stage = {"name": "Deploy_BG", "action": [self._action("deploy_to_ECS", "Deploy", "CodeDeployToECS", {
            "ApplicationName": self.deployment.app.name,
            "DeploymentGroupName": self.deployment.group.deployment_group_name,
            "TaskDefinitionTemplateArtifact": ARTIFACT, "TaskDefinitionTemplatePath": "taskdef.json",
            "AppSpecTemplateArtifact": ARTIFACT, "AppSpecTemplatePath": "appspec.yml",
            "Image1ArtifactName": ARTIFACT, "Image1ContainerName": "IMAGE_NAME"}, inputs=[ARTIFACT])]}
        statements = policies.blue_green_deploy(
            ctx.arn("codedeploy", f"application:{app}"), ctx.arn("codedeploy", f"deploymentgroup:{app}/{group}"),
            ctx.arn("codedeploy", f"deploymentconfig:{bg.deployment_config}"), self._family_arn(ctx, service),
            role_arns)
        return stage, statements
