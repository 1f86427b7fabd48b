"""Put generated files on disk safely, or compare them with what is there.

- Every path is checked to stay inside the output folder (no absolute paths, no ``..``,
  no writing through a symbolic link).
- A manifest (``.sdkforge-manifest.json``) lists the files we generated; a file we
  generated before and no longer generate is removed; a file we never generated is
  never touched. A non-empty folder without our manifest is refused unless forced, and
  so is overwriting a file the manifest does not list.
- Every problem we can foresee (a folder where a file goes, a file where a folder
  goes, a manifest path that leaves the folder) is found before anything is written.
- Files are written to a staging folder first and moved into place only when all of
  them are written; unchanged files are not rewritten. A top-level folder that is not
  there yet (all of them, the first time) moves in with one rename, not file by file.
  If moving them fails part-way (a full disk, a permission), every file already moved
  is put back as it was and the failure is an :class:`OutputError`: the folder is never
  half-written.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import difflib
import json
import os
import shutil
import stat
import tempfile
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

MANIFEST = ".sdkforge-manifest.json"


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

    @property
    def changed(self) -> bool:
        return bool(self.written or self.removed)


def safe_relative(path: str) -> PurePosixPath:
    """Check that a generated path is a plain relative path; return it."""
    check_relative(path)
    return PurePosixPath(path)


def check_relative(path: str) -> None:
    """Refuse a generated path that is not a plain relative path (checked on the string:
    an absolute path has an empty first part)."""
    if any(p in ("", ".", "..") for p in path.split("/")) or "\\" in path or "\x00" in path:
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

    def path(self, rel: str) -> Path:
        return self.root / rel

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
        """What is at ``rel``: a "folder", a "file" or None (nothing). A symbolic link is
        refused, and so is a file where ``rel`` must be a folder on the way to ``for_path``."""
        try:
            mode = os.lstat(self.root / rel).st_mode
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
    if not isinstance(files, list) or not all(isinstance(f, str) for f in files):
        raise OutputError(f"{out / MANIFEST} is not an sdkforge manifest")
    return files


def _manifest_text(files: list[str]) -> str:
    return json.dumps({"generator": "sdkforge", "files": sorted(files)}, indent=2) + "\n"


def plan_changes(
    out: Path, files: dict[str, str], force: bool = False, with_diff: bool = False, kept: Collection[str] = ()
) -> WriteReport:
    """Compare ``files`` with ``out``: what would be written, left alone and removed
    (and, ``with_diff``, the unified diff of it, which only ``--check`` shows).

    ``kept`` are generated files the caller knows to be in ``out`` as they should be:
    they stay in the manifest and are not read.

    Raises :class:`OutputError`, before anything is written, for every reason the write
    could not be done safely.
    """
    if out.exists() and not out.is_dir():
        raise OutputError(f"{out} is not a folder")
    if MANIFEST in files:
        raise OutputError(f"refusing to generate a file named {MANIFEST}: sdkforge keeps its manifest there")
    folded: dict[str, str] = {}
    for path in [*files, *kept]:
        check_relative(path)  # where each path resolves is checked below, once
        other = folded.setdefault(path.casefold(), path)
        if other != path:
            raise OutputError(
                f"{other!r} and {path!r} differ only in case: one would overwrite the other on many systems"
            )
    previous = read_manifest(out) if out.exists() else None
    if previous is None and out.exists() and any(out.iterdir()) and not force:
        raise OutputError(
            f"{out} is not empty and was not generated by sdkforge (no {MANIFEST}); "
            "use --force to generate into it anyway (files we do not generate are kept)"
        )
    report = WriteReport(unchanged=list(kept))
    diffs: list[str] = []
    wanted = dict(files)
    wanted[MANIFEST] = _manifest_text([*files, *kept])
    ours = set(previous or ()) | {MANIFEST}
    tree = _OutputTree(out)
    for path in sorted(wanted):
        old = tree.old_text(path)
        if old == wanted[path]:
            report.unchanged.append(path)
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
    return report


def write_files(out: Path, files: dict[str, str], force: bool = False, kept: Collection[str] = ()) -> WriteReport:
    """Make ``out`` hold exactly ``files`` and ``kept`` (plus anything we never generated).

    ``kept`` are generated files already in ``out`` as they should be (see
    :func:`plan_changes`). All or nothing: if anything fails, ``out`` is left as it was
    (a folder this call created is removed again).
    """
    report = plan_changes(out, files, force, kept=kept)
    if not report.changed:
        return report
    wanted = dict(files)
    wanted[MANIFEST] = _manifest_text([*files, *kept])
    try:
        return _write(out, wanted, report)
    except OSError as exc:  # a full disk, a permission: the folder is as it was
        raise OutputError(f"cannot write {out}: {exc.strerror or exc}; nothing in it was changed") from exc


def _write(out: Path, wanted: dict[str, str], report: WriteReport) -> WriteReport:
    created = _make_folder(out)  # folders this call made, outermost first
    try:
        root = out.resolve()
        staging = Path(tempfile.mkdtemp(prefix=".sdkforge-staging-", dir=out))
        keep_staging = False
        try:
            new, old = staging / "new", staging / "old"
            for within in sorted({path.rpartition("/")[0] for path in report.written}):
                (new / within).mkdir(parents=True, exist_ok=True)
            _stage(new, report.written, wanted)
            _swap(root, new, old, report, created)
        except _RollbackFailed:
            keep_staging = True  # it holds the previous versions that could not be put back
            raise
        finally:
            if not keep_staging:
                shutil.rmtree(staging, ignore_errors=True)
    except _RollbackFailed as exc:
        raise OutputError(
            f"writing {out} failed ({exc.cause}), and {len(exc.stranded)} file(s) could not be put back; "
            f"their previous versions are in {old}: {', '.join(exc.stranded)}"
        ) from exc.cause
    except BaseException:
        for folder in reversed(created):
            _remove_empty_parents(folder, folder.parent)
        raise
    with contextlib.suppress(OSError):  # tidying up after success: never worth failing for
        for path in report.removed:
            _remove_empty_parents((root / path).parent, root)
    return report


STAGE_IN_TWO_FROM = 200
"""From this many files on, two threads write the staged files. Making a file is mostly
the kernel's work, during which Python lets another thread run: two threads take a
third less time than one for an SDK the size of GitHub's."""


