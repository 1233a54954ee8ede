"""Compose one environment's constructs into a cdktf stack (config -> constructs)."""
from __future__ import annotations

import re

from generator.aws import Aspects, AwsProvider, CodecommitRepository, Construct, TerraformOutput, TerraformStack
from generator.backend import add_backend
from generator.config.model import DatabaseSecret, EnvironmentConfig, SecretsManagerSecret, ServiceUrl, TableName
from generator.constructs.checks import suppress
from generator.constructs.cluster import Cluster
from generator.constructs.context import StackContext
from generator.constructs.data_stores import Database, Table
from generator.constructs.discovery import Discovery
from generator.constructs.guardduty import ThreatDetection
from generator.constructs.iam import TaskRoles, exec_caller_policy
from generator.constructs.load_balancer import LoadBalancer
from generator.constructs.logs import EncryptLogGroups, Logs
from generator.constructs.network import Network
from generator.constructs.pipeline import ServicePipeline
from generator.constructs.service import FargateService, ServiceWiring
from generator.constructs.tagging import TagEverything
from generator.targets import ProviderTarget


def ctx_constraint(env: EnvironmentConfig) -> str:
    """The `required_providers` constraint: exactly the targeted version."""
    return ProviderTarget(env.provider.version).constraint


class EcsStack(TerraformStack):
    """The whole ECS Fargate application of one environment."""

    def __init__(self, scope: Construct, id_: str, env: EnvironmentConfig):
        super().__init__(scope, id_)
        self.env = env
        add_backend(self, env)
        self.provider = AwsProvider(self, "aws", region=env.region)
        self.add_override("terraform.required_providers.aws", {"source": "hashicorp/aws",
                                                               "version": ctx_constraint(env)})
        self.ctx = ctx = StackContext.create(self, env)
        Aspects.of(self).add(TagEverything({**env.tags, "Environment": env.name}, ctx.target))

        self.network = Network(self, "network", name=env.prefix, config=env.network, target=ctx.target,
                               flow_log_retention_days=env.logs.retention_days)
        self.cluster = Cluster(self, "cluster", config=env.cluster, target=ctx.target)
        front = next((n for n, s in env.services.items() if s.load_balancer), None)
        self.logs = Logs(self, "logs", ctx=ctx, config=env.logs, prefix=env.prefix, cluster_name=env.cluster.name,
                         front_service=front,
                         front_stream_prefix=env.services[front].log_stream_prefix if front else None)
        Aspects.of(self).add(EncryptLogGroups(self.logs.key.arn))  # every log group, pipelines' included
        ports = [s.load_balancer.listener_port for s in env.services.values()
                 if s.load_balancer and s.load_balancer.listener_port]
        self.alb = LoadBalancer(self, "alb", config=env.alb, vpc_id=self.network.vpc.id,
                                subnet_ids=self.network.public_subnet_ids, listener_ports=ports) if ports else None
        self.discovery = Discovery(self, "discovery", namespace=env.service_connect.namespace,
                                   vpc_id=self.network.vpc.id, service_connect=ctx.service_connect)
        self.tables = {k: Table(self, f"table-{k}", config=t) for k, t in env.tables.items()}
        self.databases = {k: Database(self, f"db-{k}", key=k, config=d, subnet_ids=self.network.private_subnet_ids,
                                      vpc_id=self.network.vpc.id, target=ctx.target)
                          for k, d in env.databases.items()}
        self.roles = TaskRoles(self, "iam", ctx=ctx)
        strategies = {p.service: p.strategy for p in env.pipelines.values()}
        self.services = {name: self._service(name, strategies.get(name)) for name in env.services}
        self._wire_calls()
        self.pipelines = self._pipelines()
        self.roles.finish()
        if env.guardduty.enabled:
            ThreatDetection(self, "guardduty", config=env.guardduty)
        self._outputs()

    def _allocate_logical_id(self, element) -> str:  # cdktf hook: readable, stable addresses
        """`svc-ui/service` -> `svc_ui_service` instead of cdktf's hashed default."""
        path = element.node.path.split("/")[1:]
        return re.sub(r"[^A-Za-z0-9_]", "_", "_".join(path))

    def _service(self, name: str, pipeline_strategy: str | None) -> FargateService:
        svc = self.env.services[name]
        assert svc.execution_role is not None
        execution = self.roles.role(svc.execution_role, "execution")
        task = self.roles.role(svc.task_role, "task") if svc.task_role else None
        environment = {k: self._env_value(v) for k, v in svc.environment.items()}
        secrets: dict[str, str] = {}
        secret_arns: dict[str, str] = {}  # keyed by what they point at: tokens differ per access
        parameter_arns: dict[str, str] = {}
        for var, ref in svc.secrets.items():
            if isinstance(ref, DatabaseSecret):
                db = self.databases[ref.database]
                secrets[var] = db.secret_ref(ref.field)
                if ref.field == "endpoint":
                    parameter_arns[f"db:{ref.database}"] = db.endpoint.arn
                else:
                    secret_arns[f"db:{ref.database}"] = db.secret.arn
            elif isinstance(ref, SecretsManagerSecret):
                secrets[var] = f"{ref.secrets_manager_arn}:{ref.key}::" if ref.key else ref.secrets_manager_arn
                secret_arns[ref.secrets_manager_arn] = ref.secrets_manager_arn
            else:
                secrets[var] = ref.ssm_parameter_arn
                parameter_arns[ref.ssm_parameter_arn] = ref.ssm_parameter_arn
        self.roles.grant_secret_reads(svc.execution_role, list(secret_arns.values()), list(parameter_arns.values()))
        if svc.task_role:
            if svc.exec:
                self.roles.grant_exec(svc.task_role)
            for access in svc.access:
                self.roles.grant_table(svc.task_role, self.tables[access.table].arn, access.mode)
        wiring = ServiceWiring(
            cluster=self.cluster, vpc_id=self.network.vpc.id, subnet_ids=self.network.private_subnet_ids,
            log_group=self.logs.group.name, execution_role_arn=execution.arn,
            task_role_arn=task.arn if task else None, discovery=self.discovery, environment=environment,
            secrets=secrets, alb=self.alb)
        service = FargateService(self, f"svc-{name}", ctx=self.ctx, name=name, svc=svc, wiring=wiring,
                                 pipeline_strategy=pipeline_strategy)
        for db_key in {r.database for r in svc.secrets.values() if isinstance(r, DatabaseSecret)}:
            self.databases[db_key].allow_client(service.firewall, f"service {name}")
        return service

    def _pipelines(self) -> dict[str, ServicePipeline]:
        repositories: dict[str, CodecommitRepository] = {}
        pipelines = {}
        for key, config in self.env.pipelines.items():
            repository = None
            if config.source.type == "codecommit":
                name = config.source.repository
                assert name is not None  # resolved to <prefix>-app by the loader
                if name not in repositories:
                    repositories[name] = CodecommitRepository(self, f"source-{name}", repository_name=name,
                                                              description="application source for the pipelines")
                    suppress(repositories[name], "CKV2_AWS_37", "approval rules are the team's review policy, "
                                                                "not part of this stack")
                repository = repositories[name]
            svc = self.env.services[config.service]
            role_arns = [self.roles.role(r, "task").arn for r in (svc.execution_role, svc.task_role) if r]
            pipelines[key] = ServicePipeline(
                self, f"pipeline-{key}", ctx=self.ctx, key=key, config=config, service=self.services[config.service],
                alb=self.alb, repository=repository, role_arns=role_arns,
                log_retention_days=self.env.logs.retention_days)
        return pipelines

    def _env_value(self, value: str | ServiceUrl | TableName) -> str:
        if isinstance(value, ServiceUrl):
            return self.discovery.url(self.env.services[value.service_url])
        if isinstance(value, TableName):
            return self.tables[value.table_name].table.name
        return value

    def _wire_calls(self) -> None:
        for name, svc in self.env.services.items():
            for callee in dict.fromkeys(v.service_url for v in svc.environment.values() if isinstance(v, ServiceUrl)):
                self.services[callee].allow_caller(self.services[name])

    def _outputs(self) -> None:
        out = lambda key, value, description, sensitive=False: TerraformOutput(  # noqa: E731
            self, key, value=value, description=description, sensitive=sensitive)
        out("vpc_id", self.network.vpc.id, "VPC id")
        out("private_subnet_ids", self.network.private_subnet_ids, "Private subnet ids (tasks, databases)")
        out("cluster_name", self.cluster.cluster.name, "ECS cluster name")
        out("cluster_arn", self.cluster.arn, "ECS cluster ARN")
        out("log_group_name", self.logs.group.name, "Application log group")
        out("service_names", {k: s.service.name for k, s in self.services.items()}, "ECS service names by key")
        out("task_definition_families", {k: s.task_definition.family for k, s in self.services.items()},
            "Task definition families by service")
        out("namespace", self.discovery.namespace.name, "Cloud Map namespace")
        out("ecs_exec_caller_policy", exec_caller_policy(self.ctx, self.cluster.name, self.cluster.arn),
            "IAM policy document for people who run `aws ecs execute-command` (the workshop's AmazonECSExecCommand)")
        if self.alb:
            out("alb_dns_name", self.alb.alb.dns_name, "DNS name of the ALB")
            out("alb_url", f"{self.alb.protocol.lower()}://{self.alb.alb.dns_name}", "Base URL of the application")
        out("table_names", {k: t.table.name for k, t in self.tables.items()}, "DynamoDB table names by key")
        out("database_secret_arns", {k: d.secret.arn for k, d in self.databases.items()},
            "Secrets Manager ARNs of database credentials")
        out("pipelines", {k: {"name": p.pipeline.name, "repository_url": p.registry.repository.repository_url,
                              "image_parameter": p.parameter.name} for k, p in self.pipelines.items()},
            "CodePipeline name, ECR repository URL and latest-image SSM parameter by pipeline")
        out("database_endpoint_parameters", {k: d.endpoint.name for k, d in self.databases.items()},
            "SSM parameters holding database endpoints")
