"""Apply a planned write to the output folder so that, whenever the process dies, the
next run finds the old output or finishes making the new one.

A write goes in four steps:

1. Every new file is written under ``.sdkforge-staging/new/``, in the folder's layout.
2. The staged files are flushed to disk with their folders' entries (one ``sync`` for
   many files; an ``fsync`` of each, and of each folder, for a few: see :data:`SYNC_FROM`),
   then the journal ``.sdkforge-journal.json`` is written: a temporary file, flushed,
   renamed into place. A rename is atomic, so the journal is there whole or not at all;
   once it is, the write is decided.
3. Each step of the journal is one rename: a top-level folder that was not there moves
   in whole; a file's old version moves to ``.sdkforge-staging/old/`` and its new
   version into place; a removed file moves to ``old/`` too.
4. Folders emptied by removals are removed; once the folders the renames changed are
   flushed (each folder's ``fsync``, or one ``sync`` for many), the journal is removed,
   then the staging folder.

Every version of every file is, at every moment, in exactly one place: the new one in
``new/`` or in the folder, the old one in the folder or in ``old/``. So a step done
twice does nothing, and a run that finds a journal (it looks before reading anything
else in the folder) applies it again from the start: what was moved is passed over,
what was not is moved. With no journal, a staging folder is what a run left before
deciding its write (or after finishing it): it is removed, and the folder holds the old
output (or the new one).

The same state can be walked back: if a rename fails (a full disk, a permission) the
journal is turned round and every version goes back where it was, which a run finding
that journal also finishes. Paths in a journal are checked as a plan's are (plain, no
symbolic link on the way), so a journal cannot make a run move files outside the
folder.

A write into a new or empty folder stages its files as they are made, before the rest
are (:func:`open_staging`, :func:`stage_files`, by each process that makes files), and
then takes steps 2 to 4 (:func:`apply_staged`). Until its journal is written, its staging
folder is what a run left before deciding its write, like any other.

Test hook: with ``SDKFORGE_TEST_DIE_AT`` set to ``staged``, ``journaled``, ``moved:N``
(after N renames), ``applied`` or ``undoing`` (after a failed rename, once the journal is
turned round), the process kills itself (SIGKILL) at that point of a write, so that
tests can stop it exactly there as well as at random moments; with ``staging:N``, a
process kills itself once it has staged N files with :func:`stage_files` (while files
are still being made), and with ``interrupt:N`` it sends itself SIGINT there instead
(Ctrl-C). Nothing else reads it.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import stat
from collections.abc import Iterable
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path

from ..immutable import immutable

JOURNAL = ".sdkforge-journal.json"
STAGING = ".sdkforge-staging"
"""The staging folder; any entry whose name starts so is sdkforge's (older versions
named theirs ``.sdkforge-staging-XXXXXXXX``)."""


FileStat = tuple[int, int, int, int, int]
"""A file as a ``stat`` shows it: its size, modification and change times (nanoseconds),
inode and device (see :func:`stat_of`). Taken only where a later change to the file
cannot leave them all as they were (see :func:`generator.output.write.file_stat`), it
tells that a file still holds what it held, unread."""


def stat_of(status: os.stat_result) -> FileStat:
    """What a :data:`FileStat` holds of ``status``. The change time changes whatever
    changes the file (its content, or a modification time set back by hand); a move
    changes it too, but not the times of the files in a folder moved."""
    return (status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino, status.st_dev)


@immutable
class Stamp:
    """A moment as a file system's clock tells it (a file's modification time when it
    was written, in nanoseconds), on one device. A file on that device whose
    modification time is before a stamp, and which had its content by the stamp's
    moment, looks different once it is changed: the change gives it a modification time
    at or after the stamp, however coarse the file system's clock (see
    :func:`generator.output.write.file_stat`)."""

    device: int
    time: int

    @staticmethod
    def of(status: os.stat_result) -> Stamp:
        return Stamp(status.st_dev, status.st_mtime_ns)


class JournalError(Exception):
    """A write could not be applied, or a journal found cannot be."""


class RollbackFailed(JournalError):
    """A failed write could not be walked back whole; ``stranded`` are the files whose
    previous versions are still in ``kept``."""

    def __init__(self, cause: OSError, stranded: list[str], kept: Path) -> None:
        super().__init__(str(cause))
        self.cause = cause
        self.stranded = stranded
        self.kept = kept


@dataclass
class Journal:
    """The renames of one write."""

    written: list[str] = field(default_factory=list)
    """Files moved in one by one, from ``new/``."""
    replaced: set[str] = field(default_factory=set)
    """The written files that had an old version (it goes to ``old/``)."""
    removed: list[str] = field(default_factory=list)
    """Files taken away (to ``old/``)."""
    whole: list[str] = field(default_factory=list)
    """Top-level folders that were not there: each moves in with one rename."""
    made: list[str] = field(default_factory=list)
    """Folders made on the way to written files, outermost first."""
    forward: bool = True
    """Whether the write is being made (or, after a failure, undone)."""

    def to_text(self) -> str:
        data = {
            "generator": "sdkforge",
            "journal": 1,
            "forward": self.forward,
            "written": self.written,
            "replaced": sorted(self.replaced),
            "removed": self.removed,
            "whole": self.whole,
            "made": self.made,
        }
        return json.dumps(data, indent=0) + "\n"

    @staticmethod
    def from_text(text: str) -> Journal:
        data = json.loads(text)
        if not isinstance(data, dict) or data.get("journal") != 1 or not isinstance(data.get("forward"), bool):
            raise ValueError("not an sdkforge journal")
        lists = {}
        for name in ("written", "replaced", "removed", "whole", "made"):
            value = data.get(name)
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ValueError(f"its {name!r} is not a list of paths")
            for path in value:
                _check_path(path)
            lists[name] = value
        if any("/" in name for name in lists["whole"]):
            raise ValueError("a whole folder that is not at the top level")
        return Journal(
            lists["written"], set(lists["replaced"]), lists["removed"], lists["whole"], lists["made"], data["forward"]
        )


def _check_path(path: str) -> None:
    if any(p in ("", ".", "..") for p in path.split("/")) or "\\" in path or "\x00" in path:
        raise ValueError(f"{path!r} is not a plain path inside the output folder")
    if is_own(path.partition("/")[0]):
        raise ValueError(f"{path!r} is sdkforge's own")


def is_own(name: str) -> bool:
    """Whether a top-level name in the output folder is the journal's or staging's."""
    return name.startswith((STAGING, JOURNAL))


# ---- a write --------------------------------------------------------------------------


STAGE_IN_TWO_FROM = 200
"""From this many files on, two threads write the staged files. Making a file is mostly
the kernel's work, during which Python lets another thread run: two threads take a
third less time than one for an SDK the size of GitHub's."""


