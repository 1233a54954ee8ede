"""Security groups with no inline rules: every rule is its own resource, with a description."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from generator.aws import Construct, SecurityGroup, SecurityGroupRule
from generator.constructs.tokens import Number


@dataclass(frozen=True)
class EgressRule:
    """Egress on one TCP port to IPv4 CIDR blocks."""

    port: Number
    description: str
    cidrs: Sequence[str]


#: what every task needs by default: the AWS APIs (ECS agent, logs, secrets) and image registries over HTTPS
HTTPS_OUT = EgressRule(443, "HTTPS to AWS APIs and image registries", ("0.0.0.0/0",))


class FirewallBase(Construct):
    """Rules on one security group, made here (`Firewall`) or elsewhere (`Firewall.from_attributes`)."""

    #: the security group's id (a reference for one made here)
    group_id: str

    def __init__(self, scope: Construct, id_: str):
        super().__init__(scope, id_)
        self.rules: list[SecurityGroupRule] = []

    @property
    def id(self) -> str:
        return self.group_id

    def _rule(self, kind: str, port: Number, description: str, *, protocol: str = "tcp",
              cidrs: list[str] | None = None, ipv6_cidrs: list[str] | None = None,
              peer: str | None = None) -> SecurityGroupRule:
        rule = SecurityGroupRule(self, f"{kind}-{len(self.rules) + 1}", type=kind, security_group_id=self.group_id,
                                 protocol=protocol, from_port=port, to_port=port, description=description,
                                 cidr_blocks=cidrs, ipv6_cidr_blocks=ipv6_cidrs, source_security_group_id=peer)
        self.rules.append(rule)
        return rule

    def allow_in(self, port: Number, description: str, *, cidrs: list[str] | None = None,
                 ipv6_cidrs: list[str] | None = None, peer: str | None = None) -> SecurityGroupRule:
        """Ingress on one TCP port from IPv4 and/or IPv6 CIDRs, or from another security group."""
        return self._rule("ingress", port, description, cidrs=cidrs, ipv6_cidrs=ipv6_cidrs, peer=peer)

    def allow_out(self, port: Number, description: str, *, cidrs: list[str] | None = None,
                  peer: str | None = None, protocol: str = "tcp") -> SecurityGroupRule:
        """Egress on one port to CIDRs or to another security group."""
        return self._rule("egress", port, description, cidrs=cidrs, peer=peer, protocol=protocol)


class Firewall(FirewallBase):
    """A security group made here (named, described, rules revoked before it is deleted)."""

    def __init__(self, scope: Construct, id_: str, *, name: str, description: str, vpc_id: str):
        super().__init__(scope, id_)
        self.group = SecurityGroup(self, "sg", name=name, description=description, vpc_id=vpc_id,
                                   tags={"Name": name}, revoke_rules_on_delete=True)
        self.group_id = self.group.id

    @staticmethod
    def from_attributes(scope: Construct, id_: str, *, group_id: str) -> FirewallBase:
        """A security group made elsewhere; rules added through it are created under `scope/id_`."""
        imported = FirewallBase(scope, id_)
        imported.group_id = group_id
        return imported


def allow_call(caller: FirewallBase, callee: FirewallBase, port: Number, *, caller_name: str, callee_name: str) -> None:
    """Let the `caller` service reach the `callee` service on its container port (ingress, then egress)."""
    callee.allow_in(port, f"from service {caller_name}", peer=caller.id)
    caller.allow_out(port, f"to service {callee_name}", peer=callee.id)
