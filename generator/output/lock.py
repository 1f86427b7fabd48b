"""One run at a time per output folder: a lock the kernel lets go of when its holder dies.

The lock is an ``flock`` on ``.sdkforge-lock`` inside the output folder. A run that
writes holds it exclusively from before it reads anything in the folder (the manifest,
the files an unchanged run compares) until its write is done; a ``--check`` run holds it
shared, so checks run side by side, never beside a write. A second run waits, saying so.
However its holder ends (an error, ``kill -9``, a power cut), the kernel releases the
lock: a lock file left behind never blocks anyone.

The holder of an exclusive lock removes the lock file when it is done, so that a
finished run leaves nothing of it in the folder. A run that waited on the file it
opened may then hold a lock on a file no longer in the folder: it checks, after
locking, that the file it locked is the one at the path, and otherwise starts again.
Where there is no ``flock`` (Windows) there is no lock.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

LOCK = ".sdkforge-lock"


class LockError(Exception):
    """The lock file cannot be made or opened (the message says why)."""

    def __init__(self, message: str, read_only: bool = False) -> None:
        super().__init__(message)
        self.read_only = read_only
        """Whether the folder may not be written in: no run can write there either."""


@contextmanager
def folder_lock(out: Path, shared: bool = False, on_wait: Callable[[], None] = lambda: None) -> Iterator[Held]:
    """Hold the lock of output folder ``out`` for the ``with`` block.

    Exclusive (``shared`` false): ``out`` and its missing parents are made first, and
    the ones made are removed again at the end if they are empty. Shared: a folder that
    is not there is not made, and nothing is locked (there is nothing to read). Nothing
    is locked either where the lock file cannot be made because the folder may only be
    read. ``on_wait`` is called once if another run holds the lock.
    """
    if fcntl is None:
        yield Held(None)
        return
    made: list[Path] = []
    if shared:
        if not out.is_dir():
            yield Held(None)
            return
    else:
        made = _make_folder(out)
    try:
        try:
            fd = _acquire(out, shared, on_wait, made)
        except LockError as exc:
            if not (shared or exc.read_only):
                raise
            # A folder no one may write in: read it unlocked. A run that would write in it
            # fails before it has changed anything (its staging goes at the top level).
            yield Held(None)
            return
        try:
            yield Held(fd)
        finally:
            _release(out / LOCK, fd)
    finally:
        for folder in reversed(made):  # innermost first; only while empty
            with suppress(OSError):
                folder.rmdir()


class Held:
    """A lock held (or none, where there is nothing to lock)."""

    def __init__(self, fd: int | None) -> None:
        self._fd = fd

    def make_exclusive(self) -> None:
        """Turn a shared lock into an exclusive one, waiting for the other readers to
        finish. Not atomic: a run that writes may come in between."""
        if fcntl is not None and self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_EX)


def _acquire(out: Path, shared: bool, on_wait: Callable[[], None], made: list[Path]) -> int:
    assert fcntl is not None
    path = out / LOCK
    mode = fcntl.LOCK_SH if shared else fcntl.LOCK_EX
    waited = False
    while True:
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o644)
        except FileNotFoundError:  # the run we waited for removed the folder it had made
            if shared:
                raise LockError(f"{out} is gone") from None
            made.extend(_make_folder(out))
            continue
        except OSError as exc:
            read_only = exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS)
            raise LockError(f"cannot lock {out}: {exc.strerror or exc}", read_only) from None
        try:
            try:
                fcntl.flock(fd, mode | fcntl.LOCK_NB)
            except BlockingIOError:
                if not waited:
                    on_wait()
                    waited = True
                fcntl.flock(fd, mode)
            if _is_at(fd, path):
                return fd
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)  # the file we locked was removed by the run we waited for: again


def _is_at(fd: int, path: Path) -> bool:
    """Whether the open file ``fd`` is the file at ``path`` now."""
    try:
        there = os.lstat(path)
    except FileNotFoundError:
        return False
    mine = os.fstat(fd)
    return (there.st_dev, there.st_ino) == (mine.st_dev, mine.st_ino)


def _release(path: Path, fd: int) -> None:
    """Let go of the lock; the last holder removes the file. Unlocking explicitly matters:
    a forked child that inherited the descriptor must not keep the lock."""
    assert fcntl is not None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # no one else holds it: remove the file
        with suppress(OSError):
            os.unlink(path)
    except OSError as exc:
        if exc.errno not in (errno.EAGAIN, errno.EWOULDBLOCK, errno.EACCES):
            raise
    finally:
        with suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def _make_folder(out: Path) -> list[Path]:
    """Make ``out`` and its missing parents; return the ones made, outermost first."""
    if out.exists() and not out.is_dir():
        raise LockError(f"{out} is not a folder")
    missing = [folder for folder in [out, *out.parents] if not folder.exists()]
    made = []
    for folder in reversed(missing):
        try:
            folder.mkdir()
        except FileExistsError:
            if not folder.is_dir():
                raise LockError(f"{folder} is not a folder") from None
            continue  # another run made it at the same moment: it is not ours to remove
        except OSError as exc:
            raise LockError(f"cannot make {folder}: {exc.strerror or exc}") from None
        made.append(folder)
    return made
