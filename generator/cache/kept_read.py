"""The last read of a YAML spec, kept, so that after an edit only the value the edit lies
in is read again.

Building GitHub's spec from YAML takes 0.45 s, most of it PyYAML making a Python object
per libyaml event; the last read's value and notes (see :class:`yaml_fast.Shallow`) come
back from this cache in 0.03 s. The new text is compared with the kept one; the smallest
noted block mapping (an operation, a schema, ...) holding every changed character is
read on its own, at its column, put in place of the old one, and the notes after it are
moved by the lines and characters the edit added.

That gives what reading the whole text gives: the text before the value is the same, so
the scanner meets the value in the same state; a block mapping's text read on its own at
its column scans as it does in place, up to the next token less indented, which is where
its text ends, after which the text is the same again. The read falls back to the whole
text whenever that argument does not hold or cannot be checked: any anchor or alias, a
key of a noted mapping written twice, a tab, a line break other than ``\\n``, a flow
collection on the way down, a piece that does not read on its own as one value at its
place, a change outside every noted mapping, any error.

A read is kept for a spec of one YAML file, by a child beside the run (see :func:`keep_read`),
under the output folder it was generated into: the next run into that folder starts from
it, whatever the spec file's name (an edited copy, as the bench's edits are). Nothing of
it depends on the name: the texts are compared.
"""

from __future__ import annotations

import hashlib
import marshal
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..parallel.beside import Pending, beside, done
from ..spec.load import (
    MAX_DEPTH,
    YAML_NOTED_DEPTH,
    LoadedSpec,
    Read,
    _json_loader,
    load_spec,
    read_spec_bytes,
    spec_from,
)
from .incremental import _sdkforge_fingerprint
from .store import Cache
from .text_edit import common_length

if TYPE_CHECKING:  # imported where a YAML spec is read: a JSON spec's run imports no YAML parser
    from ..spec import yaml_fast

NAMESPACE = "kept-read"
_BREAKS = ("\t", "\r", "\x85", "\u2028", "\u2029")
"""Characters a piece must not hold: a tab scans by its context, the others are line breaks
the lines would be counted by."""
Notes = dict["yaml_fast.Parts", "yaml_fast.Note"]


def _key(out: Path) -> str:
    """The entry of the output folder ``out``, for this sdkforge (its code, PyYAML's version)
    and this Python (marshal's format)."""
    return hashlib.sha256(_sdkforge_fingerprint() + f"{sys.version}\0{out.resolve()}".encode()).hexdigest()


def read_spec(path: Path, cache: Cache | None, out: Path, read: Read | None = None) -> LoadedSpec:
    """:func:`load_spec` (``read``: see there), starting from the last read kept for the
    output folder ``out`` when there is one and the spec is YAML."""
    if cache is not None and path.suffix.lower() != ".json":
        try:
            spec = _from_kept(path, cache, out, read)
        except Exception:  # noqa: BLE001 - anything unexpected: the whole text is read, which says it
            spec = None
        if spec is not None:
            return spec
    return load_spec(path, read)


def _from_kept(path: Path, cache: Cache, out: Path, read: Read | None) -> LoadedSpec | None:
    root = path.resolve()
    kept = cache.get_bytes(NAMESPACE, _key(out))
    if kept is None:
        return None
    raw, digest = read if read is not None else (read_spec_bytes(root), "")
    text = raw.decode("utf-8-sig")
    old, data, notes, known = marshal.loads(kept)  # noqa: S302 - written by this sdkforge (its key says so), checksummed
    spliced = _splice(old, text, data, notes, known) if text != old else (data, notes)
    if spliced is None:
        return None
    from ..spec import yaml_fast

    shallow = yaml_fast.Shallow.of(spliced[1], YAML_NOTED_DEPTH, _json_loader())
    shallow.known = known
    digest = digest or hashlib.sha256(raw).hexdigest()
    return spec_from(root, Path(path.name), text, spliced[0], digest, shallow)


