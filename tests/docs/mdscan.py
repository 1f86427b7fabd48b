"""Just enough of a Markdown reader for the doc tests: blocks, headings, tables, links, anchors.

It follows CommonMark/GFM where our pages (and hostile spec text inside them) could go
wrong: fenced code blocks (``` or ~~~, up to three spaces in, closed by a fence of the same
kind at least as long), ATX and setext headings, code spans, escaped pipes in table rows,
inline links. Anchors are GitHub's (github-slugger): the heading's text lowercased,
characters other than letters, digits, ``_``, ``-`` and spaces dropped, spaces as ``-``,
a repeated anchor numbered ``-1``, ``-2``...

Written independently of ``generator/`` on purpose: the tests check the generator with it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

FENCE_OPEN = re.compile(r" {0,3}(`{3,}|~{3,})(.*)")
ATX = re.compile(r" {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*")
SETEXT = re.compile(r" {0,3}(=+|-+)[ \t]*")
NOT_PARAGRAPH = re.compile(r" {0,3}([-*+][ \t]|\d{1,9}[.)][ \t]|>|\||#)")
LINK = re.compile(r"!?\[((?:[^\[\]\\]|\\.)*)\]\(([^()\s]*)\)")


@dataclass
class CodeBlock:
    info: str
    text: str
    line: int  # 1-based line of the opening fence


@dataclass
class Heading:
    level: int
    text: str  # as rendered: escapes, code-span ticks, emphasis and link syntax removed
    line: int


@dataclass
class Page:
    """One Markdown document, split into what the tests look at."""

    source: str
    headings: list[Heading] = field(default_factory=list)
    code_blocks: list[CodeBlock] = field(default_factory=list)
    prose: list[tuple[int, str]] = field(default_factory=list)  # (line number, line) outside code blocks

    @property
    def anchors(self) -> list[str]:
        slugger = Slugger()
        return [slugger.slug(h.text) for h in self.headings]

    def links(self) -> list[tuple[int, str, str]]:
        """(line, text, destination) of every inline link outside code."""
        found = []
        for number, line in self.prose:
            for match in LINK.finditer(strip_code_spans(line)):
                found.append((number, match.group(1), match.group(2)))
        return found

    def tables(self) -> list[list[list[str]]]:
        """Every GFM table: rows of cells (the delimiter row left out)."""
        tables: list[list[list[str]]] = []
        lines = self.prose
        i = 0
        while i < len(lines) - 1:
            (n1, header), (n2, delimiter) = lines[i], lines[i + 1]
            if n2 == n1 + 1 and "|" in header and re.fullmatch(r"\s*\|?(\s*:?-+:?\s*\|)*\s*:?-+:?\s*\|?\s*", delimiter):
                rows = [split_row(header)]
                j = i + 2
                while j < len(lines) and lines[j][0] == lines[j - 1][0] + 1 and lines[j][1].strip():
                    rows.append(split_row(lines[j][1]))
                    j += 1
                tables.append(rows)
                i = j
            else:
                i += 1
        return tables


def parse(text: str) -> Page:
    page = Page(text)
    lines = text.split("\n")
    fence: str | None = None
    info = ""
    body: list[str] = []
    start = 0
    previous_paragraph = False
    for index, line in enumerate(lines, start=1):
        if fence is not None:
            closer = re.fullmatch(r" {0,3}(`{3,}|~{3,})[ \t]*", line)
            if closer and closer.group(1)[0] == fence[0] and len(closer.group(1)) >= len(fence):
                page.code_blocks.append(CodeBlock(info, "\n".join(body), start))
                fence = None
            else:
                body.append(line)
            continue
        opener = FENCE_OPEN.fullmatch(line)
        if opener and not (opener.group(1)[0] == "`" and "`" in opener.group(2)):
            fence, info, body, start = opener.group(1), opener.group(2).strip(), [], index
            previous_paragraph = False
            continue
        page.prose.append((index, line))
        atx = ATX.fullmatch(line)
        setext = SETEXT.fullmatch(line)
        if atx:
            page.headings.append(Heading(len(atx.group(1)), plain(atx.group(2) or ""), index))
            previous_paragraph = False
        elif setext and previous_paragraph:
            heading_line = lines[index - 2]
            page.headings.append(Heading(1 if setext.group(1)[0] == "=" else 2, plain(heading_line), index - 1))
            previous_paragraph = False
        else:
            previous_paragraph = bool(line.strip()) and not NOT_PARAGRAPH.match(line) and not line.startswith("    ")
    if fence is not None:  # an unclosed fence runs to the end of the document
        page.code_blocks.append(CodeBlock(info, "\n".join(body), start))
    return page


def read(path: Path) -> Page:
    return parse(path.read_text(encoding="utf-8"))


def strip_code_spans(line: str) -> str:
    """The line with each code span replaced by a placeholder word (so links inside are not seen)."""
    out, i = [], 0
    while i < len(line):
        if line[i] == "\\" and i + 1 < len(line):
            out.append(line[i : i + 2])
            i += 2
            continue
        if line[i] == "`":
            run = len(line[i:]) - len(line[i:].lstrip("`"))
            closer = re.compile(rf"(?<!`)`{{{run}}}(?!`)").search(line, i + run)
            if closer:
                out.append("CODE")
                i = closer.end()
                continue
            out.append("`" * run)
            i += run
            continue
        out.append(line[i])
        i += 1
    return "".join(out)


def plain(inline: str) -> str:
    """Rendered text of inline Markdown, as far as headings and anchors need it."""
    text = re.sub(r"!?\[((?:[^\[\]\\]|\\.)*)\]\([^)]*\)", r"\1", inline)
    text = re.sub(r"(`+)(.*?)\1", lambda m: m.group(2).strip(), text)
    text = re.sub(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1", r"\2", text)
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text).strip()


def split_row(row: str) -> list[str]:
    """The cells of a GFM table row: split on pipes that are not backslash-escaped."""
    row = row.strip()
    row = row[1:] if row.startswith("|") else row
    cells, current, i = [], "", 0
    while i < len(row):
        if row[i] == "\\" and i + 1 < len(row):
            current += row[i : i + 2]
            i += 2
        elif row[i] == "|":
            cells.append(current.strip())
            current = ""
            i += 1
        else:
            current += row[i]
            i += 1
    if current.strip() or not row.endswith("|"):
        cells.append(current.strip())
    return cells


class Slugger:
    """github-slugger: anchors of one page's headings, in order."""

    def __init__(self) -> None:
        self.occurrences: dict[str, int] = {}

    def slug(self, text: str) -> str:
        base = re.sub(r"[^\w\- ]", "", text.lower()).replace(" ", "-")
        result = base
        while result in self.occurrences:
            self.occurrences[base] += 1
            result = f"{base}-{self.occurrences[base]}"
        self.occurrences[result] = 0
        return result


