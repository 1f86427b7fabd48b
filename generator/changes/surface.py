"""An SDK as its users see it: what they can name and call, in one target's words.

A target describes the SDK it makes from an API as a :class:`Surface` (its groups,
methods and their parameters, models and their fields, enums, environments and
credentials, each under the name and type the target gives it). Comparing two surfaces
says what changed for the SDK's users (:mod:`generator.changes.report`) without knowing
the language. A type is the target's own annotation, and the set of types a value of it
may be, as the target judges them (see :class:`TypeShape`).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from enum import StrEnum
from json.encoder import encode_basestring_ascii
from typing import Any, NamedTuple

from ..model.ir import Api


class Flow(StrEnum):
    """Which way a model's values travel: what a change to it can break depends on it."""

    INPUT = "input"  # built by the user and sent (a body, a parameter)
    OUTPUT = "output"  # received and read by the user (a response)
    BOTH = "both"


class TypeShape(NamedTuple):
    """A type as users write it (``text``), and its ``members``: the types a value of it may
    be, each as written, none a subtype of another (the target decides: in Python an open
    enum ``Color | str`` is just ``str``, since its members are strings). A type whose
    members hold another's members accepts every value of it."""

    text: str
    members: frozenset[str]


class ParamShape(NamedTuple):
    """A method's parameter: ``position`` is its index among the positional parameters,
    or None when it can only be passed by keyword."""

    name: str
    type: TypeShape
    required: bool
    position: int | None
    description: str


class MethodShape(NamedTuple):
    """A method of a group, with what it takes and what it returns."""

    name: str
    params: tuple[ParamShape, ...]
    returns: TypeShape
    deprecated: bool
    description: str
    http: str  # ``POST /oauth2/token``, for messages


class GroupShape(NamedTuple):
    """An API group: how the client exposes it, and its methods by name."""

    name: str
    methods: dict[str, MethodShape]
    description: str


class FieldShape(NamedTuple):
    """A model's field: ``nullable`` says whether null is one of its values."""

    name: str
    type: TypeShape
    required: bool
    nullable: bool
    deprecated: bool
    description: str


class ModelShape(NamedTuple):
    """A model, its fields by name, and which way its values travel."""

    name: str
    fields: dict[str, FieldShape]
    flow: Flow
    deprecated: bool
    description: str


class EnumShape(NamedTuple):
    """An enum and the values it names (as text: ``"RED"``, ``"3"``)."""

    name: str
    values: tuple[str, ...]
    description: str


class CredentialShape(NamedTuple):
    """A credential the client takes: its argument and how it is sent."""

    name: str
    kind: str


class Surface(NamedTuple):
    """Everything an SDK's users can name, keyed by the target's names."""

    groups: dict[str, GroupShape]
    models: dict[str, ModelShape]
    enums: dict[str, EnumShape]
    environments: dict[str, str]  # name -> base URL
    credentials: dict[str, CredentialShape]


RECORD_FORMAT = 1
"""The surface record's layout: a record of another is not read (see :func:`from_json`)."""

SURFACE_FILE = ".sdkforge-surface.json"
"""The file in an output folder that records its SDK's surface (structure only), so
that the next run can say what it changed for users (see :mod:`generator.changes.report`)."""


