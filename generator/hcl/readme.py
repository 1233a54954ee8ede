"""Module README.md: description, Usage, Examples, then terraform-docs style Resources, Inputs and Outputs tables."""

from collections.abc import Mapping
from typing import Any

from generator.hcl.convert import source
from generator.hcl.templates import single_interpolation

REGISTRY_DOCS = "https://registry.terraform.io/providers/hashicorp/aws/{version}/docs/{kind}/{type}"


def render_readme(title: str, description: str, doc: Mapping[str, Any], *, usage: str = "",
                  examples: Mapping[str, str] | None = None, provider_version: str = "latest") -> str:
    """README text: title, description, Usage (an HCL block), Examples (link -> what it shows), then Resources,
    Inputs and Outputs of the Terraform JSON ``doc`` (resource links to the provider docs of ``provider_version``)."""
    parts = [f"# {title}\n"]
    if description:
        parts.append(description.strip() + "\n")
    if usage:
        parts.append(f"## Usage\n\n```hcl\n{usage.strip()}\n```\n")
    if examples is not None:
        parts.append("## Examples\n\n" + ("".join(f"- [{link.strip('./').removeprefix('examples/')}]({link}): {what}\n"
                                                 for link, what in examples.items())
                                         or "No example calls this module; the [examples](../../examples/) compose "
                                            "the others.\n"))
    parts.append(resources_table(doc, provider_version))
    parts.append(inputs_table(doc.get("variable", {})))
    parts.append(outputs_table(doc.get("output", {})))
    return "\n".join(parts)


def resources_table(doc: Mapping[str, Any], provider_version: str = "latest") -> str:
    """``## Resources`` table: every resource and data source of ``doc`` with a link to its provider page."""
    rows = [_row(f"[{prefix}{rtype}.{name}]({_docs(provider_version, kind, rtype)})", label)
            for section, prefix, kind, label in (("resource", "", "resources", "resource"),
                                                 ("data", "data.", "data-sources", "data source"))
            for rtype, named in sorted(doc.get(section, {}).items()) for name in sorted(named)]
    header = "| Name | Type |\n|------|------|\n"
    return "## Resources\n\n" + (header + "".join(rows) if rows else "No resources.\n")


def _docs(version: str, kind: str, rtype: str) -> str:
    """The provider documentation page of a resource or data source type."""
    return REGISTRY_DOCS.format(version=version, kind=kind, type=rtype.removeprefix("aws_"))


def inputs_table(variables: Mapping[str, Mapping[str, Any]]) -> str:
    """``## Inputs`` table: name, description, type, default, required (no default), validation rules."""
    rows = [
        _row(
            name,
            spec.get("description", ""),
            _code(_type(spec.get("type"))),
            _code(source(spec["default"], "variable", ("default",))) if "default" in spec else "n/a",
            "no" if "default" in spec else "yes",
            "\n".join(rule["error_message"] for rule in _list(spec.get("validation"))),
        )
        for name, spec in sorted(variables.items())
    ]
    header = ("| Name | Description | Type | Default | Required | Validation |\n"
              "|------|-------------|------|---------|:--------:|------------|\n")
    return "## Inputs\n\n" + (header + "".join(rows) if rows else "No inputs.\n")


def _list(value: Any) -> list:
    """A nested block as written in Terraform JSON: one object or a list of them."""
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def outputs_table(outputs: Mapping[str, Mapping[str, Any]]) -> str:
    """``## Outputs`` table: name and description."""
    rows = [_row(name, spec.get("description", "")) for name, spec in sorted(outputs.items())]
    header = "| Name | Description |\n|------|-------------|\n"
    return "## Outputs\n\n" + (header + "".join(rows) if rows else "No outputs.\n")


def _type(value: str | None) -> str:
    """A variable type expression; ``any`` when unset."""
    if not value:
        return "any"
    return single_interpolation(value) or value


def _code(text: str) -> str:
    """Inline code cell (double backticks when the text has a backtick)."""
    return f"`` {text} ``" if "`" in text else f"`{text}`"


def _row(*cells: str) -> str:
    """One Markdown table row; pipes escaped and newlines as <br>."""
    return "| " + " | ".join(_cell(cell) for cell in cells) + " |\n"


def _cell(text: str) -> str:
    """Make text safe inside a table cell."""
    return text.strip().replace("|", "\\|").replace("\n", "<br>")