SYNC_FROM = 32
"""From this many files (or folders) on, one ``sync`` puts a write on disk; below it, an
``fsync`` of each file and folder does, and leaves alone what other files wait to be
written: after an edit of GitHub's spec the process beside the run has just written
20 MB to the cache, which a ``sync`` would wait for. With 25 MB waiting, a ``sync``
took 13 - 32 ms here, an ``fsync`` of each of 30 small files 2 - 9 ms, of 100 files
16 - 60 ms (each one a commit of the file system's journal)."""


def apply_write(root: Path, files: dict[str, str], journal: Journal) -> Stamp:
    """Make the write ``journal`` describes in ``root`` (a resolved, existing folder;
    ``files``: the text of every written file, and of every file in a whole folder);
    returns when the write was decided (see :func:`apply_staged`).

    Raises :class:`OSError` if the write failed before it was decided, or was walked
    back whole (the folder is as it was); :class:`RollbackFailed` if walking back failed.
    """
    new = open_staging(root, {path.rpartition("/")[0] for path in files})
    few = len(files) < SYNC_FROM
    try:
        _stage(new, list(files), files, durable=few)
    except BaseException:
        remove_staging(root)
        raise
    return apply_staged(root, journal, files if few else None)


def open_staging(root: Path, folders: Iterable[str]) -> Path:
    """Make an empty staging folder in ``root`` (a resolved, existing folder), with
    ``folders`` (relative, "" for the top) under its ``new/`` folder; return ``new/``.
    What a run left of its staging (with no journal that needs it) is removed first."""
    remove_leftovers(root)
    staging = root / STAGING
    try:
        staging.mkdir()
        new = staging / "new"
        new.mkdir()
        for folder in sorted(set(folders) - {""}):
            (new / folder).mkdir(parents=True, exist_ok=True)
    except BaseException:
        remove_staging(root)
        raise
    return new


