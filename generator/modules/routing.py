"""ecs-service-alb: the service's route on the load balancer, a listener of its own or a rule on a shared one.

With `create_listener = false` the module adds a rule to `listener_arn` (e.g. the alb module's `listener_arn`)
forwarding the requests that match `path_patterns` and `host_headers` to the service, at `priority`; by default the
service's own listener on `listener_port` forwards everything (the workshop's layout). Condition limits
(three values per condition, five per rule, five wildcards per rule) and host wildcards (`*` matches any host name):
https://docs.aws.amazon.com/elasticloadbalancing/latest/application/rule-condition-types.html
"""
from __future__ import annotations

from generator.aws import LbListener, LbListenerRule, SecurityGroupRule, Token, blocks
from generator.config.aws_rules import limits
from generator.constructs.service import FargateService
from generator.constructs.tokens import attribute, expression, when
from generator.modules.base import Input, ModuleStack, unless_error

OWN = "var.create_listener"  # a known value at plan time: `count` cannot wait for an ARN created in the same apply
SHARED = "!var.create_listener"


def declare(stack: ModuleStack) -> dict[str, Input]:
    """The inputs of a route on a shared listener: the condition values by variable name."""
    per_condition = limits()["path_patterns_per_rule"].maximum
    priority = limits()["rule_priority"]
    stack.variable("create_listener", "bool", "Whether the service gets a listener of its own on listener_port "
                   "(false: a rule on listener_arn)", True)
    stack.variable("listener_arn", "string", "The shared listener the service's rule is added to when "
                   "create_listener = false (the alb module's listener_arn)", None, validations=[
        ('var.listener_arn == null || can(regex("^arn:aws[a-z-]*:elasticloadbalancing:", var.listener_arn))',
         "Must be a listener ARN (arn:aws:elasticloadbalancing:...).")])
    # Terraform 1.0 validates each variable alone, so the rule's shared budgets are split between the two:
    # values (5 per rule) 3 + 2, wildcards (5 per rule) 3 + 2
    rule_values, rule_wildcards = 5, limits()["wildcards_per_rule"].maximum
    conditions = {}
    for var, description, default in (
            ("path_patterns", "Request paths the rule forwards (create_listener = false)", ["/*"]),
            ("host_headers", "Host names the rule forwards (create_listener = false; * matches any host)", ["*"])):
        values = per_condition if var == "path_patterns" else rule_values - per_condition
        stars = values if var == "path_patterns" else rule_wildcards - per_condition
        conditions[var] = stack.variable(var, "list(string)", description, default, validations=[
            (f'length(var.{var}) >= 1 && length(var.{var}) <= {values} && '
             f'length(regexall("[*?]", join("", var.{var}))) <= {stars}',
             f"Give 1 to {values} values with at most {stars} wildcards ('*', '?'): a rule takes {rule_values} "
             f"values and {rule_wildcards} wildcards, {per_condition} values per condition.")])
    stack.variable("priority", "number", "Priority of the rule on the shared listener, lower first (null: after the "
                   "listener's last rule)", None, validations=[
        (f"var.priority == null || try(var.priority >= {priority.minimum} && var.priority <= {priority.maximum} && "
         "floor(var.priority) == var.priority, false)",
         f"Must be a whole number from {priority.minimum} to {priority.maximum}.")])
    return conditions


def route(stack: ModuleStack, service: FargateService, own: LbListener, own_ingress: SecurityGroupRule,
          conditions: dict[str, Input]) -> str:
    """Keep the own listener (and its ingress) only without `listener_arn`, else add the rule; the listener ARN."""
    assert service.target_group is not None
    when(own, OWN)
    when(own_ingress, OWN)
    rule = when(LbListenerRule(
        stack, "shared-rule", listener_arn=Token.as_string(expression(unless_error(
            "var.listener_arn != null", "var.listener_arn", "listener_arn: give the shared listener's ARN (e.g. the "
            "alb module's listener_arn) when create_listener = false."))),
        priority=Token.as_number(expression("var.priority")),
        action=blocks([{"type": "forward", "target_group_arn": service.target_group.arn}]),
        condition=blocks([{"path_pattern": {"values": conditions["path_patterns"].list}},
                          {"host_header": {"values": conditions["host_headers"].list}}])), SHARED)
    # a target group must be on a listener before ECS registers the service's tasks in it
    service.service.depends_on = [*(service.service.depends_on or []), rule.fqn]
    return Token.as_string(expression(f"var.create_listener ? {attribute(own, 'arn')} : var.listener_arn"))
