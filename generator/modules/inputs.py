"""Module inputs several modules share, with the validation the config model applies to the same values."""
from __future__ import annotations

import json
from dataclasses import fields
from typing import Any, get_args

from generator.aws import Fn, Token
from generator.config.fargate import FARGATE_SIZES
from generator.config.model import NAME, LogsConfig
from generator.constructs.tokens import label
from generator.modules.base import Input, ModuleStack

RETENTION_DAYS = list(get_args(LogsConfig.model_fields["retention_days"].annotation))


def hcl(value) -> str:
    """A Python value as an HCL literal (JSON syntax is valid HCL for strings, numbers, lists)."""
    return json.dumps(value)


def number(value: str) -> float:
    """A string token used where a number is expected."""
    return Token.as_number(value)


def name(stack: ModuleStack, var: str, description: str, default=None, max_length: int = 32) -> Input:
    """A lower-case name like the config model's (letters, digits, hyphens)."""
    pattern = NAME.replace("{0,30}", f"{{0,{max_length - 2}}}")
    extra = {} if default is None else {"default": default}
    return stack.variable(var, "string", description, **extra, validations=[
        (f"can(regex({hcl(pattern)}, var.{var}))",
         f"Use lower-case letters, digits and hyphens, starting with a letter, at most {max_length} characters.")])


def tags(stack: ModuleStack) -> Input:
    """`tags`, merged into every taggable resource of the module."""
    var = stack.variable("tags", "map(string)", "Tags for every taggable resource (merged with each one's Name)",
                         default={})
    stack.tag_all(var)
    return var


def retention(stack: ModuleStack, var: str, description: str) -> Input:
    """Days a log group keeps events: one of the values CloudWatch Logs accepts."""
    return stack.variable(var, "number", description, 30, validations=[
        (f"contains({hcl(RETENTION_DAYS)}, var.{var})",
         f"Must be one of {', '.join(str(d) for d in RETENTION_DAYS)}.")])


def port(stack: ModuleStack, var: str, description: str, default: int) -> Input:
    """A TCP port."""
    return stack.variable(var, "number", description, default, validations=[
        (f"var.{var} >= 1 && var.{var} <= 65535 && floor(var.{var}) == var.{var}",
         "Must be a whole number from 1 to 65535.")])


def arn(stack: ModuleStack, var: str, description: str, service: str = "") -> Input:
    """An ARN (of `service`, when given)."""
    prefix = f"^arn:aws[a-z-]*:{service}:" if service else "^arn:aws[a-z-]*:"
    return stack.variable(var, "string", description, validations=[
        (f"can(regex({hcl(prefix)}, var.{var}))", f"Must be an ARN ({prefix[1:]}...).")])


def ids(stack: ModuleStack, var: str, description: str, minimum: int = 1) -> Input:
    """A list of resource ids (subnets, security groups) with at least `minimum` entries."""
    return stack.variable(var, "list(string)", description, validations=[
        (f"length(var.{var}) >= {minimum}", f"Needs at least {minimum} id(s).")])


def fargate_size(stack: ModuleStack) -> Input:
    """`task_size = {cpu, memory}`: one variable, so the pair can be validated against Fargate's table."""
    table = "{" + ", ".join(f'"{cpu}" = {hcl(list(memory))}' for cpu, memory in FARGATE_SIZES.items()) + "}"
    choices = "; ".join(f"cpu {cpu}: memory {sizes[0]}..{sizes[-1]}" for cpu, sizes in FARGATE_SIZES.items())
    return stack.variable(
        "task_size", "object({cpu = number, memory = number})",
        "Task CPU units and memory (MiB): a pair AWS Fargate offers", {"cpu": 1024, "memory": 2048},
        validations=[(f"contains(lookup({table}, tostring(var.task_size.cpu), []), var.task_size.memory)",
                      f"Not a Fargate size ({choices}; see the Fargate task size table).")])


def default(props: type, field: str) -> Any:
    """The documented default of one field of a construct's props dataclass."""
    return {f.name: f for f in fields(props)}[field].default


def lookup(var: Input, key: str) -> str:
    """`var.<name>.<key>` as a string token."""
    return Token.as_string(Fn.lookup_nested(var.value, [key]))


def name_or(stack: ModuleStack, var: str, description: str, fallback: str, fallback_text: str,
            validations=()) -> str:
    """An optional name (default null) that falls back to `fallback` (e.g. the module's `name`), as a string token
    labelled `var` for readable addresses."""
    given = stack.variable(var, "string", f"{description} (null: {fallback_text})", None, validations=[
        (f"var.{var} == null || try({condition}, false)", message) for condition, message in validations])
    return label(stack, Token.as_string(Fn.coalesce([given.var.string_value, fallback])), var)


def arn_suffix(alb_arn: str) -> str:
    """The load balancer's ARN suffix (`app/<name>/<id>`, the CloudWatch `LoadBalancer` dimension: "the final portion
    of the load balancer ARN", https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-cloudwatch-metrics.html)
    from its ARN (`arn:<partition>:elasticloadbalancing:<region>:<account>:loadbalancer/app/<name>/<id>`)."""
    return Token.as_string(Fn.element(Fn.split(":loadbalancer/", alb_arn), 1))
