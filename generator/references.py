"""What a service's environment values and secrets point at, resolved one way for every rendering.

The stack resolves them to Terraform references of the resources it creates; the app-repo
files resolve them to literal names and ARNs of the same resources. Both go through
`environment` and `secrets` here with their own `Addresses`, so they cannot drift apart.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from generator.config.model import DatabaseSecret, SecretsManagerSecret, ServiceConfig, ServiceUrl, TableName


class Addresses(Protocol):
    """Where the things an environment names are, in one rendering."""

    def service_url(self, service: str) -> str:
        """The URL other tasks call `service` on."""

    def table_name(self, table: str) -> str:
        """The name of table `table`."""

    def database_secret_arn(self, database: str) -> str:
        """The ARN of the credentials secret of `database`."""

    def database_secret_key_arn(self, database: str) -> str | None:
        """The customer managed KMS key of that secret (None: the AWS managed key)."""

    def database_endpoint_arn(self, database: str) -> str:
        """The ARN of the SSM parameter holding the endpoint of `database`."""


@dataclass
class SecretReads:
    """What a task's execution role must be allowed to read, keyed by what each ARN points at.

    `keys`: customer managed KMS keys of those secrets (kms:Decrypt is needed only for those:
    https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html#task-execution-secrets).
    """

    secrets: dict[str, str] = field(default_factory=dict)
    parameters: dict[str, str] = field(default_factory=dict)
    keys: dict[str, str] = field(default_factory=dict)


def secret_value_from(secret_arn: str, key: str | None) -> str:
    """ECS `valueFrom` of a Secrets Manager secret, or of one JSON key of it (`ARN:KEY::`)."""
    return f"{secret_arn}:{key}::" if key else secret_arn


def environment(svc: ServiceConfig, addresses: Addresses) -> dict[str, str]:
    """The container's environment: literal values, service URLs and table names resolved."""
    out: dict[str, str] = {}
    for name, value in svc.environment.items():
        if isinstance(value, ServiceUrl):
            out[name] = addresses.service_url(value.service_url)
        elif isinstance(value, TableName):
            out[name] = addresses.table_name(value.table_name)
        else:
            out[name] = value
    return out


def secrets(svc: ServiceConfig, addresses: Addresses) -> tuple[dict[str, str], SecretReads]:
    """The container's secrets (name -> valueFrom) and what the execution role must read for them."""
    value_from: dict[str, str] = {}
    reads = SecretReads()
    for name, ref in svc.secrets.items():
        if isinstance(ref, DatabaseSecret):
            if ref.field == "endpoint":
                value_from[name] = reads.parameters[f"db:{ref.database}"] = \
                    addresses.database_endpoint_arn(ref.database)
            else:
                secret_arn = reads.secrets[f"db:{ref.database}"] = addresses.database_secret_arn(ref.database)
                value_from[name] = secret_value_from(secret_arn, ref.field)
                key_arn = addresses.database_secret_key_arn(ref.database)
                if key_arn:
                    reads.keys[f"db:{ref.database}"] = key_arn
        elif isinstance(ref, SecretsManagerSecret):
            value_from[name] = secret_value_from(ref.secrets_manager_arn, ref.key)
            reads.secrets[ref.secrets_manager_arn] = ref.secrets_manager_arn
        else:
            value_from[name] = reads.parameters[ref.ssm_parameter_arn] = ref.ssm_parameter_arn
    return value_from, reads
