"""Skip a whole run whose inputs have not changed since the output was made.

A run is fully determined by the spec's bytes (every file of it), sdkforge itself (its
source, its templates, the versions of black and Jinja), the user's template folder and
the options. After a run we remember, under a key made of all but the spec's other
files (the root spec file's bytes, sdkforge, templates, options), the hash of every
spec file the run read, the hash (and, where it tells the file unread, the stat: see
:func:`output_is_current`) of every file written, the warnings and the summary.
Next time the key is worked out from the root file's bytes alone, without parsing it:
if a record is there, every other spec file still has the bytes it had, and the output
folder still holds exactly the files written, nothing needs doing. (A spec file can
only start or stop being read through a change to a file that was read.)

Like every cache entry, a record only ever saves time: when anything differs, the run
happens in full.
"""

from __future__ import annotations

import hashlib
import json
import marshal
import os
from collections.abc import Callable
from dataclasses import asdict, field, replace
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from ..errors import Finding, Severity
from ..immutable import immutable
from ..output.journal import FileStat, stat_of
from ..output.write import read_manifest
from ..render.package_files import PACKAGE, TEMPLATES
from ..spec.load import read_spec_bytes
from .store import Cache
from .versions import installed_version

T = TypeVar("T")


@immutable
class Summary:
    """What a run generated, in numbers."""

    groups: int
    operations: int
    models: int
    enums: int


@immutable
class RunRecord:
    """What a finished run read and produced: spec file hashes, output file hashes,
    warnings, summary."""

    sources: dict[str, str]
    files: dict[str, str]
    warnings: list[Finding]
    summary: Summary
    stats: dict[str, FileStat] = field(default_factory=dict)
    """What ``lstat`` showed of the output files where it tells them unread (see
    :func:`output_is_current`): of the folder the run wrote into last."""


@cache
def _sdkforge_fingerprint() -> bytes:
    return _fingerprint_of(PACKAGE, TEMPLATES)


def _fingerprint_of(*roots: Path) -> bytes:
    """sdkforge's dependencies that shape output, and every file of its package and
    templates that can: code, templates, and the runtime files copied into SDKs (``.cs``,
    ``.pyi``) alike; not compiled bytecode."""
    digest = hashlib.sha256()
    for name in ("black", "jinja2", "openapi-spec-validator", "pyyaml"):
        digest.update(f"{name} {installed_version(name)}\0".encode())
    for root in roots:
        found: list[str] = []
        for folder, subfolders, names in os.walk(root):  # plain strings: a third of rglob's time
            subfolders[:] = [name for name in subfolders if name != "__pycache__"]
            found += [os.path.join(folder, name) for name in names]
        start = len(os.path.join(root, ""))
        for path in sorted(found):
            with open(path, "rb") as stream:
                digest.update(path[start:].encode() + b"\0" + stream.read())
    return digest.digest()


