"""Compose one environment's constructs into a cdktf stack (config -> constructs)."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from generator import references
from generator.aws import (
    AwsProvider,
    CodecommitRepository,
    Construct,
    IAspect,
    TerraformOutput,
    TerraformStack,
)
from generator.backend import add_backend
from generator.config.model import (
    CanaryConfig,
    DatabaseSecret,
    EnvironmentConfig,
    LinearConfig,
    PipelineConfig,
    ServiceConfig,
    ServiceConnectEntry,
)
from generator.constructs.access_logs import AccessLogsProps
from generator.constructs.autoscaling import AutoscalingProps
from generator.constructs.checks import suppress
from generator.constructs.cluster import Cluster, ClusterProps
from generator.constructs.container import ContainerProps, HealthCheckProps
from generator.constructs.context import StackContext
from generator.constructs.data_stores import Database, DatabaseProps, IndexProps, Table, TableProps
from generator.constructs.discovery import Discovery, DiscoveryEntry
from generator.constructs.guardduty import ThreatDetection, ThreatDetectionProps
from generator.constructs.iam import TaskRoles, exec_caller_policy
from generator.constructs.load_balancer import LoadBalancer, LoadBalancerProps
from generator.constructs.logs import EncryptLogGroups, FrontEnd, Logs, LogsProps
from generator.constructs.network import Network, NetworkProps
from generator.constructs.pipeline import ServicePipeline
from generator.constructs.pipeline.build import BuildProps
from generator.constructs.pipeline.deploy import BlueGreenProps
from generator.constructs.pipeline.pipeline import PipelineProps, SourceProps
from generator.constructs.service import FargateService, LoadBalancingProps, ServiceProps
from generator.constructs.service_linked_roles import (
    ServiceLinkedRoles,
    ServiceLinkedRolesProps,
    needed_service_linked_roles,
    resource_types,
)
from generator.constructs.tagging import TagEverything
from generator.constructs.traffic_shift import LifecycleHookProps, TrafficShiftProps
from generator.constructs.waf import WebFirewallProps
from generator.errors import Problem
from generator.naming import logical_id
from generator.notes import account_notes
from generator.targets import ProviderTarget


@dataclass(frozen=True)
class StackAddresses:
    """Service URLs, table names and secret ARNs as references to what the stack creates."""

    stack: EcsStack

    def service_url(self, service: str, caller: str) -> str:
        callee = self.stack.env.services[service]
        assert callee.service_connect is not None  # validated: a service_url target has an entry
        return self.stack.discovery.url(discovery_entry(callee.service_connect), callee.port,
                                        via_dns=not references.joins_service_connect(self.stack.env, caller))

    def table_name(self, table: str) -> str:
        return self.stack.tables[table].table.name

    def database_secret_arn(self, database: str) -> str:
        return self.stack.databases[database].secret_arn

    def database_secret_key_arn(self, database: str) -> str | None:
        return self.stack.databases[database].props.secret_kms_key_arn

    def database_endpoint_arn(self, database: str) -> str:
        return self.stack.databases[database].endpoint.arn


def discovery_entry(entry: ServiceConnectEntry) -> DiscoveryEntry:
    """How other services reach one (Service Connect names, or the Cloud Map DNS name)."""
    return DiscoveryEntry(name=entry.name, alias=entry.alias, port=entry.port)


def container_props(svc: ServiceConfig, *, image: str, environment: Mapping[str, str],
                    secrets: Mapping[str, str]) -> ContainerProps:
    """The service's one container (shared by the stack and the app-repo taskdef.json)."""
    check = svc.health_check
    return ContainerProps(
        image=image, name=svc.container_name, port=svc.port, cpu=svc.container_cpu, init_process=svc.exec,
        log_stream_prefix=svc.log_stream_prefix, environment=environment, secrets=secrets,
        health=HealthCheckProps(path=check.path, command=check.command, interval=check.interval,
                                timeout=check.timeout, retries=check.retries, start_period=check.start_period))


def visit_now(scope: Construct, *aspects: IAspect) -> None:
    """Apply `aspects` to every construct under `scope` that exists now, in one pass from Python.

    Registered with `Aspects.of`, cdktf would call each aspect back from Node for every construct at synthesis
    (one jsii round trip per construct and aspect); the stack applies them when it has built everything."""
    for node in scope.node.find_all():
        for aspect in aspects:
            aspect.visit(node)


