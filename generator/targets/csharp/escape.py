"""Escaping filters for C# output: every spec string reaches a .cs file through one of these.

===============  ======================================================================
``cs_str``       a C# string literal (quotes, backslashes, line breaks, controls escaped)
``xml_doc``      the lines of a ``///`` XML documentation comment (``&``, ``<``, ``>``
                 escaped, every line break starts a new ``///`` line)
``xml_text``     one line of XML text (``&``, ``<``, ``>`` escaped)
``doc_comment``  a ``///`` doc comment of a description: its first sentence in
                 ``<summary>``, the rest in ``<remarks>`` (each as ``xml_doc`` writes it)
``cs_value``     a C# literal for a JSON scalar
===============  ======================================================================
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from ...render.english import summary_and_details
from ...render.text import remembered

_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\0": "\\0"}
# Besides controls: line and paragraph separators and NEL (C# line breaks, which would
# end the literal), the bidirectional controls of "Trojan Source", and lone surrogates.
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]")


@remembered
def cs_str(value: Any) -> str:
    """A C# regular string literal holding ``value`` exactly."""
    return '"' + _ESCAPED.sub(_escape, str(value)) + '"'


_ESCAPED = re.compile(_UNSAFE.pattern.replace("[", r'["\\\U00010000-\U0010ffff', 1))
"""What a literal cannot hold as it is: :data:`_UNSAFE`, the quote, the backslash, and
characters beyond the Basic Multilingual Plane (written as their UTF-16 surrogates).
Found by one search, the rest is copied as it is: a string with nothing to escape (most
of them) costs no call per character."""


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _ESCAPES:
        return _ESCAPES[char]
    code = ord(char)
    if code > 0xFFFF:
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
    return f"\\u{code:04x}"


def cs_value(value: Any) -> str:
    """A C# literal for a JSON scalar: string, integer, number, boolean or null."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value) if -(2**31) <= value < 2**31 else f"{value}L"
    if isinstance(value, float):
        return repr(value) if "." in repr(value) or "e" in repr(value) else f"{value!r}.0"
    return cs_str(value)


_UNSAFE_IN_TEXT = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]")


def _text(value: Any) -> str:
    """Text with Unix line breaks; other line breaks become ones too, other unsafe characters spaces."""
    text = str(value).replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    return _UNSAFE_IN_TEXT.sub(lambda m: "\n" if m.group() in "\u2028\u2029\x85" else " ", text)


@remembered
def xml_doc(value: Any, indent: int = 0) -> str:
    """The text as ``///`` lines (each but the first indented by ``indent`` spaces), XML-escaped."""
    text = _text(value).strip("\n")
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    lines = [line.rstrip() for line in text.split("\n")]
    pad = " " * indent
    return ("\n" + pad).join("///" + (" " + line if line else "") for line in lines)


@remembered
def xml_text(value: Any) -> str:
    """One line of XML text (an element's content, a one-line doc comment): ``&``, ``<``, ``>`` escaped."""
    text = " ".join(_text(value).split())
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@remembered
def doc_comment(value: Any, indent: int) -> str:
    """The ``///`` doc comment of a description (each line but the first indented by
    ``indent`` spaces): its summary in ``<summary>``, what it says after that, if
    anything, in ``<remarks>``. A filter, not a template macro: every type, field,
    member and method has one, and a big API's say the same things again and again."""
    summary, details = summary_and_details(str(value))
    pad = " " * indent
    comment = f"/// <summary>\n{pad}{xml_doc(summary, indent)}\n{pad}/// </summary>"
    if details:
        comment += f"\n{pad}/// <remarks>\n{pad}{xml_doc(details, indent)}\n{pad}/// </remarks>"
    return comment


FILTERS: dict[str, Callable[..., Any]] = {
    "cs_str": cs_str,
    "cs_value": cs_value,
    "xml_doc": xml_doc,
    "xml_text": xml_text,
    "doc_comment": doc_comment,
}
