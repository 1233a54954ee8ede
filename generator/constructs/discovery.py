"""How services find each other: Service Connect, or Cloud Map DNS discovery on older targets.

Callers outside Service Connect (a CODE_DEPLOY service: Service Connect supports only the ECS deployment
controller) cannot resolve Service Connect names; AWS points them to "another interconnection method"
(https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-connect.html#service-connect-concepts).
For them a callee also registers a Cloud Map DNS service (service discovery,
https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-discovery.html) next to its Service
Connect entry, under a distinct name: "All discovery names must be unique within a namespace"
(https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-connect.html#service-connect-considerations).
The Service Connect proxy listens on the container port, so a DNS caller reaches the task on the same port.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.aws import Construct, EcsService, ServiceDiscoveryPrivateDnsNamespace, ServiceDiscoveryService, blocks
from generator.constructs.tokens import Number, construct_id, text
from generator.naming import DNS_SUFFIX


@dataclass(frozen=True)
class DiscoveryEntry:
    """How other services reach one: discovery name, client alias and alias port (default 80)."""

    name: str
    alias: str
    port: Number = 80


def dns_name(name: Any, service_connect: bool) -> str:
    """The Cloud Map DNS service name for discovery name `name`: itself, or `<name>-dns` beside Service Connect."""
    return f"{text(name)}{DNS_SUFFIX}" if service_connect else text(name)


def service_url(entry: DiscoveryEntry, *, container_port: Number, namespace: str, service_connect: bool,
                via_dns: bool = False) -> str:
    """The URL a task calls: the Service Connect alias, or (`via_dns`, or no Service Connect on the target) the
    Cloud Map DNS name and container port."""
    if service_connect and not via_dns:
        return f"http://{entry.alias}" if entry.port == 80 else f"http://{entry.alias}:{text(entry.port)}"
    return f"http://{dns_name(entry.name, service_connect)}.{namespace}:{text(container_port)}"


class DiscoveryBase(Construct):
    """Discovery in one private DNS namespace, made here (`Discovery`) or elsewhere (`from_attributes`)."""

    namespace_id: str
    namespace_arn: str
    namespace_name: str
    #: Service Connect where the target has it, Cloud Map DNS services otherwise
    service_connect: bool

    def url(self, entry: DiscoveryEntry, container_port: Number, *, via_dns: bool = False) -> str:
        """The URL other tasks use to call the service with `entry` (`via_dns`: a caller outside Service Connect)."""
        return service_url(entry, container_port=container_port, namespace=self.namespace_name,
                           service_connect=self.service_connect, via_dns=via_dns)

    def attach(self, service: EcsService, name: str, entry: DiscoveryEntry | None, port_name: str, *,
               connect: bool = True, dns: bool = False, test_header: tuple[str, str] | None = None) -> None:
        """Make `service` reachable by name (when it has an `entry`), and able to reach the others.

        `connect`: the service joins Service Connect (False for CODE_DEPLOY services, which it does not support);
        `dns`: it also registers a Cloud Map DNS service for callers outside Service Connect; `test_header`:
        (name, value) of the header that routes Service Connect test traffic to the green revision during an
        ECS-native blue/green deployment (`test_traffic_rules`).
        """
        if not self.service_connect:
            if entry is not None:
                self._register_dns(service, name, entry.name)
            return
        if connect:
            config: dict = {"enabled": True, "namespace": self.namespace_arn}
            if entry is not None:
                alias: dict = {"port": entry.port, "dns_name": entry.alias}
                if test_header is not None:
                    # https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-connect-blue-green.html
                    alias["test_traffic_rules"] = [{"header": {"name": test_header[0],
                                                               "value": {"exact": test_header[1]}}}]
                config["service"] = blocks([{"port_name": port_name, "discovery_name": entry.name,
                                             "client_alias": alias}])
            service.put_service_connect_configuration(**config)
        if dns and entry is not None:
            self._register_dns(service, name, dns_name(entry.name, True))

    def _register_dns(self, service: EcsService, name: str, dns: str) -> None:
        """A Cloud Map DNS service (A records, ECS-managed health) that `service` registers its tasks in."""
        registry = ServiceDiscoveryService(
            self, construct_id(self, f"{name}-dns"), name=dns,
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
