"""Internet-facing Application Load Balancer, its listeners and one target group per service."""
from __future__ import annotations

from generator.aws import Construct, blocks, Lb, LbListener, LbListenerRule, LbTargetGroup
from generator.config.model import AlbConfig, HealthCheck
from generator.constructs.checks import suppress
from generator.constructs.security import Firewall
from generator.constructs.tokens import text

TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06"


class LoadBalancer(Construct):
    """The ALB in the public subnets; services attach target groups with `add_service`."""

    def __init__(self, scope: Construct, id_: str, *, config: AlbConfig, vpc_id: str, subnet_ids: list[str],
                 listener_ports: list[int]):
        super().__init__(scope, id_)
        self.config = config
        self.vpc_id = vpc_id
        self.firewall = Firewall(self, "firewall", name=f"{config.name}-alb",
                                 description=f"ALB {config.name}: HTTP(S) in from clients, out to services",
                                 vpc_id=vpc_id)
        self.alb = Lb(self, "alb", name=config.name, internal=False, load_balancer_type="application",
                      security_groups=[self.firewall.id], subnets=subnet_ids, idle_timeout=config.idle_timeout,
                      drop_invalid_header_fields=True, enable_deletion_protection=False)
        for check, reason in [("CKV_AWS_150", "stacks are torn down with terraform destroy (workshop, sandbox)"),
                              ("CKV_AWS_91", "access logs need a log bucket; an opt-in cost"),
                              ("CKV2_AWS_28", "AWS WAF is an opt-in cost")]:
            suppress(self.alb, check, reason)
        if not config.certificate_arn:
            suppress(self.alb, "CKV2_AWS_20", "no certificate_arn configured, so there is no HTTPS to redirect to")
        self.listeners: dict[int, LbListener] = {}
        for port in sorted(set(listener_ports)):
            self.add_listener(port)
        self._rules = 0

    @property
    def protocol(self) -> str:
        return "HTTPS" if self.config.certificate_arn else "HTTP"

    def add_listener(self, port: int, description: str = "clients") -> LbListener:
        """A listener that answers 404 until a service claims its default route or a path."""
        rule = self.firewall.allow_in(port, f"{description} to listener {text(port)}", cidrs=self.config.ingress_cidrs)
        if port == 80 and "0.0.0.0/0" in self.config.ingress_cidrs:
            suppress(rule, "CKV_AWS_260", "an internet-facing listener port (tests/static allow only those)")
        https = self.config.certificate_arn is not None
        listener = LbListener(
            self, f"listener-{port}", load_balancer_arn=self.alb.arn, port=port, protocol=self.protocol,
            certificate_arn=self.config.certificate_arn, ssl_policy=TLS_POLICY if https else None,
            default_action=blocks([{"type": "fixed-response", "fixed_response": {
                "content_type": "text/plain", "message_body": "Not Found", "status_code": "404"}}]))
        if not https:
            suppress(listener, "CKV_AWS_2", "plain HTTP only when no certificate_arn is configured (the workshop)")
            suppress(listener, "CKV_AWS_103", "TLS policy applies only to HTTPS listeners")
        self.listeners[port] = listener
        return listener

    def target_group(self, id_: str, *, name: str, port: int, health_path: str, health: HealthCheck) -> LbTargetGroup:
        """An IP target group (Fargate awsvpc) with the service's health check."""
        group = LbTargetGroup(
            self, id_, name=name, port=port, protocol="HTTP", target_type="ip", vpc_id=self.vpc_id,
            deregistration_delay="30",
            health_check={"enabled": True, "path": health_path, "protocol": "HTTP", "matcher": "200-399",
                          "interval": max(health.interval, 10), "timeout": health.timeout,
                          "healthy_threshold": 2, "unhealthy_threshold": health.retries})
        suppress(group, "CKV_AWS_378", "TLS ends at the ALB; tasks in private subnets take HTTP from its security group")
        return group

    def route(self, port: int, target_group_arn: str, path_patterns: list[str], priority: int | None) -> None:
        """Send the listener's default route, or the given paths, to a target group."""
        listener = self.listeners[port]
        if not path_patterns:
            listener.put_default_action(blocks([{"type": "forward", "target_group_arn": target_group_arn}]))
            return
        self._rules += 1
        LbListenerRule(self, f"rule-{port}-{self._rules}", listener_arn=listener.arn,
                       priority=priority or self._rules * 10,
                       action=blocks([{"type": "forward", "target_group_arn": target_group_arn}]),
                       condition=blocks([{"path_pattern": {"values": path_patterns}}]))
