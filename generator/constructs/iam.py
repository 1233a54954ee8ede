"""IAM for tasks: execution roles (pull, logs, exactly the referenced secrets) and least-privilege task roles."""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from generator.aws import Construct, IamRole, IamRolePolicy, IamRolePolicyAttachment
from generator.constructs.context import StackContext
from generator.constructs.tokens import json_text

EXECUTION_MANAGED_POLICY = "policy/service-role/AmazonECSTaskExecutionRolePolicy"
ECS_EXEC_ACTIONS = ["ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel",
                    "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel"]
DYNAMODB_ACTIONS = {
    "read": ["dynamodb:BatchGetItem", "dynamodb:ConditionCheckItem", "dynamodb:DescribeTable",
             "dynamodb:GetItem", "dynamodb:Query", "dynamodb:Scan"],
    "read_write": ["dynamodb:BatchGetItem", "dynamodb:BatchWriteItem", "dynamodb:ConditionCheckItem",
                   "dynamodb:DeleteItem", "dynamodb:DescribeTable", "dynamodb:GetItem", "dynamodb:PutItem",
                   "dynamodb:Query", "dynamodb:Scan", "dynamodb:UpdateItem"],
}
def assume_role_policy(service: str, *, account_id: str | None = None, source_arn: str | None = None) -> str:
    """Trust policy letting one AWS service principal assume the role.

    With `account_id` and `source_arn` (AWS's confused-deputy guidance, the page per service in
    generator.iam_reference.TRUST_CONDITION_PAGES), the service may assume it only on behalf of
    this account's resource `source_arn`; without them only for the services AWS documents without
    those keys (generator.iam_reference.UNCONDITIONED_TRUST).
    """
    statement: dict = {"Effect": "Allow", "Principal": {"Service": service}, "Action": "sts:AssumeRole"}
    if account_id is not None and source_arn is not None:
        statement["Condition"] = {"StringEquals": {"aws:SourceAccount": account_id},
                                  "ArnLike": {"aws:SourceArn": source_arn}}
    return json_text({"Version": "2012-10-17", "Statement": [statement]})


def policy_document(statements: list[dict]) -> str:
    """A policy JSON document from statements (Sid, Effect, Action, Resource)."""
    return json_text({"Version": "2012-10-17", "Statement": statements})


def _id(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9-]", "-", name)


class TaskRoles(Construct):
    """Roles by name; services sharing a role name share the role and the union of their grants."""

    def __init__(self, scope: Construct, id_: str, *, ctx: StackContext):
        super().__init__(scope, id_)
        self._ctx = ctx
        self._roles: dict[str, IamRole] = {}
        self._statements: dict[str, dict[str, dict]] = defaultdict(dict)

    def role(self, name: str, kind: str) -> IamRole:
        """The execution or task role called `name` (created once)."""
        if name not in self._roles:
            # task roles: only ECS tasks of this account (task-iam-roles.html); execution roles: AWS documents
            # their trust without condition keys (generator.iam_reference.UNCONDITIONED_TRUST)
            trust = assume_role_policy("ecs-tasks.amazonaws.com", account_id=self._ctx.account_id,
                                       source_arn=self._ctx.arn("ecs", "*")) if kind == "task" else \
                assume_role_policy("ecs-tasks.amazonaws.com")
            role = IamRole(self, _id(name), name=name, description=f"ECS task {kind} role", assume_role_policy=trust)
            self._roles[name] = role
            if kind == "execution":
                IamRolePolicyAttachment(self, f"{_id(name)}-managed", role=role.name,
                                        policy_arn=f"arn:{self._ctx.partition}:iam::aws:{EXECUTION_MANAGED_POLICY}")
        return self._roles[name]

    def grant(self, role_name: str, sid: str, actions: list[str], resources: list[str]) -> None:
        """Add (or widen) statement `sid` of the role's inline policy."""
        current = self._statements[role_name].setdefault(sid, {"Sid": sid, "Effect": "Allow",
                                                                "Action": [], "Resource": []})
        current["Action"] = sorted(set(current["Action"]) | set(actions))
        current["Resource"] = list(dict.fromkeys(current["Resource"] + resources))

    def grant_secret_reads(self, role_name: str, secret_arns: list[str], parameter_arns: list[str],
                           key_arns: Sequence[str] = ()) -> None:
        """Execution role may read exactly these secrets and parameters (and decrypt with their CMKs)."""
        if secret_arns:
            self.grant(role_name, "ReadSecrets", ["secretsmanager:GetSecretValue"], secret_arns)
        if parameter_arns:
            self.grant(role_name, "ReadParameters", ["ssm:GetParameters"], parameter_arns)
        if key_arns:
            self.grant(role_name, "DecryptSecrets", ["kms:Decrypt"], list(key_arns))

    def grant_exec(self, role_name: str) -> None:
        """Task role may open ECS Exec (SSM) channels."""
        self.grant(role_name, "EcsExec", ECS_EXEC_ACTIONS, ["*"])

    def grant_table(self, role_name: str, table_arn: str, mode: str) -> None:
        """Task role may use one table and its indexes, with only the actions `mode` needs."""
        sid = "ReadWriteTables" if mode == "read_write" else "ReadTables"
        self.grant(role_name, sid, DYNAMODB_ACTIONS[mode], [table_arn, f"{table_arn}/index/*"])

    def finish(self) -> None:
        """Write one inline policy per role that has grants (call once, after all services)."""
        for name, statements in self._statements.items():
            IamRolePolicy(self, f"{_id(name)}-policy", name=f"{name}-policy", role=self._roles[name].id,
                          policy=policy_document(list(statements.values())))


def exec_caller_policy(ctx: StackContext, cluster_name: str, cluster_arn: str) -> str:
    """The workshop's AmazonECSExecCommand policy for people who run `aws ecs execute-command`."""
    return policy_document([
        {"Sid": "ExecuteCommand", "Effect": "Allow", "Action": ["ecs:ExecuteCommand", "ecs:DescribeTasks"],
         "Resource": [ctx.arn("ecs", f"task/{cluster_name}/*"), cluster_arn]},
    ])
