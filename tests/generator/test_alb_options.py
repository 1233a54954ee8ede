"""ALB opt-ins that exist: deletion protection (on unless a sandbox), access logs to a bucket of the stack,
a WAFv2 web ACL of AWS managed rule groups; each removes its checkov suppression when on."""
from __future__ import annotations

import json
import re

import pytest
from tfjson import one, resources

from generator import load_env, offline_overrides, synthesize
from generator.config.errors import ConfigError

pytestmark = pytest.mark.static


def checks_on(stack, address: str) -> set[str]:
    return {entry.split(":", 1)[0] for entry in stack.suppressions().get(address, [])}


def test_deletion_protection_follows_the_sandbox_flag(synthesized) -> None:
    workshop, local = synthesized["workshop"], synthesized["local"]
    assert load_env("workshop").sandbox is False and load_env("local").sandbox is True
    _, lb = one(workshop.document(), "aws_lb", name="retail-store-ecs-ui")
    assert lb["enable_deletion_protection"] is True and "CKV_AWS_150" not in checks_on(workshop, "aws_lb.alb_alb")
    _, lb = one(local.document(), "aws_lb", name="ecs-local-alb")
    assert lb["enable_deletion_protection"] is False and "CKV_AWS_150" in checks_on(local, "aws_lb.alb_alb")
    assert offline_overrides()["sandbox"] is True  # the embedded sandbox destroys what every run made


def test_access_logs_bucket_and_policy_on_the_offline_target(synthesized) -> None:
    stack = synthesized["local"]
    doc = stack.document()
    _, lb = one(doc, "aws_lb", name="ecs-local-alb")
    bucket_ref = "${aws_s3_bucket.alb_access_logs_logs_bucket.id}"
    assert lb["access_logs"] == {"bucket": bucket_ref, "enabled": True, "prefix": "alb"}
    assert "aws_s3_bucket_policy.alb_access_logs_policy" in lb["depends_on"]  # ELB checks its access first
    bucket = resources(doc, "aws_s3_bucket")["alb_access_logs_logs_bucket"]
    sse = bucket["server_side_encryption_configuration"]["rule"]["apply_server_side_encryption_by_default"]
    assert sse == {"sse_algorithm": "AES256"} and bucket["lifecycle_rule"][0]["expiration"] == {"days": 90}
    block = resources(doc, "aws_s3_bucket_public_access_block")["alb_access_logs_logs_public_access"]
    assert all(block[k] is True for k in ("block_public_acls", "block_public_policy", "ignore_public_acls",
                                          "restrict_public_buckets"))
    policy = json.loads(resources(doc, "aws_s3_bucket_policy")["alb_access_logs_policy"]["policy"])
    write, tls = policy["Statement"]
    assert write["Principal"] == {"AWS": "${data.aws_elb_service_account.alb_access_logs_elb_account.arn}"}
    assert write["Action"] == "s3:PutObject" and write["Resource"] == (
        "${aws_s3_bucket.alb_access_logs_logs_bucket.arn}/alb/AWSLogs/${data.aws_caller_identity.caller.account_id}/*")
    assert tls["Effect"] == "Deny" and tls["Condition"] == {"Bool": {"aws:SecureTransport": "false"}}
    assert "CKV_AWS_91" not in checks_on(stack, "aws_lb.alb_alb")
    assert "CKV_AWS_91" in checks_on(synthesized["workshop"], "aws_lb.alb_alb")


