"""What every construct of a stack shares: the config, the provider target, account facts."""
from __future__ import annotations

from dataclasses import dataclass

from generator.aws import Construct, DataAwsCallerIdentity, DataAwsPartition
from generator.config.model import EnvironmentConfig
from generator.targets import Feature, ProviderTarget


@dataclass
class StackContext:
    """Shared, read-only facts for the constructs of one stack."""

    env: EnvironmentConfig
    target: ProviderTarget
    account_id: str
    partition: str

    @classmethod
    def create(cls, scope: Construct, env: EnvironmentConfig) -> "StackContext":
        """Declare the account/partition lookups once per stack."""
        identity = DataAwsCallerIdentity(scope, "caller")
        partition = DataAwsPartition(scope, "partition")
        return cls(env=env, target=ProviderTarget(env.provider.version),
                   account_id=identity.account_id, partition=partition.partition)

    @property
    def region(self) -> str:
        return self.env.region

    @property
    def service_connect(self) -> bool:
        """Service Connect where the target has it, Cloud Map DNS discovery otherwise."""
        return self.target.supports(Feature.SERVICE_CONNECT)

    def arn(self, service: str, resource: str, region: bool = True, account: bool = True) -> str:
        """An ARN in this stack's partition/region/account."""
        return (f"arn:{self.partition}:{service}:{self.region if region else ''}:"
                f"{self.account_id if account else ''}:{resource}")
