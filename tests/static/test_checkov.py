"""checkov (pinned, own venv) finds nothing on the stacks and modules; suppressions are per resource."""
from __future__ import annotations

import json

import pytest

from generator.checks.checkov import CHECKOV_VERSION, parse_report, run_checkov, skip_comments
from generator.hcl.writer import add_comments, render_hcl

pytestmark = pytest.mark.static


def test_stacks_pass_checkov(checkov_stacks, stacks):
    assert not checkov_stacks.parsing_errors
    assert checkov_stacks.resource_count >= sum(len(s.document()["resource"]) for s in stacks.values())
    assert checkov_stacks.passed > 0
    assert [str(r) for r in checkov_stacks.failed] == []


def test_suppressions_are_exactly_the_recorded_ones(checkov_stacks, stacks):
    """checkov skipped each recorded (check, resource) pair and nothing else, per stack directory."""
    expected = {(env, entry.split(":", 1)[0], address.removeprefix("data."))
                for env, stack in stacks.items()
                for address, entries in stack.suppressions().items() for entry in entries}
    skipped = {(r.file.strip("/").split("/")[0], r.check_id, r.resource) for r in checkov_stacks.skipped}
    assert skipped == expected


def test_no_stale_suppressions(checkov_stacks_bare, stacks):
    """Every suppression silences a check that fails without it."""
    failing = {(r.file.strip("/").split("/")[0], r.check_id, r.resource) for r in checkov_stacks_bare.failed}
    stale = sorted(f"{env}: {address} {entry}"
                   for env, stack in stacks.items()
                   for address, entries in stack.suppressions().items() for entry in entries
                   if (env, entry.split(":", 1)[0], address.removeprefix("data.")) not in failing)
    assert not stale, "\n".join(stale)


def test_modules_pass_checkov(checkov_modules):
    assert not checkov_modules.parsing_errors
    assert checkov_modules.passed > 0
    assert [str(r) for r in checkov_modules.failed] == []


def test_no_stale_suppressions_in_modules(checkov_modules, checkov_modules_bare):
    """Every `# checkov:skip` in modules/ silences a check that fails on that resource without it."""
    def where(result) -> tuple[str, str, str]:
        return result.file.strip("/").split("/")[0], result.check_id, result.resource

    assert checkov_modules.skipped, "modules/ carries suppressions: the check must see them"
    failing = {where(r) for r in checkov_modules_bare.failed}
    stale = sorted(" ".join(where(r)) for r in checkov_modules.skipped if where(r) not in failing)
    assert not stale, "\n".join(stale)


def test_skip_comments_land_inside_the_block():
    doc = {"resource": {"aws_s3_bucket": {"a": {"bucket": "a"}, "b": {"bucket": "b"}}},
           "data": {"aws_partition": {"p": {}}}}
    comments = skip_comments({"aws_s3_bucket.b": ["CKV_AWS_18:no access logs here"],
                              "data.aws_partition.p": ["CKV_X_1:why"]})
    main = render_hcl(doc, {}, comments=comments)["main.tf"]
    assert 'resource "aws_s3_bucket" "b" {\n  # checkov:skip=CKV_AWS_18:no access logs here\n' in main
    assert 'data "aws_partition" "p" {\n  # checkov:skip=CKV_X_1:why\n' in main
    assert main.count("checkov:skip") == 2
    with pytest.raises(KeyError, match="aws_s3_bucket.c"):
        add_comments(main, {"aws_s3_bucket.c": ["x"]})


def test_checkov_honours_a_skip_for_one_resource_only(checkov, tmp_path):
    """Two identical buckets, one suppression: checkov skips it on that bucket and fails the other."""
    doc = {"resource": {"aws_s3_bucket": {"a": {"bucket": "a"}, "b": {"bucket": "b"}}}}
    main = render_hcl(doc, {}, comments=skip_comments({"aws_s3_bucket.b": ["CKV_AWS_18:test"]}))["main.tf"]
    (tmp_path / "main.tf").write_text(main)
    report = run_checkov(tmp_path, checkov, ("--check", "CKV_AWS_18"))
    assert [(r.check_id, r.resource) for r in report.failed] == [("CKV_AWS_18", "aws_s3_bucket.a")]
    assert [(r.check_id, r.resource, r.comment) for r in report.skipped] == [("CKV_AWS_18", "aws_s3_bucket.b", "test")]


def test_checkov_is_the_pinned_version(checkov):
    import subprocess

    version = subprocess.run([str(checkov), "--version"], capture_output=True, text=True, check=True).stdout
    assert version.strip() == CHECKOV_VERSION


def test_parse_report_shapes():
    record = {"check_id": "CKV_AWS_1", "resource": "aws_x.y", "file_path": "/s/main.tf", "check_name": "n",
              "check_result": {"result": "SKIPPED", "suppress_comment": "why"}}
    one = {"results": {"failed_checks": [record], "skipped_checks": [record]},
           "summary": {"passed": 3, "resource_count": 2}}
    report = parse_report(json.dumps([one, one]))
    assert (report.passed, report.resource_count, len(report.failed)) == (6, 4, 2)
    assert report.skipped[0].comment == "why" and report.failed[0].comment == ""
    assert parse_report(json.dumps({"passed": 0, "failed": 0})).failed == []
    assert parse_report("").passed == 0
