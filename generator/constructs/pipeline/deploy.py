"""CodeDeploy blue/green for an ECS service behind the ALB (the workshop's deployment group)."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from generator.aws import CodedeployApp, CodedeployDeploymentGroup, Construct


@dataclass(frozen=True)
class BlueGreenProps:
    """CodeDeploy blue/green settings.

    Defaults (the workshop's): 10 % more traffic every minute, blue tasks kept 5 minutes after
    success, test listener on 8080 reachable from `test_ingress_cidrs` (none by default: give the clients
    that test green, e.g. the VPC's CIDR), rollback on failure only (on alarms too when `alarms` is given).
    """

    green_target_group_name: str
    application_name: str
    deployment_group_name: str
    deployment_config: str = "CodeDeployDefault.ECSLinear10PercentEvery1Minutes"
    termination_wait_minutes: Any = 5
    test_listener_port: Any = 8080
    test_ingress_cidrs: Sequence[str] = ()
    alarms: Sequence[str] = ()


class BlueGreenDeployment(Construct):
    """Application (ECS) and deployment group with traffic control, termination wait and rollback."""

    def __init__(self, scope: Construct, id_: str, config: BlueGreenProps, *, role_arn: str, cluster_name: str,
                 service_name: str, prod_listener_arn: str, test_listener_arn: str, blue_target_group: str,
                 green_target_group: str):
        super().__init__(scope, id_)
        self.app = CodedeployApp(self, "app", name=config.application_name, compute_platform="ECS")
        rollback_events = ["DEPLOYMENT_FAILURE"] + (["DEPLOYMENT_STOP_ON_ALARM"] if config.alarms else [])
        self.group = CodedeployDeploymentGroup(
            self, "group", app_name=self.app.name, deployment_group_name=config.deployment_group_name,
            service_role_arn=role_arn, deployment_config_name=config.deployment_config,
            deployment_style={"deployment_option": "WITH_TRAFFIC_CONTROL", "deployment_type": "BLUE_GREEN"},
            blue_green_deployment_config={
                "deployment_ready_option": {"action_on_timeout": "CONTINUE_DEPLOYMENT"},
                "terminate_blue_instances_on_deployment_success": {
                    "action": "TERMINATE", "termination_wait_time_in_minutes": config.termination_wait_minutes}},
            auto_rollback_configuration={"enabled": True, "events": rollback_events},
            ecs_service={"cluster_name": cluster_name, "service_name": service_name},
            load_balancer_info={"target_group_pair_info": {
                "prod_traffic_route": {"listener_arns": [prod_listener_arn]},
                "test_traffic_route": {"listener_arns": [test_listener_arn]},
                "target_group": [{"name": blue_target_group}, {"name": green_target_group}]}})
        if config.alarms:
            self.group.put_alarm_configuration(enabled=True, alarms=list(config.alarms))