class Rows(NamedTuple):
    """A surface's groups, models and enums as its record writes them, each a list of its
    values (equal rows hold equal shapes, but for the members of their types, see
    :func:`changed_parts`), the types they name, and each row's text in the record (by
    part, then text: the row's name)."""

    types: dict[str, TypeShape]
    groups: list[list[Any]]
    models: list[list[Any]]
    enums: list[list[Any]]
    written: dict[str, dict[str, str]]

    @classmethod
    def of(cls, surface: Surface, kept: KeptRows | None = None) -> Rows:
        """``surface``'s rows; with ``kept``, also the rows it keeps, in its order."""
        types: dict[str, TypeShape] = dict(kept.types) if kept is not None else {}

        def type_of(t: TypeShape) -> str:
            types.setdefault(t.text, t)
            return t.text

        def group_row(g: GroupShape) -> list[Any]:
            methods = [
                [
                    m.name,
                    [[p.name, type_of(p.type), p.required, p.position] for p in m.params],
                    type_of(m.returns),
                    m.deprecated,
                    m.http,
                ]
                for m in g.methods.values()
            ]
            return [g.name, methods]

        def model_row(m: ModelShape) -> list[Any]:
            fields = [[f.name, type_of(f.type), f.required, f.nullable, f.deprecated] for f in m.fields.values()]
            return [m.name, fields, m.flow.value, m.deprecated]

        def enum_row(e: EnumShape) -> list[Any]:
            return [e.name, list(e.values)]

        compact = _COMPACT
        groups = _rows(surface.groups, group_row, _written_group, kept, "groups")
        models = _rows(surface.models, model_row, compact, kept, "models")
        enums = _rows(surface.enums, enum_row, compact, kept, "enums")
        made = {"groups": groups, "models": models, "enums": enums}
        written = {part: {text: row[0] for row, text in rows} for part, rows in made.items()}
        return cls(types, [r for r, _ in groups], [r for r, _ in models], [r for r, _ in enums], written)


def _written_group(row: list[Any]) -> str:
    """A group's row as the record writes it: its head, then each method on a line."""
    return f"[{_COMPACT(row[0])},[\n" + ",\n".join(_COMPACT(m) for m in row[1]) + "]]"


def _rows(
    shapes: dict[str, Any],
    row_of: Callable[[Any], list[Any]],
    write: Callable[[list[Any]], str],
    kept: KeptRows | None,
    part: str,
) -> list[tuple[list[Any], str]]:
    """Each row of one part of a surface (``shapes``, less those ``kept``) with its text,
    in the surface's order."""
    if kept is None:
        return [(row, write(row)) for row in map(row_of, shapes.values())]
    rows, own = kept.rows[part], []
    for name in kept.order[part]:
        found = rows.get(name)
        if found is None:
            row = row_of(shapes[name])
            found = (row, write(row))
        own.append(found)
    return own


class KeptRows(NamedTuple):
    """The rows of the last record (see :class:`LastRecord`) that a surface holds as they
    were, each with its text, by part (groups, models, enums) and name; the types these
    rows name, as the target judges them now; and each part's names in the surface's
    order. A surface with kept rows holds only the other groups, models and enums."""

    rows: dict[str, dict[str, tuple[list[Any], str]]]
    types: dict[str, TypeShape]
    order: dict[str, list[str]]


class LastSurface(NamedTuple):
    """What a target can take from the last run into the output folder for a surface,
    after a build that replayed that run's model (see :mod:`generator.model.replay`): that
    model and its names, the models and enums replayed (the very objects of that model),
    and the rows of the record that run wrote."""

    api: Api
    names: Any
    reused: frozenset[str]
    record: LastRecord


