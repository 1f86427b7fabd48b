"""A folder of results that are slow to compute and keyed by what they depend on.

Entries are plain text files named by their key (a sha256 hex digest) under a namespace
(``black``, ``validate``...). The folder is ``$SDKFORGE_CACHE_DIR``, else
``$XDG_CACHE_HOME/sdkforge``, else ``~/.cache/sdkforge``; ``--no-cache`` turns it off.
A cache is only ever a shortcut: a missing, unreadable or corrupt entry is computed
again, and a failure to write one is ignored.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO


def default_cache_dir() -> Path:
    """Where the cache lives unless told otherwise."""
    if os.environ.get("SDKFORGE_CACHE_DIR"):
        return Path(os.environ["SDKFORGE_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "sdkforge"


class Cache:
    """Text values by namespace and key, stored as files."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, namespace: str, key: str) -> Path:
        return self.root / namespace / key[:2] / key

    def get(self, namespace: str, key: str) -> str | None:
        """The value stored under ``key``, or None."""
        try:
            return self._path(namespace, key).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None

    def put(self, namespace: str, key: str, value: str) -> None:
        """Store ``value`` under ``key`` (atomically; errors are ignored)."""
        path = self._path(namespace, key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(value)
            os.replace(tmp, path)
        except OSError:
            return

    def open(self, namespace: str, key: str) -> BinaryIO | None:
        """The value stored under ``key``, to read as bytes; None if there is none."""
        try:
            return self._path(namespace, key).open("rb")
        except OSError:
            return None

    def put_stream(self, namespace: str, key: str, write: Callable[[BinaryIO], None]) -> bool:
        """Store what ``write`` writes under ``key`` (atomically); whether it was stored.
        An error of the file system is ignored; ``write``'s own errors are raised."""
        path = self._path(namespace, key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        except OSError:
            return False
        try:
            with os.fdopen(fd, "wb") as handle:
                write(handle)
            os.replace(tmp, path)
            return True
        except OSError:
            return False
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