def _stage(new: Path, paths: list[str], wanted: dict[str, str]) -> None:
    """Write ``paths`` under ``new`` (their folders exist)."""
    staged = str(new)

    def put(share: list[str]) -> None:
        for path in share:
            with open(f"{staged}/{path}", "wb") as stream:
                stream.write(wanted[path].encode("utf-8"))

    if len(paths) < STAGE_IN_TWO_FROM:
        put(paths)
        return
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        for done in [pool.submit(put, paths[0::2]), pool.submit(put, paths[1::2])]:
            done.result()


class _RollbackFailed(Exception):
    def __init__(self, cause: BaseException, stranded: list[str]) -> None:
        super().__init__(str(cause))
        self.cause = cause
        self.stranded = stranded


def _swap(root: Path, new: Path, old: Path, report: WriteReport, created: list[Path]) -> None:
    """Move the staged files into place and the removed ones out of it, old versions into
    ``old``; on any failure put every old version back and take every new file away."""
    moved: list[tuple[Path, Path | None]] = []  # (target, where its old version went, if it had one)
    folders: set[str] = {""}  # relative folders known to exist
    try:
        whole = _new_top_level_folders(root, report.written)
        for name in whole:  # a folder that is not there yet moves in at once, not file by file
            target = root / name
            moved.append((target, None))
            os.replace(new / name, target)
        for path in report.written:
            if path.partition("/")[0] in whole:
                continue
            target = root / path
            _make_folders(root, path.rpartition("/")[0], folders, created)
            backup = _keep_old(target, old / path) if path in report.replaced else None
            moved.append((target, backup))
            os.replace(new / path, target)
        for path in report.removed:
            target = root / path
            moved.append((target, _keep_old(target, old / path)))
    except BaseException as exc:
        stranded: list[str] = []
        for target, backup in reversed(moved):
            try:
                if backup is not None:
                    os.replace(backup, target)
                elif target.is_dir() and not target.is_symlink():
                    shutil.rmtree(target)
                else:
                    target.unlink(missing_ok=True)
            except OSError:
                stranded.append(target.relative_to(root).as_posix())
        if stranded:
            raise _RollbackFailed(exc, stranded) from exc
        raise


def _new_top_level_folders(root: Path, written: list[str]) -> list[str]:
    """The top-level folders of the written files that do not exist in ``root`` (all of
    them, in a fresh output folder): each is staged whole, so it can move in whole."""
    tops = sorted({path.partition("/")[0] for path in written if "/" in path})
    return [name for name in tops if not os.path.lexists(root / name)]


def _make_folders(root: Path, folder: str, known: set[str], created: list[Path]) -> None:
    """Make ``folder`` (relative to ``root``) and its missing parents, recording those made."""
    if folder in known:
        return
    _make_folders(root, folder.rpartition("/")[0], known, created)
    path = root / folder
    if not path.is_dir():
        path.mkdir()
        created.append(path)
    known.add(folder)


def _keep_old(target: Path, backup: Path) -> Path | None:
    """Move ``target`` to ``backup`` if it exists; return where it went."""
    if not target.exists():
        return None
    backup.parent.mkdir(parents=True, exist_ok=True)
    os.replace(target, backup)
    return backup


def _make_folder(out: Path) -> list[Path]:
    """Make ``out`` and its missing parents; return the ones made, outermost first."""
    missing = [folder for folder in [out, *out.parents] if not folder.exists()]
    for folder in reversed(missing):
        folder.mkdir()
    return list(reversed(missing))


def _remove_empty_parents(folder: Path, root: Path) -> None:
    """Remove ``folder`` and its parents up to (not including) ``root`` while they are empty."""
    while folder != root and folder.is_relative_to(root) and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def _read_text(path: Path) -> str | None:
    try:
        return path.read_bytes().decode("utf-8")
    except (FileNotFoundError, IsADirectoryError):
        return None
    except UnicodeDecodeError:
        return ""


def _diff(path: str, old: str | None, new: str | None) -> str:
    lines = difflib.unified_diff(
        (old or "").splitlines(keepends=True),
        (new or "").splitlines(keepends=True),
        fromfile=f"a/{path}" if old is not None else "/dev/null",
        tofile=f"b/{path}" if new is not None else "/dev/null",
    )
    text = "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)
    return text
