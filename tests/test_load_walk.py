"""Loading a spec reads it as before, with less work.

A file of whitespace alone is empty, whatever whitespace it holds (told without copying
the text).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sdkforge.errors import SpecError
from sdkforge.spec.load import load_spec


@pytest.mark.parametrize("suffix", [".json", ".yaml"])
@pytest.mark.parametrize("text", [" ", "\n\n\t\r\n", "\x0b\x0c", "\u3000\u00a0 \u2028", "\ufeff  \n"])
def test_a_file_of_whitespace_alone_is_empty(suffix: str, text: str, tmp_path: Path) -> None:
    spec = tmp_path / f"api{suffix}"
    spec.write_text(text, encoding="utf-8")
    with pytest.raises(SpecError) as raised:
        load_spec(spec)
    assert [(f.message, f.line) for f in raised.value.findings] == [("the file is empty", None)]
