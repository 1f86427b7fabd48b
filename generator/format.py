"""Make sure generated Python source is black's: run black on the files that need it.

The templates write code in black's layout already (see
:mod:`generator.targets.python.layout`): black formats a few thousand lines a second
per core, and running it over a big SDK was three quarters of a cold run. What the
layout functions leave for black is a line they could not bring under black's line
length (a single name longer than the line, say): a file with such a line outside a
docstring goes through black, which has the last word on how to split it. Tests run
black over whole generated SDKs to check that it would change nothing.

When black does run:

- files are formatted in parallel, one worker process per core, when there are enough
  of them to pay for the workers' start;
- each result is cached, keyed by a hash of the unformatted text, black's version and
  its mode (see :mod:`generator.cache`).
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
from concurrent.futures import ProcessPoolExecutor
from importlib import metadata
from typing import TYPE_CHECKING

from .cache import Cache
from .targets.python.layout import LINE_LENGTH, width

if TYPE_CHECKING:
    import black

PARALLEL_THRESHOLD = 64
"""Fewer files than this are formatted in this process: workers would cost more than they save."""


class FormatError(Exception):
    """Generated code that black cannot parse: a generator bug, reported with the file."""


@functools.cache
def black_mode() -> black.Mode:
    """Black's settings for generated code (black is imported only when a run needs it)."""
    import black
    from black.mode import TargetVersion

    return black.Mode(target_versions={TargetVersion.PY311}, line_length=LINE_LENGTH)


def _format_one(item: tuple[str, str]) -> tuple[str, str]:
    import black
    from black.parsing import InvalidInput

    path, text = item
    try:
        return path, black.format_str(text, mode=black_mode())
    except InvalidInput as exc:
        raise FormatError(f"{path}: generated code does not parse: {exc}") from None


def cache_key(text: str) -> str:
    """The cache key of one unformatted file: black's version and mode, and the text."""
    fingerprint = f"black {metadata.version('black')} {black_mode()!r}".encode()
    return hashlib.sha256(fingerprint + b"\0" + text.encode("utf-8")).hexdigest()


_STRING = re.compile(r'[fbr]*"(?:[^"\\]|\\.)*"')
_UNSPLITTABLE = re.compile(
    r"""\s*(?:
        S(?:\x20*:\x20*S)?,?              # a string, or a "key": "value" entry, alone on its line
        | [\w.]+,                         # a name, alone on its line
        | (?:return\x20|await\x20)*[\w.]+\(  # a call's opening, with no bracket before it
    )""",
    re.VERBOSE,
)


def needs_black(text: str) -> bool:
    """Whether ``text`` has a code line longer than black's limit that black could
    split. Docstring lines do not count (black leaves them as they are), nor do the
    long lines black cannot split either (a long name or string alone on its line)."""
    lines = text.split("\n")
    if text.isascii() and max(map(len, lines)) <= LINE_LENGTH:
        return False
    in_docstring = False
    for line in lines:
        quotes = line.count('"""')
        if not in_docstring and not quotes and width(line) > LINE_LENGTH:
            if not _UNSPLITTABLE.fullmatch(_STRING.sub("S", line)):
                return True
        if quotes % 2:
            in_docstring = not in_docstring
    return False


def format_files(files: dict[str, str], cache: Cache | None = None, workers: int | None = None) -> dict[str, str]:
    """Black-format every ``.py`` file that :func:`needs_black`; the others pass through.

    ``workers`` defaults to the number of cores; ``cache`` (None: no cache) remembers
    results across runs.
    """
    out = dict(files)
    todo: list[tuple[str, str]] = []
    keys: dict[str, str] = {}
    for path, text in files.items():
        if not path.endswith(".py") or not needs_black(text):
            continue
        key = keys[path] = cache_key(text)
        cached = cache.get("black", key) if cache is not None else None
        if cached is not None:
            out[path] = cached
        else:
            todo.append((path, text))
    workers = workers or os.cpu_count() or 1
    if workers > 1 and len(todo) >= PARALLEL_THRESHOLD:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            formatted = list(pool.map(_format_one, todo, chunksize=max(1, len(todo) // (workers * 8))))
    else:
        formatted = [_format_one(item) for item in todo]
    for path, text in formatted:
        out[path] = text
        if cache is not None:
            cache.put("black", keys[path], text)
    return out
