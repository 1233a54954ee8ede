"""How services find each other: Service Connect, or Cloud Map DNS discovery on older targets."""
from __future__ import annotations

from generator.aws import Construct, blocks, EcsService, ServiceDiscoveryPrivateDnsNamespace, ServiceDiscoveryService
from generator.config.model import ServiceConfig
from generator.constructs.tokens import construct_id, text


class Discovery(Construct):
    """One private DNS namespace; per service either Service Connect entries or a DNS service."""

    def __init__(self, scope: Construct, id_: str, *, namespace: str, vpc_id: str, service_connect: bool):
        super().__init__(scope, id_)
        self.service_connect = service_connect
        self.namespace_name = namespace
        self.namespace = ServiceDiscoveryPrivateDnsNamespace(
            self, "namespace", name=namespace, vpc=vpc_id, description="ECS services of this stack")

    def url(self, svc: ServiceConfig) -> str:
        """The URL other tasks use to call `svc`."""
        entry = svc.service_connect
        assert entry is not None  # validated: service_url targets have an entry
        if self.service_connect:
            return f"http://{entry.alias}" if entry.port == 80 else f"http://{entry.alias}:{text(entry.port)}"
        return f"http://{entry.name}.{self.namespace_name}:{text(svc.port)}"

    def attach(self, service: EcsService, name: str, svc: ServiceConfig) -> None:
        """Make `service` reachable (and able to reach others) by name."""
        entry = svc.service_connect
        if self.service_connect:
            config: dict = {"enabled": True, "namespace": self.namespace.arn}
            if entry is not None:
                config["service"] = blocks([{"port_name": svc.container_name, "discovery_name": entry.name,
                                             "client_alias": {"port": entry.port, "dns_name": entry.alias}}])
            service.put_service_connect_configuration(**config)
            return
        if entry is None:
            return
        registry = ServiceDiscoveryService(
            self, construct_id(f"{name}-dns"), name=entry.name,
            dns_config={"namespace_id": self.namespace.id, "routing_policy": "MULTIVALUE",
                        "dns_records": blocks([{"ttl": 10, "type": "A"}])},
            health_check_custom_config={"failure_threshold": 1})
        service.put_service_registries(registry_arn=registry.arn)
