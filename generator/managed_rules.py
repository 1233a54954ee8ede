"""AWS WAF managed rule groups the stacks offer (vendor AWS), in evaluation order, and the default set.

Names: https://docs.aws.amazon.com/waf/latest/developerguide/aws-managed-rule-groups-list.html. Offered:
the baseline, IP reputation and use-case groups, which need no configuration of their own and no
subscription (Bot Control, account takeover and account creation fraud prevention do).
"""
from __future__ import annotations

MANAGED_RULE_GROUPS = (
    "AWSManagedRulesAmazonIpReputationList", "AWSManagedRulesAnonymousIpList", "AWSManagedRulesCommonRuleSet",
    "AWSManagedRulesAdminProtectionRuleSet", "AWSManagedRulesKnownBadInputsRuleSet", "AWSManagedRulesSQLiRuleSet",
    "AWSManagedRulesLinuxRuleSet", "AWSManagedRulesUnixRuleSet", "AWSManagedRulesWindowsRuleSet",
    "AWSManagedRulesPHPRuleSet", "AWSManagedRulesWordPressRuleSet")
#: default: known malicious sources, anonymizing sources (VPNs, proxies, Tor, hosting providers), the core rule
#: set (OWASP top risks), known bad inputs (e.g. Log4j); checkov's CKV2_AWS_76 asks for the last two
DEFAULT_RULE_GROUPS = ("AWSManagedRulesAmazonIpReputationList", "AWSManagedRulesAnonymousIpList",
                       "AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet")
