"""The last run's model, carried to the next run: replayed after an edit, or given the
new text of one prose string.

A run that builds the model keeps it, in the cache, for the next run into the same output
folder: the model, the record of its build (which the next build replays where the spec
is as it was, see :mod:`generator.model.replay`), the target's names for it, and each
prose string of the spec's JSON files (the very string object the model holds, pickled
once with it), with the string's file and
where it stands: its key and its object's trail (a pointer is made only for the few
strings an edit reaches, by the run that puts the edit in). Beside them it keeps the
bytes of each JSON file of the spec, with where the members of its top levels start (in
bytes), and the digest of every file. The root is keyed apart from its name, so a spec
of one file may be edited under another name.

After a build that replayed a carried model kept whole, the model is kept as a *delta*
beside it: only what that model does not hold (the rebuilt units' objects, the new
record's parts, the names) is written, and each object of the kept model it holds is
written as its place among that model's *anchors* (:func:`_anchors`: its models, enums,
operations, units' records and what they made, prose strings), which reading the kept
model finds again in the same order. A delta is always against a model kept whole, so
reading one reads two entries; after :data:`MAX_DELTAS` deltas, or when a delta would be
more than :data:`DELTA_SHARE` of that model, the model is kept whole again.

The next run compares each file with what was kept. When a JSON file differs only inside
one prose string (:mod:`generator.cache.text_edit`) and every other file is as it was, the new
string goes into the places that held the old one: the attributes of the model that
hold that string object (found then, for the edited strings alone). The run goes on from there as any run
after a prose edit does (:mod:`generator.cache.prose`), without parsing, validating or
modelling the spec.

Places are found by identity. Modelling (:mod:`generator.model.build`) puts a prose string
into the model as the very string object the JSON parser made: never a copy, never a
string made from it. So the places holding a spec's string object are exactly those
that show it. Two kinds of string take the longer way: one shared by two places of the
spec (Python shares one-character strings), and a server's description (servers are
named from their descriptions, so such an edit can rename things).

Like every cache entry, this only ever saves time: anything unexpected, and the run
parses the spec as usual.
"""

from __future__ import annotations

import array
import copyreg
import gc
import hashlib
import io
import json
import os
import pickle
import sys
from collections.abc import Callable, Container, Iterator
from dataclasses import is_dataclass
from enum import Enum
from functools import partial
from pathlib import Path
from typing import Any, BinaryIO

from ..errors import pointer_join, pointer_parts
from ..immutable import immutable
from ..model.ir import Api, Server, Source
from ..model.replay import BuildRecord, Built
from ..spec.load import LoadedSpec, Read, Trail, read_spec_bytes, trail_keys
from .store import Cache
from .text_edit import StringEdit, byte_outline, string_edit

MODEL = "carried-model"
DELTA = "carried-delta"
TEXT = "carried-text"
BYTES = "carried-bytes"
LAYOUT = 7
"""The layout of what is kept, kept with it: an entry of another layout is not read
(1: each prose string with its JSON pointer, and the bytes of the spec's files in the
pickle of its text; 2: no record of the model's build; 3: the target's names inside the
model's pickle, read by a replayed build too; 4: the names in a pickle that shared the
model's objects, readable only after it; 5: no deltas; 6: no count of line feeds)."""
MAX_DELTAS = 8
"""How many runs in a row keep their model as a delta against one model kept whole."""
DELTA_SHARE = 0.5
"""The most a delta's pickle may be of its whole model's: past that, the model is kept whole."""
MAX_EDITS = 32
"""How many edits in a row are put into one carried model; the next run after that
models the spec again (and carries the new model)."""

Origin = tuple[str, str, str, Trail]
"""A prose string of the spec: the string, its file's key (see :func:`file_key`), its
key and its object's trail."""
Site = tuple[str, str]
"""Where a prose string stands: its file's key and its JSON pointer."""
Outline = dict[int, list[tuple[int, str]]]
"""Where a JSON file's objects start, and each child's value with its key (see :meth:`LoadedSpec.outline`)."""


def file_key(spec_root: Path | str, file: Path | str) -> str:
    """How carrying names a file of the spec: the root is "" (it may be renamed, when it
    is the whole spec), any other file is its absolute path."""
    return "" if str(file) == str(spec_root) else str(file)


