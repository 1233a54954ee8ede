"""Internet-facing Application Load Balancer, its listeners and one target group per service."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from generator.aws import Construct, Lb, LbListener, LbListenerRule, LbTargetGroup, blocks
from generator.constructs.access_logs import AccessLogBucket, AccessLogsProps
from generator.constructs.checks import suppress
from generator.constructs.container import HealthCheckProps
from generator.constructs.context import StackContext
from generator.constructs.security import Firewall, FirewallBase
from generator.constructs.tokens import Number, is_token, text
from generator.constructs.waf import WebFirewall, WebFirewallProps

TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06"


@dataclass(frozen=True)
class LoadBalancerProps:
    """The ALB. Defaults: HTTP (HTTPS with `certificate_arn`), 60 s idle timeout, listeners open to anyone (IPv4),
    deletion protection on, no access logs (`access_logs`: a log bucket of its own), no WAF (`waf`); its security
    group is `<name>-alb` unless `security_group_name` names it."""

    name: str
    vpc_id: str
    subnet_ids: Sequence[str]
    listener_ports: Sequence[int] = ()
    idle_timeout: Number = 60
    certificate_arn: str | None = None
    ingress_cidrs: Sequence[str] = ("0.0.0.0/0",)
    ingress_ipv6_cidrs: Sequence[str] = ()
    deletion_protection: Any = True
    access_logs: AccessLogsProps | None = None
    waf: WebFirewallProps | None = None
    security_group_name: str | None = None


class LoadBalancerBase(Construct):
    """Listeners, target groups and routes on an ALB made here (`LoadBalancer`) or elsewhere (`from_attributes`)."""

    arn: str
    arn_suffix: str
    firewall: FirewallBase
    vpc_id: str
    ingress_cidrs: Sequence[str]
    ingress_ipv6_cidrs: Sequence[str] = ()
    certificate_arn: str | None

    def __init__(self, scope: Construct, id_: str):
        super().__init__(scope, id_)
        self.listeners: dict[Number, LbListener] = {}
        self._rules = 0

    @property
    def protocol(self) -> str:
        return "HTTPS" if self.certificate_arn else "HTTP"

    def add_listener(self, port: Number, description: str = "clients", cidrs: Sequence[str] | None = None
                     ) -> LbListener:
        """A listener that answers 404 until a service claims its default route or a path.

        Ingress to its port comes from `cidrs` (IPv4 only, e.g. testers), by default from the load balancer's
        `ingress_cidrs` and `ingress_ipv6_cidrs`.
        """
        ipv6 = list(self.ingress_ipv6_cidrs) if cidrs is None else []
        cidrs = list(self.ingress_cidrs if cidrs is None else cidrs)
        if cidrs or ipv6:
            rule = self.firewall.allow_in(port, f"{description} to listener {text(port)}", cidrs=cidrs,
                                          ipv6_cidrs=ipv6 or None)
            if port == 80 and ("0.0.0.0/0" in cidrs or "::/0" in ipv6):
                suppress(rule, "CKV_AWS_260", "an internet-facing listener port (tests/static allow only those)")
        https = self.certificate_arn is not None
        listener = LbListener(
            self, f"listener-{port}", load_balancer_arn=self.arn, port=port, protocol=self.protocol,
            certificate_arn=self.certificate_arn, ssl_policy=TLS_POLICY if https else None,
            default_action=blocks([{"type": "fixed-response", "fixed_response": {
                "content_type": "text/plain", "message_body": "Not Found", "status_code": "404"}}]))
        if not https:
            suppress(listener, "CKV_AWS_2", "plain HTTP only when no certificate_arn is configured (the workshop)")
            suppress(listener, "CKV_AWS_103", "TLS policy applies only to HTTPS listeners")
        self.listeners[port] = listener
        return listener

    def target_group(self, id_: str, *, name: str, port: Number, health_path: str,
                     health: HealthCheckProps) -> LbTargetGroup:
        """An IP target group (Fargate awsvpc) with the service's health check."""
        group = LbTargetGroup(
            self, id_, name=name, port=port, protocol="HTTP", target_type="ip", vpc_id=self.vpc_id,
            deregistration_delay="30",
            health_check={"enabled": True, "path": health_path, "protocol": "HTTP", "matcher": "200-399",
                          "interval": max(health.interval, 10), "timeout": health.timeout,
                          "healthy_threshold": 2, "unhealthy_threshold": health.retries})
        suppress(group, "CKV_AWS_378", "TLS ends at the ALB; tasks in private subnets take HTTP from its "
                                       "security group")
        return group

    def route(self, port: Number, target_group_arn: str, path_patterns: Sequence[str], priority: int | None) -> None:
        """Send the listener's default route, or the given paths, to a target group."""
        listener = self.listeners[port]
        if not path_patterns:
            listener.put_default_action(blocks([{"type": "forward", "target_group_arn": target_group_arn}]))
            return
        self._rules += 1
        LbListenerRule(self, f"rule-{port}-{self._rules}", listener_arn=listener.arn,
                       priority=priority or self._rules * 10,
                       action=blocks([{"type": "forward", "target_group_arn": target_group_arn}]),
                       condition=blocks([{"path_pattern": {"values": list(path_patterns)}}]))


    def weighted_rule(self, id_: str, port: Number, weights: Sequence[tuple[str, int]], priority: int,
                      path_patterns: Sequence[str] = ("/*",)) -> LbListenerRule:
        """A listener rule forwarding the paths to target groups by weight ((target group ARN, weight) pairs)."""
        return LbListenerRule(
            self, id_, listener_arn=self.listeners[port].arn, priority=priority,
            action=blocks([{"type": "forward", "forward": {
                "target_group": [{"arn": arn, "weight": weight} for arn, weight in weights]}}]),
            condition=blocks([{"path_pattern": {"values": list(path_patterns)}}]))


