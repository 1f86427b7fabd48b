"""Findings about a spec, and the exception that carries fatal ones.

Every problem sdkforge reports about its input is a :class:`Finding`: which file,
where in it (JSON pointer, and the line when we can tell), what is wrong, and how
bad it is. Stages collect findings as values; the CLI prints them and picks the
exit code. Nothing here knows about any particular stage.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from .immutable import immutable


class Severity(StrEnum):
    """How bad a finding is: errors stop generation, warnings do not."""

    ERROR = "error"
    WARNING = "warning"


@immutable
class Finding:
    """One located problem in a spec.

    ``pointer`` is the JSON pointer of the value the finding is about (``""`` for the
    document's root), or None when it is about the file as a whole (missing, empty,
    unparseable), which the text then does not show.
    """

    file: Path
    pointer: str | None
    message: str
    severity: Severity = Severity.ERROR
    line: int | None = None
    column: int | None = None

    def format(self) -> str:
        """``file:line:col: severity: message (at /json/pointer)``, on one line.

        Messages and pointers quote the spec, so every character that is not printable
        (line breaks, terminal escape sequences, NUL...) is shown as a Python escape.
        """
        where = str(self.file)
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        at = f" (at {self.pointer or '/'})" if self.pointer is not None else ""
        return printable(f"{where}: {self.severity.value}: {self.message}{at}")


def printable(text: str) -> str:
    """``text`` with each unprintable character (``str.isprintable``) as a ``\\x``/``\\u`` escape."""
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() else _escape(char) for char in text)


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


class SpecError(Exception):
    """Raised when a spec cannot be turned into an SDK; carries every finding."""

    def __init__(self, findings: list[Finding]) -> None:
        super().__init__("\n".join(f.format() for f in findings))
        self.findings = findings


class FormatError(Exception):
    """Generated code a target's formatter cannot lay out: a generator bug, reported with
    the file (exit 3)."""


class UsageError(Exception):
    """Raised for a wrong command line or configuration (exit code 2)."""


def pointer_join(pointer: str, *parts: str | int) -> str:
    """Extend a JSON pointer, escaping ``~`` and ``/`` in each part (RFC 6901)."""
    for part in parts:
        text = str(part).replace("~", "~0").replace("/", "~1")
        pointer = f"{pointer}/{text}"
    return pointer


def pointer_parts(pointer: str | None) -> list[str]:
    """Split a JSON pointer into its unescaped parts."""
    if not pointer:
        return []
    return [p.replace("~1", "/").replace("~0", "~") for p in pointer.lstrip("/").split("/")]