class LastRecord(NamedTuple):
    """The groups, models and enums of a surface record laid out as :func:`to_json`
    writes it: by part and name, each row and its text (a group's methods too); and the
    texts of the rest (its types, and what follows the enums), read when needed (see
    :meth:`changes`)."""

    rows: dict[str, dict[str, tuple[list[Any], str]]]
    methods: dict[str, dict[str, tuple[list[Any], str]]]
    """Each group's methods, by name, each row and its text."""
    types: str
    rest: str

    def changes(self, surface: Surface, rows: Rows, kept: KeptRows) -> tuple[Record, Surface] | None:
        """:func:`changed_parts` of this record and ``surface``, which keeps ``kept`` of
        its rows (those are the same in both, and not compared); the others are compared
        as rows. None where :func:`changed_parts` would read the record whole."""
        try:
            data = {"format": RECORD_FORMAT, "types": json.loads("[" + self.types + "]")}
            data.update(json.loads("{" + self.rest))
            missing = rows.types.keys() - {text for text, _ in data["types"]}
            if not missing.isdisjoint(kept.types):
                return None
            new_rows = {"groups": rows.groups, "models": rows.models, "enums": rows.enums}
            old_rows: dict[str, list[Any]] = {}
            now: dict[str, dict[str, Any]] = {}
            for part in _PARTS:
                old, same = self.rows[part], set(kept.rows[part])
                for row in new_rows[part]:
                    name = row[0]
                    if name not in same and name in old and old[name][0] == row:
                        if missing and _named(part, row) & missing:
                            return None
                        same.add(name)
                old_rows[part] = [row for name, (row, _) in old.items() if name not in same]
                now[part] = {name: shape for name, shape in getattr(surface, part).items() if name not in same}
            record = _record(data, old_rows["groups"], old_rows["models"], old_rows["enums"])
            return record, surface._replace(**now)
        except _NOT_A_RECORD:
            return None

    @classmethod
    def read(cls, text: str) -> LastRecord | None:
        """The rows of the record ``text``; None for a record not laid out so, or with a
        name twice in a part."""
        try:
            return cls._read(text)
        except _NOT_A_RECORD:
            return None

    @classmethod
    def _read(cls, text: str) -> LastRecord | None:
        at = _part_starts(text)
        if at is None:
            return None
        found: dict[str, dict[str, tuple[list[Any], str]]] = {}
        methods: dict[str, dict[str, tuple[list[Any], str]]] = {}
        for i, part in enumerate(_PARTS):
            values = _values(text[at[i] + len(_AFTER[i]) : at[i + 1]], grouped=part == "groups")
            if values is None:
                return None
            if part == "groups":  # each method alone, for a group whose other methods changed
                read = [_group(value) for value in values]
                found[part] = {row[0]: (row, value) for (row, _), value in zip(read, values, strict=True)}
                methods = {row[0]: own for row, own in read}
            else:  # each value alone, or this is no record as written
                found[part] = {row[0]: (row, value) for row, value in ((_one_value(value), value) for value in values)}
            if len(found[part]) < len(values) or not all(type(name) is str for name in found[part]):
                return None
        return cls(found, methods, text[len(_RECORD_HEAD) : at[0]], text[at[3] + len("],\n") :])


def _group(text: str) -> tuple[list[Any], dict[str, tuple[list[Any], str]]]:
    """The row of a group as :func:`to_json` writes it (its head on a line, then each
    method), and its methods by name, each with its text. ValueError if it is not so."""
    head, *body = text.split("\n")
    if not head.endswith(",[") or not body or not body[-1].endswith("]]"):
        raise ValueError("not a group as written")
    if not all(line.endswith(",") for line in body[:-1]):
        raise ValueError("not a group as written")
    texts = [line[:-1] for line in body[:-1]] + [body[-1][:-2]]
    texts = texts if texts != [""] else []  # a group without methods
    rows = [_one_value(method) for method in texts]
    methods = {row[0]: (row, method) for row, method in zip(rows, texts, strict=True)}
    if len(methods) < len(rows):
        raise ValueError("a method twice")
    return [_one_value(head[1:-2]), rows], methods


