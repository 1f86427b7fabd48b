"""Put generated files on disk safely, or compare them with what is there.

- Every path is checked to stay inside the output folder (no absolute paths, no ``..``,
  no writing through a symbolic link).
- A manifest (``.sdkforge-manifest.json``) lists the files we generated; a file we
  generated before and no longer generate is removed; a file we never generated is
  never touched. A non-empty folder without our manifest is refused unless forced, and
  so is overwriting a file the manifest does not list. sdkforge's own entries (the
  manifest, the lock, a journal, staging) are never taken for the user's.
- Every problem we can foresee (a folder where a file goes, a file where a folder
  goes, a manifest path that leaves the folder) is found before anything is written.
- One run at a time holds a folder (:func:`output_folder`, :mod:`generator.output.lock`), from
  before it reads the folder to the end of its write.
- Files are written to a staging folder first and moved into place, following a
  journal, only when all of them are written; unchanged files are not rewritten (see
  :mod:`generator.output.journal`). If moving them fails part-way (a full disk, a permission),
  every file already moved is put back as it was and the failure is an
  :class:`OutputError`; if the process dies, the next run finishes the write first.
- Into a new or empty folder (the first run into it), every path is checked before the
  run renders, and each file is staged as soon as it is made, by whichever process made
  it: the write at the end is only the journal's renames (:class:`StagedWrite`). Into
  any other folder, each file is compared with the one there (unchanged files are not
  rewritten, the user's are refused), which needs every file's text at the end.
"""

from __future__ import annotations

import json
import marshal
import os
import shutil
import stat
from collections.abc import Callable, Collection, Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .journal import (
    SYNC_FROM,
    FileStat,
    Journal,
    JournalError,
    RollbackFailed,
    Stamp,
    apply_staged,
    apply_write,
    folders_of,
    is_own,
    open_staging,
    pending,
    recover,
    remove_leftovers,
    remove_staging,
    stage_files,
    stat_of,
)
from .lock import LOCK, LockError, folder_lock

MANIFEST = ".sdkforge-manifest.json"

WRITE_BACK_EVERY = 8
"""A write staged as its files are made starts putting them on disk each time this
process has staged another such share of them (see :meth:`StagedWrite._write_back`).
Cold runs on GitHub's spec (load average 5 from other work): the write at the end took
0.18 - 0.55 s (its ``sync`` 0.11 - 0.41 s) without it, 0.07 - 0.25 s (0.03 - 0.07 s) with it."""


class OutputError(Exception):
    """The output folder cannot be used as asked."""


@dataclass
class WriteReport:
    """What a write did (or, with ``check``, would do)."""

    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    diff: str = ""
    replaced: set[str] = field(default_factory=set, repr=False)
    """The written paths that had a file before (its old version is kept until the end)."""
    stats: dict[str, FileStat] = field(default_factory=dict, repr=False)
    """The :func:`file_stat` of each file written or found as wanted, where one can be
    taken, and the one known of each kept file (see :func:`write_files`)."""

    @property
    def changed(self) -> bool:
        return bool(self.written or self.removed)


def file_stat(seen: FileStat, stamp: Stamp | None) -> FileStat | None:
    """``seen`` (a file's stat, taken once the file held what it must), if any change to
    the file would show in it: the file had its content by ``stamp``'s moment and was
    last modified before it, on the stamp's device, so a change gives it a later
    modification time. None for a file modified too recently to tell (git calls such
    an entry "racy"): it is read to be checked."""
    _, modified, _, _, device = seen
    return seen if stamp is not None and device == stamp.device and modified < stamp.time else None


def safe_relative(path: str) -> PurePosixPath:
    """Check that a generated path is a plain relative path; return it."""
    check_relative(path)
    return PurePosixPath(path)


def check_relative(path: str) -> None:
    """Refuse a generated path that is not a plain relative path (checked on the string:
    an absolute path has an empty first part)."""
    if not _plain(path, 1):
        raise OutputError(f"refusing to write {path!r}: not a plain path inside the output folder")