def prose_origins(spec: LoadedSpec) -> dict[int, Origin | None]:
    """The prose strings of the spec's JSON files, by identity (``id``); None for a
    string object found at two places. Made while the parsed spec is alive: the strings
    are kept, so their identities stay theirs."""
    origins: dict[int, Origin | None] = {}
    for file, sites in spec.prose_sites.items():
        if file.suffix.lower() != ".json":
            continue
        name = file_key(spec.root, file)
        for node, key, trail in sites:
            text = node[key]
            if len(text) < 2:
                continue  # the empty and one-character strings are shared objects
            origins[id(text)] = None if id(text) in origins else (text, name, key, trail)
    return origins


@immutable
class SpecFiles:
    """What carrying a model needs to know of the spec it was made from, besides its
    bytes: the root, the outline of each JSON file's text, every file's digest (files by
    :func:`file_key`) and, once its bytes are read, how many line feeds each JSON file
    holds (see :func:`_line_feeds`)."""

    root: str
    outlines: dict[str, Outline]
    digests: dict[str, str]
    lines: dict[str, int]

    @classmethod
    def of(cls, spec: LoadedSpec) -> SpecFiles:
        """What ``spec`` was read from."""
        json_files = [file for file in spec.documents if file.suffix.lower() == ".json"]
        return cls(
            str(spec.root),
            {file_key(spec.root, file): spec.outline(file) for file in json_files},
            {file_key(spec.root, file): digest for file, digest in spec.digests.items()},
            {},
        )

    def path(self, key: str) -> Path:
        """The file a key names."""
        return Path(key or self.root)


@immutable
class Stamps:
    """What ties a folder's record to the carried model and to the spec's text kept
    beside it: each is stored apart, and either may have been replaced since."""

    model: str
    text: str


@immutable
class RecordedEdit:
    """An edit put into a carried model since it was made: the string at ``pointer`` of
    ``file`` (by :func:`file_key`) became the JSON string ``token``."""

    file: str
    pointer: str
    token: str

    def to_data(self) -> list[str]:
        """As JSON data, for the folder's record."""
        return [self.file, self.pointer, self.token]

    @classmethod
    def from_data(cls, data: list[Any]) -> RecordedEdit:
        """From :meth:`to_data`'s data."""
        file, pointer, token = data
        return cls(str(file), str(pointer), str(token))


@immutable
class _SpecText:
    """The spec's files as the last run read them: the bytes of each JSON file, with
    :class:`SpecFiles`' outlines and digests."""

    files: SpecFiles
    raw: dict[str, bytes]


@immutable
class Carried:
    """A carried model with the strings edited since put in: what a run starts from."""

    api: Api
    names: Any
    edits: list[tuple[str, StringEdit]]
    """This run's edits: each edited file's one edit (files by :func:`file_key`)."""
    text: _SpecText
    """The spec's files as they are now."""
    touched: set[int]
    """The ``id`` of each object of the model this run's edits changed."""

    @property
    def digests(self) -> dict[Path, str]:
        """The digest of each of the spec's files, as they are now."""
        files = self.text.files
        return {files.path(key): digest for key, digest in files.digests.items()}

    def recorded(self) -> list[RecordedEdit]:
        """This run's edits, to record."""
        return [RecordedEdit(file, edit.pointer, edit.token) for file, edit in self.edits]


