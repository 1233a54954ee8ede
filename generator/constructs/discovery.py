"""How services find each other: Service Connect, or Cloud Map DNS discovery on older targets."""
from __future__ import annotations

from dataclasses import dataclass

from generator.aws import Construct, EcsService, ServiceDiscoveryPrivateDnsNamespace, ServiceDiscoveryService, blocks
from generator.constructs.tokens import Number, construct_id, text


@dataclass(frozen=True)
class DiscoveryEntry:
    """How other services reach one: discovery name, client alias and alias port (default 80)."""

    name: str
    alias: str
    port: Number = 80


def service_url(entry: DiscoveryEntry, *, container_port: Number, namespace: str, service_connect: bool) -> str:
    """The URL other tasks use: the Service Connect alias, or the Cloud Map DNS name and container port."""
    if service_connect:
        return f"http://{entry.alias}" if entry.port == 80 else f"http://{entry.alias}:{text(entry.port)}"
    return f"http://{entry.name}.{namespace}:{text(container_port)}"


class DiscoveryBase(Construct):
    """Discovery in one private DNS namespace, made here (`Discovery`) or elsewhere (`from_attributes`)."""

    namespace_id: str
    namespace_arn: str
    namespace_name: str
    #: Service Connect where the target has it, Cloud Map DNS services otherwise
    service_connect: bool

    def url(self, entry: DiscoveryEntry, container_port: Number) -> str:
        """The URL other tasks use to call the service with `entry`."""
        return service_url(entry, container_port=container_port, namespace=self.namespace_name,
                           service_connect=self.service_connect)

    def attach(self, service: EcsService, name: str, entry: DiscoveryEntry | None, port_name: str) -> None:
        """Make `service` reachable by name (when it has an `entry`), and able to reach the others."""
        if self.service_connect:
            config: dict = {"enabled": True, "namespace": self.namespace_arn}
            if entry is not None:
                config["service"] = blocks([{"port_name": port_name, "discovery_name": entry.name,
                                             "client_alias": {"port": entry.port, "dns_name": entry.alias}}])
            service.put_service_connect_configuration(**config)
            return
        if entry is None:
            return
        registry = ServiceDiscoveryService(
            self, construct_id(self, f"{name}-dns"), name=entry.name,
            dns_config={"namespace_id": self.namespace_id, "routing_policy": "MULTIVALUE",
                        "dns_records": blocks([{"ttl": 10, "type": "A"}])},
            health_check_custom_config={"failure_threshold": 1})
        service.put_service_registries(registry_arn=registry.arn)


class Discovery(DiscoveryBase):
    """The stack's private DNS namespace; per service either Service Connect entries or a DNS service."""

    def __init__(self, scope: Construct, id_: str, *, namespace: str, vpc_id: str, service_connect: bool):
        super().__init__(scope, id_)
        self.service_connect = service_connect
        self.namespace = ServiceDiscoveryPrivateDnsNamespace(
            self, "namespace", name=namespace, vpc=vpc_id, description="ECS services of this stack")
        self.namespace_id, self.namespace_arn, self.namespace_name = self.namespace.id, self.namespace.arn, namespace

    @staticmethod
    def from_attributes(scope: Construct, id_: str, *, namespace_id: str, namespace_arn: str, namespace_name: str,
                        service_connect: bool) -> DiscoveryBase:
        """A namespace made elsewhere; DNS services registered through it are made under `scope/id_`."""
        imported = DiscoveryBase(scope, id_)
        imported.namespace_id, imported.namespace_arn, imported.namespace_name = \
            namespace_id, namespace_arn, namespace_name
        imported.service_connect = service_connect
        return imported
