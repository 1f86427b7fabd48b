"""What a real CommonMark parser (markdown-it-py, with GFM tables) makes of a page: its
links, images and raw HTML, to check that no spec text made a link we do not allow.

Unlike ``tests/docs/mdscan.py``, this is not our own reading of Markdown: whatever the
bracket nesting, line breaks, reference definitions or code spans, a link counts if the
parser makes one. markdown-it itself refuses ``javascript:`` destinations; that check is
turned off here, since other renderers (and the next version) need not make it.

Also the hostile Markdown the tests feed the filters: :data:`LINK_ATTACKS`, written out,
and :data:`LINK_SYNTAX`, a hypothesis strategy nesting link syntax at random.
"""

from __future__ import annotations

import re

from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})
ALLOWED_HTML = frozenset({"<br>"})  # what md_cell writes for a line break in a table cell
_SCHEME = re.compile(r"\s*([A-Za-z][A-Za-z0-9+.-]*):")

# Markdown that has made live links out of spec text: nested brackets, a link split
# across lines, reference definitions (before or after their use, indented, in a quote
# or a list), autolinks, raw HTML, entities and other spellings of the scheme, links in
# images and images in links, and a code span that pairs with a backtick on another line.
LINK_ATTACKS = (
    "[a [b] c](javascript:alert(1))",
    "[a [b [c] d] e](javascript:alert(1))",
    "[a\nb](javascript:alert(1))",
    "[a](\njavascript:alert(1))",
    "[a](javascript:alert(1)\n)",
    "[x]: javascript:alert(1)\n\n[x]",
    "[x]\n\n[x]: javascript:alert(1)",
    "   [x]: javascript:alert(1) 'title'\n\n[text][x] and [x][]",
    "> [x]: javascript:alert(1)\n> [x]",
    "- [x]\n\n  [x]: javascript:alert(1)",
    "[x\n]: javascript:alert(1)\n\n[x\n]",
    "<javascript:alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "![i](javascript:alert(1))",
    "[a](<javascript:alert(1)>)",
    "[a](JavaScript:alert(1))",
    "[a](javascript&#58;alert(1))",
    "[a](&#106;avascript:alert(1))",
    "[a](data:text/html;base64,PHNjcmlwdD4=)",
    "[![i](https://example.com/i.png)](javascript:alert(1))",
    "[a](https://example.com)[b](javascript:alert(1))",
    '[a](https://example.com "t")](javascript:alert(1))',
    "\\[a](javascript:alert(1))",
    "\\\\[a](javascript:alert(1))",
    "*[a](javascript:alert(1))*",
    "` a\nb ` [x](javascript:alert(1)) `",
    "``\n[x](javascript:alert(1))\n``",
    "[`a`](javascript:alert(1)) and [`](https://example.com)`](javascript:alert(1))",
    "[a](vbscript:msgbox(1)) [b](file:///etc/passwd) [c](entity:Customer)",
)


_DESTINATION = st.sampled_from(
    ["javascript:alert(1)", "<javascript:alert(1)>", "\njavascript:alert(1)", "javascript:alert(1)\n", "JaVaScRiPt:x",
     "&#106;avascript:x", "javascript&#58;x", "https://example.com", "mailto:a@b.c", "x.md", "#a", ""]
)  # fmt: skip
_LABEL = st.sampled_from(["x", "a b", "`x`", "x\ny", "X"])
_PIECE = st.sampled_from(["x", " ", "\n", "\n\n", "`", "``", "[", "]", "(", ")", "\\", "!", "- ", "> ", "    ", "|"])


def _around(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    title = st.sampled_from(["", ' "t"', " 't'", ' "a\nb"', " (t)"])
    gap = st.sampled_from(["", "\n", " "])
    indent = st.sampled_from(["", "   ", "> ", "- "])
    return st.one_of(
        st.builds(lambda t, s, d, ti: f"[{t}]{s}({d}{ti})", inner, gap, _DESTINATION, title),
        st.builds(lambda t, d: f"![{t}]({d})", inner, _DESTINATION),
        st.builds(lambda i, label, d: f"\n{i}[{label}]: {d}\n", indent, _LABEL, _DESTINATION),
        st.builds(lambda t, label: f"[{t}][{label}]", inner, _LABEL),
        st.builds(lambda t: f"[{t}]", inner),
        st.builds(lambda t: f"`{t}`", inner),
        st.builds(lambda d: f"<{d}>", _DESTINATION),
        st.builds(lambda a, b: a + b, inner, inner),
    )  # fmt: skip


# Link syntax nested at random: links in link texts, split by line breaks, reference
# definitions and their uses, code spans, autolinks, escapes, list items and quotes.
LINK_SYNTAX = st.recursive(_PIECE, _around, max_leaves=12)


def _parser() -> MarkdownIt:
    parser = MarkdownIt("commonmark").enable("table")
    parser.validateLink = lambda url: True  # see every link (see the module's docstring)
    return parser


def targets(markdown: str) -> list[tuple[str, str]]:
    """(kind, target) of each link ("link", its href), image ("image", its src) and piece
    of raw HTML ("html", the HTML) CommonMark finds in ``markdown``, in order."""
    found: list[tuple[str, str]] = []

    def walk(tokens: list[Token]) -> None:
        for token in tokens:
            if token.type == "link_open":
                found.append(("link", str(token.attrGet("href"))))
            elif token.type == "image":
                found.append(("image", str(token.attrGet("src"))))
            elif token.type in ("html_inline", "html_block"):
                found.append(("html", token.content))
            walk(token.children or [])

    walk(_parser().parse(markdown))
    return found


def unsafe(markdown: str) -> list[str]:
    """Every link or image whose scheme is not http, https or mailto, and every piece of
    raw HTML but ``<br>``: what no spec text may put into our pages."""
    problems = []
    for kind, target in targets(markdown):
        if kind == "html":
            if target.strip().lower() not in ALLOWED_HTML:
                problems.append(f"raw HTML {target!r}")
            continue
        scheme = _SCHEME.match(target)
        if scheme is not None and scheme.group(1).lower() not in ALLOWED_SCHEMES:
            problems.append(f"{kind} to {target!r}")
    return problems
