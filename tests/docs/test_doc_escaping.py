"""Spec text cannot break the docs: not a table, not a code fence, not a heading, no raw HTML.

First the Markdown filters of ``generator/render/engine.py`` one by one, with hostile strings;
then the whole docs generated from a copy of the OAuth spec whose descriptions and
examples are all hostile, read back with ``mdscan``.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

import mdscan
import pytest
import yaml
from commonmark_links import LINK_ATTACKS, LINK_SYNTAX, targets, unsafe
from hypothesis import given, settings
from hypothesis import strategies as st

from sdkforge.render import markdown
from sdkforge.render.markdown import (
    fence,
    md_cell,
    md_cell_code,
    md_code,
    md_heading,
    md_inline,
    md_text,
    md_url,
)
from sdkforge.render.text import remembered
from sdkforge.targets.python import literals
from sdkforge.targets.python.literals import docstring, py_str, py_value

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "spec" / "oauth.yaml"
GOLDEN = ROOT / "generated" / "python"

HOSTILE = [
    "a | b || c",
    "trailing backslash \\",
    "escaped \\| pipe and \\\\| double",
    "line one\nline two\r\nline three\rfour",
    "blank\n\n\nlines",
    "`code | with pipe` and ``two `ticks` here``",
    "<script>alert(1)</script>",
    "<!-- comment --> <img src=x onerror=alert(1)>",
    "`<b>in code</b>` <i>outside</i>",
    "\\`<script>escaped tick`",
    "[link](`x) <script>`",
    "| a | b |\n|---|---|\n| c | d |",
    "{{ 7*7 }} {% raw %} {# c #}",
    "# heading\n## another\n   ### indented",
    "Setext\n===\nand\n---",
    "```\nunclosed fence <b>",
    "~~~~\nfence\n~~~",
    "    ```\nindented fence-like line",
    "tab\tand \x00 nul \x1b escape \u2028 separator",
    "***",
    "",
]


def table_with(cell: str) -> mdscan.Page:
    return mdscan.parse(f"| Name | Description |\n|  --- | --- |\n| `x` | {cell} |\n\n# After\n")


def test_a_remembered_filter_works_out_each_text_once_and_anything_else_each_time():
    seen = []

    @remembered
    def shout(value, times=1):
        seen.append(value)
        return str(value).upper() * times

    assert [shout("a"), shout("a"), shout("a", 2), shout("a", times=2)] == ["A", "A", "AA", "AA"]
    assert seen == ["a", "a", "a"]  # once by itself, once with 2, and each time with a keyword
    assert [shout(1), shout(True), shout(1), shout(["b"])] == ["1", "TRUE", "1", "['B']"]
    assert seen[3:] == [1, True, 1, ["b"]]


def test_the_remembered_filters_answer_a_text_met_again_as_the_first_time():
    description = "Line one | with a pipe\n\n<b>two</b> `code`"
    for _ in range(2):
        assert md_cell(description) == "Line one \\| with a pipe<br><br>&lt;b>two&lt;/b> `code`"
        assert md_cell_code("a|b") == "`a\\|b`"
        assert md_code(7) == "`7`"
        assert docstring('say "hi"\n  indented', 4) == 'say "hi"\n    indented'


# Text near the edges of the filters' shortcut for plain text: printable ASCII, with the
# characters it must leave to the full filter (spaces at an end, fences, controls...).
NEAR_PLAIN = st.text(st.sampled_from([*"aZ09_.-/#:;!~|`<>[]\\&* ", "\n", "\t", "\r", "\x85", "\u200e", "é", "\xa0"]))
EDGES = ["", " ", "a", " a", "a ", "~~~", "```", "a|b", "x:y", "javascript:alert", "Foo.Bar", "doc/models/a-b.md#x"]


@settings(max_examples=500, deadline=None)
@given(text=NEAR_PLAIN)
def test_the_shortcut_for_plain_text_answers_as_the_filters_do(text):
    for t in [text, *EDGES]:
        assert md_cell(t) == markdown._cell(t)
        assert md_code(t) == markdown._code(t)
        assert md_cell_code(t) == markdown._cell_code(t)
        assert md_url(t) == markdown._url(t)


@settings(max_examples=500, deadline=None)
@given(text=st.text(st.sampled_from([*"aZ_09 '\"\\-", "\n", "\x85", "é", "\u00b7", "\u0301", "\u2118"])))
def test_the_shortcut_for_a_name_writes_the_literal_a_string_has(text):
    for t in [text, "", "_", "Name", "snake_case", "9lives", "class", "naïve"]:
        assert py_str(t) == literals._literal(t)


@pytest.mark.parametrize("text", HOSTILE)
def test_md_cell_keeps_the_table_whole(text):
    cell = md_cell(text)
    assert "\n" not in cell and "\r" not in cell
    page = table_with(cell)
    assert page.tables() == [[["Name", "Description"], ["`x`", cell]]]
    assert [h.text for h in page.headings] == ["After"]
    assert "<script" not in mdscan.strip_code_spans(cell) and "<img" not in cell and "<!--" not in cell


@pytest.mark.parametrize("text", HOSTILE)
def test_md_text_adds_no_heading_no_html_and_closes_its_fences(text):
    body = md_text(text)
    page = mdscan.parse(f"# Before\n\n{body}\n\n## After\n\nlast line\n")
    assert [(h.level, h.text) for h in page.headings] == [(1, "Before"), (2, "After")]
    assert "last line" in [line for _, line in page.prose]  # no fence swallowed the rest of the page
    for _, line in page.prose:
        visible = mdscan.strip_code_spans(line)
        assert "<script" not in visible and "<img" not in visible and "<!--" not in visible and "<b>" not in visible


def test_md_text_keeps_markdown_intact():
    text = (
        "**Bold**, _em_, `List<String>`, [a link](https://example.com/a_b).\n\n"
        "- item one\n- item two\n\n```\nAuthorization: Client <SECRET>\n```"
    )
    assert md_text(text) == text
    assert md_text("a < b and c > d") == "a &lt; b and c > d"
    assert md_text("text\n---") == "text\n\\---"  # would underline "text" as a heading
    assert md_text("\n---\n") == "---"  # a thematic break stays one


def test_md_cell_keeps_markdown_and_meaning_of_line_breaks():
    assert md_cell("**OAuth** page of the\n[Dashboard](https://x.example/apps).") == (
        "**OAuth** page of the [Dashboard](https://x.example/apps)."
    )
    assert md_cell("One of:\n\n- `a`: first;\n- `b`: second.") == "One of:<br><br>- `a`: first;<br>- `b`: second."
    assert md_cell("Format:\n```\nAuthorization: Client SECRET\n```\nThen.") == (
        "Format:<br>`Authorization: Client SECRET`<br>Then."
    )
    assert md_cell("a|b") == "a\\|b"


@pytest.mark.parametrize("text", HOSTILE)
def test_code_spans_hold_any_text_literally(text):
    for code in (md_code(text), md_cell_code(text)):
        assert "\n" not in code
    page = table_with(md_cell_code(text))
    assert len(page.tables()[0][1]) == 2
    spans = mdscan.strip_code_spans(md_code(text))
    assert spans == "CODE", f"{md_code(text)!r} is not one code span"


@pytest.mark.parametrize("text", HOSTILE)
def test_a_fence_outlasts_the_code_inside_it(text):
    marker = fence(text)
    page = mdscan.parse(f"{marker}python\n{text}\n{marker}\n\n# After\n")
    assert page.code_blocks[0].text == text.replace("\r\n", "\n") or "\r" in text
    assert [h.text for h in page.headings] == ["After"]


@pytest.mark.parametrize("text", HOSTILE)
def test_headings_and_link_texts_stay_on_one_line_as_plain_text(text):
    for one_line in (md_heading(text), md_inline(text)):
        assert "\n" not in one_line and "\r" not in one_line
        page = mdscan.parse(f"# {one_line}\n\nafter\n")
        assert len(page.headings) == 1 and "after" in [line for _, line in page.prose]
        assert "<" not in one_line.replace("\\<", "")


# ---- links, as a CommonMark parser reads them ------------------------------------------


@pytest.mark.parametrize("text", [*LINK_ATTACKS, *HOSTILE])
def test_no_spec_text_makes_a_link_but_a_web_link(text):
    assert unsafe(f"# Before\n\n{md_text(text)}\n\n## After\n\nlast line\n") == []
    assert unsafe(f"| Name | Description |\n| --- | --- |\n| `x` | {md_cell(text)} |\n") == []
    assert unsafe(f"# {md_heading(text)}\n\n[{md_inline(text)}](#anchor)\n") == []
    assert unsafe(f"{md_text(text)}\n[text]({md_url(text)})\n") == []


@settings(max_examples=300, deadline=None)
@given(text=LINK_SYNTAX)
def test_no_link_syntax_in_any_order_makes_a_link_but_a_web_link(text):
    assert unsafe(f"# Before\n\n{md_text(text)}\n\n## After\n") == []
    assert unsafe(f"| Name | Description |\n| --- | --- |\n| `x` | {md_cell(text)} |\n") == []


def test_web_links_stay_links_and_others_keep_their_text():
    text = (
        "See [the docs](https://example.com/a_(b) 'Docs'), ![a logo](http://example.com/logo.png),\n"
        "[mail us](mailto:api@example.com), [Customer](entity:Customer) and [x](javascript:alert(1))."
    )
    expected = [
        ("link", "https://example.com/a_(b)"),
        ("image", "http://example.com/logo.png"),
        ("link", "mailto:api@example.com"),
    ]
    assert targets(md_text(text)) == expected
    assert targets(f"| a |\n| --- |\n| {md_cell(text)} |\n") == expected
    assert "Customer and x." in md_text(text)


def test_a_url_of_another_scheme_becomes_a_relative_link():
    for url in ("javascript:alert(1)", "JavaScript:alert(1)", "vbscript:x", "data:text/html,x"):
        assert unsafe(f"[t]({md_url(url)})") == [], url
    assert targets(f"[t]({md_url('https://example.com/a b')}) [u]({md_url('../models/pet.md#x')})") == [
        ("link", "https://example.com/a%20b"),
        ("link", "../models/pet.md#x"),
    ]


def test_md_url_cannot_end_a_link_early():
    url = md_url("a b)c<d>#x y")
    assert " " not in url and ")" not in url and "<" not in url
    assert mdscan.parse(f"[t]({url})").links() == [(1, "t", url)]


@pytest.mark.parametrize("text", [*HOSTILE, '"""', "'''", "\\", "'\"", "\x00\u2028\ud800"])
def test_python_literals_round_trip(text):
    assert ast.literal_eval(py_str(text)) == text
    value = {"k|`": [text, 1, 2.5, True, None]}
    assert ast.literal_eval(py_value(value)) == value