def to_json(surface: Surface, prose: dict[str, str], rows: Rows | None = None) -> str:
    """The surface record: ``surface``'s structure, and the fingerprint of each subject's
    prose (see :func:`generator.cache.prose.prose_fingerprints`) in place of the descriptions.
    ``rows``: ``surface``'s, if made already.

    Compact, as a record read at every run must be: each type's members are written once,
    in ``types``, and a type is named by its text elsewhere; every shape is a list of its
    values in a fixed order (see :func:`from_json`).
    """
    rows = rows or Rows.of(surface)
    # One line per type, method, model and enum, so that a change to the SDK shows as a
    # readable diff of this file too.
    compact, types = _COMPACT, rows.types
    lines = [f'{{"format":{RECORD_FORMAT},', '"types":[']
    lines.append(",\n".join(compact([text, sorted(types[text].members)]) for text in sorted(types)))
    lines.append('],\n"groups":[')
    lines.append(",\n".join(rows.written["groups"]))
    lines.append('],\n"models":[')
    lines.append(",\n".join(rows.written["models"]))
    lines.append('],\n"enums":[')
    lines.append(",\n".join(rows.written["enums"]))
    lines.append(f'],\n"environments":{compact(surface.environments)},')
    lines.append(f'"credentials":{compact([[c.name, c.kind] for c in surface.credentials.values()])},')
    return "\n".join(line for line in lines if line) + "\n" + _prose_section(prose)


def _compact_encoder() -> Callable[[object], str]:
    """``json.dumps`` with ``separators=(",", ":")``, its encoder made once: ``json.dumps``
    (and ``JSONEncoder.encode``) makes a new one at each call, and the record makes tens
    of thousands (on GitHub's spec, that was a third of the time of writing it)."""
    plain = json.JSONEncoder(ensure_ascii=True, separators=(",", ":"))
    try:
        from _json import make_encoder  # the encoder ``JSONEncoder.encode`` makes (CPython's)
    except ImportError:
        return plain.encode
    encode = make_encoder(None, plain.default, encode_basestring_ascii, None, ":", ",", False, False, True)
    return lambda value: "".join(encode(value, 0))


_COMPACT = _compact_encoder()

PROSE_MARK = '"prose":{\n'
"""Where the record's prose fingerprints start: they come last, so that a run after a
prose-only edit rewrites them without reading the rest (see :func:`with_prose`)."""


def _prose_section(prose: dict[str, str]) -> str:
    quoted = encode_basestring_ascii  # json.dumps of a string, without its layers of calls
    entries = ",\n".join(f"{quoted(subject)}:{quoted(digest)}" for subject, digest in sorted(prose.items()))
    return PROSE_MARK + entries + "\n}}\n"


def same_structure(record: str, other: str) -> bool:
    """Whether two records hold the same surface: all but their prose fingerprints are
    the same text."""
    at, other_at = record.find("\n" + PROSE_MARK), other.find("\n" + PROSE_MARK)
    return at >= 0 and at == other_at and record[:at] == other[:at]


def prose_of(record: str) -> dict[str, str] | None:
    """The prose fingerprints of ``record``; None if it has none that can be read."""
    at = record.find("\n" + PROSE_MARK)
    try:
        data = json.loads("{" + record[at + 1 :]) if at >= 0 else None  # the record's last member, alone
        return {str(subject): str(digest) for subject, digest in data["prose"].items()} if data else None
    except (KeyError, TypeError, ValueError, AttributeError):
        return None


def with_prose(record: str, prose: dict[str, str]) -> str | None:
    """``record`` with ``prose`` as its fingerprints; None if it is not a record."""
    at = record.find("\n" + PROSE_MARK)
    return record[: at + 1] + _prose_section(prose) if at >= 0 else None


class Record(NamedTuple):
    """What a surface record holds: the surface (without descriptions) and the prose
    fingerprints by subject."""

    surface: Surface
    prose: dict[str, str]


def from_json(text: str) -> Record | None:
    """What a record holds; None for a record that is not one (damaged, of another
    format, edited by hand)."""
    try:
        data = json.loads(text)
        if data["format"] != RECORD_FORMAT:
            return None
        return _record(data, data["groups"], data["models"], data["enums"])
    except _NOT_A_RECORD:
        return None


