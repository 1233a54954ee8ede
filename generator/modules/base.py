"""A module stack: one construct of the stacks with Terraform variables as inputs and outputs as results.

Module stacks have no backend and no provider (a reusable module inherits both from its caller);
`required_providers` carries the constraint of the rendering target (`ProviderTarget.module_constraint`).
"""
from __future__ import annotations

import json
from collections.abc import Sequence
from functools import cached_property
from typing import Any

import jsii

from generator.aws import (
    Aspects,
    Construct,
    DataAwsCallerIdentity,
    DataAwsPartition,
    DataAwsRegion,
    Fn,
    IAspect,
    IConstruct,
    TerraformOutput,
    TerraformStack,
    TerraformVariable,
    Token,
    blocks,
)
from generator.constructs.context import StackContext
from generator.constructs.tagging import takes_tags
from generator.constructs.tokens import construct_id, expression, label
from generator.naming import logical_id
from generator.targets import Feature, ProviderTarget

#: the oldest Terraform the modules are checked with (the offline toolchain's 1.0.3)
REQUIRED_TERRAFORM = ">= 1.0.0"
UNSET = object()


class Input:
    """A module variable with stable tokens: cdktf makes a new token on every `string_value` access,
    and construct ids built from one are renamed after the variable (`_allocate_logical_id`)."""

    def __init__(self, var: TerraformVariable, name: str):
        self.var = var
        self.name = name

    @cached_property
    def string(self) -> str:
        """`var.<name>` as a string."""
        return label(self.var, self.var.string_value, self.name)

    @cached_property
    def number(self) -> float:
        """`var.<name>` as a number."""
        return label(self.var, self.var.number_value, self.name)

    @cached_property
    def list(self) -> list[str]:
        """`var.<name>` as a list of strings."""
        return self.var.list_value

    @cached_property
    def value(self) -> Any:
        """`var.<name>` as any value (bool, map, object)."""
        return self.var.value


def unless_error(condition: str, value: str, message: str) -> str:
    """HCL: `value` when `condition` holds, else a plan-time error whose text is `message` (Terraform 1.0 validates
    each variable alone, so a rule across inputs fails here: `tobool` rejects the message with it in the error)."""
    return f"{condition} ? {value} : tobool({json.dumps(message)})"


class ModuleStack(TerraformStack):
    """One module; `variable()`/`output()` declare its interface, tokens name resources readably."""

    def __init__(self, scope: Construct, id_: str, *, target: ProviderTarget):
        super().__init__(scope, id_)
        self.target = target
        self._null_defaults: list[str] = []
        self._region: str | None = None
        self._account: tuple[str, str] | None = None
        self.add_override("terraform.required_version", REQUIRED_TERRAFORM)
        self.add_override("terraform.required_providers.aws",
                          {"source": "hashicorp/aws", "version": target.module_constraint})

    def _allocate_logical_id(self, element) -> str:  # cdktf hook, as EcsStack: readable, stable addresses
        """`alb/listener-<port token>` -> `alb_listener_listener_port`: token text becomes the variable name."""
        return logical_id([construct_id(self, "_".join(element.node.path.split("/")[1:]))])

    def variable(self, name: str, type_: str, description: str, default: Any = UNSET, *,
                 validations: Sequence[tuple[str, str]] = (), sensitive: bool = False) -> Input:
        """A typed, described input; `validations` are (HCL condition, error message) pairs."""
        options: dict[str, Any] = {"type": type_, "description": description}
        if default is None:
            self._null_defaults.append(name)  # cdktf drops a None default; `finish` writes it
        elif default is not UNSET:
            options["default"] = default
        if sensitive:
            options["sensitive"] = True
        for _, message in validations:
            if not (message[:1].isupper() and message.endswith((".", "?"))):
                raise ValueError(f"{name}: Terraform wants a sentence as validation message, got {message!r}")
        if validations:
            options["validation"] = blocks([{"condition": expression(condition), "error_message": message}
                                            for condition, message in validations])
        var = TerraformVariable(self, name, **options)
        var.override_logical_id(name)
        return Input(var, name)

    def unsupported(self, name: str, type_: str, description: str, reason: str, *, sensitive: bool = False) -> None:
        """An input of the other renderings that this one cannot honour: it accepts only null (its default), so a
        root configuration works with every rendering and a value given here fails `terraform plan`, never
        silently does nothing. `reason` is the validation message (a sentence)."""
        self.variable(name, type_, f"{description} (must stay null in this rendering: {reason.rstrip('.')})",
                      None, sensitive=sensitive,
                      validations=[(f"var.{name} == null", reason)])

    def output(self, name: str, value: Any, description: str, *, sensitive: bool = False,
               depends_on: Sequence[Any] = ()) -> TerraformOutput:
        """A described output (`depends_on`: resources callers must find created when they use it)."""
        out = TerraformOutput(self, f"output-{name}", value=value, description=description,
                              **({"sensitive": True} if sensitive else {}),
                              **({"depends_on": list(depends_on)} if depends_on else {}))
        out.override_logical_id(name)
        return out

    def finish(self, doc: dict) -> dict:
        """The synthesized JSON as a module: no backend (cdktf adds a local one), `default = null` written."""
        doc["terraform"].pop("backend", None)
        doc.get("//", {}).get("metadata", {}).pop("backend", None)
        for name in self._null_defaults:
            doc["variable"][name]["default"] = None
        return doc

    def tag_all(self, tags: Input) -> None:
        """Merge `var.tags` into every taggable resource."""
        Aspects.of(self).add(MergeTags(tags, self.target))

    def context(self, *, account: bool = False) -> StackContext:
        """What constructs ask of a stack: the region (a data source) and, if asked, account and partition.

        Data sources are declared once; a later call with `account=True` adds the account lookups.
        """
        if self._region is None:
            region = DataAwsRegion(self, "region")
            self._region = region.region if self.target.supports(Feature.DATA_REGION_REGION) else region.name
        if account and self._account is None:
            self._account = (DataAwsCallerIdentity(self, "caller").account_id,
                             DataAwsPartition(self, "partition").partition)
        account_id, partition = self._account or ("", "")
        return StackContext(target=self.target, region=self._region, account_id=account_id, partition=partition)


@jsii.implements(IAspect)
class MergeTags:
    """Aspect: `merge(var.tags, <the resource's own tags>)` on each resource that takes tags."""

    def __init__(self, tags: Input, target: ProviderTarget):
        self._tags = tags
        self._target = target

    def visit(self, node: IConstruct) -> None:
        """Called by cdktf for every construct before synthesis."""
        if not takes_tags(node, self._target):
            return
        own = node.tags_input
        node.tags = Token.as_string_map(Fn.merge([self._tags.value, own]) if own else self._tags.value)
