"""Tag every taggable resource explicitly (no drift from provider-computed `tags`)."""
from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

import jsii

from generator.aws import IAspect, IConstruct, TerraformResource, binding_type
from generator.targets import Feature, ProviderTarget

#: resource types whose 3.x schema has no `tags` argument (checked against the 3.39.0 schema)
UNTAGGABLE_ON_OLD_TARGETS = frozenset({
    "aws_appautoscaling_policy", "aws_appautoscaling_target", "aws_cloudwatch_query_definition",
    "aws_iam_role_policy", "aws_iam_role_policy_attachment", "aws_iam_service_linked_role", "aws_lb_listener",
    "aws_lb_listener_rule",
    "aws_route", "aws_route_table_association", "aws_secretsmanager_secret_version",
    "aws_security_group_rule",
})


def takes_tags(node: IConstruct, target: ProviderTarget) -> bool:
    """Whether `node` is a resource whose schema on `target` has a `tags` argument.

    Decided once per binding class, from the class itself (its `tags_input` property, its static resource type):
    asking each resource instance would cost jsii round trips to Node for every construct an aspect visits."""
    binding: Any = type(node)
    return _class_takes_tags(binding, target)


@cache
def _class_takes_tags(cls: Any, target: ProviderTarget) -> bool:
    if not issubclass(cls, TerraformResource) or not hasattr(cls, "tags_input"):
        return False
    return target.supports(Feature.TAGS_ON_EVERY_RESOURCE) or binding_type(cls) not in UNTAGGABLE_ON_OLD_TARGETS


@jsii.implements(IAspect)
class TagEverything:
    """Aspect: merge the environment's tags into each resource that takes `tags`.

    Explicit tags instead of provider `default_tags`: provider 3.x plans `+ tags = {}`
    on every resource whose config sets none, so explicit tags keep plans empty.
    """

    def __init__(self, tags: Mapping[str, str], target: ProviderTarget):
        self._tags = dict(tags)
        self._target = target

    def visit(self, node: IConstruct) -> None:
        """Called by cdktf for every construct before synthesis."""
        if takes_tags(node, self._target):
            node.tags = {**self._tags, **(node.tags_input or {})}