def carry(
    cache: Cache,
    key: str,
    stamps: Stamps,
    files: SpecFiles,
    api: Api,
    names: Any,
    origins: dict[int, Origin | None],
    record: BuildRecord | None = None,
    replayed: list[Origin] | None = None,
    replayed_from: str = "",
) -> bool:
    """Keep ``api`` and ``names`` for the next run into the folder whose record is under
    ``key``, with the spec's files and the ``record`` of the model's build (what the next
    build replays), under ``stamps`` (see :func:`new_stamps`). Whether they were kept:
    not if a file cannot be read, or the cache cannot be written. A file is read again,
    and kept with the digest of the text the model was made from: if it changed since,
    what is kept is not that text, and the next run reads it as damaged (see
    :func:`keep_text`). ``origins``: the prose strings of the spec as parsed; after a
    replayed build, the model holds the strings of the last carried model where its
    parts were replayed, and ``replayed`` (kept with that model) says where each stands;
    ``replayed_from``: that model's stamp. A model replayed from one read in this run
    (see :func:`recall_built`) is kept as a delta against the model kept whole it was
    read from, if it can be (see :func:`_delta`)."""
    raw: dict[str, bytes] = {}
    outlines: dict[str, Outline] = {}
    for file, outline in files.outlines.items():
        try:
            raw[file] = read_spec_bytes(files.path(file))
        except OSError:
            return False
        outlines[file] = byte_outline(raw[file], outline)
    strings = [origin for origin in origins.values() if origin is not None]
    base = _recalled.get((key, replayed_from)) if replayed and replayed_from else None
    delta = None
    if base is not None and replayed and record is not None:
        delta = _delta(base, stamps.model, api, strings, replayed, record)
    if delta is None and replayed:  # each string the model holds, from whichever run parsed it
        held = {id(getattr(obj, attr)) for obj, attr in prose_places(api)}
        strings = [origin for origin in (*strings, *replayed) if id(origin[0]) in held]

    def write(stream: BinaryIO) -> None:
        # The names follow, with the stamp, in a pickle of their own that shares no object
        # with the first: a replayed build reads the first alone (see recall_built), the
        # side work that needs the names reads them alone (see recall_names).
        pickler = _pickler(stream)
        if delta is None:
            pickler.dump((stamps.model, LAYOUT, api, strings, record))
            pickler.clear_memo()
        else:
            stream.write(delta)
        pickler.dump((stamps.model, names))

    kept = _SpecText(
        SpecFiles(files.root, outlines, files.digests, {file: _line_feeds(data) for file, data in raw.items()}), raw
    )
    return cache.put_stream(MODEL if delta is None else DELTA, key, write) and keep_text(cache, key, stamps.text, kept)


@immutable
class _Base:
    """A model kept whole, as this run read it: what a delta is written against."""

    stamp: str
    model: tuple[Api, list[Origin], BuildRecord]
    size: int
    """The bytes of its pickle."""
    deltas: int
    """How many deltas were kept against it, the one read last included."""


_recalled: dict[tuple[str, str], _Base] = {}
"""The model kept whole that the model this process read last (by its folder's key and
its stamp) is, or is a delta against (see :func:`recall_built`). One only: a process
that runs many times (a test suite, a program that calls generate) keeps no model it
read before; a run whose model is no longer there keeps its model whole."""


def _recalling(key: str, stamp: str, base: _Base) -> None:
    """Make ``base`` the one model kept whole that :data:`_recalled` holds."""
    _recalled.clear()
    _recalled[(key, stamp)] = base


def _anchors(api: Api, strings: list[Origin], record: BuildRecord) -> list[Any]:
    """The objects of a model kept whole (with its prose strings and the record of its
    build) that a delta against it writes as their place in this list (each once): what
    a replayed build takes of it whole (models, enums, operations, units' records) and
    what it looks up of it (the types, shared parameters and responses units made), and
    every prose string, which must stay the object the model holds (see :func:`_places`).
    Anything else of it a delta holds is written again, as a copy. Each object is listed
    once: a pickler numbers each object it writes after the entries of its memo, which
    must then be as many as the places (an object listed twice would be numbered over)."""
    found: list[Any] = [*api.models.values(), *api.enums.values()]
    for group in api.groups:
        found += group.operations
    found += strings
    found += [origin[0] for origin in strings]
    found += record.leaves
    for unit in record.units.values():
        found.append(unit)
        found += [made for _, made in unit.types_made]
        found += [made for _, made in unit.parameters_made]
        found += [made for _, made in unit.responses_made]
    return list({id(anchor): anchor for anchor in found}.values())


