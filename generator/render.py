"""Render templates into text, with one escaping filter per output context.

Templates hold layout only. Any string that came from a spec reaches output through one
of the filters below, chosen for where it lands:

=============  =====================================================================
``py_str``     a Python string literal (``repr``: quotes, backslashes, newlines safe)
``py_value``   a JSON value as a Python literal
``docstring``  the body of a triple-quoted docstring
``comment``    a one-line ``#`` comment
``md_text``    Markdown prose (kept as Markdown; HTML and headings defused)
``md_cell``    one Markdown table cell (pipes escaped, newlines become ``<br>``)
``md_code``    inline code spans
``fence``      a code fence long enough for the text inside it
``md_heading`` a heading line (one line, no Markdown that could end it)
=============  =====================================================================

Jinja's own ``{{ }}`` in spec text is never evaluated: spec strings are values, never
template source.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import jinja2

from .targets import RenderJob

BUILTIN_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u2028\u2029\ud800-\udfff]")


def py_str(value: Any) -> str:
    """A Python literal for a string (or any repr-safe scalar)."""
    return repr(value)


def py_value(value: Any) -> str:
    """A Python literal for a JSON value: dicts, lists, strings, numbers, booleans, None."""
    return repr(json.loads(json.dumps(value)))


def docstring(text: str, indent: int = 0) -> str:
    """Text made safe for the inside of a ``\"\"\"`` docstring, indented for its place.

    Backslashes and quotes are escaped so the text can neither end the string nor form
    escape sequences; control characters become ``\\x..`` escapes.
    """
    text = _normalise(text).expandtabs(4).strip()
    text = text.replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    text = _CONTROL.sub(
        lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 256 else f"\\u{ord(m.group()):04x}", text
    )
    if text.endswith('"'):
        text = text[:-1] + '\\"'
    pad = " " * indent
    lines = [line.rstrip() for line in text.split("\n")]
    return "\n".join(lines[:1] + [pad + line if line else "" for line in lines[1:]])


def comment(text: str) -> str:
    """One line of text for a ``#`` comment."""
    return _CONTROL.sub(" ", " ".join(_normalise(text).split()))


def md_text(text: str) -> str:
    """Markdown prose from a spec, kept as Markdown but unable to break the page around it.

    Raw HTML is escaped (no ``<script>``), a line that would start a heading or a
    setext underline is escaped, and an unclosed code fence is closed.
    """
    text = _CONTROL.sub("", _normalise(text)).strip("\n")
    text = text.replace("<", "&lt;").replace(">", "&gt;")
    lines = []
    fence: str | None = None
    for line in text.split("\n"):
        stripped = line.lstrip()
        match = re.match(r"(`{3,}|~{3,})", stripped)
        if match:
            marker = match.group(1)
            if fence is None:
                fence = marker
            elif marker[0] == fence[0] and len(marker) >= len(fence):
                fence = None
        elif fence is None and re.match(r"#{1,6}(\s|$)", stripped):
            line = line.replace("#", "\\#", 1)
        elif fence is None and re.fullmatch(r"=+\s*", stripped):
            line = line.replace("=", "\\=", 1)
        lines.append(line)
    if fence is not None:
        lines.append(fence)
    return "\n".join(lines)


def md_cell(value: Any) -> str:
    """One Markdown table cell: pipes escaped, line breaks as ``<br>``."""
    text = _CONTROL.sub("", _normalise(str(value))).strip()
    text = text.replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|")
    text = re.sub(r"\n\s*\n", "<br><br>", text)
    return text.replace("\n", "<br>")


def md_code(value: Any) -> str:
    """An inline code span holding ``value`` literally, whatever backticks it contains."""
    text = " ".join(_normalise(str(value)).split("\n"))
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    ticks = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or not text else ""
    return f"{ticks}{pad}{text.replace('|', '&#124;')}{pad}{ticks}"


def fence(text: str) -> str:
    """The backtick fence to put around ``text``: longer than any backtick run inside it."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    return "`" * max(3, longest + 1)


def md_heading(text: str) -> str:
    """Text for a heading line: one line, with Markdown specials escaped."""
    text = " ".join(_CONTROL.sub("", _normalise(text)).split())
    return re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", text)


def _normalise(text: Any) -> str:
    return str(text).replace("\r\n", "\n").replace("\r", "\n")


def make_environment(user_templates: Path | None = None) -> jinja2.Environment:
    """The Jinja environment: strict about undefined values, no autoescape, our filters.

    Templates in ``user_templates`` (same relative paths) take precedence over ours.
    """
    paths = [str(user_templates)] if user_templates else []
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([*paths, str(BUILTIN_TEMPLATES)]),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # noqa: S701 - output is code and Markdown: our filters escape per context
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        py_str=py_str,
        py_value=py_value,
        docstring=docstring,
        comment=comment,
        md_text=md_text,
        md_cell=md_cell,
        md_code=md_code,
        fence=fence,
        md_heading=md_heading,
    )
    return env


def render_all(jobs: Iterable[RenderJob], target: str, env: jinja2.Environment) -> dict[str, str]:
    """Render every job with the templates of ``target``; returns path -> text."""
    out: dict[str, str] = {}
    for job in jobs:
        template = env.get_template(f"{target}/{job.template}")
        out[job.path] = template.render(job.context)
    return out
