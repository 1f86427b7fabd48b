"""Render templates into text, with one escaping filter per output context.

Templates hold layout only. Any string that came from a spec reaches output through one
of the filters below, chosen for where it lands, or through one of its target's own (a
:class:`~generator.targets.Target` brings the filters of its language: Python string
literals and docstrings, C# string literals and XML doc comments...):

================  ========================================================================
``md_text``       Markdown prose (kept as Markdown; raw HTML, links other than web links,
                  headings and open fences defused)
``md_cell``       one Markdown table cell (pipes escaped, newlines become ``<br>``)
``md_code``       an inline code span in prose
``md_cell_code``  an inline code span in a table cell (its pipes escaped too)
``fence``         a code fence long enough for the text inside it
``md_heading``    a heading line (one line, no Markdown that could end it)
``md_inline``     one line of plain Markdown text, such as a link's text
``md_url``        a link destination (characters that could end it percent-encoded)
``toml_str``      a TOML basic string
================  ========================================================================

Three filters shape a description before its escaping filter, for a place that shows a
summary (see :func:`generator.english.summary_and_details`): ``summary`` (its first
sentence, one line), ``details`` (the text after it) and ``summarised`` (the summary,
a blank line, the details: a docstring whose first line is the summary).

Jinja's own ``{{ }}`` in spec text is never evaluated: spec strings are values, never
template source.
"""

from __future__ import annotations

import bisect
import io
import re
import traceback
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2
import jinja2.bccache

from .cache import Cache
from .english import summary_and_details
from .errors import UsageError
from .package_files import TEMPLATES
from .targets import RenderJob

BUILTIN_TEMPLATES = TEMPLATES

# Characters no spec string may put into output as they are: C0 and C1 controls (NUL,
# ESC, NEL...), line and paragraph separators, the bidirectional controls of "Trojan
# Source" (which make text read differently from how it parses), lone surrogates.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]")


_SURROGATES = re.compile(r"[\ud800-\udfff]")


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
    - only links to http, https and mailto URLs stay links; any other link keeps only
      its text, and brackets that make no such link are escaped (see :func:`_escape_html`);
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

    Pipes are escaped (``\\|``, also inside code spans, as GFM tables expect); raw HTML
    and links are defused as in :func:`md_text`. Line breaks keep their Markdown meaning: a wrapped
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
    """A link destination: characters that could end it or the link are percent-encoded.
    A scheme other than http, https or mailto (``javascript:``) loses its colon: the
    destination is then a relative path, which no browser runs."""
    text = quote(_CONTROL.sub("", str(url)), safe="/#:?=&%.-_~+,;@!$'*")
    if _SCHEME.match(text) and not _WEB_LINK.match(text):
        text = text.replace(":", "%3A", 1)
    return text


_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


_FENCE_OPEN = re.compile(r"( {0,3})(`{3,}|~{3,})(.*)")


def _closes_fence(line: str, opener: str) -> bool:
    match = re.fullmatch(r" {0,3}(`{3,}|~{3,})[ \t]*", line)
    return match is not None and match.group(1)[0] == opener[0] and len(match.group(1)) >= len(opener)


_BACKTICKS = re.compile(r"`+")
_PLAIN = re.compile(r"[^\\`<\[\]]+")  # characters the scanner of a line copies as they are
_LINK_TAIL = re.compile(
    r"""\(
    [\x20\t]*
    (?: <[^<>\\`\[\]]*>                                           # <destination>
      | (?P<bare>(?:[^\s()<>\\`\[\]] | \([^\s()<>\\`\[\]]*\))*)  # destination, one level of (...)
    )
    (?P<title>[\x20\t]+(?:"[^"\\`<\[\]]*" | '[^'\\`<\[\]]*' | \([^()\\`<\[\]]*\)))?
    [\x20\t]*\)""",
    re.VERBOSE,
)
"""What follows a link's ``]``: its destination and title, as CommonMark reads them
(without line breaks, backslashes, backticks, ``<`` or brackets, which nothing here
needs). No part can match what another matches: it runs in linear time."""
_WEB_LINK = re.compile(r"(https?|mailto):", re.IGNORECASE)


def _escape_html(line: str) -> str:
    """One line of Markdown from a spec, made safe inside our pages.

    - ``<`` becomes ``&lt;`` outside code spans: no raw HTML, autolinks or comments;
    - an inline link ``[text](destination)`` keeps its destination only if that is an
      absolute http, https or mailto URL; any other keeps only its text:
      ``javascript:``, Square's ``entity:Customer``, or an anchor of the spec author's
      own site (``#type-country``) could not work on our pages;
    - every other ``[`` and ``]`` is escaped: no nested brackets, reference links or
      reference definitions (``[x]: javascript:...``) can make a link, nor can a link
      that starts on one line and ends on the next;
    - a backtick run that opens no code span on this line is escaped, so that Markdown
      pairs backticks exactly as this scan does (it could otherwise pair one with a run
      on another line and read as text what this scan kept as code).

    One pass over the line, with look-ups that take logarithmic time: hostile text
    costs time in proportion to its length.
    """
    return _Line(line).markdown(0, len(line), links=True)