def test_python_strings_are_double_quoted_like_black():
    assert py_str("client_id8") == '"client_id8"'
    assert py_str("it's") == '"it\'s"'
    assert py_str('say "hi"') == "'say \"hi\"'"


# ---- the whole docs, from a hostile spec -----------------------------------------------

HOSTILE_TEXT = "\n".join(
    [
        "Start | with a pipe and <script>alert(1)</script> and {{ 7*7 }}.",
        "# Injected heading",
        "Setext?",
        "---",
        "`code | span` and \\` and <img src=x onerror=alert(1)>",
        *LINK_ATTACKS,
        "```",
        "an unclosed fence that would swallow the page",
    ]
)
HOSTILE_VALUE = 'quote " apostrophe \' triple """ backslash \\ tick ``` pipe | newline \n <script>'


def hostile_spec() -> dict:
    spec = yaml.safe_load(SPEC.read_text())
    spec["info"]["description"] = HOSTILE_TEXT
    spec["tags"][0]["description"] = HOSTILE_TEXT

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "description" and isinstance(value, str):
                    node[key] = HOSTILE_TEXT
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(spec["paths"])
    walk(spec["components"])
    token = spec["paths"]["/oauth2/token"]["post"]["requestBody"]["content"]["application/json"]
    token["example"]["client_id"] = HOSTILE_VALUE
    spec["components"]["schemas"]["ObtainTokenRequest"]["example"]["client_id"] = HOSTILE_VALUE
    spec["components"]["securitySchemes"]["oauth2ClientSecret"]["x-example"] = HOSTILE_VALUE
    return spec