def _memo_prefix(count: int) -> bytes:
    """A pickle that puts the objects with the persistent ids 0 to ``count`` - 1 into the
    memo of its unpickler, in that order, and is None. (An unpickler's memo cannot be set
    from a dict: Python 3.11 drops it.) Each id is eight bytes: BININT and the id (four
    bytes, little-endian), BINPERSID, MEMOIZE, POP; they are laid out column by column,
    each column one slice assignment (forty thousand ids one by one took 5 - 13 ms)."""
    ids = array.array("I", range(count))
    if ids.itemsize == 4 and sys.byteorder == "little":
        digits = ids.tobytes()
    else:  # pragma: no cover - not a machine we know
        digits = b"".join(at.to_bytes(4, "little") for at in range(count))
    each = bytearray(8 * count)
    each[0::8] = b"J" * count
    for at in range(4):
        each[1 + at :: 8] = digits[at::4]
    each[5::8] = b"Q" * count
    each[6::8] = b"\x94" * count
    each[7::8] = b"0" * count
    return b"\x80\x05" + bytes(each) + b"N."  # PROTO 5 ... NONE, STOP


def _delta(
    base: _Base, stamp: str, api: Api, parsed: list[Origin], replayed: list[Origin], record: BuildRecord
) -> bytes | None:
    """The pickles of a delta against ``base`` (see the module's docstring): its stamp,
    layout, the stamp of ``base`` and how many deltas against it this one makes; then
    ``api``, its prose strings and ``record``, each of ``base``'s anchors as its place
    (see :func:`_anchors`). None if the model is to be kept whole: past :data:`MAX_DELTAS`,
    or :data:`DELTA_SHARE`.

    The strings are those of ``parsed`` (this run's) and ``replayed`` (the model's
    replayed from) that an object not among the anchors holds (an anchor holds only
    strings among them), and those among the anchors, not looked through: one the model
    no longer holds is never found by :func:`_places`, which starts from the objects
    that hold strings."""
    if base.deltas >= MAX_DELTAS:
        return None
    stream = io.BytesIO()
    pickle.dump((stamp, LAYOUT, base.stamp, base.deltas + 1), stream, protocol=pickle.HIGHEST_PROTOCOL)
    # The anchors are the memo's first entries: an object among them is written as the
    # pickler writes an object it wrote before, a reference to its entry. A first pickle
    # puts them there for the reader: each is read by its place (see _read).
    anchors = _anchors(*base.model)
    stream.write(_memo_prefix(len(anchors)))
    memo = {id(anchor): (at, anchor) for at, anchor in enumerate(anchors)}
    held = {id(getattr(obj, attr)) for obj, attr in prose_places(api, skip=memo)}
    strings = [origin for origin in (*parsed, *replayed) if id(origin) in memo or id(origin[0]) in held]
    pickler = _pickler(stream)
    pickler.memo = memo
    pickler.dump((api, strings, record))
    return stream.getvalue() if stream.tell() <= base.size * DELTA_SHARE else None


def new_stamps() -> Stamps:
    """Stamps no other carried model has."""
    return Stamps(os.urandom(16).hex(), os.urandom(16).hex())


def keep_text(cache: Cache, key: str, stamp: str, text: _SpecText) -> bool:
    """Keep the spec's files as a run read them (see :attr:`Carried.text`), under
    ``stamp``; whether they were kept. The bytes of each JSON file are kept apart, with
    the digest the run read them under as their checksum (see
    :meth:`~generator.cache.store.Cache.put_hashed`: GitHub's 13 MB are not hashed again);
    the rest as one pickle."""
    for file, raw in text.raw.items():
        if not cache.put_hashed(BYTES, _bytes_key(key, file), raw, text.files.digests[file]):
            return False

    def write(stream: BinaryIO) -> None:
        pickle.dump((stamp, LAYOUT, text.files), stream, protocol=pickle.HIGHEST_PROTOCOL)

    return cache.put_stream(TEXT, key, write)


def _bytes_key(key: str, file: str) -> str:
    """The entry of the bytes of ``file`` (see :func:`file_key`) kept for the folder whose
    record is under ``key``."""
    return hashlib.sha256(f"{key}\0{file}".encode()).hexdigest()


def _line_feeds(data: bytes) -> int:
    """How many line feeds a file's bytes hold. An edit inside one JSON string leaves the
    count as it was (a JSON string holds none: its line breaks are escaped), so a count
    that differs tells a structural edit without reading the kept bytes (GitHub's 13 MB,
    and their digest)."""
    return data.count(b"\n")


