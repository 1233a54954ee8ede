"""AWS WAF (v2) web ACL of AWS managed rule groups (generator.managed_rules), associated with the ALB.

Each rule runs its group as published (`override_action none`); requests no rule blocks are allowed.
Metrics and sampled requests are on for the ACL and each rule; the full request log goes to a
CloudWatch log group, whose name must start with `aws-waf-logs-`
(https://docs.aws.amazon.com/waf/latest/developerguide/logging-cw-logs.html).
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from generator.aws import (
    CloudwatchLogGroup,
    Construct,
    Wafv2WebAcl,
    Wafv2WebAclAssociation,
    Wafv2WebAclLoggingConfiguration,
    blocks,
)
from generator.constructs.checks import suppress
from generator.constructs.logs import RETENTION_REASON
from generator.managed_rules import DEFAULT_RULE_GROUPS, MANAGED_RULE_GROUPS


def _visibility(metric: str) -> dict:
    return {"cloudwatch_metrics_enabled": True, "metric_name": metric, "sampled_requests_enabled": True}


@dataclass(frozen=True)
class WebFirewallProps:
    """The web ACL. Defaults: generator.managed_rules.DEFAULT_RULE_GROUPS, request logs kept 30 days."""

    name: str
    rule_groups: Sequence[str] = field(default=DEFAULT_RULE_GROUPS)
    log_retention_days: Any = 30


class WebFirewall(Construct):
    """A regional web ACL of AWS managed rule groups, associated with one load balancer."""

    def __init__(self, scope: Construct, id_: str, props: WebFirewallProps, *, load_balancer_arn: str):
        super().__init__(scope, id_)
        ordered = [g for g in MANAGED_RULE_GROUPS if g in props.rule_groups]
        rules = blocks([{"name": group, "priority": priority, "override_action": {"none": {}},
                         "visibility_config": _visibility(group)} for priority, group in enumerate(ordered)])
        for group, rule in zip(ordered, rules, strict=True):  # typed Any by the bindings: passed as written
            rule["statement"] = {"managed_rule_group_statement": {"name": group, "vendor_name": "AWS"}}
        self.acl = Wafv2WebAcl(
            self, "acl", name=props.name, scope="REGIONAL", description=f"{props.name}: AWS managed rule groups",
            default_action={"allow": {}}, visibility_config=_visibility(props.name), rule=rules)
        self.association = Wafv2WebAclAssociation(self, "association", resource_arn=load_balancer_arn,
                                                  web_acl_arn=self.acl.arn)
        self.log_group = CloudwatchLogGroup(self, "logs", name=f"aws-waf-logs-{props.name}",
                                            retention_in_days=props.log_retention_days)
        suppress(self.log_group, "CKV_AWS_338", RETENTION_REASON)
        Wafv2WebAclLoggingConfiguration(self, "logging", resource_arn=self.acl.arn,
                                        log_destination_configs=[self.log_group.arn])
