"""Stand-ins for constructs another module owns, so the stack constructs run unchanged inside a module.

Each subclasses the real construct and only replaces its constructor: the resource is a module
input (an id or ARN); whatever the construct adds to it (rules, listeners, routes) is created
by the calling module, with the construct's own methods.
"""
from __future__ import annotations

from types import SimpleNamespace

from generator.aws import Construct, SecurityGroupRule
from generator.config.model import AlbConfig
from generator.constructs.discovery import Discovery
from generator.constructs.load_balancer import LoadBalancer
from generator.constructs.security import Firewall


class ExistingFirewall(Firewall):
    """A security group made elsewhere; rules added through it belong to this module."""

    def __init__(self, scope: Construct, id_: str, *, group_id: str):
        Construct.__init__(self, scope, id_)
        self.group = SimpleNamespace(id=group_id)
        self._count = 0
        self.rules: list[SecurityGroupRule] = []

    def _rule(self, *args, **kwargs) -> SecurityGroupRule:
        rule = super()._rule(*args, **kwargs)
        self.rules.append(rule)
        return rule


class SharedLoadBalancer(LoadBalancer):
    """An ALB made by the alb module; this module adds its listener(s), target groups and routes."""

    def __init__(self, scope: Construct, id_: str, *, arn: str, arn_suffix: str, security_group_id: str,
                 vpc_id: str, ingress_cidrs: list[str]):
        Construct.__init__(self, scope, id_)
        self.config = AlbConfig.model_construct(ingress_cidrs=ingress_cidrs, certificate_arn=None)
        self.vpc_id = vpc_id
        self.alb = SimpleNamespace(arn=arn, arn_suffix=arn_suffix)
        self.firewall = ExistingFirewall(self, "firewall", group_id=security_group_id)
        self.listeners = {}
        self._rules = 0


class SharedNamespace(Discovery):
    """The Cloud Map namespace made by the ecs-cluster module."""

    def __init__(self, scope: Construct, id_: str, *, namespace_id: str, namespace_arn: str, namespace_name: str,
                 service_connect: bool):
        Construct.__init__(self, scope, id_)
        self.service_connect = service_connect
        self.namespace_name = namespace_name
        self.namespace = SimpleNamespace(id=namespace_id, arn=namespace_arn)


def existing_cluster(name: str, arn: str) -> SimpleNamespace:
    """What a service reads of generator.constructs.cluster.Cluster."""
    return SimpleNamespace(name=name, arn=arn, cluster=SimpleNamespace(name=name))
