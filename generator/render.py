"""Render templates into text, with one escaping filter per output context.

Templates hold layout only. Any string that came from a spec reaches output through one
of the filters below, chosen for where it lands, or through one of its target's own (a
:class:`~generator.targets.Target` brings the filters of its language: Python string
literals and docstrings, C# string literals and XML doc comments...):

================  ========================================================================
``md_text``       Markdown prose (kept as Markdown; raw HTML, headings and open fences defused)
``md_cell``       one Markdown table cell (pipes escaped, newlines become ``<br>``)
``md_code``       an inline code span in prose
``md_cell_code``  an inline code span in a table cell (its pipes escaped too)
``fence``         a code fence long enough for the text inside it
``md_heading``    a heading line (one line, no Markdown that could end it)
``md_inline``     one line of plain Markdown text, such as a link's text
``md_url``        a link destination (characters that could end it percent-encoded)
``toml_str``      a TOML basic string
================  ========================================================================

Jinja's own ``{{ }}`` in spec text is never evaluated: spec strings are values, never
template source.
"""

from __future__ import annotations

import re
import traceback
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2

from .errors import UsageError
from .package_files import TEMPLATES
from .targets import RenderJob

BUILTIN_TEMPLATES = TEMPLATES

# Characters no spec string may put into output as they are: C0 and C1 controls (NUL,
# ESC, NEL...), line and paragraph separators, the bidirectional controls of "Trojan
# Source" (which make text read differently from how it parses), lone surrogates.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]")


def toml_str(value: Any, one_line: bool = False) -> str:
    """A TOML basic string (``"..."``): quotes, backslashes and control characters escaped.

    Not JSON: TOML has no ``\\uD83D``-style surrogate pairs, so other characters stay as
    they are (the file is UTF-8); a lone surrogate, which UTF-8 cannot hold, becomes U+FFFD.
    ``one_line`` joins the text's lines (a package summary must be one line).
    """
    text = " ".join(str(value).split()) if one_line else str(value)
    out = ['"']
    for char in text:
        code = ord(char)
        if char in _TOML_ESCAPES:
            out.append(_TOML_ESCAPES[char])
        elif code < 0x20 or 0x7F <= code <= 0x9F or char in "\u2028\u2029":
            out.append(f"\\u{code:04X}")
        elif 0xD800 <= code <= 0xDFFF:
            out.append("\\uFFFD")
        else:
            out.append(char)
    out.append('"')
    return "".join(out)


_TOML_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r", "\b": "\\b", "\f": "\\f"}


def md_text(text: str) -> str:
    """Markdown prose from a spec, kept as Markdown but unable to break the page around it.

    - a line that would start a heading (``# x``) or underline one (``===``, or ``---``
      right under text) is escaped, so a spec cannot add headings to the page;
    - raw HTML is defused: every ``<`` outside a code span becomes ``&lt;`` (no
      ``<script>``, no HTML block that swallows what follows);
    - a code fence the text opens and does not close is closed at its end, so it
      cannot swallow the rest of the page; fenced lines are kept as they are.
    """
    text = _CONTROL.sub("", _normalise(text)).expandtabs(4).strip("\n")
    lines: list[str] = []
    fence_open: str | None = None
    previous_is_text = False
    for line in text.split("\n"):
        if fence_open is not None:
            lines.append(line)
            if _closes_fence(line, fence_open):
                fence_open = None
            previous_is_text = False
            continue
        opener = _FENCE_OPEN.match(line)
        if opener and not (opener.group(2)[0] == "`" and "`" in opener.group(3)):
            fence_open = opener.group(2)
            lines.append(line)
            previous_is_text = False
            continue
        stripped = line.lstrip(" ")
        indent = len(line) - len(stripped)
        if indent <= 3 and re.match(r"#{1,6}(\s|$)", stripped):
            line = line[:indent] + "\\" + stripped
        elif indent <= 3 and re.fullmatch(r"=+\s*", stripped):
            line = line[:indent] + "\\" + stripped
        elif indent <= 3 and previous_is_text and re.fullmatch(r"-+\s*", stripped):
            line = line[:indent] + "\\" + stripped
        lines.append(_escape_html(line))
        previous_is_text = bool(stripped)
    if fence_open is not None:
        lines.append(fence_open)
    return "\n".join(lines)


