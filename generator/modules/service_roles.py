"""The service modules' IAM roles: created least-privilege by default (`create_*_role`), or brought (`*_role_arn`).

The execution role pulls images and writes logs (AWS's AmazonECSTaskExecutionRolePolicy) and reads exactly the
secrets and parameters the containers' `secrets` name (the main container's and the sidecars'); the task role
trusts ECS tasks of this account only (confused-deputy keys, generator.constructs.iam.assume_role_policy) and gets
the ECS Exec channel actions when `enable_execute_command` is on, plus what `task_role_policies` grant.
"""
from __future__ import annotations

from dataclasses import dataclass

from generator.aws import IamRole, IamRolePolicy, IamRolePolicyAttachment, TerraformLocal, Token
from generator.constructs.context import StackContext
from generator.constructs.iam import ECS_EXEC_ACTIONS, EXECUTION_MANAGED_POLICY, assume_role_policy, policy_document
from generator.constructs.tokens import attribute, expression, reference, when
from generator.modules import inputs
from generator.modules.base import Input, ModuleStack

#: the secrets of every container: the main one's and the sidecars' (`additional_container_definitions`)
CONTAINER_SECRETS = ("concat(var.secrets, flatten([for c in jsondecode(var.additional_container_definitions) : "
                     "[for s in try(c.secrets, []) : {name = s.name, valueFrom = s.valueFrom}]]))")
#: the resource ARN of a Secrets Manager `valueFrom` (arn:...:secret:NAME-SUFFIX[:json-key:stage:version]): its
#: first seven fields (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/secrets-envvar-secrets-manager.html)
SECRET_ARNS = ('distinct([for s in local.container_secrets : join(":", slice(split(":", s.valueFrom), 0, 7)) '
               'if can(regex("^arn:[^:]+:secretsmanager:", s.valueFrom))])')
#: SSM parameters by ARN (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/secrets-envvar-ssm-paramstore.html)
PARAMETER_ARNS = ('distinct([for s in local.container_secrets : s.valueFrom '
                  'if can(regex("^arn:[^:]+:ssm:", s.valueFrom))])')
SECRETS_VALIDATION = ('alltrue([for s in var.secrets : can(regex("^arn:[^:]+:(secretsmanager|ssm):", s.valueFrom))])',
                      "Each valueFrom must be a Secrets Manager secret ARN or an SSM parameter ARN (the created "
                      "execution role is granted exactly those).")


@dataclass(frozen=True)
class ServiceRoles:
    """The role ARNs the task definition uses (expressions choosing the created or the given role) and both as one
    list (`local.role_arns`, null task role left out: what a pipeline may pass)."""

    execution_arn: str
    task_arn: str
    arns: list[str]


def role_name(stack: ModuleStack, var: str, kind: str, fallback: str, fallback_text: str) -> str:
    """The name of a created role (null: derived from the module's `name`); IAM allows 64 characters."""
    # RoleName: "Length Constraints: Minimum length of 1. Maximum length of 64."
    # (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html)
    return inputs.name_or(stack, var, f"Name of the created {kind} role", fallback, fallback_text, validations=[
                              (f'can(regex("^[\\\\w+=,.@-]{{1,64}}$", var.{var}))',
                               "Use 1-64 letters, digits and +=,.@_- characters.")])