class _OutputTree:
    """What stands at generated paths in the output folder, checked one folder at a time.

    Every folder on the way to a path is looked at once (``lstat``), however many files
    it holds: a symbolic link anywhere on the way, or a file where a folder must go, is
    refused. With no links and no ``..`` (see :func:`safe_relative`), a path cannot
    resolve outside the folder.
    """

    def __init__(self, out: Path) -> None:
        self.out = out
        self.root = out.resolve()
        self._folders: dict[str, bool] = {"": self.root.is_dir()}  # relative folder -> it exists
        self.read: dict[str, FileStat] = {}
        """The stat of each regular file read, taken before it was read."""

    def folder_exists(self, folder: str, for_path: str) -> bool:
        """Whether ``folder`` (relative, "" for the root) exists as a real folder."""
        known = self._folders.get(folder)
        if known is not None:
            return known
        parent = folder.rpartition("/")[0]
        exists = self.folder_exists(parent, for_path) and self._kind(folder, for_path) == "folder"
        self._folders[folder] = exists
        return exists

    def _kind(self, rel: str, for_path: str) -> str | None:
        """What is at ``rel``: a "folder", a "file" (its ``lstat`` kept in :attr:`read`) or
        None (nothing). A symbolic link is refused, and so is a file where ``rel`` must be
        a folder on the way to ``for_path``."""
        try:
            status = os.lstat(self.root / rel)
            mode = status.st_mode
        except FileNotFoundError:
            return None
        except OSError as exc:  # a name too long for the file system, say
            raise OutputError(f"cannot write {for_path}: {exc.strerror or exc}") from None
        if stat.S_ISLNK(mode):
            raise OutputError(f"refusing to write {for_path}: {rel} is a symbolic link")
        if stat.S_ISDIR(mode):
            return "folder"
        if rel != for_path:
            raise OutputError(f"cannot write {for_path}: {self.root / rel} is a file, not a folder")
        if stat.S_ISREG(mode):
            self.read[rel] = stat_of(status)
        return "file"

    def old_text(self, rel: str) -> str | None:
        """The text at ``rel`` now (None: nothing there), after checking the way to it."""
        if not self.folder_exists(rel.rpartition("/")[0], rel):
            return None
        kind = self._kind(rel, rel)
        if kind == "folder":
            raise OutputError(f"cannot write {rel}: {self.out / rel} is a folder")
        return _read_text(self.root / rel) if kind == "file" else None


def read_manifest(out: Path) -> list[str] | None:
    """The files listed in ``out``'s manifest, or None when there is no manifest."""
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise OutputError(f"{out / MANIFEST} is unreadable: {exc}") from exc
    files = data.get("files") if isinstance(data, dict) else None
    if not isinstance(files, list) or not set(map(type, files)) <= {str}:
        raise OutputError(f"{out / MANIFEST} is not an sdkforge manifest")
    return files


def _sdkforge_own(name: str) -> bool:
    """Whether a top-level name in the output folder is sdkforge's own, never the user's."""
    return name in (MANIFEST, LOCK) or is_own(name)


def _plain(paths: str, count: int) -> bool:
    """Whether ``paths`` (``count`` paths, a NUL between each two) are plain relative
    paths: none holds a NUL or a backslash, or has an empty, "." or ".." part."""
    if paths.count("\x00") != count - 1 or "\\" in paths:
        return False
    parts = "\x00" + paths.replace("/", "\x00") + "\x00"  # each part between two NULs
    return "\x00\x00" not in parts and "\x00.\x00" not in parts and "\x00..\x00" not in parts


def _manifest_text(files: list[str]) -> str:
    """``{"generator": "sdkforge", "files": sorted(files)}`` as ``json.dumps`` writes it with
    ``indent=2``, which takes its slow encoder: the fast one, with that indent between items."""
    listed = json.dumps(sorted(files), separators=(",\n    ", ": "))
    listed = f"[\n    {listed[1:-1]}\n  ]" if files else "[]"
    return f'{{\n  "generator": "sdkforge",\n  "files": {listed}\n}}\n'


def _check_paths(out: Path, files: Collection[str], kept: Collection[str] = ()) -> None:
    """Refuse, before anything is written, generated paths that are not plain relative
    paths, that name sdkforge's own entries, or that only their case tells apart; and an
    output folder that is a file."""
    if out.exists() and not out.is_dir():
        raise OutputError(f"{out} is not a folder")
    if MANIFEST in files:
        raise OutputError(f"refusing to generate a file named {MANIFEST}: sdkforge keeps its manifest there")
    if any(_sdkforge_own(top) for top in {path.partition("/")[0] for path in files}):
        own = next(path for path in files if _sdkforge_own(path.partition("/")[0]))
        raise OutputError(f"refusing to generate {own!r}: sdkforge keeps its own files under that name")
    every = [*files, *kept]
    # All paths at once, as one string (NUL between them): which path is wrong, if one
    # is, is found path by path below.
    joined = "\x00".join(every)
    if _plain(joined, len(every)) and len(set(joined.casefold().split("\x00"))) == len(set(every)):
        return
    folded: dict[str, str] = {}
    for path in every:
        check_relative(path)  # where each path resolves is checked against the folder, once
        other = folded.setdefault(path.casefold(), path)
        if other != path:
            raise OutputError(
                f"{other!r} and {path!r} differ only in case: one would overwrite the other on many systems"
            )


