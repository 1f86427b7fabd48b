"""C# string literals from spec text: whatever the text, the literal holds it exactly and
nothing in it can end the literal, break its line or reorder what an editor shows."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from sdkforge.targets.csharp.escape import cs_str

# What C# reads in a regular string literal after a backslash (the ones cs_str writes).
_SIMPLE = {'"': '"', "\\": "\\", "n": "\n", "r": "\r", "t": "\t", "0": "\0"}
_UNSAFE_AS_IS = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]")


def read_back(literal: str) -> str:
    """The UTF-16 text a C# compiler makes of ``literal``, as Python text (surrogate pairs joined)."""
    assert literal[0] == literal[-1] == '"'
    units: list[int] = []
    body, i = literal[1:-1], 0
    while i < len(body):
        char = body[i]
        assert char != '"', f"an unescaped quote ends the literal: {literal!r}"
        if char == "\\":
            code = body[i + 1]
            if code == "u":
                units.append(int(body[i + 2 : i + 6], 16))
                i += 6
                continue
            units.append(ord(_SIMPLE[code]))
            i += 2
            continue
        assert ord(char) <= 0xFFFF, "a character beyond the BMP is written as its surrogates"
        units.append(ord(char))
        i += 1
    return b"".join(u.to_bytes(2, "little") for u in units).decode("utf-16-le", errors="surrogatepass")


# Any text, with the characters a literal must escape made likely.
_TEXT = st.text(
    st.one_of(
        st.characters(codec="utf-8", exclude_categories=()),
        st.sampled_from('"\\\n\r\t\0\x85\u2028\u2029\u202e\u2066\u061c\x7f\U0001f600'),
        st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF),
    )
)


@given(_TEXT)
def test_a_literal_holds_the_text_exactly_and_shows_nothing_unsafe(text: str) -> None:
    literal = cs_str(text)
    assert "\n" not in literal and "\r" not in literal
    assert not _UNSAFE_AS_IS.search(literal), "controls, line breaks and bidi marks are escaped"
    assert read_back(literal) == text.encode("utf-16-le", errors="surrogatepass").decode(
        "utf-16-le", errors="surrogatepass"
    )


def test_plain_text_is_written_as_it_is() -> None:
    assert cs_str("Obtains an OAuth access token.") == '"Obtains an OAuth access token."'
    assert cs_str(12) == '"12"'
    assert cs_str('say "hi"\\') == '"say \\"hi\\"\\\\"'
    assert cs_str("\U0001f600") == '"\\ud83d\\ude00"'


_PROSE = st.lists(st.sampled_from(["A", "b", " ", ".", "\n", "<", "&", "e.g.", "`x.y`", "\u2028", "\x00"])).map("".join)
"""Descriptions with sentences, line breaks, abbreviations, code spans and what XML must escape."""


def _comment_text(lines: list[str], indent: int) -> str:
    """What ``///`` lines say, their markers and the indentation of each but the first removed."""
    for line in lines[1:]:
        assert line.startswith(" " * indent + "///"), f"every line is a doc-comment line: {line!r}"
    said = [line.strip().removeprefix("///") for line in lines]
    return "\n".join(text[1:] if text.startswith(" ") else text for text in said)


@given(_PROSE, st.sampled_from([0, 4, 8]))
def test_a_doc_comment_holds_the_first_sentence_then_the_rest(text: str, indent: int) -> None:
    from sdkforge.render.english import summary_and_details
    from sdkforge.targets.csharp.escape import doc_comment, xml_doc

    lines = doc_comment(text, indent).split("\n")
    summary, details = summary_and_details(text)
    assert lines[0] == "/// <summary>"
    end = lines.index(" " * indent + "/// </summary>")
    assert "\n".join(lines[1:end]) == " " * indent + xml_doc(summary, indent)
    rest = lines[end + 1 :]
    if details:
        assert rest[0] == " " * indent + "/// <remarks>" and rest[-1] == " " * indent + "/// </remarks>"
        assert "\n".join(rest[1:-1]) == " " * indent + xml_doc(details, indent)
        assert "<" not in _comment_text(rest[1:-1], indent).replace("&lt;", "")
    else:
        assert rest == []