def md_cell(value: Any) -> str:
    """One Markdown table cell: one line, nothing that could end the cell or the table.

    Pipes are escaped (``\\|``, also inside code spans, as GFM tables expect) and raw HTML
    is defused as in :func:`md_text`. Line breaks keep their Markdown meaning: a wrapped
    line joins the one before (a space), a blank line becomes ``<br><br>``, a line that
    starts a list item or a quote ``<br>``; each line of a fenced code block becomes an
    inline code span on a line of its own.
    """
    text = _CONTROL.sub("", _normalise(value)).expandtabs(4).strip()
    out = ""
    fence_open: str | None = None
    gap, after_code = False, False
    for line in text.split("\n"):
        if fence_open is not None:
            if _closes_fence(line, fence_open):
                fence_open = None
            elif line.strip():
                out += ("<br><br>" if gap else "<br>" if out else "") + md_cell_code(line.strip())
                gap, after_code = False, True
            continue
        opener = _FENCE_OPEN.match(line)
        if opener and not (opener.group(2)[0] == "`" and "`" in opener.group(3)):
            fence_open = opener.group(2)
            continue
        line = line.strip()
        if not line:
            gap = bool(out)
            continue
        if out:
            new_block = after_code or _BLOCK_START.match(line) or out.endswith("\\")
            out = out.rstrip(" ") + ("<br><br>" if gap else "<br>" if new_block else " ")
        out += _escape_pipes(_escape_html(line))
        gap, after_code = False, False
    return out


_BLOCK_START = re.compile(r"([-*+]\s|\d{1,9}[.)]\s|>|#{1,6}(\s|$))")


def md_code(value: Any) -> str:
    """An inline code span holding ``value`` literally, whatever backticks it contains."""
    text = " ".join(_CONTROL.sub("", _normalise(value)).split("\n"))
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0) if "`" in text else 0
    ticks = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or not text.strip(" ") else ""
    return f"{ticks}{pad}{text}{pad}{ticks}"


def md_cell_code(value: Any) -> str:
    """An inline code span inside a table cell: :func:`md_code` with its pipes escaped."""
    return _escape_pipes(md_code(value))


def fence(text: str) -> str:
    """The backtick fence to put around ``text``: longer than any backtick run inside it."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    return "`" * max(3, longest + 1)


def md_inline(text: Any) -> str:
    """One line of plain text in Markdown (a heading, a link's text): specials escaped."""
    text = " ".join(_CONTROL.sub("", _normalise(text)).split())
    return re.sub(r"([\\`*_\[\]<>#|!&])", r"\\\1", text)


def md_heading(text: Any) -> str:
    """Text for a heading line: one line, with Markdown specials escaped."""
    return md_inline(text)


def md_url(url: Any) -> str:
    """A link destination: characters that could end it or the link are percent-encoded."""
    return quote(_CONTROL.sub("", str(url)), safe="/#:?=&%.-_~+,;@!$'*")


_FENCE_OPEN = re.compile(r"( {0,3})(`{3,}|~{3,})(.*)")


def _closes_fence(line: str, opener: str) -> bool:
    match = re.fullmatch(r" {0,3}(`{3,}|~{3,})[ \t]*", line)
    return match is not None and match.group(1)[0] == opener[0] and len(match.group(1)) >= len(opener)


def _code_spans(line: str) -> list[tuple[int, int]]:
    """(start, end) of the code spans of one line that Markdown surely reads as code spans.

    Follows CommonMark (a run of n backticks opens a span that the next run of exactly n
    closes; a backslash escapes the first backtick of a run), and errs towards "not code":
    a span holding a pipe (a table cell may end there) or starting after ``](`` (a link
    destination or title may hold the backtick) is not counted, so anything doubtful is
    escaped as text.
    """
    spans: list[tuple[int, int]] = []
    if "`" not in line:
        return spans
    i, n = 0, len(line)
    while i < n:
        char = line[i]
        if char == "\\" and i + 1 < n and line[i + 1] in _ASCII_PUNCTUATION:
            i += 2
        elif line.startswith("](", i):
            break
        elif char == "`":
            run = len(line[i:]) - len(line[i:].lstrip("`"))
            closer = re.compile(rf"(?<!`)`{{{run}}}(?!`)").search(line, i + run)
            if closer is None:
                i += run
                continue
            if "|" not in line[i : closer.end()]:
                spans.append((i, closer.end()))
            i = closer.end()
        else:
            i += 1
    return spans


_INLINE_LINK = re.compile(r"\[([^\[\]]*)\]\(\s*((?:[^()\s]|\([^()]*\))*)[^()]*\)")
_WEB_LINK = re.compile(r"(https?|mailto):", re.IGNORECASE)


def _defuse(segment: str) -> str:
    """Markdown outside code spans: ``<`` becomes ``&lt;`` (no raw HTML, autolinks or
    comments), and a link that is not an absolute http, https or mailto URL keeps only
    its text: ``javascript:``, Square's ``entity:Customer``, or an anchor of the spec
    author's own site (``#type-country``) could not work on our pages."""
    if "](" in segment:
        segment = _INLINE_LINK.sub(lambda m: m.group(0) if _WEB_LINK.match(m.group(2)) else m.group(1), segment)
    return segment.replace("<", "&lt;")


def _escape_html(line: str) -> str:
    """A line with :func:`_defuse` applied outside its code spans."""
    out, last = [], 0
    for start, end in _code_spans(line):
        out.append(_defuse(line[last:start]))
        out.append(line[start:end])
        last = end
    out.append(_defuse(line[last:]))
    return "".join(out)


def _escape_pipes(text: str) -> str:
    """Every ``|`` escaped for a GFM table; backslashes right before it are doubled first,
    so that ``\\|`` in the input cannot turn into an escaped backslash and a bare pipe."""
    if "|" not in text:
        return text
    return re.sub(r"(\\*)\|", lambda m: m.group(1) * 2 + "\\|", text)


_ASCII_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


def _normalise(text: Any) -> str:
    return str(text).replace("\r\n", "\n").replace("\r", "\n")


# For the targets' own filters: the characters no output may hold as they are, and line
# breaks made Unix ones.
CONTROL = _CONTROL
normalise = _normalise


def make_environment(
    user_templates: Path | None = None,
    cache_dir: Path | None = None,
    filters: Mapping[str, Any] | None = None,
    globals: Mapping[str, Any] | None = None,
) -> jinja2.Environment:
    """The Jinja environment: strict about undefined values, no autoescape, our filters.

    Templates in ``user_templates`` (same relative paths) take precedence over ours.
    ``filters`` and ``globals``: a target's own, for its language (see
    :class:`generator.targets.Target`).
    With a ``cache_dir``, compiled templates are kept under its ``jinja`` folder, keyed
    by each template's source (Jinja checks it), so a run after the first does not
    compile them again.
    """
    paths = [str(user_templates)] if user_templates else []
    compiled = _bytecode_cache(cache_dir / "jinja") if cache_dir is not None else None
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([*paths, str(BUILTIN_TEMPLATES)]),
        bytecode_cache=compiled,
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # noqa: S701 - output is code and Markdown: our filters escape per context
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        md_text=md_text,
        md_cell=md_cell,
        md_code=md_code,
        md_cell_code=md_cell_code,
        fence=fence,
        md_heading=md_heading,
        md_inline=md_inline,
        md_url=md_url,
        toml_str=toml_str,
    )
    env.filters.update(filters or {})
    env.globals.update(globals or {})
    return env