def plan_changes(out: Path, files: dict[str, str], force: bool = False, with_diff: bool = False) -> WriteReport:
    """Compare ``files`` with ``out``: what would be written, left alone and removed
    (and, ``with_diff``, the unified diff of it, which only ``--check`` shows).

    Raises :class:`OutputError`, before anything is written, for every reason the write
    could not be done safely.
    """
    return _plan(out, files, force, with_diff)[0]


def _plan(
    out: Path,
    files: dict[str, str],
    force: bool = False,
    with_diff: bool = False,
    kept: Collection[str] = (),
    known: Mapping[str, FileStat] | None = None,
) -> tuple[WriteReport, dict[str, str]]:
    """:func:`plan_changes`' report, and the text of every file it plans (the manifest's
    too). ``kept`` are generated files the caller knows to be in ``out`` as they should
    be: they stay in the manifest and are not read; ``known``: their stats, which the
    report keeps."""
    _check_paths(out, files, kept)
    since = _clock(out)  # before any file is read
    previous = read_manifest(out) if out.exists() else None
    if previous is None and out.exists() and any(not _sdkforge_own(p.name) for p in out.iterdir()) and not force:
        raise OutputError(
            f"{out} is not empty and was not generated by sdkforge (no {MANIFEST}); "
            "use --force to generate into it anyway (files we do not generate are kept)"
        )
    report = WriteReport(unchanged=list(kept), stats={p: known[p] for p in kept if p in known} if known else {})
    diffs: list[str] = []
    wanted = dict(files)
    wanted[MANIFEST] = _manifest_text([*files, *kept])
    ours = set(previous or ()) | {MANIFEST}
    tree = _OutputTree(out)
    for path in sorted(wanted):
        old = tree.old_text(path)
        if old == wanted[path]:
            report.unchanged.append(path)
            if path in tree.read and (seen := file_stat(tree.read[path], since)) is not None:
                report.stats[path] = seen
            continue
        if old is not None and path not in ours and previous is not None and not force:
            raise OutputError(
                f"{out / path} exists and sdkforge did not generate it (it is not in {MANIFEST}); "
                "move it away, or use --force to overwrite it"
            )
        report.written.append(path)
        if old is not None:
            report.replaced.add(path)
        if with_diff:
            diffs.append(_diff(path, old, wanted[path]))
    for path in sorted(set(previous or []) - set(files) - set(kept)):
        safe_relative(path)
        old = tree.old_text(path)
        if old is not None:
            report.removed.append(path)
            if with_diff:
                diffs.append(_diff(path, old, None))
    report.diff = "".join(diffs)
    report.unchanged.sort()
    return report, wanted


def _clock(out: Path) -> Stamp | None:
    """A stamp from before this run read any file in ``out``: when its lock file was
    made (see :mod:`generator.output.lock`); None without one."""
    try:
        return Stamp.of(os.lstat(out / LOCK))
    except OSError:
        return None


def telling_stats(out: Path, seen: dict[str, FileStat]) -> dict[str, FileStat]:
    """The stats among ``seen`` (taken in this run, each before its file was read) that
    will tell a later change to their file (see :func:`file_stat`), by the stamp of this
    run's hold on ``out``."""
    stamp = _clock(out)
    return {path: stat for path, value in seen.items() if (stat := file_stat(value, stamp)) is not None}


def _written_stats(root: Path, paths: list[str], stamp: Stamp) -> dict[str, FileStat]:
    """The :func:`file_stat` of each written file that has one."""
    stats = {}
    folder = f"{root}{os.sep}"  # plain strings: pathlib's joins cost more than the calls here
    for path in paths:
        try:
            status = os.lstat(folder + path)
        except OSError:
            continue
        if stat.S_ISREG(status.st_mode) and (seen := file_stat(stat_of(status), stamp)) is not None:
            stats[path] = seen
    return stats


