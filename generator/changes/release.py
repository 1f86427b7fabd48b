"""What a regeneration means for the SDK's next release.

Every run that builds the model writes a record of the SDK's surface into the output
folder (:data:`~generator.changes.surface.SURFACE_FILE`: structure only, see
:mod:`generator.changes.surface`). The next run compares its surface with that record, says
what changed for users (:mod:`generator.changes.report`) and, when asked, bumps the
package's version by the change and prepends the change to a changelog.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from ..cache.prose import prose_changed
from ..errors import UsageError
from ..immutable import immutable
from .report import Report, compare, with_descriptions
from .surface import (
    SURFACE_FILE,
    KeptRows,
    LastRecord,
    Rows,
    Surface,
    changed_parts,
    prose_of,
    same_structure,
    to_json,
    with_prose,
)

MAX_RECORD_BYTES = 256 * 1024 * 1024
"""A surface record bigger than this is not read (Microsoft Graph's beta is about a tenth)."""


@immutable
class Regeneration:
    """A run's surface record, its prose fingerprints (by subject), and what changed since
    the record in the output folder (None when there was none: a first run, or an output
    made before records)."""

    record: str
    prose: dict[str, str]
    changes: Report | None


def regenerate(surface: Surface, prose: dict[str, str], out: Path, version: str) -> Regeneration:
    """The new record for ``surface`` and ``prose``, and the changes since the one in
    ``out`` (the bump they call for judged from ``version``).

    A last record whose structure is written as the new one's has no change of structure
    to find: only its prose fingerprints are read (after an edit to prose that a run
    does not carry, a YAML spec's say, reading and comparing the whole record took a
    quarter of this on GitHub's spec); any other, only its groups, models and enums
    written otherwise (see :func:`~generator.changes.surface.changed_parts`)."""
    found = _regenerated(surface, None, prose, record_text(out), version)
    assert found is not None  # only a surface with kept rows has none
    return found


def regenerate_keeping(
    surface: Surface, kept: KeptRows, prose: dict[str, str], text: str, last: LastRecord, version: str
) -> Regeneration | None:
    """:func:`regenerate` of a surface that keeps rows (``kept``) of the record ``text``,
    the one in the output folder, whose rows are ``last``: those rows are written as they
    were, and hold no change. None where the last record would have to be read whole to
    compare: make the surface whole."""
    return _regenerated(surface, (kept, last), prose, text, version)


def _regenerated(
    surface: Surface,
    keeping: tuple[KeptRows, LastRecord] | None,
    prose: dict[str, str],
    text: str | None,
    version: str,
) -> Regeneration | None:
    rows = Rows.of(surface, keeping[0] if keeping is not None else None)
    record = to_json(surface, prose, rows)
    if text is None:
        return Regeneration(record, prose, None)
    last_prose = prose_of(text) if same_structure(text, record) else None
    if last_prose is not None:
        changes = Report((), "none", version)
    else:
        parts = changed_parts(text, surface, rows) if keeping is None else keeping[1].changes(surface, rows, keeping[0])
        if parts is None:
            return Regeneration(record, prose, None) if keeping is None else None
        last, now = parts
        changes, last_prose = compare(last.surface, now, version, descriptions=False), last.prose
    return Regeneration(record, prose, with_descriptions(changes, prose_changed(last_prose, prose)))


def after_prose_edit(out: Path, prose: dict[str, str], changed: int, version: str) -> tuple[str | None, Report]:
    """After an edit to prose alone: the record in ``out`` with the new fingerprints
    (None if it has none), and the report: ``changed`` subjects show new text."""
    text = record_text(out)
    record = with_prose(text, prose) if text is not None else None
    empty = Report((), "none", version)
    return record, with_descriptions(empty, changed)


def record_text(out: Path) -> str | None:
    """The surface record's text in ``out``: a regular file of at most
    :data:`MAX_RECORD_BYTES`, read whole; None otherwise."""
    path = out / SURFACE_FILE
    try:
        if path.is_symlink() or not path.is_file() or path.stat().st_size > MAX_RECORD_BYTES:
            return None
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


_SEMVER = re.compile(r"(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)")


def bumped(version: str, bump: str) -> str:
    """``version`` (MAJOR.MINOR.PATCH) after a ``major``, ``minor``, ``patch`` or ``none`` bump."""
    match = _SEMVER.fullmatch(version)
    if match is None:
        raise UsageError(f"--bump needs a package-version of the form MAJOR.MINOR.PATCH, not {version!r}")
    major, minor, patch = (int(part) for part in match.groups())
    if bump == "major":
        return f"{major + 1}.0.0"
    if bump == "minor":
        return f"{major}.{minor + 1}.0"
    if bump == "patch":
        return f"{major}.{minor}.{patch + 1}"
    return version


def set_configured_version(pyproject: Path, version: str) -> None:
    """Write ``version`` as ``package-version`` of ``[tool.sdkforge]`` in ``pyproject``,
    changing nothing else in the file (its comments and layout stay)."""
    text = pyproject.read_text(encoding="utf-8")
    section = re.search(r"(?m)^\[tool\.sdkforge\][ \t]*$", text)
    if section is None:
        raise UsageError(f"{pyproject}: no [tool.sdkforge] section to write package-version into")
    start = section.end()
    following = re.search(r"(?m)^\[", text[start:])
    end = start + following.start() if following else len(text)
    body = text[start:end]
    line = re.compile(r'(?m)^package-version[ \t]*=[ \t]*"[^"\n]*"')
    if line.search(body):
        body = line.sub(f'package-version = "{version}"', body, count=1)
    else:
        body = f'\npackage-version = "{version}"' + body
    _replace_file(pyproject, text[:start] + body + text[end:])


def prepend_changelog(changelog: Path, section: str) -> None:
    """Put ``section`` at the top of ``changelog`` (made if missing), below a first-level
    heading if the file starts with one."""
    try:
        old = changelog.read_text(encoding="utf-8")
    except FileNotFoundError:
        old = "# Changelog\n\n"
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{changelog}: cannot read the changelog: {exc}") from None
    head = ""
    if old.startswith("# "):
        head, _, old = old.partition("\n")
        head += "\n\n"
        old = old.lstrip("\n")
    _replace_file(changelog, head + section.rstrip("\n") + "\n\n" + old)


def _replace_file(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` whole or not at all (a temporary file, then a rename)."""
    temporary = ""
    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(temporary, path)
    except OSError as exc:
        if temporary:
            Path(temporary).unlink(missing_ok=True)
        raise UsageError(f"{path}: cannot write it: {exc.strerror or exc}") from None
