"""The escaping filters every target's templates share: Markdown, one per context.

Any string from a spec that lands in Markdown goes through the one of these made for where
it lands (see :mod:`.engine` for the others):

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
================  ========================================================================
"""

from __future__ import annotations

import bisect
import re
from typing import Any
from urllib.parse import quote

from .text import CONTROL, normalise, remembered


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
    text = CONTROL.sub("", normalise(text)).expandtabs(4).strip("\n")
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
    if type(value) is str and _PLAIN_CELL.fullmatch(value):  # most summaries: nothing to change
        return value
    return _cell(value)


@remembered
def _cell(value: Any) -> str:
    text = CONTROL.sub("", normalise(value)).expandtabs(4).strip()
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

# One line of printable ASCII that no filter here changes: no backslash, backtick, ``<``,
# bracket, pipe or tilde (a fence), no space at either end. Such text (a name, a path, most
# summaries) is written as it is, without the work or the memory of the filters below.
_PLAIN_CELL = re.compile(r"[!-;=-Z^_a-{}](?:[ !-;=-Z^_a-{}]*[!-;=-Z^_a-{}])?|")
_NAME = re.compile(r"[A-Za-z0-9_.]+")  # a name (``Repository``, ``client.repos``): a code span as it is
_PLAIN_URL = re.compile(r"[A-Za-z0-9_./#-]+")  # a path among our pages: a link destination as it is


def md_code(value: Any) -> str:
    """An inline code span holding ``value`` literally, whatever backticks it contains."""
    if type(value) is str and _NAME.fullmatch(value):
        return "`" + value + "`"
    return _code(value)


@remembered
def _code(value: Any) -> str:
    return code_span(" ".join(CONTROL.sub("", normalise(value)).split("\n")))


def code_span(text: str) -> str:
    """A code span of one line of ``text``: its fence longer than any run of backticks in
    it, and a space inside the fence where the text starts or ends with one (CommonMark)."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0) if "`" in text else 0
    ticks = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or not text.strip(" ") else ""
    return f"{ticks}{pad}{text}{pad}{ticks}"


def md_cell_code(value: Any) -> str:
    """An inline code span inside a table cell: :func:`md_code` with its pipes escaped."""
    if type(value) is str and _NAME.fullmatch(value):
        return "`" + value + "`"
    return _cell_code(value)


@remembered
def _cell_code(value: Any) -> str:
    return _escape_pipes(md_code(value))


def fence(text: str) -> str:
    """The backtick fence to put around ``text``: longer than any backtick run inside it."""
    if "`" not in text:  # most: an example's JSON or code is not searched for runs
        return "```"
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    return "`" * max(3, longest + 1)


def md_inline(text: Any) -> str:
    """One line of plain text in Markdown (a heading, a link's text): specials escaped."""
    text = " ".join(CONTROL.sub("", normalise(text)).split())
    return re.sub(r"([\\`*_\[\]<>#|!&])", r"\\\1", text)


md_heading = md_inline
"""Text for a heading line: one line, its Markdown specials escaped."""


def md_url(url: Any) -> str:
    """A link destination: characters that could end it or the link are percent-encoded.
    A scheme other than http, https or mailto (``javascript:``) loses its colon: the
    destination is then a relative path, which no browser runs."""
    if type(url) is str and _PLAIN_URL.fullmatch(url):
        return url
    return _url(url)


@remembered
def _url(url: Any) -> str:
    text = quote(CONTROL.sub("", str(url)), safe="/#:?=&%.-_~+,;@!$'*")
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


MARKDOWN_FILTERS = {
    "md_text": md_text,
    "md_cell": md_cell,
    "md_code": md_code,
    "md_cell_code": md_cell_code,
    "fence": fence,
    "md_heading": md_heading,
    "md_inline": md_inline,
    "md_url": md_url,
}
"""The Markdown filters by the names templates use."""
