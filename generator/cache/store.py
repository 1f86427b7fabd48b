"""A folder of results that are slow to compute and keyed by what they depend on.

Entries are files named by their key (a hex digest) under a namespace (``black``,
``validate``, ``jinja``...). The folder is ``$SDKFORGE_CACHE_DIR``, else
``$XDG_CACHE_HOME/sdkforge``, else ``~/.cache/sdkforge``; ``--no-cache`` turns it off.

A cache is only ever a shortcut, and this module makes sure of it:

- every entry ends with the sha256 of what precedes it, and is read only if that
  matches: an entry emptied, cut short or with a byte changed (a crash, a full disk, a
  bad sector, a hand) is a miss, computed again and stored anew, never output (bytes
  whose digest the writer knew are not hashed again: if it was not theirs, they are such
  a miss);
- an entry is written to a temporary file and renamed into place, so a reader sees a
  whole entry or none;
- a folder that cannot be written (not a folder, no permission, a full disk) is never
  an error: the first failure is noted (see :meth:`Cache.trouble`, which the command
  prints once as a warning) and nothing more is written in that run. The note is kept
  in memory shared with forked children (:mod:`generator.parallel.beside`), which write entries
  too.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import mmap
import os
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO, cast

DIGEST = hashlib.sha256().digest_size
_NOTE = 1024
"""Bytes kept for the note of the first failure to write (its length, then its text)."""


def default_cache_dir() -> Path:
    """Where the cache lives unless told otherwise."""
    if os.environ.get("SDKFORGE_CACHE_DIR"):
        return Path(os.environ["SDKFORGE_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "sdkforge"


class Cache:
    """Values by namespace and key, stored as checksummed files."""

    def __init__(self, root: Path) -> None:
        self.root = root
        # Anonymous shared memory: a child forked later writes its note where this process reads it.
        self._note = mmap.mmap(-1, _NOTE)

    def _path(self, namespace: str, key: str) -> Path:
        return self.root / namespace / key[:2] / key

    # ---- reading --------------------------------------------------------------------

    def get(self, namespace: str, key: str) -> str | None:
        """The text stored under ``key``; None if there is none or it is damaged."""
        data = self.get_bytes(namespace, key)
        if data is None:
            return None
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            return None

    def get_bytes(self, namespace: str, key: str) -> bytes | None:
        """The bytes stored under ``key``; None if there are none or they are damaged."""
        try:
            data = self._path(namespace, key).read_bytes()
        except OSError:
            return None
        body, digest = data[:-DIGEST], data[-DIGEST:]
        if len(data) < DIGEST or hashlib.sha256(body).digest() != digest:
            return None
        return body

    def open(self, namespace: str, key: str) -> BinaryIO | None:
        """The value stored under ``key``, to read as a stream that ends where the value
        ends; None if there is none or it is damaged.

        The whole entry is checked before it is handed out, so a reader never sees bytes
        that were not written; and a reader that reads on past the value (one of another
        shape than it expects, say: an entry of another layout) meets the stream's end, not
        the checksum that follows the value in the file, read as if it were more of it."""
        data = self.get_bytes(namespace, key)
        return io.BytesIO(data) if data is not None else None

    def get_hashed(self, namespace: str, key: str, digest: str) -> bytes | None:
        """The bytes stored under ``key`` (see :meth:`put_hashed`) if their sha256 is
        ``digest`` (hex); None if there are none, or they are damaged or other bytes."""
        try:
            checksum = bytes.fromhex(digest)
            with self._path(namespace, key).open("rb") as stream:
                size = os.fstat(stream.fileno()).st_size - DIGEST
                body = stream.read(size) if size >= 0 else b""
                tail = stream.read()
        except (OSError, ValueError):
            return None
        if size < 0 or len(body) != size or tail != checksum or hashlib.sha256(body).digest() != checksum:
            return None
        return body

    # ---- writing --------------------------------------------------------------------

    def put(self, namespace: str, key: str, value: str) -> None:
        """Store the text ``value`` under ``key`` (see :meth:`put_bytes`)."""
        self.put_bytes(namespace, key, value.encode("utf-8"))

    def put_bytes(self, namespace: str, key: str, value: bytes) -> None:
        """Store ``value`` under ``key``, atomically, with its checksum; a failure of
        the file system is noted, not raised."""

        def write(stream: BinaryIO) -> None:
            stream.write(value)

        self.put_stream(namespace, key, write)

    def put_stream(self, namespace: str, key: str, write: Callable[[BinaryIO], None]) -> bool:
        """Store what ``write`` writes under ``key`` (atomically, with its checksum);
        whether it was stored. A failure of the file system is noted, not raised;
        ``write``'s own errors are raised."""

        def whole(handle: BinaryIO) -> None:
            summed = _Summing(handle)
            write(cast(BinaryIO, summed))
            handle.write(summed.digest.digest())

        return self._put(namespace, key, whole)

    def put_hashed(self, namespace: str, key: str, value: bytes, digest: str) -> bool:
        """Store ``value`` under ``key``, atomically, with ``digest`` as its checksum: the
        sha256 of ``value`` (hex), as the caller knows it, not hashed again. Bytes the digest
        is not that of read as damaged (see :meth:`get_hashed`). Whether it was stored."""
        checksum = bytes.fromhex(digest)

        def whole(handle: BinaryIO) -> None:
            handle.write(value)
            handle.write(checksum)

        return self._put(namespace, key, whole)

    def _put(self, namespace: str, key: str, whole: Callable[[BinaryIO], None]) -> bool:
        """Store what ``whole`` writes, checksum included, under ``key`` (see :meth:`put_stream`)."""
        if self.trouble() is not None:
            return False  # the folder failed once this run: not tried again
        import tempfile  # here: a run with nothing to do writes nothing (it brings ``random``)

        path = self._path(namespace, key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        except OSError as exc:
            self._failed(exc)
            return False
        try:
            with os.fdopen(fd, "wb") as handle:
                whole(handle)
            os.replace(tmp, path)
            return True
        except OSError as exc:
            self._failed(exc)
            return False
        finally:
            with contextlib.suppress(OSError):
                os.unlink(tmp)  # left only when something failed

    # ---- trouble --------------------------------------------------------------------

    def trouble(self) -> str | None:
        """Why the cache could not be written in this run (by this process or a child
        forked from it), if it could not: the first failure, in words."""
        length = int.from_bytes(self._note[:2], "big")
        return self._note[2 : 2 + length].decode("utf-8", "replace") if length else None

    def _failed(self, exc: OSError) -> None:
        if self.trouble() is None:
            reason = exc.strerror or str(exc) or type(exc).__name__
            text = f"cannot write to the cache folder {self.root} ({reason})".encode()[: _NOTE - 2]
            self._note[2 : 2 + len(text)] = text
            self._note[:2] = len(text).to_bytes(2, "big")


class _Summing(io.RawIOBase):
    """A binary stream that writes through to another and hashes what it writes."""

    def __init__(self, inner: BinaryIO) -> None:
        super().__init__()
        self._inner = inner
        self.digest = hashlib.sha256()

    def writable(self) -> bool:
        return True

    def write(self, data: object) -> int:
        view = memoryview(cast(bytes, data))
        self.digest.update(view)
        self._inner.write(view)
        return view.nbytes
