"""What every construct of a stack shares: the provider target, the region, account facts."""
from __future__ import annotations

from dataclasses import dataclass

from generator.arns import arn
from generator.aws import Construct, DataAwsCallerIdentity, DataAwsPartition
from generator.targets import Feature, ProviderTarget


@dataclass(frozen=True)
class StackContext:
    """Shared, read-only facts for the constructs of one stack (values or Terraform references)."""

    target: ProviderTarget
    region: str
    account_id: str
    partition: str

    @classmethod
    def create(cls, scope: Construct, target: ProviderTarget, region: str) -> StackContext:
        """Declare the account and partition lookups once per stack."""
        identity = DataAwsCallerIdentity(scope, "caller")
        partition = DataAwsPartition(scope, "partition")
        return cls(target=target, region=region, account_id=identity.account_id, partition=partition.partition)

    @property
    def service_connect(self) -> bool:
        """Service Connect where the target has it, Cloud Map DNS discovery otherwise."""
        return self.target.supports(Feature.SERVICE_CONNECT)

    def arn(self, service: str, resource: str, region: bool = True, account: bool = True) -> str:
        """An ARN in this stack's partition/region/account."""
        return arn(self.partition, service, self.region if region else "", self.account_id if account else "",
                   resource)