def _kept_text(cache: Cache, key: str, stamp: str, root: Path, read: Read | None = None) -> _SpecText | None:
    """The spec's files kept under ``stamp`` (see :func:`keep_text`), if they are, and
    if the spec's root now is ``root`` or a spec of one file; None too if the root's
    bytes, if ``read`` already, hold another count of line feeds than the kept ones."""
    entry = _load(cache, TEXT, key)
    kept = entry[0] if entry is not None else None
    if kept is None or len(kept) != 3 or kept[0] != stamp or kept[1] != LAYOUT or not isinstance(kept[2], SpecFiles):
        return None
    files: SpecFiles = kept[2]
    if files.root != str(root) and len(files.digests) > 1:
        return None  # a root renamed, but other files may refer to it by its name
    if read is not None and "" in files.outlines and _line_feeds(read[0]) != files.lines.get(""):
        return None  # not an edit inside strings
    raw: dict[str, bytes] = {}
    for file in files.outlines:
        found = cache.get_hashed(BYTES, _bytes_key(key, file), files.digests[file])
        if found is None:
            return None
        raw[file] = found
    return _SpecText(files, raw)


def recall_carried(
    cache: Cache, key: str, stamps: Stamps, root: Path, recorded: list[RecordedEdit], read: Read | None = None
) -> Carried | None:
    """The carried model with ``stamps``, with the ``recorded`` edits and this run's put
    in: None unless the spec at ``root`` (whose bytes and digest are ``read``, if the
    caller read them) differs from the kept text by an edit inside one prose string of
    each JSON file that differs (and by nothing else)."""
    if len(recorded) >= MAX_EDITS:
        return None
    try:
        text = _kept_text(cache, key, stamps.text, root, read)
        return None if text is None else _put_in(cache, key, stamps, text, root, recorded, read)
    except (TypeError, ValueError, AttributeError, KeyError, IndexError):  # a kept file of another shape
        return None


def _put_in(
    cache: Cache, key: str, stamps: Stamps, text: _SpecText, root: Path, recorded: list[RecordedEdit], read: Read | None
) -> Carried | None:
    """:func:`recall_carried`, once the kept text is read."""
    found = _edits(text, root, read)
    if found is None:
        return None
    edits, now = found
    kept = _load_model(cache, key, stamps.model, with_names=True)
    loaded = kept[0] if kept is not None else None
    if loaded is None or len(loaded) != 6 or loaded[0] != stamps.model or loaded[1] != LAYOUT:
        return None
    _, _, api, strings, _, (names_stamp, names) = loaded
    if names_stamp != stamps.model:
        return None
    if not isinstance(api, Api) or not isinstance(strings, list):
        return None
    puts: list[tuple[Site, str, str | None]] = [
        ((earlier.file, earlier.pointer), json.loads(earlier.token), None) for earlier in recorded
    ]
    puts += [((file, edit.pointer), edit.value, edit.old_value) for file, edit in edits]
    places = _places(api, strings, {site for site, _, _ in puts})  # before any string is replaced
    for site, value, old_value in puts:
        if not _put(places, site, value, old_value):
            return None
    touched = {id(obj) for file, edit in edits for obj, _ in places[(file, edit.pointer)]}
    return Carried(api, names, edits, now, touched)


def recall_built(cache: Cache, key: str, stamp: str) -> tuple[Built, list[Origin], Callable[[], Any]] | None:
    """The model carried under ``stamp`` with the record of its build (what a build after
    a structural edit replays, see :mod:`generator.model.replay`), where each of its
    prose strings stands, and what reads the names the target gave it, when asked (see
    :func:`recall_names`); None if there is none."""
    found = _load_model(cache, key, stamp)
    if found is None:
        return None
    loaded, namespace, at = found
    if len(loaded) != 5 or loaded[0] != stamp or loaded[1] != LAYOUT:
        return None
    _, _, api, strings, record = loaded
    if not isinstance(api, Api) or not isinstance(record, BuildRecord) or not isinstance(strings, list):
        return None
    if namespace == MODEL:
        _recalling(key, stamp, _Base(stamp, (api, strings, record), at, 0))
    return Built(api, record, frozenset()), strings, partial(recall_names, cache, key, stamp, at, namespace=namespace)


