"""What a service's environment values and secrets point at, resolved one way for every rendering.

The stack resolves them to Terraform references of the resources it creates; the app-repo
files resolve them to literal names and ARNs of the same resources. Both go through
`environment` and `secrets` here with their own `Addresses`, so they cannot drift apart.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from generator.config.model import (
    DatabaseSecret,
    EnvironmentConfig,
    SecretsManagerSecret,
    ServiceConfig,
    ServiceUrl,
    TableName,
)
from generator.strategies import uses_service_connect
from generator.targets import Feature, ProviderTarget


class Addresses(Protocol):
    """Where the things an environment names are, in one rendering."""

    def service_url(self, service: str, caller: str) -> str:
        """The URL `caller`'s tasks call `service` on."""

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


def strategy_of(env: EnvironmentConfig, service: str) -> str | None:
    """The strategy of the pipeline that deploys `service` (None: no pipeline)."""
    return next((pipe.strategy for pipe in env.pipelines.values() if pipe.service == service), None)


def joins_service_connect(env: EnvironmentConfig, service: str) -> bool:
    """Whether `service` is in Service Connect: the target has it and the service's controller supports it."""
    return uses_service_connect(strategy_of(env, service),
                                ProviderTarget(env.provider.version).supports(Feature.SERVICE_CONNECT))


def callees(svc: ServiceConfig) -> list[str]:
    """The services `svc` calls (its `service_url` values), in order, once each."""
    return list(dict.fromkeys(v.service_url for v in svc.environment.values() if isinstance(v, ServiceUrl)))


def dns_callees(env: EnvironmentConfig) -> set[str]:
    """Services that need a Cloud Map DNS name beside their Service Connect entry: those a service outside
    Service Connect (CODE_DEPLOY) calls, on targets with Service Connect (without it, DNS is the only way)."""
    if not ProviderTarget(env.provider.version).supports(Feature.SERVICE_CONNECT):
        return set()
    return {callee for name, svc in env.services.items() if not joins_service_connect(env, name)
            for callee in callees(svc)}


def environment(caller: str, svc: ServiceConfig, addresses: Addresses) -> dict[str, str]:
    """The container environment of service `caller`: literal values, service URLs and table names resolved."""
    out: dict[str, str] = {}
    for name, value in svc.environment.items():
        if isinstance(value, ServiceUrl):
            out[name] = addresses.service_url(value.service_url, caller)
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