def stage_files(new: Path, files: dict[str, str], durable: bool = False) -> dict[str, FileStat]:
    """Stage ``files`` under ``new`` (see :func:`open_staging`; their folders exist), one
    batch of many: this may be called in a forked process as it makes its files. A file
    staged already (by a forked process that died before it answered, whose files this
    one makes again) is replaced. Returns the stat of each file staged. ``durable``: each
    file is flushed to disk (``fsync``) as it is written (see :func:`apply_staged`)."""
    global _staged_here
    seen = _stage(new, list(files), files, durable)
    _staged_here += len(files)
    _test_count("staging", _staged_here)
    _test_count("interrupt", _staged_here, signal.SIGINT)
    return seen


_staged_here = 0
"""Files this process staged with :func:`stage_files` (for the test hook ``staging:N``)."""


def apply_staged(root: Path, journal: Journal, flushed: Iterable[str] | None = None) -> Stamp:
    """Steps 2 to 4 (see the module's docstring) of a write whose files are all staged
    under ``root``'s staging folder (see :func:`open_staging`); raises as :func:`apply_write`.
    ``flushed``: every staged file, when each was staged ``durable`` (a few: see
    :data:`SYNC_FROM`): then only their folders are flushed, not the whole system.
    The staging folder is removed whatever happens, unless a journal still needs it.

    Returns the journal's :class:`Stamp`: every file of the write was staged before it,
    and moved into the folder after it (a move keeps a file's modification time)."""
    staging = root / STAGING
    try:
        _test_point("staged")
        if flushed is None:
            _sync()
        else:  # the staged files' folders, up to the output folder, which holds the staging folder
            folders = {f"{STAGING}/new/{folder}".rstrip("/") for folder in folders_of(flushed)}
            _flush_folders(root, folders | {STAGING, ""})
        stamp = _write_journal(root, journal)
    except BaseException:
        remove_staging(root)
        raise
    _test_point("journaled")
    try:
        _walk(root, journal, count=True)
    except OSError as failure:
        journal.forward = False
        try:
            _write_journal(root, journal)  # a crash while walking back walks back too
        except OSError:
            pass  # the journal goes forward: every version is kept, a crash would finish the write
        _test_point("undoing")
        try:
            _walk(root, journal)
        except OSError:
            stranded = [p for p in [*journal.written, *journal.removed] if os.path.lexists(staging / "old" / p)]
            raise RollbackFailed(failure, stranded, staging / "old") from failure
        _finish(root, journal)
        raise failure
    _test_point("applied")
    _finish(root, journal)
    return stamp


_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
"""How a staged file is opened: made new (staging starts empty), written as bytes."""


def _stage(new: Path, paths: list[str], files: dict[str, str], durable: bool = False) -> dict[str, FileStat]:
    """Write ``paths`` under ``new`` (their folders exist); the stat of each, as written;
    ``durable``: each flushed to disk too.

    Each file is four system calls (open, write, stat, close): a file object would add a
    ``stat``, a terminal check and a seek to each of thousands of files.
    """
    staged = str(new)
    seen: dict[str, FileStat] = {}

    def put(share: list[str]) -> None:
        for path in share:
            data = files[path].encode("utf-8")
            try:
                fd = os.open(f"{staged}/{path}", _NEW_FILE, 0o666)
            except FileExistsError:  # staged by a process that died before it answered: made anew
                os.unlink(f"{staged}/{path}")
                fd = os.open(f"{staged}/{path}", _NEW_FILE, 0o666)
            try:
                done = os.write(fd, data)
                while done < len(data):  # a short write (a signal, a huge file): the rest
                    done += os.write(fd, memoryview(data)[done:])
                if durable:
                    os.fsync(fd)
                seen[path] = stat_of(os.fstat(fd))
            finally:
                os.close(fd)

    if len(paths) < STAGE_IN_TWO_FROM:
        put(paths)
        return seen
    import concurrent.futures  # here: a run that writes few files (or none) does without it

    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        for done in [pool.submit(put, paths[0::2]), pool.submit(put, paths[1::2])]:
            done.result()
    return seen