def recall_names(cache: Cache, key: str, stamp: str, at: int, namespace: str = MODEL) -> Any:
    """The names the target gave the model carried under ``stamp``, kept after it in its
    entry (of ``namespace``: a model kept whole, or a delta) from byte ``at`` on (see
    :func:`carry`); None if they cannot be read there."""
    stream = cache.open(namespace, key)
    if stream is None:
        return None
    try:
        with stream:
            stream.seek(at)
            found = _Unpickler(stream).load()
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError, IndexError):
        return None
    if not isinstance(found, tuple) or len(found) != 2 or found[0] != stamp:
        return None
    return found[1]


def _load_model(
    cache: Cache, key: str, stamp: str, with_names: bool = False
) -> tuple[tuple[Any, ...], str, int] | None:
    """The carried model's tuple (see :func:`carry`), as :func:`_load` reads it, with the
    namespace of its entry: the delta kept under ``stamp``, read with the model kept whole
    it is against, if there is one; else the model kept whole (whose stamp the caller
    checks). None if it cannot be read."""
    stream = cache.open(DELTA, key)
    if stream is not None:
        with stream:
            found = _load_delta(cache, key, stamp, stream, with_names)
        if found is not None:
            return found[0], DELTA, found[1]
    whole = _load(cache, MODEL, key, with_names)
    return None if whole is None else (whole[0], MODEL, whole[1])


def _load_delta(
    cache: Cache, key: str, stamp: str, stream: BinaryIO, with_names: bool
) -> tuple[tuple[Any, ...], int] | None:
    """:func:`_load_model`'s tuple and where it ends, read from the delta in ``stream`` if
    it is kept under ``stamp`` and the model kept whole it is against is there."""
    try:
        header = _Unpickler(stream).load()
    except (pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError, IndexError):
        return None
    if not isinstance(header, tuple) or len(header) != 4 or header[0] != stamp or header[1] != LAYOUT:
        return None
    _, _, base_stamp, deltas = header
    whole = _load(cache, MODEL, key)
    if whole is None or len(whole[0]) != 5 or whole[0][0] != base_stamp or whole[0][1] != LAYOUT:
        return None
    _, _, api, strings, record = whole[0]
    if not isinstance(api, Api) or not isinstance(record, BuildRecord) or not isinstance(strings, list):
        return None
    base = _Base(base_stamp, (api, strings, record), whole[1], deltas)
    found = _read(stream, with_names, _anchors(api, strings, record))
    if found is None or len(found[0]) != 3 + with_names:
        return None
    _recalling(key, stamp, base)
    return (stamp, LAYOUT, *found[0]), found[1]


def _load(cache: Cache, namespace: str, key: str, with_names: bool = False) -> tuple[tuple[Any, ...], int] | None:
    """A kept tuple, and where it ends in its entry; None if there is none, or it cannot
    be read. ``with_names``: the carried model's tuple with the names that follow it (see
    :func:`carry`) added last."""
    stream = cache.open(namespace, key)
    if stream is None:
        return None
    with stream:
        return _read(stream, with_names)


