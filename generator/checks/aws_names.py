"""Every name in a Terraform document, with the kind of AWS name it is (generator.config.aws_rules).

`document_names(doc)` lists `(kind, name, address)` for each name the stacks and modules set
(resource names, nested ones such as index, container and discovery names, and tags); the
static rule `generator.checks.rules.aws_names` judges each by its kind's rule. Values only
Terraform can resolve are left out: validation judges the config values they come from.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from generator.checks.terraform import as_list, decoded, is_expression, literal, nested

#: resource type -> (attribute, name kind) for names set directly on the resource
NAME_ATTRIBUTES: dict[str, tuple[tuple[str, str], ...]] = {
    "aws_lb": (("name", "load_balancer"),),
    "aws_lb_target_group": (("name", "target_group"),),
    "aws_iam_role": (("name", "iam_role"),),
    "aws_iam_role_policy": (("name", "iam_policy"),),
    "aws_ecs_cluster": (("name", "ecs_cluster"),),
    "aws_ecs_service": (("name", "ecs_service"),),
    "aws_ecs_task_definition": (("family", "ecs_family"),),
    "aws_security_group": (("name", "security_group"),),
    "aws_cloudwatch_log_group": (("name", "log_group"),),
    "aws_cloudwatch_query_definition": (("name", "logs_query"),),
    "aws_service_discovery_private_dns_namespace": (("name", "namespace"),),
    "aws_service_discovery_service": (("name", "cloud_map_service"),),
    # `name` is the database name on 3.x targets, `db_name` from 4.0 (generator/targets.py)
    "aws_db_instance": (("identifier", "rds_identifier"), ("db_name", "mysql_db_name"), ("name", "mysql_db_name"),
                        ("username", "mysql_username")),
    "aws_db_subnet_group": (("name", "rds_subnet_group"),),
    "aws_secretsmanager_secret": (("name", "secret"),),
    "aws_ssm_parameter": (("name", "ssm_parameter"),),
    "aws_dynamodb_table": (("name", "dynamodb_table"), ("hash_key", "dynamodb_attribute"),
                           ("range_key", "dynamodb_attribute")),
    "aws_ecr_repository": (("name", "ecr_repository"),),
    "aws_codepipeline": (("name", "codepipeline"),),
    "aws_codebuild_project": (("name", "codebuild_project"),),
    "aws_s3_bucket": (("bucket", "s3_bucket"), ("bucket_prefix", "s3_bucket_prefix")),
    "aws_codedeploy_app": (("name", "codedeploy_application"),),
    "aws_codedeploy_deployment_group": (("deployment_group_name", "codedeploy_group"),),
    "aws_codecommit_repository": (("repository_name", "codecommit_repository"),),
    "aws_appautoscaling_policy": (("name", "scaling_policy"),),
    "aws_wafv2_web_acl": (("name", "waf_web_acl"),),
}


def document_names(doc: dict) -> list[tuple[str, str, str]]:
    """(kind, name, address) of every name the document sets; expressions are left out."""
    return [(kind, value, address) for kind, value, address in _names(doc)
            if isinstance(value, str) and not is_expression(value)]


def _names(doc: dict) -> Iterator[tuple[str, Any, str]]:
    backend = ((doc.get("terraform") or {}).get("backend") or {}).get("s3") or {}
    for attribute, kind in (("bucket", "s3_bucket"), ("dynamodb_table", "dynamodb_table")):
        if attribute in backend:
            yield kind, backend[attribute], "terraform.backend.s3"
    for rtype, by_name in (doc.get("resource") or {}).items():
        for name, body in (by_name or {}).items():
            address = f"{rtype}.{name}"
            for attribute, kind in NAME_ATTRIBUTES.get(rtype, ()):
                if attribute in body:
                    yield kind, literal(doc, body[attribute]), address
            for key, value in (body.get("tags") or {}).items() if isinstance(body.get("tags"), dict) else ():
                yield "tag_key", key, address
                yield "tag_value", literal(doc, value), address
            yield from ((kind, literal(doc, value), address) for kind, value in _nested(rtype, body))


def _nested(rtype: str, body: dict) -> Iterator[tuple[str, Any]]:
    """Names inside nested blocks and JSON documents."""
    if rtype == "aws_dynamodb_table":
        for index in nested(body, "global_secondary_index"):
            yield "dynamodb_index", index.get("name")
            yield "dynamodb_attribute", index.get("hash_key")
            if index.get("range_key") is not None:
                yield "dynamodb_attribute", index.get("range_key")
    elif rtype == "aws_lb_target_group":
        for check in nested(body, "health_check"):
            yield "health_check_path", check.get("path")
    elif rtype == "aws_lb_listener_rule":
        for condition in nested(body, "condition"):
            for pattern in nested(condition, "path_pattern"):
                for value in as_list(pattern.get("values")):  # a list, or one expression naming a list
                    yield "path_pattern", value
    elif rtype == "aws_ecs_task_definition":
        for container in decoded(body.get("container_definitions")) or []:
            yield "ecs_container", container.get("name")
            for mapping in container.get("portMappings") or []:
                if "name" in mapping:
                    yield "ecs_port_name", mapping["name"]
            options = (container.get("logConfiguration") or {}).get("options") or {}
            if "awslogs-stream-prefix" in options:
                yield "log_stream_prefix", options["awslogs-stream-prefix"]
    elif rtype == "aws_ecs_service":
        for connect in nested(body, "service_connect_configuration"):
            for service in nested(connect, "service"):
                yield "service_connect_name", service.get("discovery_name")
                for alias in nested(service, "client_alias"):
                    yield "service_connect_alias", alias.get("dns_name")
    elif rtype == "aws_codedeploy_deployment_group":
        for alarms in nested(body, "alarm_configuration"):
            for alarm in alarms.get("alarms") or []:
                yield "cloudwatch_alarm", alarm
    elif rtype == "aws_codepipeline":
        for stage in nested(body, "stage"):
            for action in nested(stage, "action"):
                configuration = action.get("configuration") or {}
                if action.get("provider") == "CodeCommit":
                    yield "codecommit_branch", configuration.get("BranchName")
                if "ConnectionArn" in configuration:
                    yield "connection_arn", configuration["ConnectionArn"]

