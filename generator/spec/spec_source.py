"""Where a spec named on the command line is: a file, or ``git:REV:PATH``, a file as a
git revision holds it (``git:HEAD~1:spec/oauth.yaml``).

A spec from git is written, with the rest of its folder at that revision (the files
its ``$ref``\\s may reach: sdkforge never follows one out of the spec's folder), into a
temporary folder that the caller removes.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from ..errors import UsageError
from ..immutable import immutable

GIT_PREFIX = "git:"


@immutable
class SpecSource:
    """A spec on disk, and how to show the files of it to the user."""

    path: Path
    folder: Path | None = None  # the temporary folder a spec from git was written to
    revision: str = ""

    def shown(self, file: Path) -> Path:
        """``file`` (as findings name it: relative to the spec's folder) as the user named
        it: ``git:REV:PATH`` for a file from git."""
        if self.folder is None:
            return file
        inside = self.path.parent / file if not file.is_absolute() else file
        if not inside.is_relative_to(self.folder):
            return file
        return Path(f"{GIT_PREFIX}{self.revision}:{inside.relative_to(self.folder).as_posix()}")


@contextmanager
def spec_file(argument: str) -> Iterator[SpecSource]:
    """The spec ``argument`` names, as a file on disk while the context lasts."""
    if not argument.startswith(GIT_PREFIX):
        yield SpecSource(Path(argument))
        return
    revision, sep, path = argument[len(GIT_PREFIX) :].partition(":")
    if not sep or not revision or not path:
        raise UsageError(f"{argument!r}: a spec from git is written git:REV:PATH (git:HEAD~1:spec/oauth.yaml)")
    if revision.startswith("-"):  # git would read it as an option
        raise UsageError(f"{argument!r}: REV cannot start with '-'")
    inside = PurePosixPath(path)
    if inside.is_absolute() or ".." in inside.parts:
        raise UsageError(f"{argument!r}: PATH is relative to the repository's top folder and stays inside it")
    top = _git("rev-parse", "--show-toplevel", what=argument).decode().strip()
    folder = str(inside.parent) if str(inside.parent) != "." else "."
    archive = _git("-C", top, "archive", "--format=tar", revision, "--", folder, what=argument)
    with tempfile.TemporaryDirectory(prefix="sdkforge-git-") as scratch:
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(scratch, filter="data")  # no links out, no absolute paths, no devices
        found = Path(scratch, *inside.parts)
        if not found.is_file():
            raise UsageError(f"{argument!r}: revision {revision} has no file {path}")
        yield SpecSource(found, Path(scratch), revision)


def _git(*args: str, what: str) -> bytes:
    try:
        done = subprocess.run(["git", *args], capture_output=True, check=False)  # noqa: S603, S607 - the user's git, with arguments checked above
    except OSError as exc:
        raise UsageError(f"{what!r}: git could not be run ({exc.strerror})") from None
    if done.returncode != 0:
        reason = done.stderr.decode(errors="replace").strip().splitlines()
        raise UsageError(f"{what!r}: git says: {reason[-1] if reason else f'exit {done.returncode}'}")
    return done.stdout
