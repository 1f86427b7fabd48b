"""What no output may hold as it is, for every escaping filter of every target: control
and bidirectional characters, lone surrogates; and line breaks made Unix ones. And
:func:`remembered`, for such a filter met with the same text again and again."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any, TypeVar, cast

# Characters no spec string may put into output as they are: C0 and C1 controls (NUL,
# ESC, NEL...), line and paragraph separators, the bidirectional controls of "Trojan
# Source" (which make text read differently from how it parses), lone surrogates.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]")


SURROGATES = re.compile(r"[\ud800-\udfff]")


def normalise(text: Any) -> str:
    """``text`` as a string with Unix line breaks."""
    return str(text).replace("\r\n", "\n").replace("\r", "\n")


F = TypeVar("F", bound=Callable[..., Any])

REMEMBERED = 1 << 15
"""How many texts each remembered function keeps the answer for, the most recently used."""


def remembered(function: F) -> F:
    """``function`` of a text (and hashable arguments after it), remembered for the
    :data:`REMEMBERED` texts last given: a big API says the same things again and again
    (GitHub's spec: 58,000 table cells of descriptions, 3,600 different ones; each type
    and field name in many tables), and escaping or shaping each anew was much of the
    time its pages took. Only a ``str`` given with arguments by position is remembered; anything
    else (a number or a list a template passes) is given to ``function`` each time.
    """
    cached = functools.lru_cache(maxsize=REMEMBERED)(function)

    @functools.wraps(function)
    def remembered_function(text: Any, *args: Any, **kwargs: Any) -> Any:
        if type(text) is str and not kwargs:
            return cached(text, *args)
        return function(text, *args, **kwargs)

    return cast(F, remembered_function)