@contextmanager
def output_folder(out: Path, read_only: bool = False, on_wait: Callable[[], None] = lambda: None) -> Iterator[None]:
    """Hold ``out`` for one run (see :mod:`generator.output.lock`): exclusively to write, shared
    to only read (``read_only``). First, a write that a run which died left unfinished
    (its journal, see :mod:`generator.output.journal`) is finished, even by a run that only
    reads (which holds the folder exclusively for that): what it reads is then the old
    output or the new one. A run that writes also removes the staging a run that died
    left. ``on_wait`` is called if another run holds the folder.
    """
    try:
        with folder_lock(out, shared=read_only, on_wait=on_wait) as held:
            if out.is_dir() and (pending(out) or not read_only):
                if read_only:
                    held.make_exclusive()
                recover(out)
            yield
    except (LockError, JournalError) as exc:
        raise OutputError(str(exc)) from None


def write_files(
    out: Path,
    files: dict[str, str],
    force: bool = False,
    kept: Collection[str] = (),
    known: Mapping[str, FileStat] | None = None,
) -> WriteReport:
    """Make ``out`` hold exactly ``files`` and ``kept`` (plus anything we never generated).

    ``kept`` are generated files already in ``out`` as they should be (see
    :func:`_plan`); ``known``: the stats recorded of them, which the report
    keeps. All or nothing: if anything fails, ``out`` is left as it was (a folder this
    call created is removed again); if the process dies, the next run finds the old
    output, or finishes writing the new one (see :mod:`generator.output.journal`).
    """
    try:
        recover(out)
    except JournalError as exc:
        raise OutputError(str(exc)) from None
    report, wanted = _plan(out, files, force, kept=kept, known=known)
    if not report.changed:
        return report
    created: list[Path] = []  # folders this call made, outermost first
    with _undone_on_failure(out, created):
        created.extend(_make_folder(out))
        root = out.resolve()
        stamp = apply_write(root, {path: wanted[path] for path in report.written}, _journal(root, report))
    report.stats.update(_written_stats(root, report.written, stamp))
    return report


@contextmanager
def _undone_on_failure(out: Path, created: list[Path]) -> Iterator[None]:
    """Say how a write into ``out`` failed (the journal has put the folder back as it
    was, or says what it could not put back), and remove the ``created`` folders again
    (outermost first: the list may grow inside the block)."""
    try:
        yield
    except RollbackFailed as exc:
        raise OutputError(
            f"writing {out} failed ({exc.cause.strerror or exc.cause}), and some files could not be put back; "
            f"the next sdkforge run on {out} finishes or undoes this write first; until then the previous "
            f"versions of {len(exc.stranded)} file(s) are in {exc.kept}: {', '.join(exc.stranded)}"
        ) from exc.cause
    except OSError as exc:  # a full disk, a permission: the folder is as it was
        _remove_made(created)
        raise OutputError(f"cannot write {out}: {exc.strerror or exc}; nothing in it was changed") from exc
    except BaseException:
        _remove_made(created)
        raise


def staged_write(out: Path, paths: Collection[str], force: bool = False) -> StagedWrite | None:
    """A write of exactly ``paths`` (and the manifest) into ``out`` whose files are staged
    as they are made (see :class:`StagedWrite`), if ``out`` is new or empty (nothing in
    it but sdkforge's lock, or what a run left of its staging); None otherwise: the files
    are then compared with the folder's (see :func:`write_files`).

    Every path is checked first, as :func:`plan_changes` checks them (:class:`OutputError`):
    none can lead out of the folder, which holds nothing that could be on the way.
    """
    try:
        recover(out)  # a write a run left unfinished is finished first: the folder may then hold its files
    except JournalError as exc:
        raise OutputError(str(exc)) from None
    if not _new_or_empty(out):
        return None  # checked first: a run into a folder with files in it pays nothing here
    _check_paths(out, paths)
    created: list[Path] = []
    with _undone_on_failure(out, created):
        created.extend(_make_folder(out))
        root = out.resolve()
        new = open_staging(root, {path.rpartition("/")[0] for path in paths})
    return StagedWrite(out, root, new, frozenset(paths), force, created)


