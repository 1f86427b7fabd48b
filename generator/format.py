"""Format generated Python source with black, in process."""

from __future__ import annotations

import black
from black.mode import TargetVersion
from black.parsing import InvalidInput

_MODE = black.Mode(target_versions={TargetVersion.PY311}, line_length=88)


class FormatError(Exception):
    """Generated code that black cannot parse: a generator bug, reported with the file."""


def format_files(files: dict[str, str]) -> dict[str, str]:
    """Black-format every ``.py`` file; other files pass through unchanged."""
    out: dict[str, str] = {}
    for path, text in files.items():
        if path.endswith(".py"):
            try:
                text = black.format_str(text, mode=_MODE)
            except InvalidInput as exc:
                raise FormatError(f"{path}: generated code does not parse: {exc}") from exc
        out[path] = text
    return out