def run_key(root: Path, root_digest: str, options: dict[str, Any], templates: Path | None) -> str:
    """The key of a run's record: the root spec file (its path and the sha256 of its
    bytes), sdkforge, the user's templates and the options."""
    digest = hashlib.sha256(_sdkforge_fingerprint())
    digest.update(json.dumps(options, sort_keys=True, default=str).encode())
    digest.update(b"\0" + str(root).encode() + b"\0" + root_digest.encode())
    if templates is not None and templates.is_dir():
        for path in sorted(p for p in templates.rglob("*") if p.is_file()):
            digest.update(b"\0" + str(path.relative_to(templates)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def digest_of(path: Path) -> str | None:
    """The sha256 of a file's bytes, as :mod:`generator.spec.load` takes it; None if unreadable."""
    try:
        return hashlib.sha256(read_spec_bytes(path)).hexdigest()
    except OSError:  # gone, or now a FIFO or too big (refused): not the file read before
        return None


def file_hash(text: str) -> str:
    """The hash a record keeps of one output file."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def remember(
    cache: Cache,
    key: str,
    sources: dict[Path, str],
    files: dict[str, str],
    warnings: list[Finding],
    summary: Summary,
    stats: dict[str, FileStat],
) -> None:
    """Store what the run with ``key`` read (``sources``: spec file -> digest) and produced
    (``files``: output path -> :func:`file_hash`; ``stats``: see :class:`RunRecord`)."""
    record = {
        "sources": {str(path): digest for path, digest in sources.items()},
        "files": files,
        "warnings": [_finding_data(w) for w in warnings],
        "summary": asdict(summary),
        "stats": stats,
    }
    _store(cache, "runs", key, record)


def recall(cache: Cache, key: str) -> RunRecord | None:
    """What the run with ``key`` produced, if it is remembered (and readable)."""
    return _recalled(
        cache,
        "runs",
        key,
        lambda data: RunRecord(
            dict(data["sources"]),
            dict(data["files"]),
            [_finding_of(w) for w in data["warnings"]],
            Summary(**data["summary"]),
            dict(data["stats"]),  # a stat of another shape is one no file shows: the file is read
        ),
    )


def _store(cache: Cache, namespace: str, key: str, record: dict[str, Any]) -> None:
    """Store a record of plain data (strings, numbers, lists, tuples, dictionaries) in
    :mod:`marshal`'s form, which Python reads and writes ten times faster than JSON."""
    cache.put_bytes(namespace, key, marshal.dumps(record))


def _recalled(cache: Cache, namespace: str, key: str, make: Callable[[Any], T]) -> T | None:
    """A record stored by :func:`_store`, made into ``make``'s value; None when it is
    missing, or unreadable as one."""
    data = cache.get_bytes(namespace, key)
    if data is None:
        return None
    try:
        return make(marshal.loads(data))  # noqa: S302 - our own entry, checked whole by the cache
    except (ValueError, EOFError, KeyError, TypeError):
        return None


def sources_unchanged(record: RunRecord, checked: Path) -> bool:
    """Whether every spec file the recorded run read, besides ``checked`` (whose bytes
    the record's key holds), still has the same bytes."""
    skip = str(checked)
    return all(digest_of(Path(path)) == digest for path, digest in record.sources.items() if path != skip)


def output_is_current(out: Path, record: RunRecord | FolderRecord, fresh: dict[str, FileStat] | None = None) -> bool:
    """Whether ``out`` holds exactly the ``record``'s files, byte for byte.

    A file whose ``lstat`` shows what the record's stats hold of it (see
    :func:`generator.output.write.file_stat`) holds what it held then and is not read;
    any other file is read and hashed. ``fresh``: given, it receives the stat of each
    file read and found as the record holds it, taken before it was read (a file
    touched, or checked out again, since the record was made): a record that keeps
    them spares the next run reading it again."""
    files, stats = record.files, record.stats
    try:
        listed = read_manifest(out)
    except Exception:  # noqa: BLE001 - an unreadable manifest just means "run in full"
        return False
    if listed is None or len(listed) != len(files) or files.keys() != set(listed):
        return False
    folder = f"{out}{os.sep}"  # plain strings: pathlib's joins cost more than the reads here
    for path, expected in files.items():
        try:
            seen = stat_of(os.lstat(folder + path))
            if seen == stats.get(path):
                continue
            with open(folder + path, "rb") as stream:
                if hashlib.sha256(stream.read()).hexdigest() != expected:  # the hash file_hash takes
                    return False
            if fresh is not None:
                fresh[path] = seen
        except OSError:
            return False
    return True


# ---- the last run into an output folder: what the next run may keep -------------------


@immutable
class FolderRecord:
    """What the last run into an output folder knew: the spec's structure digest (see
    :mod:`generator.cache.prose`), validation's warnings (errors stop a run before it is
    recorded), each subject's prose fingerprint, each output file's hash and key.

    The files' hashes and stats are those of the run's own record (see :func:`remember`),
    which this one names (``run``) rather than holding them twice."""

    root: str
    structure: str
    validation: list[Finding]
    prose: dict[str, str]
    files: dict[str, str]
    modelling: list[Finding] = field(default_factory=list)
    """Modelling's warnings (kept for a run that starts from the carried model)."""
    carried: str = ""
    """The stamp of the model carried for the next run (see :mod:`generator.cache.carried`), if any."""
    carried_text: str = ""
    """The stamp of the spec's text kept beside the carried model."""
    edits: list[list[Any]] = field(default_factory=list)
    """The edits put into the carried model since it was made, as data."""
    keys: dict[str, str] = field(default_factory=dict)
    """Each output file's key (see :mod:`generator.subjects`), if it has one."""
    prose_edited: list[str] = field(default_factory=list)
    """The subjects whose prose fingerprints ``edits`` took again: their fingerprints
    here are not those of the carried model as it was kept."""
    stats: dict[str, FileStat] = field(default_factory=dict)
    """See :class:`RunRecord`."""
    run: str = ""
    """The key of the run's record."""


def folder_key(out: Path, options: dict[str, Any], templates: Path | None) -> str:
    """The key of the record of the last run into ``out`` with these options, sdkforge and templates."""
    return run_key(out.resolve(), "folder", options, templates)


def remember_folder(cache: Cache, key: str, record: FolderRecord) -> None:
    """Store what the run into a folder knew (its files as its ``run`` record holds them)."""
    data = {
        "root": record.root,
        "structure": record.structure,
        "validation": [_finding_data(w) for w in record.validation],
        "prose": record.prose,
        "run": record.run,
        "modelling": [_finding_data(w) for w in record.modelling],
        "carried": record.carried,
        "carried_text": record.carried_text,
        "edits": record.edits,
        "keys": record.keys,
        "prose_edited": record.prose_edited,
    }
    _store(cache, "folders", key, data)


def recall_folder(cache: Cache, key: str) -> FolderRecord | None:
    """What the last run into a folder knew, if it is remembered (and readable, and so
    is the record of the run it names)."""
    record = _recalled(
        cache,
        "folders",
        key,
        lambda data: FolderRecord(
            str(data["root"]),
            str(data["structure"]),
            [_finding_of(w) for w in data["validation"]],
            dict(data["prose"]),
            {},
            [_finding_of(w) for w in data["modelling"]],
            str(data["carried"]),
            str(data["carried_text"]),
            list(data["edits"]),
            dict(data["keys"]),
            run=str(data["run"]),
            prose_edited=[str(subject) for subject in data["prose_edited"]],
        ),
    )
    run = recall(cache, record.run) if record is not None else None
    return replace(record, files=run.files, stats=run.stats) if record is not None and run is not None else None


def _finding_data(finding: Finding) -> dict[str, Any]:
    return {**asdict(finding), "file": str(finding.file), "severity": finding.severity.value}


def _finding_of(data: dict[str, Any]) -> Finding:
    return Finding(
        Path(data["file"]), data["pointer"], data["message"], Severity(data["severity"]), data["line"], data["column"]
    )