class LoadBalancer(LoadBalancerBase):
    """The ALB in the public subnets with its own security group; services attach target groups and routes."""

    def __init__(self, scope: Construct, id_: str, props: LoadBalancerProps, *, ctx: StackContext | None = None):
        """`ctx` (account, region, target) is needed for `access_logs` only."""
        super().__init__(scope, id_)
        self.vpc_id = props.vpc_id
        self.ingress_cidrs, self.ingress_ipv6_cidrs = props.ingress_cidrs, props.ingress_ipv6_cidrs
        self.certificate_arn = props.certificate_arn
        self.firewall = Firewall(self, "firewall", name=props.security_group_name or f"{props.name}-alb",
                                 description=f"ALB {props.name}: HTTP(S) in from clients, out to services",
                                 vpc_id=props.vpc_id)
        if props.access_logs and ctx is None:
            raise ValueError(f"load balancer {props.name}: access_logs needs the stack context")
        self.access_logs = AccessLogBucket(self, "access-logs", props.access_logs, ctx=ctx) \
            if props.access_logs and ctx else None
        self.resource = Lb(self, "alb", name=props.name, internal=False, load_balancer_type="application",
                           security_groups=[self.firewall.id], subnets=list(props.subnet_ids),
                           idle_timeout=props.idle_timeout, drop_invalid_header_fields=True,
                           enable_deletion_protection=props.deletion_protection,
                           # ELB checks its write access when logging is enabled: the bucket policy first
                           access_logs=self.access_logs.load_balancer_attributes if self.access_logs else None,
                           depends_on=[self.access_logs.policy] if self.access_logs else None)
        self.arn = self.resource.arn
        self.arn_suffix = self.resource.arn_suffix
        if not self.access_logs:
            suppress(self.resource, "CKV_AWS_91", "access logs are off (alb.access_logs writes them to a log bucket "
                                                  "of the stack)")
        self.waf = WebFirewall(self, "waf", props.waf, load_balancer_arn=self.arn) if props.waf else None
        if not self.waf:
            suppress(self.resource, "CKV2_AWS_28", "no web ACL (alb.waf associates AWS managed rule groups)")
        if not is_token(props.deletion_protection) and not props.deletion_protection:
            suppress(self.resource, "CKV_AWS_150", "deletion protection is off: a sandbox environment (sandbox: true) "
                                                   "or alb.deletion_protection: false")
        if not props.certificate_arn:
            suppress(self.resource, "CKV2_AWS_20", "no certificate_arn configured, so there is no HTTPS to redirect to")
        for port in sorted(set(props.listener_ports)):
            self.add_listener(port)

    @staticmethod
    def from_attributes(scope: Construct, id_: str, *, arn: str, arn_suffix: str, security_group_id: str,
                        vpc_id: str, ingress_cidrs: Sequence[str], certificate_arn: str | None = None
                        ) -> LoadBalancerBase:
        """An ALB made elsewhere; listeners, target groups, routes and rules added through it go under `scope/id_`."""
        imported = LoadBalancerBase(scope, id_)
        imported.arn, imported.arn_suffix, imported.vpc_id = arn, arn_suffix, vpc_id
        imported.ingress_cidrs, imported.certificate_arn = ingress_cidrs, certificate_arn
        imported.firewall = Firewall.from_attributes(imported, "firewall", group_id=security_group_id)
        return imported