def sections(page: Page, level: int) -> dict[str, str]:
    """The page's text under each heading of ``level``, up to the next heading of that level
    or above; keyed by the heading's text (the first of repeated texts wins)."""
    lines = page.source.split("\n")
    marks = [h for h in page.headings if h.level <= level]
    found: dict[str, str] = {}
    for i, heading in enumerate(marks):
        if heading.level != level:
            continue
        end = marks[i + 1].line - 1 if i + 1 < len(marks) else len(lines)
        found.setdefault(heading.text, "\n".join(lines[heading.line : end]))
    return found


def broken_links(root: Path, pages: list[Path]) -> list[str]:
    """Every relative link or anchor in ``pages`` that does not resolve, as readable lines."""
    problems = []
    anchors: dict[Path, list[str]] = {}
    for page_path in pages:
        page = read(page_path)
        for number, text, destination in page.links():
            where = f"{page_path.relative_to(root)}:{number}: [{text}]({destination})"
            if re.match(r"[a-z][a-z0-9+.-]*:", destination, re.IGNORECASE):
                if not destination.startswith(("https://", "http://", "mailto:")):
                    problems.append(f"{where}: unexpected scheme")
                continue
            if not destination:
                problems.append(f"{where}: empty destination")
                continue
            path_part, _, anchor = destination.partition("#")
            target = (page_path.parent / path_part).resolve() if path_part else page_path.resolve()
            if root.resolve() not in target.parents and target != root.resolve():
                problems.append(f"{where}: leaves the SDK folder")
                continue
            if not target.is_file():
                problems.append(f"{where}: no such file")
                continue
            if anchor:
                if target not in anchors:
                    anchors[target] = read(target).anchors
                if anchor not in anchors[target]:
                    problems.append(f"{where}: no heading with anchor #{anchor} in {target.name}")
    return problems