class StagedWrite:
    """A write into a new or empty output folder, each file staged as soon as it is made.

    The files go into the staging folder the journal uses (see :mod:`generator.output.journal`)
    batch by batch, by this process or a forked one, while others are still being made
    (:meth:`put`), so that the end of the run has only the journal's renames left to do
    (:meth:`commit`). Staged files are no output: until :meth:`commit` has written the
    journal, a failure (:meth:`abandon`) or a crash (the next run's recovery) removes the
    staging folder, and the folder is as it was. Made by :func:`staged_write`.
    """

    def __init__(
        self, out: Path, root: Path, new: Path, paths: frozenset[str], force: bool, created: list[Path]
    ) -> None:
        self.out = out
        self._root = root
        self._new = new
        self._paths = paths
        self._force = force
        self._created = created
        self._pid = os.getpid()
        self._seen: dict[str, FileStat] = {}
        """The stat of each file this process staged (a forked process notes its own in a file)."""
        self._notes: tuple[int, int] | None = None
        """In a forked process: its id, and its file of the stats of the files it staged."""
        self._durable = len(paths) + 1 < SYNC_FROM  # and the manifest
        """Whether each file is flushed as it is staged (few files, see :data:`SYNC_FROM`)."""
        self._writing_back: int | None = None
        """The process id of the ``sync`` started last (see :meth:`_write_back`)."""
        self._write_back_at = len(paths) // WRITE_BACK_EVERY

    def put(self, files: dict[str, str]) -> None:
        """Stage ``files``, which must be among the paths checked (:class:`OutputError` if
        one is not, or if the disk refuses them: nothing in the folder was changed)."""
        unchecked = [path for path in files if path not in self._paths]
        if unchecked:
            raise OutputError(f"refusing to write {unchecked[0]!r}: it was not checked before the write began")
        try:
            seen = stage_files(self._new, files, self._durable)
            if os.getpid() == self._pid:
                self._seen |= seen
                self._write_back()
            else:
                self._note(seen)
        except OSError as exc:
            raise OutputError(f"cannot write {self.out}: {exc.strerror or exc}; nothing in it was changed") from exc

    def _write_back(self) -> None:
        """Have the files staged so far put on disk while the rest are made, once every
        :data:`WRITE_BACK_EVERY`-th share of the write is staged by this process, so that
        the ``sync`` that decides the write (see :func:`generator.output.journal.apply_staged`)
        has only the last ones to wait for. The ``sync`` command does it, not a thread:
        this process must not run threads when it forks its render helper (see
        :mod:`generator.parallel.beside`), which it may do once files are staged."""
        if self._durable or len(self._seen) < self._write_back_at:
            return
        command = shutil.which("sync") if hasattr(os, "posix_spawn") else None
        try:  # it only saves time: where it cannot be done, the sync at the end does it all
            if self._writing_back is not None and os.waitpid(self._writing_back, os.WNOHANG)[0] == 0:
                return  # the last one is still at it
            self._writing_back = os.posix_spawn(command, [command], os.environ) if command else None
        except OSError:
            command = self._writing_back = None
        self._write_back_at = len(self._seen) + len(self._paths) // WRITE_BACK_EVERY if command else len(self._paths)

    def _written_back(self) -> None:
        """Wait for the last ``sync`` started (see :meth:`_write_back`), if any."""
        if self._writing_back is not None:
            with suppress(ChildProcessError):
                os.waitpid(self._writing_back, 0)
            self._writing_back = None

    def _note(self, seen: dict[str, FileStat]) -> None:
        """In a forked process, add the stats of the files it staged to its file of them,
        beside the staged files, for :meth:`commit`."""
        if self._notes is None or self._notes[0] != os.getpid():
            flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_CLOEXEC", 0)
            self._notes = (os.getpid(), os.open(self._new.parent / f"seen-{os.getpid()}", flags, 0o666))
        note = marshal.dumps(seen)
        os.write(self._notes[1], len(note).to_bytes(8, "little") + note)

    def _staged_stats(self) -> dict[str, FileStat]:
        """The stat of each file staged: as forked processes noted them, then as this one
        did (which made again the files of a process that died). What a process that died
        left half-noted is passed over: those files are stat'ed once in place."""
        seen: dict[str, FileStat] = {}
        for notes in self._new.parent.glob("seen-*"):
            try:
                data = notes.read_bytes()
                at = 0
                while at < len(data):  # each note: its length, then its stats
                    end = at + 8 + int.from_bytes(data[at : at + 8], "little")
                    seen |= marshal.loads(data[at + 8 : end])  # noqa: S302 - what a process of this run wrote
                    at = end
            except (OSError, EOFError, ValueError, TypeError):
                pass  # the end of what it noted
        return seen | self._seen

    def commit(self, files: dict[str, str]) -> WriteReport:
        """Stage ``files`` (the last of the paths), then move every staged file into the
        folder (see :func:`generator.output.journal.apply_staged`). Every other path must
        have been staged already. If anything besides sdkforge's own entries came into the
        folder meanwhile, the staged files are read back and written as :func:`write_files`
        writes them."""
        self.put(files)
        if not _new_or_empty(self.out):
            return self._written_as_usual()
        report = WriteReport(written=sorted([*self._paths, MANIFEST]))
        staged = self._staged_stats()
        with _undone_on_failure(self.out, self._created):
            stage_files(self._new, {MANIFEST: _manifest_text(list(self._paths))}, self._durable)
            journal = _journal(self._root, report)
            try:
                stamp = apply_staged(self._root, journal, report.written if self._durable else None)
            finally:  # a sync started before this one's ends with it, at the latest
                self._written_back()
        # A file in a folder moved in whole is as it was staged; a file moved by itself is
        # not (a move changes its change time): it is stat'ed where it is now.
        whole = set(journal.whole)
        kept = {path: staged[path] for path in report.written if path.partition("/")[0] in whole and path in staged}
        report.stats = {path: seen for path, seen in kept.items() if file_stat(seen, stamp) is not None}
        report.stats |= _written_stats(self._root, [path for path in report.written if path not in kept], stamp)
        return report

    def abandon(self) -> None:
        """Remove the staging folder (unless a journal needs it: :meth:`commit` failed and
        could not put everything back, which its error said), and the folders
        :func:`staged_write` made: after a failure, the output folder is as it was."""
        self._written_back()
        remove_leftovers(self._root)
        _remove_made(self._created)

    def _written_as_usual(self) -> WriteReport:
        """The staged files, read back and written by :func:`write_files`: the folder is no
        longer empty, so its plan must compare them with what is there."""
        self._written_back()
        files = {}
        for path in sorted(self._paths):
            text = _read_text(self._new / path)
            if text is None:
                raise OutputError(f"cannot write {self.out}: {path} was not made; nothing in it was changed")
            files[path] = text
        remove_staging(self._root)
        return write_files(self.out, files, self._force)