def test_waf_web_acl_with_managed_rule_groups_and_logs(synthesized) -> None:
    stack = synthesized["local"]
    doc = stack.document()
    _, acl = one(doc, "aws_wafv2_web_acl", name="ecs-local-alb")
    assert acl["scope"] == "REGIONAL" and acl["default_action"] == {"allow": {}}
    assert [(r["priority"], r["statement"]["managed_rule_group_statement"]) for r in acl["rule"]] == [
        (0, {"name": "AWSManagedRulesAmazonIpReputationList", "vendor_name": "AWS"}),
        (1, {"name": "AWSManagedRulesAnonymousIpList", "vendor_name": "AWS"}),
        (2, {"name": "AWSManagedRulesCommonRuleSet", "vendor_name": "AWS"}),
        (3, {"name": "AWSManagedRulesKnownBadInputsRuleSet", "vendor_name": "AWS"})]
    assert all(r["override_action"] == {"none": {}} for r in acl["rule"])
    [association] = resources(doc, "aws_wafv2_web_acl_association").values()
    assert association == {**association, "resource_arn": "${aws_lb.alb_alb.arn}",
                           "web_acl_arn": "${aws_wafv2_web_acl.alb_waf_acl.arn}"}
    _, group = one(doc, "aws_cloudwatch_log_group", name="aws-waf-logs-ecs-local-alb")
    assert group["retention_in_days"] == 7 and group["kms_key_id"] == "${aws_kms_key.logs_key.arn}"
    [logging] = resources(doc, "aws_wafv2_web_acl_logging_configuration").values()
    assert logging["log_destination_configs"] == ["${aws_cloudwatch_log_group.alb_waf_logs.arn}"]
    assert "CKV2_AWS_28" not in checks_on(stack, "aws_lb.alb_alb")
    assert "CKV2_AWS_28" in checks_on(synthesized["workshop"], "aws_lb.alb_alb")


def test_modern_target_options_and_a_region_without_an_elb_account(tmp_path) -> None:
    """Split S3 resources on 6.25.0; in a region opened after August 2022 the log delivery service writes."""
    env = load_env("workshop", overrides={"region": "ap-southeast-4", "sandbox": True, "alb": {
        "access_logs": {"prefix": "edge", "retention_days": 30},
        "waf": {"rule_groups": ["AWSManagedRulesSQLiRuleSet", "AWSManagedRulesCommonRuleSet"]}}})
    [stack] = synthesize({"opts": env}, tmp_path)
    doc = stack.document()
    _, lb = one(doc, "aws_lb", name="retail-store-ecs-ui")
    assert lb["enable_deletion_protection"] is False and lb["access_logs"]["prefix"] == "edge"
    policy = json.loads(resources(doc, "aws_s3_bucket_policy")["alb_access_logs_policy"]["policy"])
    assert policy["Statement"][0]["Principal"] == {"Service": "logdelivery.elasticloadbalancing.amazonaws.com"}
    assert "aws_elb_service_account" not in doc.get("data", {})
    lifecycle = resources(doc, "aws_s3_bucket_lifecycle_configuration")["alb_access_logs_logs_lifecycle"]
    assert lifecycle["rule"][0]["expiration"] == [{"days": 30}]
    _, acl = one(doc, "aws_wafv2_web_acl", name="retail-store-ecs-ui")
    assert [r["name"] for r in acl["rule"]] == ["AWSManagedRulesCommonRuleSet", "AWSManagedRulesSQLiRuleSet"]


def test_explicit_deletion_protection_wins() -> None:
    assert load_env("local", overrides={"alb": {"deletion_protection": True}}).alb.deletion_protection is True


@pytest.mark.parametrize("alb, message", [
    ({"waf": {"rule_groups": ["AWSManagedRulesBotControlRuleSet"]}}, "alb.waf.rule_groups[0]: Input should be "
                                                                     "'AWSManagedRulesAmazonIpReputationList'"),
    ({"waf": {"rule_groups": ["AWSManagedRulesCommonRuleSet", "AWSManagedRulesCommonRuleSet"]}},
     "each rule group at most once"),
    ({"waf": {"rule_groups": []}}, "alb.waf.rule_groups: List should have at least 1 item"),
    ({"access_logs": {"prefix": "x/AWSLogs"}}, "alb.access_logs.prefix"),
    ({"access_logs": {"prefix": "awslogs"}}, "must not contain AWSLogs"),
    ({"access_logs": {"retention_days": 0}}, "alb.access_logs.retention_days"),
    ({"deletion_protection": "sometimes"}, "alb.deletion_protection"),
])
def test_bad_options_are_config_errors(alb, message) -> None:
    with pytest.raises(ConfigError, match=re.escape(message)):
        load_env("workshop", overrides={"alb": alb})
