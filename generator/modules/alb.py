"""alb: the internet-facing Application Load Balancer (generator.constructs.load_balancer.LoadBalancer)."""
from __future__ import annotations

from generator.aws import Fn, LbListener, LbListenerCertificate, Token, blocks
from generator.constructs.checks import suppress
from generator.constructs.load_balancer import TLS_POLICY, LoadBalancer, LoadBalancerProps
from generator.constructs.tokens import attribute, expression, splat, when
from generator.modules import inputs
from generator.modules.base import ModuleStack

DESCRIPTION = f"""Internet-facing Application Load Balancer in the public subnets with its own security group
(no rules of its own; named `<name>-alb` unless `security_group_name` names it), dropping invalid
header fields.

Listeners the services share (`create_http_listener`, default on): HTTP on `http_port` answering 404
until a service's rule matches; with `certificate_arns`, HTTPS on `https_port` (TLS policy
`{TLS_POLICY}`, the first certificate the default, the others added to the listener) and
the HTTP listener redirecting to it (301). The `listener_arn` output is the one services attach to
(ecs-service-alb's `listener_arn`, by path and host with a priority); both listeners admit
`ingress_cidrs`. A service can also bring its own listener on a port of its own (the workshop's
layout: `create_http_listener = false`). Deletion protection is on unless `deletion_protection =
false`. Fixed by this rendering: no access logs and no web ACL (the stacks have `alb.access_logs`
and `alb.waf`).
"""


def build(stack: ModuleStack) -> None:
    """Inputs -> LoadBalancer construct (no listeners) -> outputs."""
    name = stack.variable("name", "string", "Name of the load balancer (at most 32 characters)", validations=[
        ('can(regex("^[A-Za-z0-9]([A-Za-z0-9-]{0,30}[A-Za-z0-9])?$", var.name)) && !can(regex("^internal-", var.name))',
         "At most 32 letters, digits and hyphens, not starting or ending with a hyphen nor with 'internal-'.")])
    vpc = stack.variable("vpc_id", "string", "VPC of the load balancer")
    subnets = inputs.ids(stack, "subnet_ids", "Public subnets, in at least two availability zones", 2)
    idle = stack.variable("idle_timeout", "number", "Seconds a connection may be idle", 60, validations=[
        ("var.idle_timeout >= 1 && var.idle_timeout <= 4000", "Must be 1 to 4000 seconds.")])
    protection = stack.variable("deletion_protection", "bool", "Whether deletion is blocked (turn it off before "
                                                               "destroying the module)", True)
    # GroupName: "Up to 255 characters in length" (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSecurityGroup.html)
    group = inputs.name_or(stack, "security_group_name", "Name of the load balancer's security group",
                           Token.as_string(Fn.format("%s-alb", [name.string])),
                           "<name>-alb", validations=[("length(var.security_group_name) <= 255",
                                                       "At most 255 characters.")])
    inputs.tags(stack)
    alb = LoadBalancer(stack, "alb", LoadBalancerProps(name=name.string, vpc_id=vpc.string, subnet_ids=subnets.list,
                                                       idle_timeout=idle.number, ingress_cidrs=[],
                                                       deletion_protection=protection.value,
                                                       security_group_name=group))
    listeners = _listeners(stack, alb)
    stack.output("arn", alb.arn, "ARN of the load balancer")
    stack.output("arn_suffix", alb.arn_suffix, "ARN suffix (CloudWatch dimension, request-count scaling label)")
    stack.output("dns_name", alb.resource.dns_name, "DNS name of the load balancer")
    stack.output("zone_id", alb.resource.zone_id, "Route 53 hosted zone of the load balancer (alias records)")
    stack.output("security_group_id", alb.firewall.id, "Security group of the load balancer")
    stack.output("listener_arn", Token.as_string(expression(
        f"length(var.certificate_arns) > 0 ? {attribute(listeners['https'], 'arn')} : "
        f"{attribute(listeners['http'], 'arn')}")),
        "The listener services attach to: HTTPS with certificate_arns, else HTTP (null without listeners)")
    stack.output("http_listener_arn", Token.as_string(expression(
        f"one(concat({splat(listeners['http'], 'arn')}, {splat(listeners['redirect'], 'arn')}))")),
                 "The HTTP listener (forwarding, or redirecting to HTTPS; null without it)")
    stack.output("https_listener_arn", Token.as_string(expression(attribute(listeners["https"], "arn"))),
                 "The HTTPS listener (null without certificate_arns)")


