"""What no output may hold as it is, for every escaping filter of every target: control
and bidirectional characters, lone surrogates; and line breaks made Unix ones."""

from __future__ import annotations

import re
from typing import Any

# Characters no spec string may put into output as they are: C0 and C1 controls (NUL,
# ESC, NEL...), line and paragraph separators, the bidirectional controls of "Trojan
# Source" (which make text read differently from how it parses), lone surrogates.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]")


SURROGATES = re.compile(r"[\ud800-\udfff]")


def normalise(text: Any) -> str:
    """``text`` as a string with Unix line breaks."""
    return str(text).replace("\r\n", "\n").replace("\r", "\n")
