"""TOML for the generated package's ``pyproject.toml``."""

from __future__ import annotations

from typing import Any


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
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif code < 0x20 or 0x7F <= code <= 0x9F or char in "\u2028\u2029":
            out.append(f"\\u{code:04X}")
        elif 0xD800 <= code <= 0xDFFF:
            out.append("\\uFFFD")
        else:
            out.append(char)
    out.append('"')
    return "".join(out)


_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r", "\b": "\\b", "\f": "\\f"}