def keep_read(cache: Cache | None, spec: LoadedSpec, out: Path) -> Pending[None]:
    """Keep ``spec``'s read for the next run into ``out`` (a child writes it, beside this
    run), when it is one YAML file whose notes allow reading a piece again."""
    shallow = spec._yaml_shallow.get(spec.root)
    if cache is None or len(spec.documents) != 1 or shallow is None or not shallow.plain or shallow.shares:
        return done(None)
    entry = (
        spec.text_of(spec.root),
        spec.data,
        shallow.noted(),
        shallow.known,
    )  # as read: the child has them as they are now
    return beside(lambda: cache.put_bytes(NAMESPACE, _key(out), marshal.dumps(entry)))


def _splice(old: str, new: str, data: Any, notes: Notes, known: dict[str, Any]) -> tuple[Any, Notes] | None:
    """The value and notes of ``new``, from those of ``old`` (``known``: the value of each
    plain text of ``old``, which the piece's plain texts take, as in one read); None when
    not proven equal."""
    start = common_length(old, new, True, min(len(old), len(new)))
    length = common_length(old, new, False, min(len(old), len(new)) - start)
    old_end = len(old) - length  # the changed characters: old[start:old_end], new[start:len(new) - length]
    around = [(n[4] - n[3], p) for p, n in notes.items() if p and n[2] and n[3] <= start and old_end <= n[4]]
    for _, parts in sorted(around):
        found = _reread(old, new, data, notes, parts, len(new) - len(old), known)
        if found is not None:
            return found
    return None


def _reread(
    old: str, new: str, data: Any, notes: Notes, parts: yaml_fast.Parts, delta: int, known: dict[str, Any]
) -> tuple[Any, Notes] | None:
    line, column, _, start, end = notes[parts]
    new_end = end + delta
    piece, old_piece = new[start:new_end], old[start:end]
    if any(old[notes[parts[:i]][3]] in "{[" for i in range(len(parts) + 1)) or piece[:1] in ("{", "[", ""):
        return None  # a flow collection on the way down
    if any(c in piece or c in old_piece for c in _BREAKS):
        return None
    before, after = old[old.rfind("\n", 0, start) + 1 : start], new[new.rfind("\n", 0, new_end) + 1 : new_end]
    if before.strip(" ") or (
        new_end < len(new) and (after.strip(" ") or after != old[old.rfind("\n", 0, end) + 1 : end])
    ):
        return None  # it does not start its line, or what follows it does not start a line at the same column
    depth = len(parts)
    from ..spec import yaml_fast

    try:
        built = yaml_fast.load(
            " " * (column - 1) + piece, _json_loader(), MAX_DEPTH - depth, max(1, YAML_NOTED_DEPTH - depth), known
        )  # its own place is noted at least, to check
    except yaml_fast.NotFast:
        return None
    read = built.shallow
    if read is None or not read.plain or read.shares or not isinstance(built.value, dict | list):
        return None
    own = read.noted()
    if own[()][:2] != (1, column) or own[()][4] != len(piece) + column - 1:
        return None  # it does not start where the value did, or ends before its text does
    lines = new.count("\n", start, new_end) - old.count("\n", start, end)
    moved: Notes = {}
    for path, (at_line, at_column, mapping, at, to) in notes.items():
        if path[:depth] == parts:
            continue
        if path == parts[: len(path)]:  # an ancestor: it ends later
            moved[path] = (at_line, at_column, mapping, at, to + delta)
        elif at >= end:  # on the lines after it (see above): on the same columns
            moved[path] = (at_line + lines, at_column, mapping, at + delta, to + delta if to >= 0 else to)
        elif at < start and to <= start:
            moved[path] = (at_line, at_column, mapping, at, to)
        else:
            return None  # overlapping the piece, yet not in it
    offset = start - (column - 1)
    for path, (at_line, at_column, mapping, at, to) in own.items():
        if depth + len(path) <= YAML_NOTED_DEPTH:
            moved[parts + path] = (at_line + line - 1, at_column, mapping, at + offset, to + offset if to >= 0 else to)
    container = data
    for part in parts[:-1]:
        container = container[part] if isinstance(container, dict) else container[int(part)]
    last = parts[-1]
    if isinstance(container, dict):
        if not isinstance(container.get(last), dict | list):
            return None  # its key was not written as its text (a number, a boolean)
        container[last] = built.value
    else:
        container[int(last)] = built.value
    return data, moved
