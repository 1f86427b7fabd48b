"""Format generated Python source with black: in process, on every core, remembered.

Black is the slowest stage by far (a few thousand lines a second per core), so:

- files are formatted in parallel, one worker process per core, when there are enough
  of them to pay for the workers' start;
- each result is cached, keyed by a hash of the unformatted text, black's version and
  its mode, so regenerating after a small spec change formats only the files that
  changed (see :mod:`generator.cache`).
"""

from __future__ import annotations

import hashlib
import os
from concurrent.futures import ProcessPoolExecutor
from importlib import metadata

import black
from black.mode import TargetVersion
from black.parsing import InvalidInput

from .cache import Cache

_MODE = black.Mode(target_versions={TargetVersion.PY311}, line_length=88)
_FINGERPRINT = f"black {metadata.version('black')} {_MODE!r}".encode()
PARALLEL_THRESHOLD = 64
"""Fewer files than this are formatted in this process: workers would cost more than they save."""


class FormatError(Exception):
    """Generated code that black cannot parse: a generator bug, reported with the file."""


def _format_one(item: tuple[str, str]) -> tuple[str, str]:
    path, text = item
    try:
        return path, black.format_str(text, mode=_MODE)
    except InvalidInput as exc:
        raise FormatError(f"{path}: generated code does not parse: {exc}") from None


def cache_key(text: str) -> str:
    """The cache key of one unformatted file: black's version and mode, and the text."""
    return hashlib.sha256(_FINGERPRINT + b"\0" + text.encode("utf-8")).hexdigest()


def format_files(files: dict[str, str], cache: Cache | None = None, workers: int | None = None) -> dict[str, str]:
    """Black-format every ``.py`` file; other files pass through unchanged.

    ``workers`` defaults to the number of cores; ``cache`` (None: no cache) remembers
    results across runs.
    """
    out = dict(files)
    todo: list[tuple[str, str]] = []
    keys: dict[str, str] = {}
    for path, text in files.items():
        if not path.endswith(".py"):
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
