"""Terraform string templates: split into parts, quote as HCL, unquote HCL source.

A Terraform JSON string is a template: ``${expr}`` interpolates, ``%{...}`` is a
directive, ``$${`` / ``%%{`` are the escapes for literal ``${`` / ``%{``. HCL quoted
strings use the same template syntax plus backslash escapes, which apply to the
literal parts only (an interpolation's expression keeps its own quotes verbatim).
"""

from typing import Literal, NamedTuple

from hcl2.utils import process_escape_sequences

Kind = Literal["text", "escape", "interp", "directive"]


class Part(NamedTuple):
    """One piece of a template: literal text, a ``$${``/``%%{`` escape, or ``${..}``/``%{..}``."""

    kind: Kind
    text: str


def split_template(source: str) -> list[Part]:
    """Split template source into parts; an unterminated ``${`` is literal text.

    Such a template is invalid in Terraform; :func:`quote` renders it escaped.
    """
    parts: list[Part] = []
    text_start = i = 0
    while i < len(source):
        if source.startswith(("$${", "%%{"), i):
            parts = _flush(parts, source, text_start, i)
            parts.append(Part("escape", source[i : i + 3]))
            text_start = i = i + 3
        elif source.startswith(("${", "%{"), i) and (end := _close(source, i + 2)) is not None:
            parts = _flush(parts, source, text_start, i)
            parts.append(Part("interp" if source[i] == "$" else "directive", source[i:end]))
            text_start = i = end
        else:
            i += 1
    return _flush(parts, source, text_start, len(source))


def single_interpolation(source: str) -> str | None:
    """The expression if the whole template is exactly one ``${expr}``, else None."""
    parts = split_template(source)
    if len(parts) == 1 and parts[0].kind == "interp":
        return parts[0].text[2:-1].strip()
    return None


def quote(source: str, *, literal: bool = False) -> str:
    """HCL quoted-string source for a Terraform JSON template (or, if literal, a plain value)."""
    if literal:
        return f'"{_escape_marks(_escape(source))}"'
    inner = "".join(
        _escape_marks(_escape(part.text)) if part.kind == "text" else part.text
        for part in split_template(source)
    )
    return f'"{inner}"'


def unquote(hcl_source: str, *, literal: bool = False) -> str:
    """Inverse of :func:`quote`: HCL quoted-string source back to template source (or value)."""
    inner = hcl_source[1:-1]
    if literal:
        return process_escape_sequences(inner).replace("$${", "${").replace("%%{", "%{")
    return "".join(
        process_escape_sequences(part.text) if part.kind == "text" else part.text
        for part in split_template(inner)
    )


_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(text: str) -> str:
    """Backslash-escape literal text for an HCL quoted string."""
    return "".join(_ESCAPES.get(c, f"\\u{ord(c):04x}" if _is_control(c) else c) for c in text)


def _escape_marks(text: str) -> str:
    """Escape ``${`` / ``%{`` so they stay literal (text parts hold only unterminated ones)."""
    return text.replace("${", "$${").replace("%{", "%%{")


def _is_control(char: str) -> bool:
    """True for characters HCL strings cannot hold unescaped."""
    return ord(char) < 0x20 or ord(char) == 0x7F


def _flush(parts: list[Part], source: str, start: int, end: int) -> list[Part]:
    """Append source[start:end] as a text part when it is non-empty."""
    if end > start:
        parts.append(Part("text", source[start:end]))
    return parts


def _close(source: str, i: int) -> int | None:
    """Index just past the ``}`` closing an interpolation whose body starts at i."""
    depth = 1
    while i < len(source):
        char = source[i]
        if char == '"':
            i = _skip_string(source, i + 1)
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return None


def _skip_string(source: str, i: int) -> int:
    """Index just past the closing quote of a string literal inside an expression."""
    while i < len(source):
        if source[i] == "\\":
            i += 2
        elif source[i] == '"':
            return i + 1
        elif source.startswith(("$${", "%%{"), i):
            i += 3
        elif source.startswith(("${", "%{"), i):
            i = _close(source, i + 2) or len(source)
        else:
            i += 1
    return i