def changed_parts(text: str, surface: Surface, rows: Rows) -> tuple[Record, Surface] | None:
    """What :func:`from_json` reads of the record ``text``, and ``surface`` (whose rows are
    ``rows``), both less each group, model and enum whose row is the same in both:
    comparing those finds no change (their types are named by the same texts, and the
    members of a type count only where its text changed, see
    :mod:`generator.changes.report`). None where :func:`from_json` gives None. After an
    edit to one field of GitHub's spec, reading and comparing every row took 0.1 s."""
    try:
        found = _changed_as_written(text, surface, rows)
    except _NOT_A_RECORD:
        found = None
    if found is not None:
        return found
    try:
        data = json.loads(text)
        if data["format"] != RECORD_FORMAT:
            return None
        missing = rows.types.keys() - {text for text, _ in data["types"]}  # a row naming one is no record
        kept: dict[str, list[Any]] = {}
        now: dict[str, dict[str, Any]] = {}
        for part, new_rows in (("groups", rows.groups), ("models", rows.models), ("enums", rows.enums)):
            old = {row[0]: row for row in data[part]}
            if len(old) < len(data[part]) or (missing and any(_named(part, row) & missing for row in old.values())):
                whole = from_json(text)  # a name twice, or a type missing: read whole, as from_json reads it
                return (whole, surface) if whole is not None else None
            same = {row[0] for row in new_rows if old.get(row[0]) == row}
            kept[part] = [row for name, row in old.items() if name not in same]
            now[part] = {name: shape for name, shape in getattr(surface, part).items() if name not in same}
        return _record(data, kept["groups"], kept["models"], kept["enums"]), surface._replace(**now)
    except _NOT_A_RECORD:
        return None


_PARTS = ("groups", "models", "enums")
_AFTER = ('],\n"groups":[\n', '],\n"models":[\n', '],\n"enums":[\n', '],\n"environments":')
"""What starts each of a record's groups, models and enums, and what follows them, as :func:`to_json` writes it."""


_RECORD_HEAD = f'{{"format":{RECORD_FORMAT},\n"types":[\n'
"""How a record laid out as :func:`to_json` writes it starts."""


def _part_starts(text: str) -> list[int] | None:
    """Where each of :data:`_AFTER` stands in a record laid out as :func:`to_json` writes
    it, in order; None for a record not laid out so."""
    if not text.startswith(_RECORD_HEAD):
        return None
    at: list[int] = []
    start = len(_RECORD_HEAD)
    for marker in _AFTER:
        start = text.find(marker, start)
        if start < 0:
            return None
        at.append(start)
        start += len(marker)
    return at


def _changed_as_written(text: str, surface: Surface, rows: Rows) -> tuple[Record, Surface] | None:
    """:func:`changed_parts` of a record whose groups, models and enums are laid out as
    :func:`to_json` writes them (one row, or one group's head and methods, a line) and
    are each one JSON value: a row written as this surface writes it is that row, and
    only the others are read, not the whole record. None for any other record, and for
    one with a name twice or a row naming a type it does not list: :func:`changed_parts`
    reads those whole."""
    at = _part_starts(text)
    if at is None:
        return None
    # The types, then what follows the enums, read apart: each one whole, so that the
    # groups, models and enums between are the record's own (not inside another value).
    data = {"format": RECORD_FORMAT, "types": json.loads("[" + text[len(_RECORD_HEAD) : at[0]] + "]")}
    data.update(json.loads("{" + text[at[3] + len("],\n") :]))
    if data["format"] != RECORD_FORMAT or not data.keys().isdisjoint(_PARTS):
        return None
    kept: dict[str, list[Any]] = {}
    same: dict[str, set[str]] = {}
    for i, part in enumerate(_PARTS):
        values = _values(text[at[i] + len(_AFTER[i]) : at[i + 1]], grouped=part == "groups")
        if values is None:
            return None
        written = rows.written[part]
        names: list[Any] = []
        kept[part], same[part] = [], set()
        for value in values:
            name = written.get(value)
            if name is None:
                row = _one_value(value)
                kept[part].append(row)
                name = row[0]
            else:
                same[part].add(name)
            names.append(name)
        if len(set(names)) < len(names):
            return None
    missing = rows.types.keys() - {t for t, _ in data["types"]}
    if missing:
        new_rows = {"groups": rows.groups, "models": rows.models, "enums": rows.enums}
        for part in _PARTS:
            named = (_named(part, row) for row in new_rows[part] if row[0] in same[part])
            if any(types & missing for types in named) or any(_named(part, row) & missing for row in kept[part]):
                return None
    now = {
        part: {name: shape for name, shape in getattr(surface, part).items() if name not in same[part]}
        for part in _PARTS
    }
    return _record(data, kept["groups"], kept["models"], kept["enums"]), surface._replace(**now)