def service_roles(stack: ModuleStack, name: Input, ctx: StackContext) -> ServiceRoles:
    """Declare the role inputs and create the roles the caller does not bring."""
    stack.variable(
        "create_execution_role", "bool", "Whether the module creates the task execution role (image pull, logs, "
        "exactly the `secrets`); false: give `execution_role_arn`", True)
    stack.variable("execution_role_arn", "string", "Task execution role to use when "
                                   "create_execution_role = false", None, validations=[
        ('var.execution_role_arn == null || can(regex("^arn:aws[a-z-]*:iam::", var.execution_role_arn))',
         "Must be an IAM role ARN (arn:aws:iam::...).")])
    stack.variable(
        "create_task_role", "bool", "Whether the module creates the task role (ECS tasks of this account only; ECS "
        "Exec channels when enabled, and `task_role_policies`); false: give `task_role_arn` or leave it null "
        "for none", True)
    stack.variable("task_role_arn", "string", "Task role to use when create_task_role = false (null: "
                              "none)", None, validations=[
        ('var.task_role_arn == null || can(regex("^arn:aws[a-z-]*:iam::", var.task_role_arn))',
         "Must be an IAM role ARN (arn:aws:iam::...).")])
    stack.variable("task_role_policies", "list(string)", "IAM policy documents (JSON) the application needs, each "
                   "inline on the created task role", [])
    names = {kind: role_name(stack, f"{kind}_role_name", kind, f"{name.string}-{kind}", f"<name>-{kind}")
             for kind in ("execution", "task")}

    execution = when(IamRole(stack, "execution-role", name=names["execution"], description="ECS task execution role",
                             assume_role_policy=assume_role_policy("ecs-tasks.amazonaws.com")),
                     "var.create_execution_role")
    when(IamRolePolicyAttachment(stack, "execution-managed", role=reference(execution, "name"),
                                 policy_arn=f"arn:{ctx.partition}:iam::aws:{EXECUTION_MANAGED_POLICY}"),
         "var.create_execution_role")
    for local, arns in (("container_secrets", CONTAINER_SECRETS), ("secret_arns", SECRET_ARNS),
                        ("parameter_arns", PARAMETER_ARNS)):
        TerraformLocal(stack, local, expression(arns)).override_logical_id(local)
    statements = ", ".join(
        f'length(local.{local}) > 0 ? [{{Sid = "{sid}", Effect = "Allow", Action = ["{action}"], '
        f'Resource = local.{local}}}] : []'
        for sid, action, local in (("ReadSecrets", "secretsmanager:GetSecretValue", "secret_arns"),
                                   ("ReadParameters", "ssm:GetParameters", "parameter_arns")))
    # count from the list's length, known at plan time even when the ARNs come from resources not yet created (the
    # sidecars' JSON must be known at plan time then)
    when(IamRolePolicy(stack, "execution-secrets", name=f"{names['execution']}-secrets",
                       role=reference(execution, "id"),
                       policy=expression(f'jsonencode({{Version = "2012-10-17", Statement = concat({statements})}})')),
         "var.create_execution_role && length(local.container_secrets) > 0")

    task = when(IamRole(stack, "task-role", name=names["task"], description="ECS task role",
                        assume_role_policy=assume_role_policy("ecs-tasks.amazonaws.com", account_id=ctx.account_id,
                                                              source_arn=ctx.arn("ecs", "*"))),
                "var.create_task_role")
    when(IamRolePolicy(stack, "task-exec", name=f"{names['task']}-EcsExec", role=reference(task, "id"),
                       policy=policy_document([{"Sid": "EcsExec", "Effect": "Allow", "Action": ECS_EXEC_ACTIONS,
                                                "Resource": ["*"]}])),
         "var.create_task_role && var.enable_execute_command")
    # count from the list's length: known at plan time even when the documents name resources not yet created
    policies = IamRolePolicy(stack, "task-policies", name=f"{names['task']}-application-${{count.index}}",
                             role=reference(task, "id"),
        policy=Token.as_string(expression("var.task_role_policies[count.index]")))
    policies.count = Token.as_number(expression("var.create_task_role ? length(var.task_role_policies) : 0"))
    chosen = {"execution": f"var.create_execution_role ? {attribute(execution, 'arn')} : var.execution_role_arn",
              "task": f"var.create_task_role ? {attribute(task, 'arn')} : var.task_role_arn"}
    for kind, choice in chosen.items():  # python-hcl2 writes a conditional only as a whole value
        TerraformLocal(stack, f"{kind}-role-arn-local", expression(choice)).override_logical_id(f"{kind}_role_arn")
    arns = TerraformLocal(stack, "role_arns", expression("compact([local.execution_role_arn, local.task_role_arn])"))
    arns.override_logical_id("role_arns")
    # the task definition names the roles directly, so checks see which role is its execution role
    return ServiceRoles(execution_arn=Token.as_string(expression(chosen["execution"])),
                        task_arn=Token.as_string(expression(chosen["task"])), arns=arns.as_list)
