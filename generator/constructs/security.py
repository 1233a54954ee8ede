"""Security groups whose every rule is explicit and described."""
from __future__ import annotations

from generator.aws import Construct, SecurityGroup, SecurityGroupRule


class Firewall(Construct):
    """A security group with no inline rules; rules are added one resource each."""

    def __init__(self, scope: Construct, id_: str, *, name: str, description: str, vpc_id: str):
        super().__init__(scope, id_)
        self.group = SecurityGroup(self, "sg", name=name, description=description, vpc_id=vpc_id,
                                   tags={"Name": name}, revoke_rules_on_delete=True)
        self._count = 0

    @property
    def id(self) -> str:
        return self.group.id

    def _rule(self, kind: str, port: int, description: str, *, protocol: str = "tcp",
              cidrs: list[str] | None = None, peer: str | None = None, to_port: int | None = None
              ) -> SecurityGroupRule:
        self._count += 1
        return SecurityGroupRule(self, f"{kind}-{self._count}", type=kind, security_group_id=self.group.id,
                          protocol=protocol, from_port=port, to_port=to_port if to_port is not None else port,
                          description=description, cidr_blocks=cidrs, source_security_group_id=peer)

    def allow_in(self, port: int, description: str, *, cidrs: list[str] | None = None,
                 peer: str | None = None) -> SecurityGroupRule:
        """Ingress on one TCP port from CIDRs or from another security group."""
        return self._rule("ingress", port, description, cidrs=cidrs, peer=peer)

    def allow_out(self, port: int, description: str, *, cidrs: list[str] | None = None,
                  peer: str | None = None, protocol: str = "tcp") -> SecurityGroupRule:
        """Egress on one port to CIDRs or to another security group."""
        return self._rule("egress", port, description, cidrs=cidrs, peer=peer, protocol=protocol)
