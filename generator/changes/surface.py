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
from typing import NamedTuple


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


def to_json(surface: Surface, prose: dict[str, str]) -> str:
    """The surface record: ``surface``'s structure, and the fingerprint of each subject's
    prose (see :func:`generator.cache.prose.prose_fingerprints`) in place of the descriptions.

    Compact, as a record read at every run must be: each type's members are written once,
    in ``types``, and a type is named by its text elsewhere; every shape is a list of its
    values in a fixed order (see :func:`from_json`).
    """
    types: dict[str, TypeShape] = {}

    def type_of(t: TypeShape) -> str:
        types.setdefault(t.text, t)
        return t.text

    groups = [
        [
            g.name,
            [
                [
                    m.name,
                    [[p.name, type_of(p.type), p.required, p.position] for p in m.params],
                    type_of(m.returns),
                    m.deprecated,
                    m.http,
                ]
                for m in g.methods.values()
            ],
        ]
        for g in surface.groups.values()
    ]
    models = [
        [
            m.name,
            [[f.name, type_of(f.type), f.required, f.nullable, f.deprecated] for f in m.fields.values()],
            m.flow.value,
            m.deprecated,
        ]
        for m in surface.models.values()
    ]
    # One line per type, method, model and enum, so that a change to the SDK shows as a
    # readable diff of this file too.
    compact = _COMPACT
    lines = [f'{{"format":{RECORD_FORMAT},', '"types":[']
    lines.append(",\n".join(compact([text, sorted(types[text].members)]) for text in sorted(types)))
    lines.append('],\n"groups":[')
    lines.append(
        ",\n".join(f"[{compact(name)},[\n" + ",\n".join(compact(m) for m in methods) + "]]" for name, methods in groups)
    )
    lines.append('],\n"models":[')
    lines.append(",\n".join(compact(m) for m in models))
    lines.append('],\n"enums":[')
    lines.append(",\n".join(compact([e.name, list(e.values)]) for e in surface.enums.values()))
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
        table = {text: TypeShape(str(text), frozenset(map(str, members))) for text, members in data["types"]}
        groups = {
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
            for name, methods in data["groups"]
        }
        models = {
            name: ModelShape(
                name,
                {f: FieldShape(f, table[t], bool(r), bool(n), bool(d), "") for f, t, r, n, d in fields},
                Flow(flow),
                bool(deprecated),
                "",
            )
            for name, fields, flow, deprecated in data["models"]
        }
        enums = {name: EnumShape(name, tuple(map(str, values)), "") for name, values in data["enums"]}
        environments = {str(k): str(v) for k, v in data["environments"].items()}
        credentials = {name: CredentialShape(name, str(kind)) for name, kind in data["credentials"]}
        prose = {str(subject): str(digest) for subject, digest in data["prose"].items()}
        return Record(Surface(groups, models, enums, environments, credentials), prose)
    except (KeyError, TypeError, ValueError, AttributeError, IndexError):
        return None
