"""The last read of a YAML spec, kept, so that after an edit only the value the edit lies
in is read again.

Building GitHub's spec from YAML takes 0.45 s, most of it PyYAML making a Python object
per libyaml event; the last read's value and notes (see :class:`yaml_fast.Shallow`) come
back from this cache in 0.03 s. The new text is compared with the kept one. Where the
changed characters lie in whole entries of a noted block mapping whose entries' values
are noted (``paths``, ``components/schemas``: an operation or a schema added, removed
or edited), the new text of those entries is read on its own and put in place of the
old entries (see :func:`_entries`); otherwise the smallest noted block mapping (an
operation, a schema, ...) holding every changed character is read on its own, at its
column, and put in place of the old one. The notes after either are moved by the lines
and characters the edit added.

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
    return beside(lambda: cache.put_bytes(NAMESPACE, _key(out), marshal.dumps(entry)), background=True)


def _splice(old: str, new: str, data: Any, notes: Notes, known: dict[str, Any]) -> tuple[Any, Notes] | None:
    """The value and notes of ``new``, from those of ``old`` (``known``: the value of each
    plain text of ``old``, which the piece's plain texts take, as in one read); None when
    not proven equal."""
    start = common_length(old, new, True, min(len(old), len(new)))
    suffix = common_length(old, new, False, min(len(old), len(new)))  # it may overlap the prefix
    old_end = len(old) - min(suffix, min(len(old), len(new)) - start)
    # The changed characters: old[start:old_end], new[start:len(new) - len(old) + old_end].
    around = [(n[4] - n[3], p) for p, n in notes.items() if p and n[2] and n[3] <= start and old_end <= n[4]]
    around.sort()
    for _, parts in around:  # whole entries of the innermost mapping that holds them
        found = _entries(old, new, data, notes, parts, (start, len(old) - suffix), known)
        if found is not None:
            return found
    for _, parts in around:
        found = _reread(old, new, data, notes, parts, len(new) - len(old), known)
        if found is not None:
            return found
    return None


def _entries(
    old: str, new: str, data: Any, notes: Notes, parts: yaml_fast.Parts, changed: tuple[int, int], known: dict[str, Any]
) -> tuple[Any, Notes] | None:
    """The value and notes of ``new`` where only whole entries of the block mapping at
    ``parts`` changed (``changed``: how long a start ``old`` shares with ``new``, and from
    where in ``old`` its end is the end of ``new``), each entry's value a mapping noted
    (``paths``, ``components/schemas``): the entries written in the changed text are read
    on their own and put in place of those they replace, the others kept. So an
    operation or a schema added or removed reads only itself (and perhaps a neighbour),
    not the mapping of all of them. None where that does not hold.

    Entry ``m``'s text runs from its key to the next token: the next entry's key, or the
    token that ends the mapping (where a block mapping's notes say it ends; after a flow
    mapping, the first thing on a later line not a comment). The text before the first
    entry replaced and from the end of the last one is the same in both. There the
    scanner meets, at a line's start, a key of the mapping at its column (or, new
    entries after the last, the token that ends the mapping, less indented), as it
    does when the new entries' text is read alone from that line's start; read so, they
    end where their text does (see the module's argument), after which the text is the
    same again."""
    if len(parts) >= YAML_NOTED_DEPTH:
        return None  # the entries' values are not noted
    line, column, mapping, first, last_end = notes[parts]
    depth = len(parts) + 1
    children = sorted((n[3], p[-1], n) for p, n in notes.items() if len(p) == depth and p[:-1] == parts)
    if not mapping or not children or old[first : first + 1] in ("{", "["):
        return None
    container = _parent(data, parts)
    if not isinstance(container, dict) or not isinstance(container.get(parts[-1]), dict):
        return None
    entries: dict[Any, Any] = container[parts[-1]]
    names = [name for _, name, _ in children]
    if names != list(entries):
        return None  # a key not written as its text (a number), or not every entry noted
    keys = [first]  # where each entry's key starts, then where the mapping ends
    for at, _, (_, _, is_mapping, _, value_end) in children:
        if not is_mapping or value_end < at:
            return None  # a scalar or a sequence: where its entry ends is not noted
        found = _next_token(old, value_end) if old[at] in "{[" else value_end
        if found is None:
            return None
        keys.append(found)
    if keys[-1] != last_end:
        return None
    start, same_from = changed
    delta = len(new) - len(old)
    i = max(m for m in range(len(keys)) if keys[m] <= start)  # entries i .. j - 1 are replaced
    j = next((m for m in range(i, len(keys)) if keys[m] >= same_from and keys[m] + delta >= keys[i]), None)
    if j is None:
        return None
    begin, suffix = keys[i], len(old) - keys[j]
    indent = _line_before(old, begin)
    line_start = begin - len(indent)
    piece = new[begin : len(new) - suffix]
    if indent.strip(" ") or len(new) - suffix < begin or any(c in piece or c in old[begin : keys[j]] for c in _BREAKS):
        return None
    after = _line_before(old, keys[j])
    if keys[j] < len(old) and (after.strip(" ") or _line_before(new, len(new) - suffix) != after):
        return None  # the token after them does not start its line, at the column it had
    kept_names = names[:i] + names[j:]
    built_value: dict[Any, Any] = {}
    own: Notes = {}
    new_first = keys[j] + delta  # where the first token after the entries before stands in the new text
    if piece.strip(" \n"):
        from ..spec import yaml_fast

        text = indent + piece
        if _first_token(text, 0) != column - 1:
            return None  # its first key is not at the mapping's column
        try:
            built = yaml_fast.load(text, _json_loader(), MAX_DEPTH - len(parts), YAML_NOTED_DEPTH - len(parts), known)
        except yaml_fast.NotFast:
            return None
        read = built.shallow
        if read is None or not read.plain or read.shares or not isinstance(built.value, dict):
            return None
        own = read.noted()
        if own[()][:3] != (1, column, True) or own[()][4] != len(text):
            return None  # not a mapping at the mapping's column, or it ends before its text does
        built_value = built.value
        if any(name in built_value for name in kept_names):
            return None  # a key written twice
        new_first = line_start + own[()][3]
    if not kept_names and not built_value:
        return None  # the mapping would be empty: its value another
    lines = new.count("\n", begin, len(new) - suffix) - old.count("\n", begin, keys[j])
    moved: Notes = {}
    for path, note in notes.items():
        at_line, at_column, is_mapping, at, to = note
        if path == parts[: len(path)]:  # the mapping, or what holds it: it ends later
            moved[path] = (at_line, at_column, is_mapping, at, to + delta)
        elif begin <= at < keys[j]:  # in an entry replaced (a value starts after its key)
            if len(path) <= len(parts) or path[: len(parts)] != parts:
                return None
        elif at >= keys[j]:  # on the lines after them
            moved[path] = (at_line + lines, at_column, is_mapping, at + delta, to + delta if to >= 0 else to)
        elif to == begin and path[: len(parts)] == parts:  # ended by the token after it: the first new key
            moved[path] = (at_line, at_column, is_mapping, at, new_first)
        elif to <= begin:  # before them (a scalar's end is not noted: it is in an entry kept)
            moved[path] = note
        else:
            return None  # overlapping the entries replaced, yet not in them
    first_line = line + old.count("\n", first, line_start)
    for path, (at_line, at_column, is_mapping, at, to) in own.items():
        if path and len(parts) + len(path) <= YAML_NOTED_DEPTH:
            at, to = at + line_start, to + line_start if to >= 0 else to
            moved[parts + path] = (at_line + first_line - 1, at_column, is_mapping, at, to)
    items = list(entries.items())
    container[parts[-1]] = dict(items[:i] + list(built_value.items()) + items[j:])
    return data, moved


def _parent(data: Any, parts: yaml_fast.Parts) -> Any:
    """The collection that holds the value at ``parts`` (not empty) of ``data``."""
    container = data
    for part in parts[:-1]:
        container = container[part] if isinstance(container, dict) else container[int(part)]
    return container


def _line_before(text: str, at: int) -> str:
    """The text of ``at``'s line before it."""
    return text[text.rfind("\n", 0, at) + 1 : at]


def _next_token(text: str, at: int) -> int | None:
    """Where the first token after ``at`` stands, the rest of ``at``'s line being spaces
    or a comment; None if something else follows on ``at``'s line."""
    end = text.find("\n", at)
    rest = text[at : len(text) if end < 0 else end]
    if rest.strip(" ") and not (rest[:1] == " " and rest.lstrip(" ").startswith("#")):
        return None
    return len(text) if end < 0 else _first_token(text, end + 1)


def _first_token(text: str, at: int) -> int:
    """Where the first token from ``at`` (a line's start) stands, past blank lines and
    comments; the text's end if none."""
    while at < len(text):
        end = text.find("\n", at)
        content = text[at : len(text) if end < 0 else end].lstrip(" ")
        if content and not content.startswith("#"):
            return text.index(content[0], at)
        if end < 0:
            break
        at = end + 1
    return len(text)


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
    before, after = _line_before(old, start), _line_before(new, new_end)
    if before.strip(" ") or (new_end < len(new) and (after.strip(" ") or after != _line_before(old, end))):
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
    container = _parent(data, parts)
    last = parts[-1]
    if isinstance(container, dict):
        if not isinstance(container.get(last), dict | list):
            return None  # its key was not written as its text (a number, a boolean)
        container[last] = built.value
    else:
        container[int(last)] = built.value
    return data, moved
