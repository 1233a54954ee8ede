"""ServicePipeline: Source -> Build -> Deploy (ECS rolling, or CodeDeploy blue/green) for one service."""
from __future__ import annotations

from generator.aws import (
    CodecommitRepository, Codepipeline, Construct, IamRole, IamRolePolicy, LbListener, SsmParameter, blocks,
)
from generator.config.model import PipelineConfig
from generator.constructs.checks import suppress
from generator.constructs.context import StackContext
from generator.constructs.iam import assume_role_policy, policy_document
from generator.constructs.load_balancer import LoadBalancer
from generator.constructs.pipeline import policies
from generator.constructs.pipeline.artifact_store import ArtifactStore
from generator.constructs.pipeline.build import ImageBuild
from generator.constructs.pipeline.deploy import BlueGreenDeployment
from generator.constructs.pipeline.registry import ImageRegistry
from generator.constructs.service import FargateService
from generator.constructs.tokens import construct_id

ARTIFACT = "BuildArtifact"
SOURCE = "SourceArtifact"


class ServicePipeline(Construct):
    """Everything that builds and deploys one service's image, with a least-privilege role per tool."""

    def __init__(self, scope: Construct, id_: str, *, ctx: StackContext, key: str, config: PipelineConfig,
                 service: FargateService, alb: LoadBalancer | None, repository: CodecommitRepository | None,
                 role_arns: list[str], log_retention_days: int):
        super().__init__(scope, id_)
        assert config.name and config.ecr_repository and config.image_parameter
        self.config = config
        self.registry = ImageRegistry(self, "registry", name=config.ecr_repository)
        self.store = ArtifactStore(self, "artifacts", name=f"{config.name}-artifacts",
                                   expiry_days=config.artifact_expiry_days, target=ctx.target)
        self.parameter = SsmParameter(self, "latest-image", name=config.image_parameter, type="String",
                                      value=service.config.image,
                                      description=f"Latest image built by pipeline {config.name}")
        # The build writes each new image tag here: the pipeline owns the value after creation.
        self.parameter.add_override("lifecycle.ignore_changes", ["value"])
        suppress(self.parameter, "CKV2_AWS_34", "holds an image URI, which is not a secret")
        build_role = self._role("build", "codebuild.amazonaws.com", policies.build_role(
            ctx.arn("logs", f"log-group:/codebuild/{config.name}"), self.store.arn,
            self.registry.repository.arn, self.parameter.arn))
        self.build = ImageBuild(self, "build", name=config.name, config=config.build, role_arn=build_role.arn,
                                log_retention_days=log_retention_days, variables={
                                    "REPOSITORY_URI": self.registry.repository.repository_url,
                                    "IMAGE_PARAMETER": config.image_parameter,
                                    "CONTAINER_NAME": service.config.container_name,
                                    "BUILD_CONTEXT": config.build.context,
                                    "DEPLOY_STRATEGY": config.strategy})
        statements = [*policies.artifact_access(self.store.arn),
                      policies.source_access(repository.arn if repository else None, config.source.connection_arn),
                      policies.statement("Build", ["codebuild:BatchGetBuilds", "codebuild:StartBuild"],
                                         [self.build.project.arn])]
        if config.strategy == "blue_green":
            assert alb is not None
            deploy_stage, deploy_statements = self._blue_green(ctx, service, alb, role_arns)
        else:
            deploy_stage = {"name": "Deploy", "action": [self._action(
                "deploy_to_ECS", "Deploy", "ECS", {"ClusterName": service.cluster_name,
                                                   "ServiceName": service.service.name,
                                                   "FileName": "imagedefinitions.json"}, inputs=[ARTIFACT])]}
            deploy_statements = policies.rolling_deploy(service.service.id, self._family_arn(ctx, service), role_arns)
        pipeline_role = self._role("pipeline", "codepipeline.amazonaws.com", statements + deploy_statements)
        self.pipeline = Codepipeline(
            self, "pipeline", name=config.name, role_arn=pipeline_role.arn,
            artifact_store=blocks([{"location": self.store.bucket.bucket, "type": "S3"}]),
            stage=blocks([self._source_stage(repository), self._build_stage(), deploy_stage]))
        suppress(self.pipeline, "CKV_AWS_219", "artifacts are encrypted by the bucket's SSE-S3 default; a CMK is optional")

    def _role(self, name: str, principal: str, statements: list[dict]) -> IamRole:
        role = IamRole(self, f"{name}-role", name=f"{self.config.name}-{name}"[:64],
                       assume_role_policy=assume_role_policy(principal),
                       description=f"{name} role of pipeline {self.config.name}")
        IamRolePolicy(self, f"{name}-policy", name=f"{self.config.name}-{name}", role=role.id,
                      policy=policy_document(statements))
        return role

    @staticmethod
    def _family_arn(ctx: StackContext, service: FargateService) -> str:
        return ctx.arn("ecs", f"task-definition/{service.config.family or service.name}")

    @staticmethod
    def _action(name: str, category: str, provider: str, configuration: dict, *, inputs: list[str] | None = None,
                outputs: list[str] | None = None, owner: str = "AWS") -> dict:
        return {"name": name, "category": category, "owner": owner, "provider": provider, "version": "1",
                "run_order": 1, "configuration": configuration, "input_artifacts": inputs,
                "output_artifacts": outputs}

    def _source_stage(self, repository: CodecommitRepository | None) -> dict:
        source = self.config.source
        if source.type == "codestar":
            action = self._action("Source", "Source", "CodeStarSourceConnection", {
                "ConnectionArn": source.connection_arn, "FullRepositoryId": source.repository,
                "BranchName": source.branch}, outputs=[SOURCE])
        else:
            assert repository is not None
            action = self._action("Source", "Source", "CodeCommit", {
                "RepositoryName": repository.repository_name, "BranchName": source.branch,
                "PollForSourceChanges": "false"}, outputs=[SOURCE])
        return {"name": "Source", "action": [action]}

    def _build_stage(self) -> dict:
        return {"name": "Build", "action": [self._action(
            "Build", "Build", "CodeBuild", {"ProjectName": self.build.project.name}, inputs=[SOURCE],
            outputs=[ARTIFACT])]}

    def _blue_green(self, ctx: StackContext, service: FargateService, alb: LoadBalancer,
                    role_arns: list[str]) -> tuple[dict, list[dict]]:
        bg = self.config.blue_green
        lb = service.config.load_balancer
        assert bg and bg.green_target_group_name and lb and lb.listener_port and service.target_group
        green = alb.target_group(construct_id(f"{service.name}-green-tg"), name=bg.green_target_group_name,
                                 port=service.config.port, health_path=lb.health_check_path or "/",
                                 health=service.config.health_check)
        test: LbListener = alb.add_listener(bg.test_listener_port, description=f"testers of {service.name}")
        alb.route(bg.test_listener_port, green.arn, [], None)
        prod = alb.listeners[lb.listener_port]
        for listener in (prod, test):
            # CodeDeploy swaps the target groups behind these listeners on every deployment.
            listener.add_override("lifecycle.ignore_changes", ["default_action"])
        codedeploy_role = self._role("codedeploy", "codedeploy.amazonaws.com", policies.codedeploy_role(
            service.service.id, service.cluster_name, [prod.arn, test.arn], role_arns,
            ctx.arn("ecs", "").rstrip(":"), bool(bg.alarms)))
        self.deployment = BlueGreenDeployment(
            self, "codedeploy", config=bg, role_arn=codedeploy_role.arn, cluster_name=service.cluster_name,
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