def _bytecode_cache(folder: Path) -> jinja2.BytecodeCache | None:
    """Jinja's cache of compiled templates in ``folder``; None when the folder cannot be made."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return jinja2.FileSystemBytecodeCache(str(folder))


class TemplateError(UsageError):
    """A template from the user's ``--templates`` folder failed to load or render."""


def render_all(
    jobs: Iterable[RenderJob], target: str, env: jinja2.Environment, check_python: bool = False
) -> dict[str, str]:
    """Render every job with the templates of ``target``; returns path -> text.

    A user's template that fails raises :class:`TemplateError` naming its file and line
    (bad input); one of ours that fails is a bug and its error goes up as it is. Two jobs
    for one path are a planner bug: refused rather than one file silently lost.
    ``check_python`` (set when the user's templates take part) compiles every Python
    file rendered, so that a template writing invalid code is reported as bad input;
    our own templates are held to that by the tests.
    """
    out: dict[str, str] = {}
    for job in jobs:
        if job.path in out:
            raise RuntimeError(f"two output files for one path: {job.path!r}")
        try:
            template = env.get_template(f"{target}/{job.template}")
            out[job.path] = template.render(job.context)
        except jinja2.TemplateError as exc:
            where = _user_template_frame(exc)
            if where is None:
                raise
            raise TemplateError(f"{where}: template error: {exc.message or type(exc).__name__}") from None
        if check_python and job.path.endswith(".py"):
            _check_python(out[job.path], job.path, template.filename or job.template)
    return out


def _check_python(text: str, path: str, template: str) -> None:
    try:
        compile(text, path, "exec", dont_inherit=True)
    except (SyntaxError, ValueError) as exc:
        where = f" (line {exc.lineno} of {path})" if isinstance(exc, SyntaxError) and exc.lineno else ""
        message = exc.msg if isinstance(exc, SyntaxError) else str(exc)
        raise TemplateError(
            f"{template}: template error: it renders {path}, which is not valid Python: {message}{where}"
        ) from None


def _user_template_frame(exc: jinja2.TemplateError) -> str | None:
    """``file:line`` of the failing template when it is not one of ours, else None."""
    if isinstance(exc, jinja2.TemplateSyntaxError) and exc.filename:
        candidates = [(exc.filename, exc.lineno)]
    else:  # Jinja rewrites tracebacks so that template lines appear as frames
        frames = traceback.extract_tb(exc.__traceback__)
        candidates = [(f.filename, f.lineno or 0) for f in reversed(frames) if f.filename.endswith(".j2")]
    for filename, line in candidates[:1]:
        path = Path(filename).resolve()
        if not path.is_relative_to(BUILTIN_TEMPLATES):
            return f"{path}:{line}"
    return None