def _read(stream: BinaryIO, with_names: bool, anchors: list[Any] | None = None) -> tuple[tuple[Any, ...], int] | None:
    """:func:`_load`'s tuple, read from where ``stream`` stands (``anchors``: a delta's
    first memo entries, see :func:`_anchors`).

    The objects it is made of live to the end of the run: the cycle collector rests
    while they are made, and then no longer sees them (:func:`gc.freeze`). Going through
    them, as it would, takes longer than making them."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        unpickler = _Unpickler(stream)
        if anchors is not None:  # a delta: its first pickle puts them into the memo (see _memo_prefix)
            unpickler.persistent_load = anchors.__getitem__  # type: ignore[method-assign]
            unpickler.load()
        value = unpickler.load()
        end = stream.tell()  # the unpickler has read exactly the pickle
        if with_names and isinstance(value, tuple):  # a pickle of its own: read from a memo of its own
            value = (*value, _Unpickler(stream).load())
        return (value, end) if isinstance(value, tuple) else None
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError, IndexError):
        return None
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def _edits(text: _SpecText, root: Path, read: Read | None) -> tuple[list[tuple[str, StringEdit]], _SpecText] | None:
    """Each edited file's one edit, against the kept text, with ``root`` the spec's root
    now (``read``: its bytes and digest, if read already); and the files as they are now.
    None if they differ otherwise."""
    edits: list[tuple[str, StringEdit]] = []
    raw = dict(text.raw)
    outlines = dict(text.files.outlines)
    digests = dict(text.files.digests)
    lines = dict(text.files.lines)
    for file, digest in text.files.digests.items():
        try:
            now, digest_now = read if read is not None and not file else (read_spec_bytes(Path(file or root)), "")
        except OSError:
            return None
        before = text.raw.get(file)
        if before is None:  # not JSON: it must be as it was
            if (digest_now or hashlib.sha256(now).hexdigest()) != digest:
                return None
            continue
        if now == before:
            continue
        outline = outlines[file]
        edit = string_edit(before, now, outline.get)
        if edit is None:
            return None
        edits.append((file, edit))
        raw[file] = now
        digests[file] = digest_now or hashlib.sha256(now).hexdigest()
        outlines[file] = _moved_outline(outline, edit)
        lines[file] = _line_feeds(now)
    return edits, _SpecText(SpecFiles(str(root), outlines, digests, lines), raw)


def _moved_outline(outline: Outline, edit: StringEdit) -> Outline:
    """``outline`` for the file after ``edit``: what stood after the edited string moves."""
    moved = edit.moved
    return {moved(at): [(moved(o), key) for o, key in children] for at, children in outline.items()}


def _put(places: dict[Site, list[tuple[Any, str]]], site: Site, value: str, old_value: str | None) -> bool:
    """Put ``value`` in every place of ``site``, each of which must hold ``old_value`` (if
    given); whether the site has places."""
    held = places.get(site)
    if not held:
        return False
    if old_value is not None and any(getattr(obj, attr) != old_value for obj, attr in held):
        return False
    for obj, attr in held:
        object.__setattr__(obj, attr, value)
    return True


def _wanted(strings: list[Origin], sites: set[Site]) -> dict[int, Site]:
    """The ``id`` of each string of ``strings`` (see :func:`prose_origins`) that stands at
    one of ``sites``, with that site. Its object's own key tells nearly every string from
    those at the sites: only the strings whose object's key is that of a site's object
    have their pointer made (where, as text, an array's item has its index)."""
    parents: set[str | int | None] = set()
    for _, pointer in sites:
        parts = pointer_parts(pointer)
        parent = parts[-2] if len(parts) > 1 else None
        parents.add(parent)
        if parent is not None and parent.isdecimal():
            parents.add(int(parent))
    wanted: dict[int, Site] = {}
    for text, file, key, trail in strings:
        if (trail and trail[0]) in parents:
            site = (file, pointer_join("", *trail_keys((key, trail))))
            if site in sites:
                wanted[id(text)] = site
    return wanted


def _places(api: Api, strings: list[Origin], sites: set[Site]) -> dict[Site, list[tuple[Any, str]]]:
    """Per site of ``sites``, the places of ``api`` that hold its string (each once), by
    identity: ``strings`` were kept with the model, as one pickle. A site whose string a
    server holds has none."""
    wanted = _wanted(strings, sites)
    places: dict[Site, list[tuple[Any, str]]] = {}
    seen: set[tuple[int, str]] = set()
    servers: set[Site] = set()
    for obj, attr in prose_places(api):
        site = wanted.get(id(getattr(obj, attr)))
        if site is None or (id(obj), attr) in seen:
            continue
        seen.add((id(obj), attr))
        places.setdefault(site, []).append((obj, attr))
        if isinstance(obj, Server):
            servers.add(site)
    for site in servers:
        del places[site]
    return places


def prose_places(api: Api, skip: Container[int] = frozenset()) -> Iterator[tuple[Any, str]]:
    """Every (object, attribute) of the model that holds prose (an object reached twice
    comes twice), but those of the models, enums and operations whose ``id`` is in
    ``skip`` (and of what they hold)."""
    yield api, "description"
    for server in api.servers:
        yield server, "description"
    for scheme in api.client_auth:
        yield scheme, "description"
    for group in api.groups:
        yield group, "description"
        for op in group.operations:
            if id(op) in skip:
                continue
            yield op, "summary"
            yield op, "description"
            for parameter in op.parameters:
                yield parameter, "description"
            if op.body is not None:
                yield op.body, "description"
            for response in op.responses:
                yield response, "description"
    for model in api.models.values():
        if id(model) in skip:
            continue
        yield model, "description"
        for model_field in model.fields:
            yield model_field, "description"
    for enum in api.enums.values():
        if id(enum) in skip:
            continue
        yield enum, "description"
        for value in enum.values:
            yield value, "description"


NOWHERE = Source("", "")
"""Where every thing of a carried model was described, as far as it knows: a run that
starts from a carried model keeps the last run's warnings, and nothing else reads a
:class:`~generator.model.ir.Source` (it says where a target's limits are met, see
:meth:`generator.targets.Target.unsupported`; no file shows it)."""


def _nowhere() -> Source:
    return NOWHERE


_EMPTY: tuple[()] = ()


def _source(_: Source) -> tuple[Any, tuple[()]]:
    return _nowhere, _EMPTY


class _Reductions(dict[type, Any]):
    """How the carried model's pickler writes an object of each type it does not write
    itself: a :class:`~generator.model.ir.Source` as :data:`NOWHERE`; an object of a data
    class that pickles the default way as that way writes it (its class, then its
    ``__dict__``), but without the default's searches for the methods that would change
    it (each a failed attribute look-up: a fifth of the time of writing a model); and
    anything else as the pickler would."""

    def __missing__(self, kind: type) -> Any:
        if kind in copyreg.dispatch_table:
            found = copyreg.dispatch_table[kind]
        elif issubclass(kind, type):
            raise KeyError(kind)  # a class: the pickler writes it by name
        elif _as_default(kind):
            found = partial(_with_dict, (kind,))
        else:
            found = _reduced
        self[kind] = found
        return found


def _as_default(kind: type) -> bool:
    """Whether ``kind`` is a data class whose objects pickle as their ``__dict__``."""
    return (
        is_dataclass(kind)
        and all("__slots__" not in vars(base) for base in kind.__mro__[:-1])
        and all(getattr(kind, name) is getattr(object, name) for name in ("__reduce_ex__", "__reduce__"))
        and getattr(kind, "__getstate__", None) is getattr(object, "__getstate__", None)
        and not any(hasattr(kind, name) for name in ("__getnewargs_ex__", "__getnewargs__", "__setstate__"))
    )


_NEWOBJ: Any = copyreg.__newobj__  # type: ignore[attr-defined]  # the default way's maker, which the pickler knows


def _with_dict(kind: tuple[type], value: Any) -> tuple[Any, tuple[type], dict[str, Any]]:
    return _NEWOBJ, kind, value.__dict__


def _reduced(value: Any) -> Any:
    return value.__reduce_ex__(pickle.HIGHEST_PROTOCOL)


_REDUCTIONS = _Reductions({Source: _source})


def _pickler(stream: BinaryIO) -> pickle.Pickler:
    """A pickler that writes each :class:`~generator.model.ir.Source` (a model holds tens of
    thousands) as :data:`NOWHERE`: their pointers were a third of a carried model's bytes
    (GitHub's spec: 13.7 MB, 8.9 MB without), and writing and reading them a quarter of
    its time. See :class:`_Reductions`."""
    pickler = pickle.Pickler(stream, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = _REDUCTIONS
    return pickler


_PATHS = frozenset({"Path", "PosixPath", "WindowsPath", "PurePath", "PurePosixPath", "PureWindowsPath"})
_PACKAGE = __name__.partition(".")[0]  # sdkforge, installed; the source folder's name otherwise


class _Unpickler(pickle.Unpickler):
    """Makes only sdkforge's own data classes and enums, paths (and :data:`NOWHERE`): a
    cache file cannot run code."""

    def find_class(self, module: str, name: str) -> Any:
        if module == __name__ and name == _nowhere.__name__:
            return _nowhere
        if module == "pathlib" and name in _PATHS:  # where a spec's file is (made from its parts)
            return super().find_class(module, name)
        if module == _PACKAGE or module.startswith(_PACKAGE + "."):
            found = super().find_class(module, name)
            if isinstance(found, type) and (is_dataclass(found) or issubclass(found, Enum)):
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not sdkforge's data")