def _new_or_empty(out: Path) -> bool:
    """Whether ``out`` is not there, or holds nothing but sdkforge's lock, journal or staging."""
    try:
        names = os.listdir(out)
    except FileNotFoundError:
        return True
    except OSError:  # not readable: the usual write says why
        return False
    return all(name == LOCK or is_own(name) for name in names)


def _journal(root: Path, report: WriteReport) -> Journal:
    """The renames that make ``report``'s write: a top-level folder that is not there yet
    (all of them, the first time) moves in with one rename, not file by file."""
    tops = sorted({path.partition("/")[0] for path in report.written if "/" in path})
    whole = [name for name in tops if not os.path.lexists(root / name)]
    one_by_one = [path for path in report.written if path.partition("/")[0] not in whole]
    missing = [folder for folder in folders_of(one_by_one) if folder and not os.path.isdir(root / folder)]
    made = sorted(missing, key=lambda folder: (folder.count("/"), folder))  # each after the one holding it
    return Journal(one_by_one, report.replaced & set(one_by_one), list(report.removed), whole, made)


def _make_folder(out: Path) -> list[Path]:
    """Make ``out`` and its missing parents; return the ones made, outermost first."""
    missing = [folder for folder in [out, *out.parents] if not folder.exists()]
    for folder in reversed(missing):
        folder.mkdir()
    return list(reversed(missing))


def _remove_made(created: list[Path]) -> None:
    """Remove the folders a write made (``created``, outermost first) that are empty, innermost first."""
    for folder in reversed(created):
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()


def _read_text(path: Path) -> str | None:
    try:
        return path.read_bytes().decode("utf-8")
    except (FileNotFoundError, IsADirectoryError):
        return None
    except UnicodeDecodeError:
        return ""


def _diff(path: str, old: str | None, new: str | None) -> str:
    import difflib  # here: only ``--check`` shows diffs

    lines = difflib.unified_diff(
        (old or "").splitlines(keepends=True),
        (new or "").splitlines(keepends=True),
        fromfile=f"a/{path}" if old is not None else "/dev/null",
        tofile=f"b/{path}" if new is not None else "/dev/null",
    )
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)