def _sync() -> None:
    """Put what was written on disk. One ``sync`` costs a fraction of a second where an
    ``fsync`` per file would cost seconds for thousands of files."""
    sync = getattr(os, "sync", None)
    if sync is not None:
        sync()


def _write_journal(root: Path, journal: Journal) -> Stamp:
    """Write the journal whole, or leave the one there (if any) as it was; its stamp."""
    temporary = root / f"{JOURNAL}.tmp"
    try:
        with open(temporary, "w", encoding="utf-8") as stream:
            stream.write(journal.to_text())
            stream.flush()
            os.fsync(stream.fileno())
            stamp = Stamp.of(os.fstat(stream.fileno()))
        os.replace(temporary, root / JOURNAL)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    _sync_folder(root)
    return stamp


def folders_of(paths: Iterable[str]) -> set[str]:
    """Every folder on the way to each of ``paths`` (relative; "" for the top)."""
    folders = {""}
    for parent in {path.rpartition("/")[0] for path in paths}:
        while parent not in folders:
            folders.add(parent)
            parent = parent.rpartition("/")[0]
    return folders


def _flush_folders(root: Path, folders: set[str]) -> None:
    """Put the entries of ``folders`` (relative to ``root``) on disk: each folder's
    ``fsync``, deepest first, or one ``sync`` for many (see :data:`SYNC_FROM`)."""
    if len(folders) >= SYNC_FROM:
        _sync()
        return
    for folder in sorted(folders, key=lambda name: -name.count("/")):
        _sync_folder(root / folder)


def _sync_folder(folder: Path) -> None:
    """Put a folder's entries (a rename, a removal in it) on disk, where that can be asked for."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some systems cannot flush a folder
    finally:
        os.close(fd)


# ---- walking a journal, either way ------------------------------------------------------


def _walk(root: Path, journal: Journal, count: bool = False) -> None:
    """Do every step of ``journal`` in its direction that is not done yet."""
    way = _Way(root)
    new, old = root / STAGING / "new", root / STAGING / "old"
    moves = 0

    def move(source: Path, target: Path) -> None:
        nonlocal moves
        os.replace(source, target)
        moves += 1
        if count:
            _test_point(f"moved:{moves}")

    if journal.forward:
        for name in journal.whole:
            if way.has(new, name):  # onto a folder made since the plan (not empty), the rename fails
                move(new / name, root / name)
        for folder in journal.made:
            way.make(folder)
        for path in journal.written:
            if not way.has(new, path):
                continue  # moved in already
            way.check(path)
            if path in journal.replaced and os.path.lexists(root / path) and not os.path.lexists(old / path):
                way.make_in(old, path)
                move(root / path, old / path)
            move(new / path, root / path)
        for path in journal.removed:
            if way.has(root, path) and not os.path.lexists(old / path):
                way.make_in(old, path)
                move(root / path, old / path)
        _remove_empty_parents(root, journal.removed)
    else:
        for path in reversed(journal.removed):
            if way.has(old, path):
                way.check(path)
                move(old / path, root / path)
        for path in reversed(journal.written):
            new_in_place = path not in journal.replaced or os.path.lexists(old / path)
            if not way.has(new, path) and new_in_place and way.has(root, path):
                way.make_in(new, path)
                move(root / path, new / path)
            if path in journal.replaced and way.has(old, path):
                move(old / path, root / path)
        for folder in reversed(journal.made):
            if not way.has(root, folder):
                continue
            try:
                (root / folder).rmdir()
            except OSError:
                if any((root / folder).iterdir()):
                    continue  # something not ours is in it
                raise
        for name in reversed(journal.whole):
            if not os.path.lexists(new / name) and way.has(root, name):
                move(root / name, new / name)


class _Way:
    """Checks that the folders on the way to a path are real folders (no symbolic link:
    a journal found in a folder must not lead a run outside it), each folder once."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._real: set[Path] = {root}

    def _folder(self, folder: Path, make: bool) -> bool:
        """Whether ``folder`` (under a checked folder) is a real folder; ``make``: make it if missing."""
        if folder in self._real:
            return True
        if not self._folder(folder.parent, make):
            return False
        try:
            mode = os.lstat(folder).st_mode
        except FileNotFoundError:
            if not make:
                return False
            folder.mkdir()
            mode = os.lstat(folder).st_mode
        if stat.S_ISLNK(mode) or not stat.S_ISDIR(mode):
            raise OSError(f"{folder} is not a folder")
        self._real.add(folder)
        return True

    def has(self, base: Path, path: str) -> bool:
        """Whether something (not a symbolic link, unless ``path`` itself is one) is at ``base / path``."""
        return self._folder((base / path).parent, make=False) and os.path.lexists(base / path)

    def check(self, path: str) -> None:
        """Make the folders on the way to ``path`` in the output folder, checking them."""
        self._folder((self.root / path).parent, make=True)

    def make(self, folder: str) -> None:
        self._folder(self.root / folder, make=True)

    def make_in(self, base: Path, path: str) -> None:
        self._folder((base / path).parent, make=True)