class EcsStack(TerraformStack):
    """The whole ECS Fargate application of one environment: the one place that turns config into props."""

    def __init__(self, scope: Construct, id_: str, env: EnvironmentConfig):
        super().__init__(scope, id_)
        self.env = env
        target = ProviderTarget(env.provider.version)
        add_backend(self, env)
        self.provider = AwsProvider(self, "aws", region=env.region)
        self.add_override("terraform.required_providers.aws", {"source": "hashicorp/aws",
                                                               "version": target.constraint})
        self.ctx = ctx = StackContext.create(self, target, env.region)
        tag_everything = TagEverything({**env.tags, "Environment": env.name}, target)

        net = env.network
        self.network = Network(self, "network", NetworkProps(
            name=env.prefix, cidr=net.cidr, az_count=net.az_count, nat=net.nat,
            flow_log_retention_days=env.logs.retention_days), ctx=ctx)
        self.cluster = Cluster(self, "cluster", ClusterProps(name=env.cluster.name,
                                                             container_insights=env.cluster.container_insights),
                               target=target)
        front = next((n for n, s in env.services.items() if s.load_balancer), None)
        self.logs = Logs(self, "logs", LogsProps(
            prefix=env.prefix, group=env.logs.group, cluster_name=env.cluster.name,
            retention_days=env.logs.retention_days,
            front_end=FrontEnd(front, env.services[front].log_stream_prefix)
            if front and env.logs.saved_queries else None), ctx=ctx)
        encrypt_log_groups = EncryptLogGroups(self.logs.key.arn)  # every log group, pipelines' included
        ports = [s.load_balancer.listener_port for s in env.services.values() if s.load_balancer]
        alb, logs = env.alb, env.alb.access_logs
        self.alb = LoadBalancer(self, "alb", LoadBalancerProps(
            name=alb.name, vpc_id=self.network.vpc.id, subnet_ids=self.network.public_subnet_ids,
            listener_ports=ports, idle_timeout=alb.idle_timeout, certificate_arn=alb.certificate_arn,
            ingress_cidrs=alb.ingress_cidrs, ingress_ipv6_cidrs=alb.ingress_ipv6_cidrs,
            deletion_protection=not env.sandbox if alb.deletion_protection is None else alb.deletion_protection,
            access_logs=AccessLogsProps(bucket_name=f"{alb.name}-access-logs", prefix=logs.prefix,
                                        retention_days=logs.retention_days) if logs else None,
            waf=WebFirewallProps(name=alb.name, rule_groups=alb.waf.rule_groups,
                                 log_retention_days=env.logs.retention_days) if alb.waf else None),
            ctx=ctx) if ports else None
        self.discovery = Discovery(self, "discovery", namespace=env.service_connect.namespace,
                                   vpc_id=self.network.vpc.id, service_connect=ctx.service_connect)
        self.tables = {k: Table(self, f"table-{k}", TableProps(
            name=t.name, partition_key=t.partition_key, sort_key=t.sort_key, attributes=t.attributes,
            indexes=[IndexProps(i.name, i.partition_key, i.sort_key) for i in t.indexes],
            point_in_time_recovery=t.point_in_time_recovery)) for k, t in env.tables.items()}
        self.databases = {k: Database(self, f"db-{k}", DatabaseProps(
            key=k, identifier=d.identifier, secret_name=d.secret_name, endpoint_parameter=d.endpoint_parameter,
            subnet_ids=self.network.private_subnet_ids, vpc_id=self.network.vpc.id, engine=d.engine,
            engine_version=d.engine_version, instance_class=d.instance_class, allocated_storage=d.allocated_storage,
            db_name=d.db_name, username=d.username, multi_az=d.multi_az, backup_retention_days=d.backup_retention_days,
            deletion_protection=d.deletion_protection, secret_recovery_days=d.secret_recovery_days,
            secret_kms_key_arn=d.secret_kms_key_arn, rotation_days=d.rotation_days), target=target)
            for k, d in env.databases.items()}
        self.roles = TaskRoles(self, "iam", ctx=ctx)
        self.test_ingress_cidrs = env.alb.test_ingress_cidrs or [env.network.cidr]
        deployed_by = {p.service: p for p in env.pipelines.values()}
        dns_callees = references.dns_callees(env)
        self.services = {name: self._service(name, deployed_by.get(name), name in dns_callees)
                         for name in env.services}
        self._wire_calls()
        self.pipelines = self._pipelines()
        self.roles.finish()
        guardduty = env.guardduty
        if guardduty.enabled:
            ThreatDetection(self, "guardduty", ThreatDetectionProps(
                detector=guardduty.detector, runtime_monitoring=guardduty.runtime_monitoring,
                managed_by_organization=guardduty.managed_by_organization), target=target)
        services = tuple(needed_service_linked_roles(resource_types(self)))
        if env.create_service_linked_roles:
            ServiceLinkedRoles(self, "service-linked", ServiceLinkedRolesProps(services)).require_before(self)
        #: what the user should know about account-level settings this rendering assumes (printed after synth)
        self.notes = account_notes(env, services)
        self._outputs()
        visit_now(self, tag_everything, encrypt_log_groups)  # last: every construct of the stack exists

    def _allocate_logical_id(self, element) -> str:  # cdktf hook: readable, stable addresses
        path = element.node.path.split("/")[1:]
        address = logical_id(path)
        self.__dict__.setdefault("_paths", {}).setdefault(address, set()).add("/".join(path))
        return address

    def shared_addresses(self) -> list[Problem]:
        """Construct paths that became the same Terraform address (after synthesis): Terraform would keep one."""
        return [Problem("(stack)", f"{' and '.join(sorted(paths))} all become the Terraform address {address}; "
                                   "rename one of the keys or names they are built from")
                for address, paths in self.__dict__.get("_paths", {}).items() if len(paths) > 1]

    def _service(self, name: str, pipeline: PipelineConfig | None, dns_discovery: bool) -> FargateService:
        svc = self.env.services[name]
        execution = self.roles.role(svc.execution_role, "execution")
        task = self.roles.role(svc.task_role, "task") if svc.task_role else None
        addresses = StackAddresses(self)
        environment = references.environment(name, svc, addresses)
        secrets, reads = references.secrets(svc, addresses)
        self.roles.grant_secret_reads(svc.execution_role, list(reads.secrets.values()), list(reads.parameters.values()),
                                      list(reads.keys.values()))
        if svc.task_role:
            if svc.exec:
                self.roles.grant_exec(svc.task_role)
            for access in svc.access:
                self.roles.grant_table(svc.task_role, self.tables[access.table].arn, access.mode)
        lb, scaling = svc.load_balancer, svc.autoscaling
        service = FargateService(self, f"svc-{name}", ServiceProps(
            name=name, family=svc.family, security_group_name=f"{self.env.prefix}-{name}", cluster=self.cluster,
            discovery=self.discovery, vpc_id=self.network.vpc.id, subnet_ids=self.network.private_subnet_ids,
            log_group=self.logs.group.name,
            container=container_props(svc, image=svc.image, environment=environment, secrets=secrets),
            execution_role_arn=execution.arn, task_role_arn=task.arn if task else None, cpu=svc.cpu,
            memory=svc.memory, cpu_architecture=svc.cpu_architecture, desired_count=svc.desired_count,
            enable_execute_command=svc.exec,
            deployment_minimum_healthy_percent=svc.deployment_minimum_healthy_percent,
            deployment_maximum_percent=svc.deployment_maximum_percent,
            discovery_entry=discovery_entry(svc.service_connect) if svc.service_connect else None,
            load_balancer=self.alb,
            load_balancing=LoadBalancingProps(
                listener_port=lb.listener_port, target_group_name=lb.target_group_name,
                health_check_path=lb.health_check_path, path_patterns=lb.path_patterns,
                priority=lb.priority) if lb else None,
            autoscaling=AutoscalingProps(
                min=scaling.min, max=scaling.max, target=scaling.target, metric=scaling.metric,
                scale_in_cooldown=scaling.scale_in_cooldown,
                scale_out_cooldown=scaling.scale_out_cooldown) if scaling else None,
            pipeline_strategy=pipeline.strategy if pipeline else None,
            traffic_shift=self._traffic_shift(pipeline), dns_discovery=dns_discovery), ctx=self.ctx)
        for db_key in {r.database for r in svc.secrets.values() if isinstance(r, DatabaseSecret)}:
            self.databases[db_key].allow_client(service.firewall, f"service {name}")
        return service

    def _traffic_shift(self, pipeline: PipelineConfig | None) -> TrafficShiftProps | None:
        """ECS-native blue/green, linear or canary settings of the pipeline deploying a service."""
        if pipeline is None or pipeline.ecs_deployment is None:
            return None
        native = pipeline.ecs_deployment
        canary, linear = native.canary or CanaryConfig(), native.linear or LinearConfig()
        header = native.test_traffic_header
        return TrafficShiftProps(
            strategy=pipeline.strategy, alternate_target_group_name=native.alternate_target_group_name,
            test_listener_port=native.test_listener_port, test_ingress_cidrs=self.test_ingress_cidrs,
            infrastructure_role_name=native.infrastructure_role, hook_role_name=native.hook_role,
            bake_time_minutes=native.bake_time_minutes, canary_percent=canary.percent,
            canary_bake_time_minutes=canary.bake_time_minutes, step_percent=linear.step_percent,
            step_bake_time_minutes=linear.step_bake_time_minutes, alarms=native.alarms,
            lifecycle_hooks=[LifecycleHookProps(h.function_arn, h.stages) for h in native.lifecycle_hooks],
            test_header=(header.name, header.value) if header else None)

    def _pipelines(self) -> dict[str, ServicePipeline]:
        repositories: dict[str, CodecommitRepository] = {}
        pipelines = {}
        for key, config in self.env.pipelines.items():
            repository = None
            source = config.source
            name = source.repository
            assert name is not None  # validated: derived for CodeCommit (<prefix>-app), required for CodeStar
            if source.type == "codecommit":
                if name not in repositories:
                    repositories[name] = CodecommitRepository(self, f"source-{name}", repository_name=name,
                                                              description="application source for the pipelines")
                    suppress(repositories[name], "CKV2_AWS_37", "approval rules are the team's review policy, "
                                                                "not part of this stack")
                repository = repositories[name]
            svc = self.env.services[config.service]
            bg, build = config.blue_green, config.build
            pipelines[key] = ServicePipeline(self, f"pipeline-{key}", PipelineProps(
                name=config.name, strategy=config.strategy, service=self.services[config.service],
                ecr_repository=config.ecr_repository, image_parameter=config.image_parameter,
                source=SourceProps(repository=name, type=source.type, branch=source.branch,
                                   connection_arn=source.connection_arn),
                role_arns=[self.roles.role(r, "task").arn for r in (svc.execution_role, svc.task_role) if r],
                build=BuildProps(image=build.image, compute_type=build.compute_type, context=build.context,
                                 timeout_minutes=build.timeout_minutes),
                artifact_expiry_days=config.artifact_expiry_days, log_retention_days=self.env.logs.retention_days,
                repository=repository, load_balancer=self.alb,
                blue_green=BlueGreenProps(
                    green_target_group_name=bg.green_target_group_name, application_name=bg.application_name,
                    deployment_group_name=bg.deployment_group_name, deployment_config=bg.deployment_config,
                    termination_wait_minutes=bg.termination_wait_minutes, test_listener_port=bg.test_listener_port,
                    test_ingress_cidrs=self.test_ingress_cidrs, alarms=bg.alarms) if bg else None), ctx=self.ctx)
        return pipelines

    def _wire_calls(self) -> None:
        for name, svc in self.env.services.items():
            for callee in references.callees(svc):
                self.services[callee].allow_caller(self.services[name])

    def _outputs(self) -> None:
        out = lambda key, value, description, sensitive=False: TerraformOutput(  # noqa: E731
            self, key, value=value, description=description, sensitive=sensitive)
        out("vpc_id", self.network.vpc.id, "VPC id")
        out("private_subnet_ids", self.network.private_subnet_ids, "Private subnet ids (tasks, databases)")
        out("cluster_name", self.cluster.name_ref, "ECS cluster name")
        out("cluster_arn", self.cluster.arn, "ECS cluster ARN")
        out("log_group_name", self.logs.group.name, "Application log group")
        out("service_names", {k: s.service.name for k, s in self.services.items()}, "ECS service names by key")
        out("task_definition_families", {k: s.task_definition.family for k, s in self.services.items()},
            "Task definition families by service")
        out("namespace", self.discovery.namespace.name, "Cloud Map namespace")
        out("ecs_exec_caller_policy", exec_caller_policy(self.ctx, self.cluster.name, self.cluster.arn),
            "IAM policy document for people who run `aws ecs execute-command` (the workshop's AmazonECSExecCommand)")
        if self.alb:
            out("alb_dns_name", self.alb.resource.dns_name, "DNS name of the ALB")
            out("alb_url", f"{self.alb.protocol.lower()}://{self.alb.resource.dns_name}", "Base URL of the application")
        out("table_names", {k: t.table.name for k, t in self.tables.items()}, "DynamoDB table names by key")
        out("database_secret_arns", {k: d.secret_arn for k, d in self.databases.items()},
            "Secrets Manager ARNs of database credentials (RDS-managed secrets: known after apply; "
            "`python -m generator artifacts --outputs` reads them from here)")
        out("pipelines", {k: {"name": p.pipeline.name, "repository_url": p.registry.repository.repository_url,
                              "image_parameter": p.parameter.name} for k, p in self.pipelines.items()},
            "CodePipeline name, ECR repository URL and latest-image SSM parameter by pipeline")
        out("database_endpoint_parameters", {k: d.endpoint.name for k, d in self.databases.items()},
            "SSM parameters holding database endpoints")