@pytest.fixture(scope="module")
def hostile_docs(tmp_path_factory, request) -> Path:
    from sdkforge.cli import main

    folder = tmp_path_factory.mktemp("hostile")
    spec_path = folder / "hostile.yaml"
    spec_path.write_text(yaml.safe_dump(hostile_spec(), sort_keys=False))
    out = folder / "python"
    assert main(["generate", str(spec_path), "--out", str(out), "--package-name", "square_oauth", "-q"]) == 0
    return out


def pages(root: Path) -> list[Path]:
    return [root / "README.md", *sorted((root / "doc").rglob("*.md"))]


def test_hostile_spec_text_adds_no_headings(hostile_docs):
    for golden, hostile in zip(pages(GOLDEN), pages(hostile_docs), strict=True):
        assert golden.relative_to(GOLDEN) == hostile.relative_to(hostile_docs)
        ours = [(h.level, h.text) for h in mdscan.read(golden).headings]
        theirs = [(h.level, h.text) for h in mdscan.read(hostile).headings]
        assert theirs == ours, hostile.name


def test_hostile_spec_text_breaks_no_table(hostile_docs):
    tables = 0
    for page_path in pages(hostile_docs):
        for table in mdscan.read(page_path).tables():
            tables += 1
            widths = {len(row) for row in table}
            assert widths == {len(table[0])}, f"{page_path.name}: {table}"
    assert tables >= 12


