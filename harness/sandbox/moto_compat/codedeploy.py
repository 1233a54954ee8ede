"""CodeDeploy gaps in moto 5.2.5: missing delete/update actions, incomplete GetDeploymentGroup."""

from __future__ import annotations

from typing import Any

from moto.codedeploy import responses
from moto.codedeploy.exceptions import DeploymentGroupAlreadyExistsException
from moto.codedeploy.models import CodeDeployBackend
from moto.codedeploy.responses import CodeDeployResponse
from moto.core.responses import ActionResult, EmptyResult

# UpdateDeploymentGroup request field -> DeploymentGroup attribute.
_UPDATABLE_FIELDS = {
    "deploymentConfigName": "deployment_config_name",
    "ec2TagFilters": "ec2_tag_filters",
    "onPremisesInstanceTagFilters": "on_premises_instance_tag_filters",
    "autoScalingGroups": "auto_scaling_groups",
    "serviceRoleArn": "service_role_arn",
    "triggerConfigurations": "trigger_configurations",
    "alarmConfiguration": "alarm_configuration",
    "autoRollbackConfiguration": "auto_rollback_configuration",
    "outdatedInstancesStrategy": "outdated_instances_strategy",
    "deploymentStyle": "deployment_style",
    "blueGreenDeploymentConfiguration": "blue_green_deployment_configuration",
    "loadBalancerInfo": "load_balancer_info",
    "ec2TagSet": "ec2_tag_set",
    "ecsServices": "ecs_services",
    "onPremisesTagSet": "on_premises_tag_set",
    "terminationHookEnabled": "termination_hook_enabled",
}


def codedeploy_delete_application() -> None:
    """CodeDeploy DeleteApplication: missing in moto 5.2.5 (500 NotImplemented).

    Real AWS deletes the application with its deployment groups and succeeds
    silently for an unknown name; without it terraform destroy of
    aws_codedeploy_app retries until timeout.
    """

    def delete_application(self: CodeDeployResponse) -> EmptyResult:
        backend: CodeDeployBackend = self.codedeploy_backend
        name = self._get_param("applicationName")
        if backend.applications.pop(name, None) is not None:
            for group_name in backend.deployment_groups.pop(name, {}):
                backend.tagger.delete_all_tags_for_resource(
                    backend._deployment_group_arn(name, group_name)
                )
            backend.tagger.delete_all_tags_for_resource(backend._application_arn(name))
        return EmptyResult()

    CodeDeployResponse.delete_application = delete_application  # type: ignore[attr-defined]


def codedeploy_delete_deployment_group() -> None:
    """CodeDeploy DeleteDeploymentGroup: missing in moto 5.2.5 (500 NotImplemented).

    Real AWS deletes the group and answers {"hooksNotCleanedUp": []}; unknown
    application/group raise the usual *DoesNotExistException.
    """

    def delete_deployment_group(self: CodeDeployResponse) -> ActionResult:
        backend: CodeDeployBackend = self.codedeploy_backend
        app_name = self._get_param("applicationName")
        group_name = self._get_param("deploymentGroupName")
        backend.get_deployment_group(app_name, group_name)
        del backend.deployment_groups[app_name][group_name]
        backend.tagger.delete_all_tags_for_resource(
            backend._deployment_group_arn(app_name, group_name)
        )
        return ActionResult({"hooksNotCleanedUp": []})

    CodeDeployResponse.delete_deployment_group = delete_deployment_group  # type: ignore[attr-defined]


def codedeploy_update_deployment_group() -> None:
    """CodeDeploy UpdateDeploymentGroup: missing in moto 5.2.5 (500 NotImplemented).

    Real AWS replaces each field given in the request (others unchanged),
    renames the group when newDeploymentGroupName is set, and answers
    {"hooksNotCleanedUp": []}.
    """

    def update_deployment_group(self: CodeDeployResponse) -> ActionResult:
        backend: CodeDeployBackend = self.codedeploy_backend
        app_name = self._get_param("applicationName")
        current = self._get_param("currentDeploymentGroupName")
        group = backend.get_deployment_group(app_name, current)
        for field, attribute in _UPDATABLE_FIELDS.items():
            value = self._get_param(field)
            if value is not None:
                setattr(group, attribute, value)
        new_name = self._get_param("newDeploymentGroupName")
        if new_name and new_name != current:
            _rename_group(backend, app_name, current, new_name)
        return ActionResult({"hooksNotCleanedUp": []})

    CodeDeployResponse.update_deployment_group = update_deployment_group  # type: ignore[attr-defined]


def _rename_group(backend: CodeDeployBackend, app_name: str, old: str, new: str) -> None:
    groups = backend.deployment_groups[app_name]
    if new in groups:
        raise DeploymentGroupAlreadyExistsException(f"Deployment group {new} already exists.")
    group = groups.pop(old)
    group.deployment_group_name = new
    groups[new] = group
    old_arn = backend._deployment_group_arn(app_name, old)
    tags = backend.tagger.list_tags_for_resource(old_arn)["Tags"]
    backend.tagger.delete_all_tags_for_resource(old_arn)
    if tags:
        backend.tagger.tag_resource(backend._deployment_group_arn(app_name, new), tags)


def codedeploy_group_rollback_and_alarm_config() -> None:
    """CodeDeploy GetDeploymentGroup: autoRollback/alarm configuration lack `enabled`.

    moto 5.2.5 answers autoRollbackConfiguration {} when none was set and always
    answers alarmConfiguration {} (the stored one is dropped). Real AWS always
    includes `enabled` (false by default); terraform-provider-aws dereferences
    it and panics. Replies now carry the stored configuration over a disabled default.
    """
    original = responses._deployment_group_info

    def deployment_group_info(group: Any) -> dict[str, Any]:
        info = original(group)
        info["autoRollbackConfiguration"] = {
            "enabled": False,
            **(group.auto_rollback_configuration or {}),
        }
        info["alarmConfiguration"] = {
            "enabled": False,
            "ignorePollAlarmFailure": False,
            "alarms": [],
            **(group.alarm_configuration or {}),
        }
        return info

    responses._deployment_group_info = deployment_group_info