class _Line:
    """One line of spec text, scanned as CommonMark scans inline content (see
    :func:`_escape_html`). Code spans follow CommonMark: a run of n backticks opens a
    span that the next run of exactly n closes (a backslash escapes the first backtick
    of a run); a span holding a pipe is not counted (a table cell may end there)."""

    def __init__(self, line: str) -> None:
        self.line = line
        self.runs: dict[int, list[int]] = {}  # backtick runs: their starts, by length
        for run in _BACKTICKS.finditer(line):
            self.runs.setdefault(len(run.group()), []).append(run.start())
        self.pipes = [i for i, char in enumerate(line) if char == "|"] if "|" in line else []

    def markdown(self, start: int, end: int, links: bool) -> str:
        """``line[start:end]`` made safe; ``links``: whether links may be kept."""
        line, out, i = self.line, [], start
        while i < end:
            char = line[i]
            if char == "\\" and i + 1 < end and line[i + 1] in _ASCII_PUNCTUATION:
                out.append(line[i : i + 2])  # an escaped character stays escaped
                i += 2
            elif char == "`":
                run = self._run(i, end)
                span_end = self._code_span(i, run, end)
                out.append(line[i:span_end] if span_end is not None else "\\`" * run)
                i = span_end if span_end is not None else i + run
            elif char == "<":
                out.append("&lt;")
                i += 1
            elif char == "[" and links and (link := self._link(i, end)) is not None:
                written, i = link
                out.append(written)
            elif char in "[]":
                out.append("\\" + char)
                i += 1
            elif (plain := _PLAIN.match(line, i, end)) is not None:
                out.append(plain.group())
                i = plain.end()
            else:  # a backslash that escapes nothing
                out.append(char)
                i += 1
        return "".join(out)

    def _run(self, i: int, end: int) -> int:
        """The length of the backtick run at ``i``."""
        j = i
        while j < end and self.line[j] == "`":
            j += 1
        return j - i

    def _code_span(self, i: int, run: int, end: int) -> int | None:
        """The end of the code span that the ``run`` backticks at ``i`` open, if they open
        one that ends by ``end`` and holds no pipe; None otherwise."""
        starts = self.runs.get(run, [])
        k = bisect.bisect_left(starts, i + run)
        if k == len(starts) or starts[k] + run > end:
            return None
        span_end = starts[k] + run
        p = bisect.bisect_left(self.pipes, i)
        if p < len(self.pipes) and self.pipes[p] < span_end:
            return None
        return span_end

    def _link(self, i: int, end: int) -> tuple[str, int] | None:
        """The inline link whose ``[`` is at ``i``: what to write for it, and where it
        ends. None if the bracket opens no link (then it is escaped)."""
        line, j = self.line, i + 1
        while j < end and line[j] != "]":
            char = line[j]
            if char == "[":
                return None  # nested brackets: never a link of ours
            if char == "\\" and j + 1 < end and line[j + 1] in _ASCII_PUNCTUATION:
                j += 2
            elif char == "`":
                run = self._run(j, end)
                j = self._code_span(j, run, end) or j + run
            else:
                j += 1
        tail = _LINK_TAIL.match(line, j + 1, end) if j < end else None
        if tail is None:
            return None
        text = self.markdown(i + 1, j, links=False)
        bare = tail.group("bare")
        if bare and _WEB_LINK.match(bare):
            return f"[{text}]({bare}{tail.group('title') or ''})", tail.end()
        return text, tail.end()


def _escape_pipes(text: str) -> str:
    """Every ``|`` escaped for a GFM table; backslashes right before it are doubled first,
    so that ``\\|`` in the input cannot turn into an escaped backslash and a bare pipe.
    (A run of backslashes is taken from its start only: matching from inside it again
    would take time quadratic in its length.)"""
    if "|" not in text:
        return text
    return re.sub(r"(?<!\\)(\\*)\|", lambda m: m.group(1) * 2 + "\\|", text)


_ASCII_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


def summary(description: Any) -> str:
    """The summary of a description (or of a value shown in its place, such as an enum's
    integer): its first sentence, on one line."""
    return summary_and_details(str(description))[0]


def details(description: Any) -> str:
    """What a description says after its summary (see :func:`summarised`)."""
    return summary_and_details(str(description))[1]


def summarised(description: Any) -> str:
    """A description with its summary (its first sentence, one line) on the first line,
    then a blank line and the rest: the full text, shaped as a docstring is."""
    head, rest = summary_and_details(str(description))
    return f"{head}\n\n{rest}" if rest else head