def _remove_empty_parents(root: Path, removed: Iterable[str]) -> None:
    """Remove the folders of removed files that are empty now, up to ``root``."""
    for path in removed:
        folder = (root / path).parent
        while folder != root:
            try:
                folder.rmdir()
            except OSError:  # not empty (or gone): the folders above it are not empty either
                break
            folder = folder.parent


def _finish(root: Path, journal: Journal) -> None:
    """The journal is walked: once its renames are on disk (the folders in the output
    folder they changed), remove it, then the staging folder."""
    _flush_folders(root, folders_of([*journal.whole, *journal.made, *journal.written, *journal.removed]))
    (root / JOURNAL).unlink(missing_ok=True)
    _sync_folder(root)
    remove_staging(root)


def remove_staging(root: Path) -> None:
    """Remove ``root``'s staging folder (what is in it is no output)."""
    staging = root / STAGING
    if os.path.isdir(staging) and not os.path.islink(staging):
        shutil.rmtree(staging, ignore_errors=True)


# ---- what a run finds ------------------------------------------------------------------


def pending(root: Path) -> bool:
    """Whether ``root`` holds a journal: a write that a crash (or a failure) left unfinished."""
    return os.path.lexists(root / JOURNAL)


def recover(root: Path) -> bool:
    """Finish (or walk back) the write a journal in ``root`` describes, if there is one,
    and remove what a run left of its staging; returns whether there was a journal.

    Raises :class:`JournalError` when the journal cannot be read or walked.
    """
    if not root.is_dir():
        return False
    found = pending(root)
    if found:
        path = root / JOURNAL
        try:
            if os.path.islink(path):
                raise ValueError("it is a symbolic link")
            journal = Journal.from_text(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise JournalError(
                f"{path} (what an interrupted sdkforge run left to finish its write) is unreadable: {exc}; "
                "remove it and the .sdkforge-staging folder, then generate again"
            ) from None
        try:
            _walk(root.resolve(), journal)
            _finish(root, journal)
        except OSError as exc:
            raise JournalError(
                f"cannot finish the write an interrupted sdkforge run left in {root}: {exc.strerror or exc}"
            ) from None
    remove_leftovers(root)
    return found


def remove_leftovers(root: Path) -> None:
    """Remove staging folders (and a journal's temporary file) that no journal refers to."""
    if pending(root):
        return
    try:
        entries = list(os.scandir(root))
    except OSError:
        return
    for entry in entries:
        if not is_own(entry.name):
            continue
        if entry.is_dir(follow_symlinks=False):
            shutil.rmtree(entry.path, ignore_errors=True)
        else:
            with suppress(OSError):
                os.unlink(entry.path)


_DIE_AT = os.environ.get("SDKFORGE_TEST_DIE_AT")


def _test_point(name: str) -> None:
    """The test hook (see the module's docstring): die here if asked to."""
    if _DIE_AT is not None and _DIE_AT == name:
        os.kill(os.getpid(), signal.SIGKILL)


def _test_count(name: str, count: int, how: signal.Signals = signal.SIGKILL) -> None:
    """The test hook at ``name:N`` (see the module's docstring): send this process ``how``
    once ``count`` is N or more."""
    if _DIE_AT is not None and _DIE_AT.startswith(f"{name}:") and count >= int(_DIE_AT.partition(":")[2]):
        os.kill(os.getpid(), how)
