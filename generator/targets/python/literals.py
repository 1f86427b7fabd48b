"""Python's own escaping filters and literals: every spec string reaches generated Python
through one of these (Markdown and TOML filters are the shared ones in
:mod:`generator.render.engine`).

=============  =========================================================================
``py_str``     a Python string literal (``repr``: quotes, backslashes, newlines safe)
``py_value``   a JSON value as a Python literal
``docstring``  the body of a triple-quoted docstring
``comment``    a one-line ``#`` comment
=============  =========================================================================
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from ...render.text import CONTROL, SURROGATES, normalise, remembered

_SINGLE_TO_DOUBLE = re.compile(r"\\.|\"")  # an escape pair, or a double quote
_REQUOTED = {"\\'": "'", '"': '\\"'}


def py_str(value: Any) -> str:
    """A Python literal for a string (or any repr-safe scalar), double-quoted as black writes it."""
    if type(value) is str:  # the common case of :func:`_literal`, without its call
        if value.isascii() and value.isidentifier():  # a name (most): nothing to escape
            return '"' + value + '"'
        text = repr(value)
        if "\\" not in text and '"' not in text:
            return '"' + text[1:-1] + '"'
    return _literal(value)


def py_value(value: Any) -> str:
    """A Python literal for a JSON value: dicts, lists, strings, numbers, booleans, None."""
    return _literal(json.loads(json.dumps(value)))


def _literal(value: Any) -> str:
    """``repr``, with strings in double quotes where that needs no extra escapes."""
    if isinstance(value, str):
        text = repr(value)  # escapes backslashes, quotes, newlines and unprintable characters
        if "\\" not in text and '"' not in text:
            return '"' + text[1:-1] + '"'  # no quote inside, nothing escaped: only the quotes change
        if text.startswith('"') or value.count('"') > value.count("'"):
            return text  # black keeps the quotes that need fewer escapes, double when even
        return '"' + _SINGLE_TO_DOUBLE.sub(lambda m: _REQUOTED.get(m.group(), m.group()), text[1:-1]) + '"'
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_literal(k)}: {_literal(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_literal(v) for v in value) + "]"
    if isinstance(value, float) and not math.isfinite(value):  # repr would give the bare name inf or nan
        return f'float("{value}")'
    return repr(value)


@remembered
def docstring(text: str, indent: int = 0) -> str:
    """Text made safe for the inside of a ``\"\"\"`` docstring, indented for its place.

    Backslashes and quotes are escaped so the text can neither end the string nor form
    escape sequences; control characters become ``\\x..`` escapes. A lone surrogate
    becomes U+FFFD: ``__doc__`` is text, and Python cannot create a class whose
    docstring UTF-8 cannot encode.
    """
    text = SURROGATES.sub("\ufffd", normalise(text)).expandtabs(4).strip()
    text = text.replace("\\", "\\\\")
    text = CONTROL.sub(
        lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 256 else f"\\u{ord(m.group()):04x}", text
    )
    pad = " " * indent
    lines = [line.rstrip() for line in text.split("\n")]
    # The lines after the first lose the indentation they all share (PEP 257's trim, as
    # black does it), then take the docstring's own.
    common = min((len(line) - len(line.lstrip()) for line in lines[1:] if line), default=0)
    text = "\n".join(lines[:1] + [pad + line[common:] if line else "" for line in lines[1:]])
    # Every backslash is doubled above, so each one added here escapes its quote. With no
    # two unescaped quotes side by side and none at the end, nothing in the text can
    # close the docstring, even with the template's own quotes around it.
    return re.sub(r'"(?="|$)', r'\\"', text)


def comment(text: str) -> str:
    """One line of text for a ``#`` comment."""
    return CONTROL.sub(" ", " ".join(normalise(text).split()))