def _normalise(text: Any) -> str:
    return str(text).replace("\r\n", "\n").replace("\r", "\n")


# For the targets' own filters: the characters no output may hold as they are, line
# breaks made Unix ones, and lone surrogates (UTF-8 cannot hold them).
CONTROL = _CONTROL
SURROGATES = _SURROGATES
normalise = _normalise


def make_environment(
    user_templates: Path | None = None,
    cache: Cache | None = None,
    filters: Mapping[str, Any] | None = None,
    globals: Mapping[str, Any] | None = None,
) -> jinja2.Environment:
    """The Jinja environment: strict about undefined values, no autoescape, our filters.

    Templates in ``user_templates`` (same relative paths) take precedence over ours.
    ``filters`` and ``globals``: a target's own, for its language (see
    :class:`generator.targets.Target`).
    With a ``cache``, compiled templates are kept in its ``jinja`` namespace, keyed by
    each template's name and checked against its source (Jinja does that), so a run
    after the first does not compile them again.
    """
    paths = [str(user_templates)] if user_templates else []
    compiled = _bytecode_cache(cache) if cache is not None else None
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
    env.filters.update(summary=summary, details=details, summarised=summarised)
    env.filters.update(filters or {})
    env.globals.update(globals or {})
    return env


def _bytecode_cache(cache: Cache) -> jinja2.BytecodeCache:
    """Jinja's cache of compiled templates, kept in ``cache``."""
    return _CompiledTemplates(cache)


class _CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates as entries of sdkforge's :class:`~generator.cache.Cache`.

    Not Jinja's ``FileSystemBytecodeCache``: a cut or altered file of its own raises
    (``EOFError`` from reading the template's checksum) or loads whatever code the bytes
    make, and a full disk raises ``OSError`` out of rendering. Here an entry is read only
    if its checksum holds, anything Jinja cannot load from it counts as a miss, and a
    failure to write one is the cache's note, not an error."""

    NAMESPACE = "jinja"

    def __init__(self, cache: Cache) -> None:
        self._cache = cache

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = self._cache.get_bytes(self.NAMESPACE, bucket.key)
        if data is None:
            return
        try:
            bucket.load_bytecode(io.BytesIO(data))  # checks Jinja's magic and the template's source
        except Exception:  # noqa: BLE001 - an entry of another Jinja or Python: compiled anew
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = io.BytesIO()
        bucket.write_bytecode(data)
        self._cache.put_bytes(self.NAMESPACE, bucket.key, data.getvalue())


class TemplateError(UsageError):
    """A template from the user's ``--templates`` folder failed to load or render."""


def render_all(
    jobs: Iterable[RenderJob],
    target: str,
    env: jinja2.Environment,
    check: Callable[[str, str, str], None] | None = None,
) -> dict[str, str]:
    """Render every job with the templates of ``target``; returns path -> text.

    A user's template that fails raises :class:`TemplateError` naming its file and line
    (bad input); one of ours that fails is a bug and its error goes up as it is. Two jobs
    for one path are a planner bug: refused rather than one file silently lost.
    ``check`` (the target's, when the user's templates take part) is given each file
    rendered, its path and its template: a template writing code the language cannot
    read is reported as bad input; our own templates are held to that by the tests.
    """
    out: dict[str, str] = {}
    for job in jobs:
        if job.path in out:
            raise RuntimeError(f"two output files for one path: {job.path!r}")
        try:
            template = env.get_template(f"{target}/{job.template}")
            out[job.path] = template.render(job.context)
        except Exception as exc:  # whatever a user's template raises is bad input: located, exit 2
            where = _user_template_frame(exc)
            if where is None:
                raise
            raise TemplateError(f"{where}: template error: {_said(exc)}") from None
        if check is not None:
            check(out[job.path], job.path, template.filename or job.template)
    return out


def _said(exc: Exception) -> str:
    """What went wrong: Jinja's own message, or the exception's type and text."""
    if isinstance(exc, jinja2.TemplateError) and exc.message:
        return exc.message
    text = str(exc)
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _user_template_frame(exc: Exception) -> str | None:
    """``file:line`` of the innermost template of the user's that was running when
    ``exc`` was raised (a syntax error: of the template that has it); None when none
    of the user's was (the error is ours)."""
    if isinstance(exc, jinja2.TemplateSyntaxError) and exc.filename:
        candidates = [(exc.filename, exc.lineno)]
    else:  # Jinja rewrites tracebacks so that template lines appear as frames
        frames = traceback.extract_tb(exc.__traceback__)
        candidates = [(f.filename, f.lineno or 0) for f in reversed(frames) if f.filename.endswith(".j2")]
    for filename, line in candidates:
        path = Path(filename).resolve()
        if not path.is_relative_to(BUILTIN_TEMPLATES):
            return f"{path}:{line}"
    return None
