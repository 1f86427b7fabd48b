"""Skip a whole run whose inputs have not changed since the output was made.

A run is fully determined by the spec's text (every file of it), sdkforge itself (its
source, its templates, the versions of black and Jinja), the user's template folder and
the options. Their hash is the run's key. After a run we remember, under that key, the
hash of every file written, the warnings and the summary. Next time, if the key is the
same and the output folder still holds exactly those files, nothing needs doing.

Like every cache entry, a record only ever saves time: when anything differs, the run
happens in full.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from .cache import Cache
from .errors import Finding, Severity
from .load import LoadedSpec
from .write import MANIFEST, read_manifest

_PACKAGE = Path(__file__).resolve().parent
_TEMPLATES = _PACKAGE.parent / "templates"


@dataclass(frozen=True)
class Summary:
    """What a run generated, in numbers."""

    groups: int
    operations: int
    models: int
    enums: int


@dataclass(frozen=True)
class RunRecord:
    """What a finished run produced: file hashes, warnings, summary."""

    files: dict[str, str]
    warnings: list[Finding]
    summary: Summary


@cache
def _sdkforge_fingerprint() -> bytes:
    digest = hashlib.sha256()
    for name in ("black", "jinja2", "openapi-spec-validator", "pyyaml"):
        digest.update(f"{name} {metadata.version(name)}\0".encode())
    for root in (_PACKAGE, _TEMPLATES):
        for path in sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in (".py", ".j2")):
            digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    return digest.digest()


def run_key(spec: LoadedSpec, options: dict[str, Any], templates: Path | None) -> str:
    """The key of a run: spec text, sdkforge, user templates and options."""
    digest = hashlib.sha256(_sdkforge_fingerprint())
    digest.update(json.dumps(options, sort_keys=True, default=str).encode())
    for file in sorted(spec.documents):
        digest.update(b"\0" + str(file).encode() + b"\0" + spec.text_of(file).encode())
    if templates is not None and templates.is_dir():
        for path in sorted(p for p in templates.rglob("*") if p.is_file()):
            digest.update(b"\0" + str(path.relative_to(templates)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def file_hash(text: str) -> str:
    """The hash a record keeps of one output file."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def remember(cache: Cache, key: str, files: dict[str, str], warnings: list[Finding], summary: Summary) -> None:
    """Store what the run with ``key`` produced."""
    record = {
        "files": {path: file_hash(text) for path, text in files.items()},
        "warnings": [{**asdict(w), "file": str(w.file), "severity": w.severity.value} for w in warnings],
        "summary": asdict(summary),
    }
    cache.put("runs", key, json.dumps(record, sort_keys=True))


def recall(cache: Cache, key: str) -> RunRecord | None:
    """What the run with ``key`` produced, if it is remembered (and readable)."""
    text = cache.get("runs", key)
    if text is None:
        return None
    try:
        data = json.loads(text)
        warnings = [
            Finding(Path(w["file"]), w["pointer"], w["message"], Severity(w["severity"]), w["line"], w["column"])
            for w in data["warnings"]
        ]
        return RunRecord(dict(data["files"]), warnings, Summary(**data["summary"]))
    except (ValueError, KeyError, TypeError):
        return None


def output_is_current(out: Path, record: RunRecord) -> bool:
    """Whether ``out`` holds exactly the files of ``record``, byte for byte."""
    try:
        listed = read_manifest(out)
    except Exception:  # noqa: BLE001 - an unreadable manifest just means "run in full"
        return False
    if listed is None or sorted(listed) != sorted(p for p in record.files if p != MANIFEST):
        return False
    for path, expected in record.files.items():
        try:
            if file_hash((out / path).read_bytes().decode("utf-8")) != expected:
                return False
        except (OSError, UnicodeDecodeError):
            return False
    return True