def test_hostile_spec_text_keeps_our_code_blocks_and_links(hostile_docs):
    for page_path in pages(hostile_docs):
        page = mdscan.read(page_path)
        assert page.source.count("{{ 7*7 }}") >= 1 or page_path.parent.name == "models"
        for _, line in page.prose:
            visible = mdscan.strip_code_spans(line)
            assert "<script" not in visible and "<img" not in visible, f"{page_path.name}: {line}"
        for block in page.code_blocks:
            if block.info == "python":
                ast.parse(block.text + (": ..." if block.text.startswith("def ") else ""))
            elif block.info == "json":
                json.loads(block.text)
    assert mdscan.broken_links(hostile_docs, pages(hostile_docs)) == []


def test_hostile_spec_text_makes_no_link_but_web_links(hostile_docs):
    for page_path in pages(hostile_docs):
        assert unsafe(page_path.read_text(encoding="utf-8")) == [], page_path.name


def test_a_hostile_title_stays_within_its_sentence(tmp_path):
    # The README names the API in a sentence: a fence opened there would have been closed
    # on a line of its own, which the rest of the sentence then made a fence's opening.
    from sdkforge.cli import main

    spec = yaml.safe_load(SPEC.read_text())
    spec["info"]["title"] = "```<javascript:alert(1)>\n[x](javascript:alert(1))\n# Injected"
    spec_path = tmp_path / "titled.yaml"
    spec_path.write_text(yaml.safe_dump(spec, sort_keys=False))
    out = tmp_path / "python"
    assert main(["generate", str(spec_path), "--out", str(out), "--package-name", "square_oauth", "-q"]) == 0
    readme = (out / "README.md").read_text(encoding="utf-8")
    assert unsafe(readme) == []
    ours = [(h.level, h.text) for h in mdscan.read(GOLDEN / "README.md").headings]
    theirs = [(h.level, h.text) for h in mdscan.parse(readme).headings]
    assert theirs[1:] == ours[1:]  # the title's heading aside, the same headings: nothing swallowed


def test_hostile_example_values_reach_the_example_code_as_literals(hostile_docs):
    page = mdscan.read(hostile_docs / "doc" / "api" / "o-auth.md")
    constants = set()
    for block in page.code_blocks:
        if block.info == "python" and not block.text.startswith("def "):
            constants |= {n.value for n in ast.walk(ast.parse(block.text)) if isinstance(n, ast.Constant)}
    assert HOSTILE_VALUE in constants  # the body example and the credential's x-example
    model_page = mdscan.read(hostile_docs / "doc" / "models" / "obtain-token-request.md")
    assert json.loads(model_page.code_blocks[-1].text)["client_id"] == HOSTILE_VALUE
