"""Write Terraform JSON as a plain HCL module (main/variables/outputs/versions.tf + README.md)."""

import re
import subprocess
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from generator.hcl import schema
from generator.hcl.convert import sections
from generator.hcl.layout import dumps
from generator.hcl.readme import render_readme

HCL_FILES = ("main.tf", "variables.tf", "outputs.tf", "versions.tf")
USAGE_KEY = "usage"  # the README's Usage block, formatted with the module's files


def render_hcl(
    doc: Mapping[str, Any],
    blocks: Mapping[str, Iterable[str]],
    *,
    terraform: Path | None = None,
    comments: Mapping[str, Iterable[str]] | None = None,
) -> dict[str, str]:
    """File name -> HCL text; formatted with ``terraform fmt -`` when a binary is given.

    ``comments`` maps addresses (``type.name``, ``data.type.name``) to comment lines written
    first inside that block (e.g. ``checkov:skip=CKV_AWS_2:reason``).
    """
    grouped: dict[str, dict[str, list[dict]]] = {name: {} for name in HCL_FILES}
    for section, hcl_blocks in sections(doc, blocks).items():
        grouped[schema.FILES.get(section, schema.MAIN_FILE)][section] = hcl_blocks
    files = {name: _tidy(dumps(body)) for name, body in grouped.items()}
    if comments:
        files[schema.MAIN_FILE] = add_comments(files[schema.MAIN_FILE], comments)
    if terraform is not None:
        files = fmt_all(files, terraform)
    return files


def render_module(
    doc: Mapping[str, Any],
    blocks: Mapping[str, Iterable[str]],
    out_dir: Path,
    terraform: Path,
    *,
    title: str | None = None,
    description: str = "",
    comments: Mapping[str, Iterable[str]] | None = None,
    usage: str = "",
    examples: Mapping[str, str] | None = None,
    provider_version: str = "latest",
) -> dict[str, Path]:
    """Write the HCL files and README.md (with ``usage`` HCL and ``examples`` links) into ``out_dir``; return file
    name -> path."""
    files = fmt_all({**render_hcl(doc, blocks, comments=comments), **({USAGE_KEY: usage} if usage else {})}, terraform)
    files["README.md"] = render_readme(title or out_dir.name, description, doc, usage=files.pop(USAGE_KEY, ""),
                                       examples=examples, provider_version=provider_version)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = {}
    for name, text in files.items():
        written[name] = out_dir / name
        written[name].write_text(text, encoding="utf-8")
    return written


def add_comments(text: str, comments: Mapping[str, Iterable[str]]) -> str:
    """Insert ``# line`` comments right after the header of each addressed block."""
    for address, lines in comments.items():
        *data, rtype, name = address.split(".")
        kind = "data" if data == ["data"] else "resource"
        found = re.search(rf'^{kind} "{re.escape(rtype)}" "{re.escape(name)}" {{\n', text, re.M)
        if found is None:
            raise KeyError(f"no block {address} to comment")
        text = text[:found.end()] + "".join(f"  # {line}\n" for line in lines) + text[found.end():]
    return text


def fmt_all(texts: Mapping[str, str], terraform: Path) -> dict[str, str]:
    """Each HCL text in canonical layout, by one ``terraform fmt <dir>`` over all of them (one process instead of
    one per text); raises CalledProcessError on invalid HCL."""
    with tempfile.TemporaryDirectory(prefix="fmt-") as folder:
        paths = {key: Path(folder) / f"{index}.tf" for index, key in enumerate(texts)}
        for key, path in paths.items():
            path.write_text(texts[key], encoding="utf-8")
        subprocess.run([str(terraform), "fmt", "-no-color", folder], capture_output=True, text=True, check=True)
        return {key: path.read_text(encoding="utf-8") for key, path in paths.items()}


def _tidy(text: str) -> str:
    """Strip trailing blanks and collapse runs of empty lines (python-hcl2 leaves both)."""
    text = re.sub(r"[ \t]+$", "", text, flags=re.M)
    text = re.sub(r"\n{3,}", "\n\n", text).strip("\n")
    return text + "\n" if text else ""
