"""Module README.md with terraform-docs style Inputs and Outputs tables."""

from collections.abc import Mapping
from typing import Any

from generator.hcl.convert import source
from generator.hcl.templates import single_interpolation


def render_readme(title: str, description: str, doc: Mapping[str, Any]) -> str:
    """README text: title, description, then Inputs and Outputs of the Terraform JSON ``doc``."""
    parts = [f"# {title}\n"]
    if description:
        parts.append(description.strip() + "\n")
    parts.append(inputs_table(doc.get("variable", {})))
    parts.append(outputs_table(doc.get("output", {})))
    return "\n".join(parts)


def inputs_table(variables: Mapping[str, Mapping[str, Any]]) -> str:
    """``## Inputs`` table: name, description, type, default, required (no default)."""
    rows = [
        _row(
            name,
            spec.get("description", ""),
            _code(_type(spec.get("type"))),
            _code(source(spec["default"], "variable", ("default",))) if "default" in spec else "n/a",
            "no" if "default" in spec else "yes",
        )
        for name, spec in sorted(variables.items())
    ]
    header = "| Name | Description | Type | Default | Required |\n|------|-------------|------|---------|:--------:|\n"
    return "## Inputs\n\n" + (header + "".join(rows) if rows else "No inputs.\n")


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
