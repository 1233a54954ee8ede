"""The fixed shape of Terraform JSON: sections, labels, built-in blocks and value contexts."""

from collections.abc import Iterable, Mapping
from typing import Literal

Context = Literal["template", "literal", "bare"]
Path = tuple[str, ...]

METADATA_KEY = "//"

# Top-level sections and how many labels their blocks carry ("locals" holds plain attributes).
LABELS: dict[str, int] = {
    "terraform": 0,
    "variable": 1,
    "locals": 0,
    "provider": 1,
    "data": 2,
    "resource": 2,
    "module": 1,
    "output": 1,
    "moved": 0,
    "import": 0,
}

FILES: dict[str, str] = {"terraform": "versions.tf", "variable": "variables.tf", "output": "outputs.tf"}
MAIN_FILE = "main.tf"

_LIFECYCLE = frozenset({"lifecycle", "lifecycle.precondition", "lifecycle.postcondition"})
_BUILTIN_BLOCKS: dict[str, frozenset[str]] = {
    "terraform": frozenset({"required_providers", "backend", "cloud", "cloud.workspaces", "provider_meta"}),
    "variable": frozenset({"validation"}),
    "output": frozenset({"precondition"}),
    "resource": _LIFECYCLE | {"dynamic", "dynamic.content"},
    "data": _LIFECYCLE,
}
LABELED_BLOCKS = frozenset({"backend", "provider_meta", "dynamic"})

# Sections whose null arguments equal omitted ones (not so for locals, variable defaults, module inputs).
NULL_MEANS_UNSET = frozenset({"resource", "data", "provider"})

# Strings Terraform reads verbatim (no template evaluation) and strings that are bare expressions.
_LITERAL: dict[str, tuple[Path, ...]] = {
    "terraform": (("required_version",), ("required_providers",), ("backend",), ("cloud",)),
    "variable": (("description",), ("default",)),
    "output": (("description",),),
    "module": (("source",), ("version",)),
    "provider": (("alias",),),
}
_BARE: dict[str, tuple[Path, ...]] = {
    "variable": (("type",),),
    "resource": (("depends_on",), ("provider",), ("lifecycle", "ignore_changes")),
    "data": (("depends_on",), ("provider",)),
    "module": (("depends_on",), ("providers",)),
    "output": (("depends_on",),),
    "moved": (("from",), ("to",)),
    "import": (("to",), ("provider",)),
}

# Attribute order inside a block body: these first / last, the rest keep their order.
FIRST_ATTRIBUTES = ("source", "version", "count", "for_each", "provider")
LAST_MEMBERS = ("lifecycle", "depends_on")


def context(section: str, path: Path) -> Context:
    """How a string at ``path`` (attribute/object-key names from the body root) is read."""
    if _under(path, _LITERAL.get(section, ())):
        return "literal"
    if _under(path, _BARE.get(section, ())):
        return "bare"
    return "template"


def block_set(section: str, type_name: str, blocks: Mapping[str, Iterable[str]]) -> frozenset[str]:
    """Dotted block paths of one body: built-in ones plus the provider schema's (``blocks``)."""
    return _BUILTIN_BLOCKS.get(section, frozenset()) | frozenset(blocks.get(f"{section}.{type_name}", ()))


def _under(path: Path, prefixes: tuple[Path, ...]) -> bool:
    """True if ``path`` starts with one of ``prefixes``."""
    return any(path[: len(prefix)] == prefix for prefix in prefixes)