def _values(body: str, grouped: bool) -> list[str] | None:
    """The texts of the values a section's ``body`` (with its last line's end) joins
    with ``,`` and a line's end, one a line (``grouped``: a group's head and its methods
    lines); None if it is not laid out so."""
    if not body:
        return []
    if not body.endswith("\n"):
        return None
    lines = body[:-1].split("\n")
    if grouped:  # a group's head ends its line with the opening of its methods
        heads = [i for i, line in enumerate(lines) if line.endswith(",[")]
        if not heads or heads[0] != 0:
            return None
        ends = [*heads[1:], len(lines)]
        lines = ["\n".join(lines[head:end]) for head, end in zip(heads, ends, strict=True)]
    if not all(line.endswith(",") for line in lines[:-1]):
        return None
    return [line[:-1] for line in lines[:-1]] + [lines[-1]]


_NOT_A_RECORD = (KeyError, TypeError, ValueError, AttributeError, IndexError)

_SCAN: Callable[[str, int], tuple[Any, int]] = json.JSONDecoder().scan_once  # type: ignore[attr-defined]


def _one_value(text: str) -> Any:
    """The JSON value ``text`` is, whole, as :func:`to_json` writes one (no space around
    it); ValueError otherwise. The json module's scanner, called as it is: ``json.loads``
    around it took most of the time of reading GitHub's record, a value a line."""
    try:
        value, end = _SCAN(text, 0)
    except StopIteration:
        raise ValueError("no JSON value") from None
    if end != len(text):
        raise ValueError("not one JSON value")
    return value


def _named(part: str, row: list[Any]) -> set[str]:
    """The types a group's or a model's row names (an enum's none)."""
    if part == "groups":
        return {t for _, params, returns, _, _ in row[1] for t in (returns, *(p[1] for p in params))}
    return {f[1] for f in row[1]} if part == "models" else set()


def _record(data: dict[str, Any], groups: list[Any], models: list[Any], enums: list[Any]) -> Record:
    """The record of ``data`` (a record's JSON) with these rows of its groups, models and enums."""
    table = {text: TypeShape(str(text), frozenset(map(str, members))) for text, members in data["types"]}
    surface = Surface(
        {
            name: GroupShape(
                name,
                {
                    method: MethodShape(
                        method,
                        tuple(ParamShape(p, table[t], bool(r), at, "") for p, t, r, at in params),
                        table[returns],
                        bool(deprecated),
                        "",
                        str(http),
                    )
                    for method, params, returns, deprecated, http in methods
                },
                "",
            )
            for name, methods in groups
        },
        {
            name: ModelShape(
                name,
                {f: FieldShape(f, table[t], bool(r), bool(n), bool(d), "") for f, t, r, n, d in fields},
                Flow(flow),
                bool(deprecated),
                "",
            )
            for name, fields, flow, deprecated in models
        },
        {name: EnumShape(name, tuple(map(str, values)), "") for name, values in enums},
        {str(k): str(v) for k, v in data["environments"].items()},
        {name: CredentialShape(name, str(kind)) for name, kind in data["credentials"]},
    )
    return Record(surface, {str(subject): str(digest) for subject, digest in data["prose"].items()})