def _listeners(stack: ModuleStack, alb: LoadBalancer) -> dict[str, LbListener]:
    """The shared listeners: HTTP (404 by default, or a redirect to HTTPS) and HTTPS with the certificates."""
    stack.variable("create_http_listener", "bool", "Whether the module creates the shared HTTP listener "
                            "on http_port (false: services bring their own listeners)", True)
    http_port = inputs.port(stack, "http_port", "Port of the HTTP listener", 80)
    https_port = inputs.port(stack, "https_port", "Port of the HTTPS listener (with certificate_arns)", 443)
    stack.variable("certificate_arns", "list(string)", "ACM certificates of the HTTPS listener, the "
                                  "first one its default (empty: no HTTPS listener)", [], validations=[
        ('alltrue([for c in var.certificate_arns : can(regex("^arn:aws[a-z-]*:acm:", c))])',
         "Must be ACM certificate ARNs (arn:aws:acm:...).")])
    cidrs = stack.variable("ingress_cidrs", "list(string)", "Clients allowed to the shared listeners",
                           ["0.0.0.0/0"], validations=[("alltrue([for c in var.ingress_cidrs : can(cidrnetmask(c))])",
                                                        "Must be IPv4 CIDR blocks.")])
    https = "length(var.certificate_arns) > 0"
    not_found = [{"type": "fixed-response", "fixed_response": {"content_type": "text/plain",
                                                               "message_body": "Not Found", "status_code": "404"}}]
    listeners = {
        "http": when(LbListener(stack, "http", load_balancer_arn=alb.arn, port=http_port.number, protocol="HTTP",
                                default_action=blocks(not_found)), f"var.create_http_listener && !({https})"),
        "redirect": when(LbListener(stack, "http-redirect", load_balancer_arn=alb.arn, port=http_port.number,
                                    protocol="HTTP", default_action=blocks([{"type": "redirect", "redirect": {
                                        "protocol": "HTTPS", "port": Token.as_string(https_port.number),
                                        "status_code": "HTTP_301"}}])), f"var.create_http_listener && {https}"),
        "https": when(LbListener(stack, "https", load_balancer_arn=alb.arn, port=https_port.number, protocol="HTTPS",
                                 ssl_policy=TLS_POLICY, certificate_arn=Token.as_string(expression(
                                     "try(var.certificate_arns[0], null)")), default_action=blocks(not_found)), https),
    }
    suppress(listeners["http"], "CKV_AWS_103", "TLS policy applies only to HTTPS listeners")
    extra = LbListenerCertificate(stack, "https-certificates", listener_arn=Token.as_string(expression(
        attribute(listeners["https"], "arn"))), certificate_arn=Token.as_string(expression(
            "var.certificate_arns[count.index + 1]")))
    extra.count = Token.as_number(expression("max(length(var.certificate_arns) - 1, 0)"))
    for key, port, condition in (("http", http_port, "var.create_http_listener"), ("https", https_port, https)):
        rule = alb.firewall.allow_in(port.number, f"clients to the {key.upper()} listener", cidrs=cidrs.list)
        when(rule, condition)
        if key == "http":  # checkov's CKV_AWS_260 judges port 80 only
            suppress(rule, "CKV_AWS_260", "the shared listener port of an internet-facing load balancer, open to "
                                          "ingress_cidrs (default: anywhere)")
    return listeners
