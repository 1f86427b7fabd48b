"""Turn a loaded, validated OpenAPI 3.x spec into the language-neutral :class:`~generator.model.ir.Api`.

What happens here, and only here:

- ``$ref`` resolution (parameters, request bodies, responses, schemas, path items);
- naming of schemas: components keep their key, inline object and enum schemas are
  hoisted under a name made from where they stand (``ObtainTokenRequest_scopes``,
  ``ListThings_response``), made unique in a fixed order;
- vendor extensions that mean something to an SDK user (``x-sensitive``,
  ``x-enum-elements``, ``x-is-deprecated``, ``x-release-status``, ``x-read-only``,
  ``x-example``, ``x-environments``);
- which credentials the client holds and which an operation needs as a parameter.

Constructs we do not model yet are reported as located warnings, never dropped silently.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Generator, Iterator, Mapping
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field, replace
from functools import partial
from itertools import islice
from pathlib import Path
from types import GeneratorType
from typing import Any, TypeVar
from urllib.parse import urlsplit

from ..errors import Finding, Severity, SpecError, pointer_join
from ..spec.load import LoadedSpec, Ref
from . import paging
from .ir import (
    Api,
    ApiGroup,
    AuthKind,
    Body,
    Constraint,
    Discriminator,
    EnumType,
    EnumValue,
    Field,
    GlobalHeader,
    Idempotency,
    Model,
    Operation,
    Parameter,
    ParamLocation,
    Response,
    SecurityScheme,
    Server,
    Source,
    TypeKind,
    TypeRef,
)
from .naming import UniqueNames
from .origins import Origins, Place, operation_key
from .replay import (
    CONSTRAINT_KEYWORDS,
    FRAME,
    BuildRecord,
    Built,
    MadeOperation,
    Said,
    SharedKey,
    UnitRecord,
    facet,
    moved,
    unit_digests,
    unit_of,
)
from .secret_names import names_a_secret

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_CONSTRAINT_SET = frozenset(CONSTRAINT_KEYWORDS)
_LOCATION_OF = {location.value: location for location in ParamLocation}
_LOCATIONS = frozenset(_LOCATION_OF)
# What a schema has when it is more than a primitive type (and a format, a description...).
_NOT_PLAIN = frozenset({"$ref", "allOf", "oneOf", "anyOf", "enum", "not", "properties", "items", "nullable"})
# What a field's schema may say besides its type, description and secrecy.
_FIELD_KEYWORDS = _CONSTRAINT_SET | {
    "deprecated",
    "x-is-deprecated",
    "x-release-status",
    "x-is-beta",
    "readOnly",
    "x-read-only",
    "writeOnly",
    "default",
    "example",
    "examples",
}
_PRIMITIVES = {
    "string": TypeKind.STRING,
    "integer": TypeKind.INTEGER,
    "number": TypeKind.NUMBER,
    "boolean": TypeKind.BOOLEAN,
}
DEFAULT_GROUP = "Default"
MAX_TYPE_DEPTH = 32
"""How deeply lists, maps and unions may nest in one type: models end a nesting (they
are named), but a spec may chain schemas each a list of the next for as long as it
likes. Far deeper than any real type; shallow enough that the annotation and codec
written for it stay within what Python's parser takes (200 levels of brackets)."""
_IDEMPOTENCY_FIELDS = ("idempotency_key", "idempotencyKey")
_HEADER_VALUE = re.compile(r"[\t\x20-\x7e]*")  # what an SDK can send as a header value
_FERN_LITERAL = re.compile(r'literal<"([^"]*)">')  # Fern's type of a fixed string value
_HTTP_TOKEN = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")  # RFC 9110 token: a header or cookie name
# A lone surrogate: a JSON string may hold one (``"\\ud800"``), but no UTF-8 text can,
# so no request, response or URL can carry a name or value that has one.
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def build_api(spec: LoadedSpec) -> tuple[Api, list[Finding]]:
    """Build the model of ``spec``; returns it with the warnings met on the way.

    Raises :class:`SpecError` for findings that keep us from generating correct code
    (duplicate operationIds, for one).
    """
    api, findings, _ = _build(spec, None)
    return api, findings


def build_api_traced(spec: LoadedSpec) -> tuple[Api, list[Finding], Origins]:
    """:func:`build_api`, also saying where in the spec each operation and each named
    schema was built from (what judging only some groups' findings needs)."""
    origins = Origins(spec.display_name(spec.root))
    api, findings, _ = _build(spec, origins)
    return api, findings, origins


def build_recorded(
    spec: LoadedSpec, last: Built | None = None, digests: Callable[[], dict[str, bytes]] | None = None
) -> tuple[Built, list[Finding]]:
    """:func:`build_api`, recording what each unit of the spec read and made (see
    :mod:`generator.model.replay`); with ``last`` (a recorded build of this spec before an
    edit), replaying each unit whose record still holds instead of building it.
    ``digests``: gives the units' digests (:func:`~generator.model.replay.unit_digests`),
    made elsewhere meanwhile; asked for once, when the build needs them (at its start
    with ``last``, else at its end). Without it they are made here."""
    builder = _Builder(spec, recording=True, last=last, digests_of=digests)
    api, findings = _built(spec, builder)
    return builder.built(api), findings


def _build(spec: LoadedSpec, origins: Origins | None) -> tuple[Api, list[Finding], Origins | None]:
    api, findings = _built(spec, _Builder(spec, origins=origins))
    return api, findings, origins


def _built(spec: LoadedSpec, builder: _Builder) -> tuple[Api, list[Finding]]:
    if spec.version == "2.0":
        raise SpecError(
            [spec.finding(spec.root, "/swagger", "Swagger 2.0 input is not supported yet: convert it to OpenAPI 3")]
        )
    builder.findings.extend(spec.warnings)
    api = builder.build()
    errors = [f for f in builder.findings if f.severity is Severity.ERROR]
    if errors:
        raise SpecError(errors)
    return api, builder.findings


@dataclass(slots=True)
class _Located:
    """A node of the spec with where it came from."""

    file: Path
    pointer: str
    node: Any


@dataclass
class _Builder:
    spec: LoadedSpec
    findings: list[Finding] = field(default_factory=list)
    models: dict[str, Model] = field(default_factory=dict)
    enums: dict[str, EnumType] = field(default_factory=dict)
    _names: dict[Ref, str] = field(default_factory=dict)
    _taken: set[str] = field(default_factory=set)
    _numbered: dict[str, int] = field(default_factory=dict)  # a hint -> the number its next variant may have
    _types: dict[Ref, TypeRef] = field(default_factory=dict)
    _leaves: dict[tuple[TypeKind, str | None, bool], TypeRef] = field(default_factory=dict)
    origins: Origins | None = None
    """Where to record the places each operation and named schema reads; None: nowhere."""
    recording: bool = False
    """Whether to record what each unit reads and makes (see :mod:`generator.model.replay`)."""
    last: Built | None = None
    """A recorded build of the spec before an edit, whose units are replayed where they can be."""
    digests_of: Callable[[], dict[str, bytes]] | None = None
    """Gives the units' digests when they are made elsewhere (see :func:`build_recorded`)."""
    _reading: set[Place] | None = None  # the places of the operation or named schema being built
    _said: set[tuple[Path, str, str]] = field(default_factory=set)  # findings made: each is made once
    _shown: dict[Path, str] = field(default_factory=dict)  # each file's name as findings show it
    _depths: dict[int, tuple[TypeRef, int]] = field(default_factory=dict)  # id -> (list, map or union, its depth)
    _root_refs: dict[str, Ref] = field(default_factory=dict)  # a $ref text in the root file -> where it points
    _plain: dict[tuple[str, str | None], TypeRef] = field(default_factory=dict)  # (type, format) -> its leaf
    _targets: dict[Ref, _Located] = field(default_factory=dict)  # a $ref -> the node it names
    _enum_values: dict[tuple[Path, str], tuple[TypeKind, tuple[EnumValue, ...]]] = field(default_factory=dict)
    _enum_contents: dict[tuple[Any, ...], tuple[TypeKind, tuple[EnumValue, ...]]] = field(default_factory=dict)
    _parameters_at: dict[tuple[Path, str], Parameter] = field(default_factory=dict)  # shared, made once
    _responses_at: dict[tuple[Path, str], tuple[str, str, TypeRef | None]] = field(default_factory=dict)  # likewise
    _log: _UnitLog | None = None  # what the unit being built reads and makes, when recording
    _records: dict[str, UnitRecord] = field(default_factory=dict)  # each unit's, when recording
    _replayed: set[str] = field(default_factory=set)  # the units replayed
    _units: dict[tuple[Path, str], str] = field(default_factory=dict)  # a node's unit, each found once
    _facets: dict[Ref, bytes] = field(default_factory=dict)  # what a field reads of a node, each found once
    _schemes: tuple[tuple[SecurityScheme, ...], frozenset[str]] = ((), frozenset())

    def __post_init__(self) -> None:
        self._root = self.spec.root
        self._dangling = self.spec.dangling
        self._per_unit = self.recording and self.origins is None  # each unit recorded, or replayed
        self._digests: dict[str, bytes] = {}  # each unit's, once asked for
        self._from: BuildRecord | None = None  # the record replayed from
        self._moved = False  # whether the spec's one file had another name in the build replayed from
        if self._per_unit and self.last is not None:
            self._digests = self._unit_digests()
            record = self.last.record
            self._moved = record.root != str(self._root) and len(self.spec.documents) == 1
            same = record.root == str(self._root) or self._moved
            if same and record.version == self.spec.version and record.digests.get(FRAME) == self._digests[FRAME]:
                self._from = record
                self._leaves.update(((t.kind, t.format, t.nullable), t) for t in record.leaves)

    # ---- entry point -------------------------------------------------------------

    def build(self) -> Api:
        data = self.spec.data
        root = self.spec.root
        if data.get("webhooks"):
            self._warn(_Located(root, "/webhooks", data["webhooks"]), "webhooks are not generated")
        self._reserve_component_names()
        for name, _ in _items(_dig(data, "components", "schemas")):
            ref = Ref(root, pointer_join("/components/schemas", name))
            if ref not in self._types:  # else built already, by a schema before it that reaches it
                self._in_unit(ref.pointer, partial(self._schema_unit, ref))
        schemes = self._security_schemes()
        client_held = self._client_held_schemes(schemes)
        self._schemes = (tuple(schemes.values()), frozenset(client_held))
        operations: dict[str, list[Operation]] = {}
        seen_ids: dict[str, tuple[str, str]] = {}  # operationId -> (group, "METHOD /path")
        for path, item in _items(data.get("paths")):
            key = f"/paths/{_key(path)}"
            made = self._in_unit(key, partial(self._path_unit, _Located(root, key, item), path, schemes, client_held))
            for m in made:
                op = m.operation
                at = _Located(m.file, m.pointer, None)
                if op.operation_id in seen_ids and not self._allow_duplicate(op, at, m.group, m.tagged, seen_ids):
                    continue
                seen_ids.setdefault(op.operation_id, (m.group if m.tagged else "", f"{m.method.upper()} {path}"))
                operations.setdefault(m.group, []).append(op)
        tag_descriptions = {
            t.get("name"): _text(t.get("description")) for t in data.get("tags") or [] if isinstance(t, dict)
        }
        groups = tuple(
            ApiGroup(name, tag_descriptions.get(name, ""), tuple(ops)) for name, ops in self._ordered_groups(operations)
        )
        info = data.get("info") or {}
        return Api(
            title=_text(info.get("title")),
            description=_text(info.get("description")),
            version=_text(info.get("version")),
            servers=self._servers(),
            groups=groups,
            models=self.models,
            enums=self.enums,
            client_auth=tuple(s for s in schemes.values() if s.name in client_held),
            global_headers=self._global_headers(schemes, client_held),
        )

    def _schema_unit(self, ref: Ref) -> tuple[MadeOperation, ...]:
        """Build the component schema at ``ref`` (and what it reaches that is not built yet)."""
        _run(self._named_schema_type(ref))
        return ()

    def _path_unit(
        self,
        path_at: _Located,
        path: str,
        schemes: dict[str, SecurityScheme],
        client_held: set[str],
    ) -> tuple[MadeOperation, ...]:
        """Build the operations of the path item at ``path_at``."""
        if not self._sendable(path_at, path, "path"):
            return ()
        path_item = self._deref(path_at)
        made: list[MadeOperation] = []
        for method in HTTP_METHODS:
            if not isinstance(path_item.node.get(method), dict):
                continue
            op_at = _Located(path_item.file, f"{path_item.pointer}/{method}", path_item.node[method])
            reading = self._reading_for_operation(method, path, path_item, op_at) if self.origins else _NOTHING
            with reading:
                group, op = self._operation(path, method, path_item, op_at, schemes, client_held)
            made.append(MadeOperation(method, group, op, bool(op_at.node.get("tags")), op_at.file, op_at.pointer))
        return tuple(made)

    # ---- recording and replaying units (see generator.model.replay) ----------------

    def built(self, api: Api) -> Built:
        """``api`` with the record of this build."""
        schemes, client_held = self._schemes
        record = BuildRecord(
            str(self._root),
            self.spec.version,
            self._digests or self._unit_digests(),
            schemes,
            client_held,
            self._records,
            tuple(self._leaves.values()),
        )
        return Built(api, record, frozenset(self._replayed))

    def _unit_digests(self) -> dict[str, bytes]:
        return self.digests_of() if self.digests_of is not None else unit_digests(self.spec)

    def _in_unit(self, key: str, build: Callable[[], tuple[MadeOperation, ...]]) -> tuple[MadeOperation, ...]:
        """What the unit ``key`` makes: replayed if its record holds, else built (and
        recorded, when recording)."""
        if not self._per_unit:
            return build()
        replayed = self._replay(key)
        if replayed is not None:
            return replayed
        self._log = _UnitLog(
            (
                len(self.models),
                len(self.enums),
                len(self._types),
                len(self._names),
                len(self._parameters_at),
                len(self._responses_at),
            )
        )
        made = build()
        self._records[key] = self._recorded(key, made)
        return made

    def _recorded(self, key: str, made: tuple[MadeOperation, ...]) -> UnitRecord:
        """The record of the unit ``key``, just built: what its log holds, and what it made."""
        log = self._log
        assert log is not None
        self._log = None
        marks = log.marks
        types_made = tuple((ref, self._types[ref]) for ref in _added(self._types, marks[2]))
        names_made = tuple((ref, self._names[ref]) for ref in _added(self._names, marks[3]))
        models_made = _added(self.models, marks[0])
        parameters_made = tuple((k, self._parameters_at[k]) for k in _added(self._parameters_at, marks[4]))
        responses_made = tuple((k, self._responses_at[k]) for k in _added(self._responses_at, marks[5]))
        made_refs = {ref for ref, _ in types_made}
        named_refs = {ref for ref, _ in names_made}
        own_models = set(models_made)
        own_parameters = {k for k, _ in parameters_made}
        own_responses = {k for k, _ in responses_made}
        units = {key}
        found = self._units
        for file, pointer in log.reads:
            unit = found.get((file, pointer))
            if unit is None:
                unit = found[(file, pointer)] = unit_of(file, self._root, pointer)
            units.add(unit)
        return UnitRecord(
            frozenset(units),
            tuple(log.asked),
            tuple((ref, self._types.get(ref)) for ref in log.types if ref not in made_refs),
            tuple(log.facets.items()),
            tuple((ref, self._names.get(ref)) for ref in log.names if ref not in named_refs),
            tuple((name, self.models.get(name)) for name in log.models if name not in own_models),
            tuple((k, self._parameters_at[k]) for k in log.parameters if k not in own_parameters),
            tuple((k, self._responses_at[k]) for k in log.responses if k not in own_responses),
            types_made,
            names_made,
            tuple(models_made),
            tuple(_added(self.enums, marks[1])),
            parameters_made,
            responses_made,
            tuple(log.said),
            made,
        )

    def _replay(self, key: str) -> tuple[MadeOperation, ...] | None:
        """What the unit ``key`` made in the build replayed from, put back, if its record
        holds now (see :mod:`generator.model.replay`); None if it does not."""
        last = self._from
        record = last.units.get(key) if last is not None else None
        if last is None or record is None or self.last is None:
            return None
        if record.operations and (last.schemes, last.client_held) != self._schemes:
            return None
        digests, before = self._digests, last.digests
        for unit in record.units:
            if digests.get(unit) != before.get(unit):
                return None
        if self._moved:
            record = moved(record, self._root)
        if not self._still_found(record):
            return None
        asked = self._asked_again(record.asked)
        if asked is None:
            return None
        taken, numbered = asked
        self._taken |= taken
        self._numbered.update(numbered)
        self._types.update(record.types_made)
        self._names.update(record.names_made)
        models, enums = self.last.api.models, self.last.api.enums
        for name in record.models_made:
            self.models[name] = models[name]
        for name in record.enums_made:
            self.enums[name] = enums[name]
        self._parameters_at.update(record.parameters_made)
        self._responses_at.update(record.responses_made)
        for file, pointer, message, severity in record.said:
            self._say_at(file, pointer, message, severity)
        self._records[key] = record
        self._replayed.add(key)
        return record.operations

    def _still_found(self, record: UnitRecord) -> bool:
        """Whether what the unit looked up that others made is as it found it, and what
        it made is not made yet."""
        types, names, models = self._types, self._names, self.models
        for ref, t in record.types_read:
            now = types.get(ref)
            if now is not t and now != t:
                return False
        for ref, name in record.names_read:
            if names.get(ref) != name:
                return False
        for ref, found in record.facets_read:
            if self._facet(ref) != found:
                return False
        for model_name, model in record.models_read:
            now_model = models.get(model_name)
            if now_model is not model and now_model != model:
                return False
        for k, parameter in record.parameters_read:
            now_parameter = self._parameters_at.get(k)
            if now_parameter is not parameter and now_parameter != parameter:
                return False
        for k, response in record.responses_read:
            now_response = self._responses_at.get(k)
            if now_response is not response and now_response != response:
                return False
        return (
            not any(ref in types for ref, _ in record.types_made)
            and not any(ref in names for ref, _ in record.names_made)
            and not any(name in models for name in record.models_made)
            and not any(name in self.enums for name in record.enums_made)
        )

    def _asked_again(self, asked: tuple[tuple[str, str], ...]) -> tuple[set[str], dict[str, int]] | None:
        """The names :meth:`_unique` would take and the numbers it would note, asked for
        the hints of ``asked`` in turn, if each comes out as the name got then; None if
        one does not. Nothing is taken here."""
        taken: set[str] = set()
        numbered: dict[str, int] = {}
        for hint, got in asked:
            name, n = hint, numbered.get(hint, self._numbered.get(hint, 2))
            if name in self._taken or name in taken:
                name = f"{hint}{n}"
                while name in self._taken or name in taken:
                    n += 1
                    name = f"{hint}{n}"
                numbered[hint] = n + 1
            if name != got:
                return None
            taken.add(name)
        return taken, numbered

    def _allow_duplicate(
        self, op: Operation, at: _Located, group: str, tagged: bool, seen_ids: dict[str, tuple[str, str]]
    ) -> bool:
        """A repeated operationId is an error, unless the spec's own tags put the two
        operations in different groups (as Square's v1 and v2 APIs do): then each stays a
        method of its own class, with a warning."""
        other_group, other = seen_ids[op.operation_id]
        id_at = _Located(at.file, pointer_join(at.pointer, "operationId"), op.operation_id)
        if not tagged or not other_group or other_group == group:
            self._error(id_at, f"duplicate operationId {op.operation_id!r}: {other} has it too")
            return False
        self._warn(id_at, f"operationId {op.operation_id!r} is also used by {other} in group {other_group!r}")
        return True

    def _ordered_groups(self, operations: dict[str, list[Operation]]) -> list[tuple[str, list[Operation]]]:
        """Groups in the order the spec's ``tags`` list gives, then in order of first use."""
        declared = [t.get("name") for t in self.spec.data.get("tags") or [] if isinstance(t, dict)]
        order = {name: i for i, name in enumerate(declared)}
        first_use = {name: i for i, name in enumerate(operations)}
        return sorted(operations.items(), key=lambda kv: (order.get(kv[0], len(order)), first_use[kv[0]]))

    # ---- schemas -----------------------------------------------------------------

    def _reserve_component_names(self) -> None:
        for name, _ in _items(_dig(self.spec.data, "components", "schemas")):
            ref = Ref(self.spec.root, pointer_join("/components/schemas", name))
            self._names[ref] = name
            self._taken.add(name)

    def _unique(self, hint: str) -> str:
        """``hint``, or its first variant ``hint2``, ``hint3``... not taken yet. The
        variants found taken stay taken, so the next look for the same hint starts after
        them (Microsoft Graph's spec asks for one hint thousands of times: looking from
        2 each time was 40 % of its modelling)."""
        name, n = hint, self._numbered.get(hint, 2)
        if name in self._taken:
            name = f"{hint}{n}"
            while name in self._taken:
                n += 1
                name = f"{hint}{n}"
            self._numbered[hint] = n + 1
        self._taken.add(name)
        if self._log is not None:
            self._log.asked.append((hint, name))
        return name

    def _name_for(self, ref: Ref) -> str:
        if ref not in self._names:
            hint = ref.pointer.rsplit("/", 1)[-1] or ref.file.stem
            self._names[ref] = self._unique(hint.replace("~1", "/").replace("~0", "~"))
        elif self._log is not None:
            self._log.names.add(ref)
        return self._names[ref]

    # The type of a schema is worked out by the generator methods below (``_Steps``): each
    # yields the walk it needs the result of, and :func:`_run` makes those walks one after
    # the other on a stack of its own. Chains of models or of ``$ref``s as long as a spec
    # can hold take no more of Python's stack than one step, and are walked in the same
    # order as plain recursion would walk them (which decides hoisted names and model order).

    def _type_of(self, at: _Located, hint: str) -> TypeRef:
        """The type of a schema node (see :meth:`_schema_type`)."""
        return _run(self._schema_type(at, hint))

    def _named_schema_type(self, ref: Ref) -> _Steps[TypeRef]:
        """The type of the schema a ``$ref`` names, building its model or enum once."""
        if ref in self._types:
            if self._log is not None:
                self._log.types.add(ref)
            return self._types[ref]
        if self._log is not None:
            self._log.reads.add((ref.file, ref.pointer))
        at = _Located(ref.file, ref.pointer, self.spec.resolve(ref))
        schema = at.node if isinstance(at.node, dict) else {}
        with self._reading_for_schema(ref) if self.origins is not None else _NOTHING:
            if _is_enum(schema) or _is_model(schema):
                name = self._name_for(ref)
                kind = TypeKind.ENUM if _is_enum(schema) else TypeKind.MODEL
                self._types[ref] = TypeRef(kind, name=name)  # registered first: schemas may recurse
                self._types[ref] = yield self._schema_type(at, name, named=True)
            else:
                self._types[ref] = TypeRef(TypeKind.ANY)  # a recursion guard for aliases
                self._types[ref] = yield self._schema_type(at, self._name_for(ref), named=True)
        return self._types[ref]

    def _schema_type(self, at: _Located, hint: str, named: bool = False) -> TypeRef | _Steps[TypeRef]:
        """The type of a schema node; ``hint`` names it if it must be hoisted. Most
        schemas are a primitive, an enum or a ``$ref`` to a schema already built: their
        type is made here at once; any other is the walk :meth:`_schema_steps` makes
        (a schema of tens of thousands, each a generator, was a third of modelling)."""
        schema = at.node
        if type(schema) is not dict:
            return self._leaf(TypeKind.ANY) if not isinstance(schema, dict) else self._schema_steps(at, hint, named)
        if "$ref" in schema:
            raw = schema["$ref"]
            if type(raw) is not str:
                return self._schema_steps(at, hint, named)
            ref = self._parse_ref(raw, at.file)
            if self._dangling and ref in self._dangling:  # reported when loading
                self._read(ref.file, ref.pointer)  # the node it would name, should it come to be
                return self._leaf(TypeKind.ANY, nullable=True)
            known = self._types.get(ref)
            if known is None:
                return self._schema_steps(at, hint, named)
            self._read_type(ref)
            if len(schema) == 1:  # the $ref alone: the type as it is
                return known
            return _with_nullable(known, _is_nullable(schema) or known.nullable)
        if _NOT_PLAIN.isdisjoint(schema):  # a primitive, most likely: the quickest way
            kind_text = schema.get("type")
            if isinstance(kind_text, str) and kind_text in _PRIMITIVES:
                written = schema.get("format")
                plain = (kind_text, (written if type(written) is str else _text(written)) or None)
                found = self._plain.get(plain)
                if found is None:
                    found = self._plain[plain] = self._leaf(_PRIMITIVES[kind_text], plain[1])
                return found
        if "allOf" in schema or "oneOf" in schema or "anyOf" in schema:
            return self._schema_steps(at, hint, named)
        enum = _is_enum(schema)
        kind = _schema_kind(schema)
        if not enum and (kind == "array" or kind == "object" or _is_model(schema)):
            return self._schema_steps(at, hint, named)
        if "not" in schema:
            self._warn_not(at)
        nullable = _is_nullable(schema)
        if enum:
            name = hint if named else self._unique(hint)
            self.enums[name] = self._enum(at, name)
            return TypeRef(TypeKind.ENUM, name=name, nullable=nullable)
        if kind in _PRIMITIVES:
            return self._leaf(_PRIMITIVES[kind], _text(schema.get("format")) or None, nullable)
        return self._leaf(TypeKind.ANY, nullable=nullable)

    def _schema_steps(self, at: _Located, hint: str, named: bool = False) -> _Steps[TypeRef]:
        """The walk that makes the type of a schema node (see :meth:`_schema_type`)."""
        schema = at.node
        if not isinstance(schema, dict):
            return self._leaf(TypeKind.ANY)
        if isinstance(schema.get("$ref"), str):
            ref = self._parse_ref(schema["$ref"], at.file)
            self._read(ref.file, ref.pointer)
            if ref in self._dangling:  # reported when loading
                return self._leaf(TypeKind.ANY, nullable=True)
            target = yield self._named_schema_type(ref)
            return _with_nullable(target, _is_nullable(schema) or target.nullable)
        self._warn_not(at)
        nullable = _is_nullable(schema)
        all_of = schema.get("allOf")
        if isinstance(all_of, list) and all_of and not schema.get("properties") and len(all_of) == 1:
            inner = yield self._schema_type(_Located(at.file, f"{at.pointer}/allOf/0", all_of[0]), hint)
            return _with_nullable(inner, nullable or inner.nullable)
        for keyword in ("oneOf", "anyOf"):
            if isinstance(schema.get(keyword), list) and schema[keyword]:
                if not schema.get("properties"):
                    union: TypeRef = yield self._union(at, keyword, hint, nullable)
                    return union
                self._warn(at, f"{keyword} beside properties is not modelled: the model has the properties only")
        if _is_enum(schema):
            name = hint if named else self._unique(hint)
            self.enums[name] = self._enum(at, name)
            return TypeRef(TypeKind.ENUM, name=name, nullable=nullable)
        if _is_model(schema):
            name = hint if named else self._unique(hint)
            self.models[name] = _BEING_BUILT  # its place in the order, kept while its fields are built
            self.models[name] = yield self._model(at, name)
            return TypeRef(TypeKind.MODEL, name=name, nullable=nullable)
        kind = _schema_kind(schema)
        if kind == "array":
            items = _Located(at.file, f"{at.pointer}/items", schema.get("items"))
            item = yield self._schema_type(items, f"{hint}_item")
            return self._nested(at, TypeRef(TypeKind.ARRAY, item=item, nullable=nullable))
        if kind == "object":
            extra = schema.get("additionalProperties")
            value_at = _Located(at.file, f"{at.pointer}/additionalProperties", extra)
            value = (
                (yield self._schema_type(value_at, f"{hint}_value"))
                if isinstance(extra, dict)
                else self._leaf(TypeKind.ANY)
            )
            return self._nested(at, TypeRef(TypeKind.MAP, item=value, nullable=nullable))
        if kind in _PRIMITIVES:
            return self._leaf(_PRIMITIVES[kind], _text(schema.get("format")) or None, nullable)
        return self._leaf(TypeKind.ANY, nullable=nullable)

    def _leaf(self, kind: TypeKind, format: str | None = None, nullable: bool = False) -> TypeRef:
        """A primitive or free-form type, one object for each distinct one: a big spec
        uses a few hundred of them tens of thousands of times (as 42,000 types of which
        7,500 differ, on GitHub's), and each object costs memory, and time to carry
        the model to the next run (see :mod:`generator.cache.carried`)."""
        found = self._leaves.get((kind, format, nullable))
        if found is None:
            found = self._leaves[(kind, format, nullable)] = TypeRef(kind, format=format, nullable=nullable)
        return found

    def _union(self, at: _Located, keyword: str, hint: str, nullable: bool) -> _Steps[TypeRef]:
        """A ``oneOf``/``anyOf``: a union of its members' types (a ``null`` member makes it
        nullable; one member left is just that member)."""
        members: list[TypeRef] = []
        for i, member in enumerate(at.node[keyword]):
            member_at = _Located(at.file, f"{at.pointer}/{keyword}/{i}", member)
            if isinstance(member, dict) and (member.get("type") == "null" or member.get("enum") == [None]):
                nullable = True
                continue
            member_type = yield self._schema_type(member_at, f"{hint}_{i + 1}" if len(at.node[keyword]) > 1 else hint)
            nullable = nullable or member_type.nullable
            member_type = _with_nullable(member_type, False)
            if member_type not in members:
                members.append(member_type)
        if any(m.kind is TypeKind.ANY for m in members) or not members:
            return TypeRef(TypeKind.ANY, nullable=nullable)
        if len(members) == 1:
            return _with_nullable(members[0], nullable)
        union = TypeRef(
            TypeKind.UNION,
            members=tuple(members),
            discriminator=self._discriminator(at, members),
            nullable=nullable,
        )
        return self._nested(at, union)

    def _nested(self, at: _Located, t: TypeRef) -> TypeRef:
        """``t`` (a list, map or union), or a free-form value, warned about, where its
        types nest deeper than :data:`MAX_TYPE_DEPTH`."""
        if self._depth(t) > MAX_TYPE_DEPTH:
            message = (
                f"the type nests lists, maps and unions more than {MAX_TYPE_DEPTH} levels deep"
                " (through $refs): generated as a free-form value"
            )
            self._warn(at, message)
            return self._leaf(TypeKind.ANY, nullable=t.nullable)
        return t

    def _depth(self, t: TypeRef) -> int:
        """How deeply lists, maps and unions nest in ``t``. Remembered for each one made
        here; a nullable copy of one (made by ``_with_nullable``) holds the same inner
        types, so this never goes more than two levels down."""
        if t.item is None and not t.members:
            return 0
        found = self._depths.get(id(t))
        if found is None:
            depth = 1 + max(self._depth(inner) for inner in (t.item, *t.members) if inner is not None)
            found = self._depths[id(t)] = (t, depth)  # t kept alive: its id stays its own
        return found[1]

    def _discriminator(self, at: _Located, members: list[TypeRef]) -> Discriminator | None:
        raw = at.node.get("discriminator")
        if not isinstance(raw, dict) or not isinstance(raw.get("propertyName"), str):
            return None
        names = {m.name for m in members if m.kind is TypeKind.MODEL and m.name is not None}
        mapping: dict[str, str] = {}
        for value, target in _items(raw.get("mapping")):
            if isinstance(target, str):
                ref = self.spec.parse_ref(target if "#" in target else f"#/components/schemas/{target}", at.file)
                name = self._names.get(ref)
                if self._log is not None:
                    self._log.names.add(ref)
                if name in names:
                    mapping[value] = name
        for name in sorted(names - set(mapping.values())):
            mapping.setdefault(name, name)  # implicit: the schema's own name
        return Discriminator(raw["propertyName"], tuple(mapping.items()))

    def _model(self, at: _Located, name: str) -> _Steps[Model]:
        schema = at.node
        last: dict[str, _Located] = {}  # each property, in the last part that has it
        every: dict[str, list[_Located]] = {}  # a property more than one part has: in each of them
        required: set[str] = set()
        for part_at in self._all_of_parts(at) if "allOf" in schema else (at,):
            part = part_at.node
            self._warn_not(part_at)
            file, base = part_at.file, f"{part_at.pointer}/properties/"
            properties = part.get("properties")
            for prop, prop_schema in properties.items() if type(properties) is dict else ():
                prop = prop if type(prop) is str else str(prop)  # a YAML key may be a number
                prop_at = _Located(file, base + _key(prop), prop_schema)
                if prop.isascii() or self._sendable(prop_at, prop, "property name"):
                    if prop in last:
                        every.setdefault(prop, [last[prop]]).append(prop_at)
                    last[prop] = prop_at
            required.update(r for r in part.get("required") or [] if isinstance(r, str))
        fields: list[Field] = []
        for prop, prop_at in last.items():
            places = every.get(prop)
            agreed = self._agreed_type(at, prop, places) if places is not None else None
            prop_schema = prop_at.node if type(prop_at.node) is dict else {}
            resolved = self._field_target(prop_at) if "$ref" in prop_schema else prop_at.node
            found = agreed if agreed is not None else self._schema_type(prop_at, f"{name}_{prop}")
            type_: TypeRef = found if isinstance(found, TypeRef) else (yield found)
            field_ = self._field(prop, prop_at, prop_schema, resolved, prop in required, type_, agreed is not None)
            fields.append(field_)
        extra = schema.get("additionalProperties")
        additional = None
        if isinstance(extra, dict) and extra:
            extra_at = _Located(at.file, f"{at.pointer}/additionalProperties", extra)
            additional = yield self._schema_type(extra_at, f"{name}_value")
        example, has_example = _example(schema)
        return Model(
            name=name,
            description=_text(schema.get("description")),
            fields=tuple(fields),
            deprecated=_is_deprecated(schema),
            example=example,
            has_example=has_example,
            additional_properties=additional,
        )

    def _field_target(self, at: _Located) -> Any:
        """The node the ``$ref`` of the field at ``at`` leads to; when recording, what the
        field reads of each node on the way is noted, not the nodes' units (see
        :func:`~generator.model.replay.facet`): a field of a model's type reads little of it."""
        log = self._log
        if log is None:
            return self._deref(at).node
        reads, log.reads = log.reads, set()
        try:
            found = self._deref(at)
        finally:
            hops, log.reads = log.reads, reads
        for file, pointer in hops:
            ref = Ref(file, pointer)
            log.facets[ref] = self._facet(ref)
        return found.node

    def _facet(self, ref: Ref) -> bytes:
        """What a field reads of the node at ``ref`` (see :func:`~generator.model.replay.facet`);
        the same for no node, whether the ``$ref`` dangles or none leads there any more."""
        found = self._facets.get(ref)
        if found is None:
            if ref in self._dangling or ref.file not in self.spec.documents:
                found = _NO_FACET
            else:
                try:
                    found = facet(self.spec.resolve(ref))
                except LookupError:
                    found = _NO_FACET
            self._facets[ref] = found
        return found

    def _agreed_type(self, at: _Located, prop: str, places: list[_Located]) -> TypeRef | None:
        """None when the ``allOf`` parts of the model at ``at`` that declare ``prop`` (at
        ``places``) agree on its JSON type, that is when some JSON type satisfies them
        all: the last part's schema types the field, as a narrowing of the others. When
        none does, no value can satisfy them all, and which part the server honours is
        anyone's guess: the field is typed free-form, and that is said."""
        if len(places) < 2:
            return None
        kinds = [(place, self._json_kinds(place)) for place in places]
        known = [(place, k) for place, k in kinds if k is not None]
        allowed = [k | {"integer"} if "number" in k else k for _, k in known]  # an integer is a number
        if len(known) < 2 or frozenset.intersection(*allowed):
            return None
        parts = ", ".join(f"{'|'.join(sorted(k))} in {self._where(place, at)}" for place, k in known)
        self._warn(at, f"allOf parts disagree on the type of {prop!r} ({parts}): the field is typed Any")
        return self._leaf(TypeKind.ANY, nullable=True)

    def _where(self, place: _Located, base: _Located) -> str:
        """A part of a schema, for a message about the schema at ``base``: its JSON pointer,
        after its file's name when that is another file."""
        pointer = place.pointer.rsplit("/properties/", 1)[0] or "/"
        return pointer if place.file == base.file else f"{self.spec.display_name(place.file)}#{pointer}"

    def _json_kinds(self, at: _Located, depth: int = 0) -> frozenset[str] | None:
        """The JSON types a schema allows, read from the spec without building anything;
        None when it does not say (or allows anything)."""
        at = self._deref(at)
        schema = at.node
        if not isinstance(schema, dict) or depth > 20:
            return None
        if _is_enum(schema):
            values = [v for v in schema["enum"] if v is not None]
            return frozenset({"integer" if all(isinstance(v, int) for v in values) else "string"})
        if _is_model(schema):
            return frozenset({"object"})
        for keyword in ("oneOf", "anyOf", "allOf"):
            members = schema.get(keyword)
            if isinstance(members, list) and members and (keyword != "allOf" or len(members) == 1):
                found = [
                    self._json_kinds(_Located(at.file, pointer_join(at.pointer, keyword, i), m), depth + 1)
                    for i, m in enumerate(members)
                    if not (isinstance(m, dict) and m.get("type") == "null")
                ]
                return None if not found or None in found else frozenset().union(*(k for k in found if k))
        kind = _schema_kind(schema)
        return frozenset({kind}) if kind in ("string", "integer", "number", "boolean", "array", "object") else None

    def _all_of_parts(self, at: _Located) -> list[_Located]:
        """The schema itself and, depth first, every ``allOf`` member and theirs, refs
        resolved (each schema once: a chain of ``allOf``s may be as long as the spec)."""
        parts: list[_Located] = []
        seen: set[tuple[Path, str]] = set()
        stack = [at]
        while stack:
            part = stack.pop()
            if (part.file, part.pointer) in seen:
                continue
            seen.add((part.file, part.pointer))
            parts.append(part)
            members = part.node.get("allOf")
            members = members if isinstance(members, list) else []
            resolved = [
                self._deref(_Located(part.file, f"{part.pointer}/allOf/{i}", member))
                for i, member in enumerate(members)
            ]
            stack.extend(reversed([m for m in resolved if isinstance(m.node, dict)]))
        return parts

    def _field(
        self,
        name: str,
        at: _Located,
        schema: dict[str, Any],
        resolved: Any,
        required: bool,
        type_: TypeRef,
        agreed: bool,
    ) -> Field:
        """The field ``name``, as the schema at ``at`` describes it (``schema``, or ``{}``
        if that is no object; ``resolved``, what its ``$ref`` leads to), of type ``type_``;
        ``agreed``: the type is not the schema's own (see :meth:`_agreed_type`), nor are
        its constraints."""
        resolved = resolved if type(resolved) is dict else {}
        if _FIELD_KEYWORDS.isdisjoint(schema):  # most say no more than a type and a description
            description = schema.get("description")
            sensitive = (
                _is_sensitive(name, schema, resolved)
                if resolved is not schema or "x-sensitive" in schema or schema.get("format") == "password"
                else names_a_secret(name) and not _is_flag_or_number(schema)
            )
            example, has_example = None, False
            if resolved is not schema and not (_is_model(resolved) or _is_enum(resolved)):
                example, has_example = _example(resolved)
            return Field(  # by position: deprecated, beta, read-only, write-only, no default
                name,
                type_,
                required,
                description if type(description) is str else _text(description),
                False,
                False,
                False,
                False,
                sensitive,
                None,
                False,
                example,
                has_example,
                () if agreed or "$ref" not in schema else _constraints(resolved),
                self._source(at),
            )
        example, has_example = _example(schema)
        if not has_example and resolved is not schema and not (_is_model(resolved) or _is_enum(resolved)):
            example, has_example = _example(resolved)
        return Field(
            name,
            type_,
            required,
            _text(schema.get("description")),
            _is_deprecated(schema),
            _is_beta(schema),
            bool(schema.get("readOnly") or schema.get("x-read-only")),
            bool(schema.get("writeOnly")),
            _is_sensitive(name, schema, resolved),
            schema.get("default"),
            "default" in schema,
            example,
            has_example,
            () if agreed else _constraints(schema if "$ref" not in schema else resolved),
            self._source(at),
        )

    def _enum(self, at: _Located, name: str) -> EnumType:
        schema = at.node
        place = (at.file, at.pointer)
        found = self._enum_values.get(place)
        if found is None:
            # Enums with the same values and no descriptions of them have the same values
            # here, unless a finding is made about them (it is made at each place).
            plain = "x-enum-elements" not in schema and "x-enum-descriptions" not in schema
            listed = tuple(schema["enum"]) if plain else None
            found = self._enum_contents.get(listed) if listed is not None else None
            if found is None:
                said = len(self._said)
                found = self._values_of_enum(at)
                if listed is not None and len(self._said) == said:
                    self._enum_contents[listed] = found
            self._enum_values[place] = found
        base, values = found
        return EnumType(name, _text(schema.get("description")), base, values, _is_deprecated(schema))

    def _values_of_enum(self, at: _Located) -> tuple[TypeKind, tuple[EnumValue, ...]]:
        """The base and the values of the enum at ``at``: worked out once for each place,
        as an inline enum of a shared parameter is an enum of its own (named apart) for
        each operation that has the parameter (Microsoft Graph's ``$select`` lists)."""
        schema = at.node
        raw = [v for v in schema["enum"] if v is not None]
        base = TypeKind.INTEGER if all(isinstance(v, int) and not isinstance(v, bool) for v in raw) else TypeKind.STRING
        descriptions = _enum_descriptions(schema)
        values: list[EnumValue] = []
        seen: set[str | int] = set()
        repeated: list[str | int] = []
        for i, value in enumerate(schema["enum"]):
            if value is None:
                continue
            value = value if base is TypeKind.INTEGER else str(value)
            if (
                isinstance(value, str)
                and not value.isascii()
                and not self._sendable(_Located(at.file, f"{at.pointer}/enum/{i}", value), value, "enum value")
            ):
                continue
            if value in seen:
                repeated += [] if value in repeated else [value]
                continue
            seen.add(value)
            values.append(EnumValue(value, descriptions.get(str(value), "")))
        if repeated:
            shown = ", ".join(repr(v) for v in repeated[:5]) + (", ..." if len(repeated) > 5 else "")
            self._warn(at, f"enum values listed more than once, kept once: {shown}")
        return base, tuple(values)

    # ---- operations --------------------------------------------------------------

    def _operation(
        self,
        path: str,
        method: str,
        path_item: _Located,
        at: _Located,
        schemes: dict[str, SecurityScheme],
        client_held: set[str],
    ) -> tuple[str, Operation]:
        op = at.node
        operation_id = _text(op.get("operationId")) or f"{method}_{path}"
        if op.get("callbacks"):
            self._warn(at, "callbacks are not generated: the SDK makes the call, not the callback's server")
        tags = [t for t in op.get("tags") or [] if isinstance(t, str)]
        parameters = self._parameters(path_item, at)
        declared = {p.name for p in parameters if p.location is ParamLocation.PATH}
        for name in re.findall(r"\{([^{}]+)\}", path):
            if name not in declared:
                self._warn(at, f"path parameter {name!r} is not declared; generated as a required string")
                parameters.append(Parameter(name, ParamLocation.PATH, TypeRef(TypeKind.STRING), True, ""))
        requirements = op.get("security", self.spec.data.get("security")) or []
        needed = [set(req) for req in requirements if isinstance(req, dict)]
        uses_client_auth = any(names & client_held for names in needed)  # an alternative sends our credentials
        for scheme_name in sorted({n for names in needed for n in names} - client_held):
            scheme = schemes.get(scheme_name)
            if scheme is None:
                self._error(at, f"security requirement names {scheme_name!r}, which securitySchemes does not define")
            elif scheme.kind is AuthKind.API_KEY and scheme.location and scheme.param_name:
                if scheme.location is not ParamLocation.QUERY and not _HTTP_TOKEN.fullmatch(scheme.param_name):
                    self._error(
                        at, f"security scheme {scheme_name!r} names {scheme.param_name!r}, not a valid HTTP token"
                    )
                    continue
                parameters.append(self._credential_parameter(scheme))
        success_hint = f"{operation_id}_response"
        responses = tuple(
            self._response(
                str(status),
                _Located(at.file, f"{at.pointer}/responses/{_key(str(status))}", response),
                success_hint,
            )
            for status, response in _items(op.get("responses"))
        )
        body = self._body(at, f"{operation_id}_request")
        operation = Operation(
            operation_id=operation_id,
            method=method.upper(),
            path=path,
            summary=_text(op.get("summary")),
            description=_text(op.get("description")),
            deprecated=_is_deprecated(op),
            parameters=tuple(parameters),
            body=body,
            responses=responses,
            uses_client_auth=uses_client_auth,
            beta=_is_beta(op),
            idempotency=self._idempotency(parameters, body),
        )
        try:
            models = self.models if self._log is None else _ModelsRead(self.models, self._log.models)
            paged = paging.pagination(operation, op, models, self._success_headers(at, operation))
        except paging.PaginationError as exc:
            located = _Located(at.file, pointer_join(at.pointer, exc.key), op[exc.key])
            (self._warn if exc.warning else self._error)(located, str(exc))
            paged = None
        group = tags[0] if tags else _group_from_path(path)
        return group, replace(operation, pagination=paged) if paged is not None else operation

    def _success_headers(self, at: _Located, operation: Operation) -> list[str]:
        """The names of the headers the operation's success response declares."""
        success = operation.success_response
        if success is None:
            return []
        raw = _dig(at.node, "responses", success.status)
        if raw is None and success.status.isdigit():
            raw = _dig(at.node, "responses", int(success.status))
        if not isinstance(raw, dict):
            return []
        response = self._deref(_Located(at.file, pointer_join(at.pointer, "responses", success.status), raw)).node
        headers = response.get("headers") if isinstance(response, dict) else None
        return [name for name in headers if isinstance(name, str)] if isinstance(headers, dict) else []

    def _idempotency(self, parameters: list[Parameter], body: Body | None) -> Idempotency | None:
        """The operation's idempotency key: an ``Idempotency-Key`` header parameter, or a
        field ``idempotency_key`` (``idempotencyKey``) of its body model."""
        header = next(
            (
                p.name
                for p in parameters
                if p.location is ParamLocation.HEADER and p.name.lower() == "idempotency-key" and not p.credential
            ),
            None,
        )
        body_field = None
        if body is not None and body.type.kind is TypeKind.MODEL and body.type.name is not None:
            if self._log is not None:
                self._log.models.add(body.type.name)
            model = self.models.get(body.type.name)
            if model is not None:
                body_field = next((f.name for f in model.fields if f.name in _IDEMPOTENCY_FIELDS), None)
        return Idempotency(body_field, header) if header or body_field else None

    def _parameters(self, path_item: _Located, at: _Located) -> list[Parameter]:
        """Path-level parameters overridden by operation-level ones, by (name, location)."""
        merged: dict[tuple[str, str], Parameter] = {}
        for owner in (path_item, at):
            for i, raw in enumerate(owner.node.get("parameters") or []):
                param_at = self._deref(_Located(owner.file, f"{owner.pointer}/parameters/{i}", raw))
                param = param_at.node
                if not isinstance(param, dict):
                    continue
                location = _text(param.get("in"))
                if location not in _LOCATIONS:
                    self._warn(param_at, f"parameter location {location!r} is not supported; parameter left out")
                    continue
                name = _text(param.get("name"))
                if not name.isascii() and not self._sendable(
                    _Located(param_at.file, f"{param_at.pointer}/name", name),
                    name,
                    f"{location} parameter name",
                ):
                    continue
                if location == "header" and name.lower() in {"authorization", "accept", "content-type"}:
                    instead = "a security scheme" if name.lower() == "authorization" else "the media types"
                    message = f"header parameter {name!r} is ignored, as OpenAPI 3 says: it comes from {instead}"
                    self._warn(param_at, message)
                    continue
                if location in ("header", "cookie") and not _HTTP_TOKEN.fullmatch(name):
                    self._warn(param_at, f"{location} name {name!r} is not a valid HTTP token; parameter left out")
                    continue
                made = self._parameters_at.get((param_at.file, param_at.pointer))
                if made is not None and self._log is not None:
                    self._log.parameters.add((param_at.file, param_at.pointer))
                if made is None:  # made once if it can be: GitHub's 200 shared parameters have 3,000 uses
                    hoisted = self._hoisted()
                    made = self._parameter(param_at, name, _LOCATION_OF[location])
                    if self.origins is None and self._hoisted() == hoisted:
                        self._parameters_at[(param_at.file, param_at.pointer)] = made
                merged[(name, location)] = made
        return list(merged.values())

    def _parameter(self, at: _Located, name: str, location: ParamLocation) -> Parameter:
        param = at.node
        schema_at = _Located(at.file, f"{at.pointer}/schema", param.get("schema"))
        if not isinstance(param.get("schema"), dict):
            for media, content in _items(param.get("content")):
                schema_at = _Located(at.file, f"{at.pointer}/content/{_key(media)}/schema", content.get("schema"))
                break
        schema = self._deref(schema_at).node if isinstance(schema_at.node, dict) else {}
        example, has_example = _example(param)
        if not has_example:
            example, has_example = _example(schema)
        return Parameter(
            name=name,
            location=location,
            type=self._type_of(schema_at, f"{name}_param"),
            required=bool(param.get("required")) or location is ParamLocation.PATH,
            description=_text(param.get("description")),
            deprecated=_is_deprecated(param),
            sensitive=_is_sensitive(name, param, schema),
            default=schema.get("default"),
            has_default="default" in schema,
            example=example,
            has_example=has_example,
            constraints=_constraints(schema),
            style=_text(param.get("style")),
            explode=bool(param.get("explode", param.get("style") in (None, "form"))),
            source=self._source(at),
        )

    def _credential_parameter(self, scheme: SecurityScheme) -> Parameter:
        raw = _dig(self.spec.data, "components", "securitySchemes", scheme.name) or {}
        example = raw.get("x-example")
        return Parameter(
            name=scheme.param_name or scheme.name,
            location=scheme.location or ParamLocation.HEADER,
            type=TypeRef(TypeKind.STRING),
            required=True,
            description=scheme.description,
            sensitive=True,
            credential=True,
            example=example,
            has_example=example is not None,
        )

    def _body(self, at: _Located, hint: str) -> Body | None:
        raw = at.node.get("requestBody")
        if raw is None:
            return None
        body_at = self._deref(_Located(at.file, f"{at.pointer}/requestBody", raw))
        media_type, media_at = self._pick_media(body_at)
        if media_at is None or not isinstance(media_at.node, dict):
            return None
        schema_at = _Located(media_at.file, f"{media_at.pointer}/schema", media_at.node.get("schema"))
        example, has_example = _media_example(media_at.node)
        return Body(
            media_type=media_type,
            type=self._type_of(schema_at, hint),
            required=bool(body_at.node.get("required")),
            description=_text(body_at.node.get("description")),
            example=example,
            has_example=has_example,
            source=self._source(schema_at),
        )

    def _response(self, status: str, at: _Located, hint: str) -> Response:
        response_at = self._deref(at)
        known = self._responses_at.get((response_at.file, response_at.pointer))
        if known is not None:  # a shared response (GitHub's `not_found`...), made once as parameters are
            if self._log is not None:
                self._log.responses.add((response_at.file, response_at.pointer))
            return Response(status, *known, self._source(at))
        hoisted = self._hoisted()
        media_type, media_at = self._pick_media(response_at)
        type_: TypeRef | None = None
        links = response_at.node.get("links") if isinstance(response_at.node, dict) else None
        if links:
            links_at = _Located(response_at.file, f"{response_at.pointer}/links", links)
            self._warn(links_at, "links are not generated: the response is returned without following its links")
        if media_at is not None and isinstance(media_at.node, dict) and "schema" in media_at.node:
            schema_at = _Located(media_at.file, f"{media_at.pointer}/schema", media_at.node["schema"])
            type_ = self._type_of(schema_at, hint if status.startswith("2") else f"{hint}_{status}")
        description = _text(response_at.node.get("description"))
        if self.origins is None and self._hoisted() == hoisted:
            self._responses_at[(response_at.file, response_at.pointer)] = (description, media_type, type_)
        return Response(status, description, media_type, type_, self._source(at))

    def _hoisted(self) -> int:
        """How many models and enums there are: a shared part of operations whose making
        leaves it the same is the same for each, and is kept (unless :attr:`origins` are read)."""
        return len(self.models) + len(self.enums)

    def _pick_media(self, at: _Located) -> tuple[str, _Located | None]:
        """The JSON media type of a body or response if it has one, else its first."""
        content = at.node.get("content") if isinstance(at.node, dict) else None
        if not isinstance(content, dict) or not content:
            return "", None
        names = list(content)
        chosen = next((n for n in names if _is_json(n)), names[0])
        return chosen, _Located(at.file, f"{at.pointer}/content/{_key(chosen)}", content[chosen])

    # ---- security and servers ----------------------------------------------------

    def _security_schemes(self) -> dict[str, SecurityScheme]:
        schemes: dict[str, SecurityScheme] = {}
        for name, raw in _items(_dig(self.spec.data, "components", "securitySchemes")):
            if not isinstance(raw, dict):
                continue
            kind_text = raw.get("type")
            description = _text(raw.get("description"))
            if kind_text == "oauth2":
                token_url = next(
                    (
                        _text(flow.get("tokenUrl"))
                        for _, flow in _items(raw.get("flows"))
                        if isinstance(flow, dict) and flow.get("tokenUrl")
                    ),
                    None,
                )
                schemes[name] = SecurityScheme(
                    name,
                    AuthKind.BEARER,
                    description,
                    token_url=token_url,
                    token_operation=self._operation_at(urlsplit(token_url).path, "post") if token_url else None,
                )
            elif kind_text == "openIdConnect" or (kind_text == "http" and str(raw.get("scheme")).lower() == "bearer"):
                schemes[name] = SecurityScheme(name, AuthKind.BEARER, description)
            elif kind_text == "http" and str(raw.get("scheme")).lower() == "basic":
                schemes[name] = SecurityScheme(name, AuthKind.BASIC, description)
            elif kind_text == "apiKey" and raw.get("in") in {"header", "query", "cookie"}:
                at = _Located(self.spec.root, pointer_join("/components/securitySchemes", name, "name"), raw)
                self._sendable(at, _text(raw.get("name")), "API key name")
                schemes[name] = SecurityScheme(
                    name, AuthKind.API_KEY, description, ParamLocation(raw["in"]), _text(raw.get("name"))
                )
            else:
                at = _Located(self.spec.root, pointer_join("/components/securitySchemes", name), raw)
                self._warn(at, f"security scheme type {kind_text!r} is not supported; requests go without it")
        return schemes

    def _operation_at(self, path: str, method: str) -> str | None:
        """The operationId of the spec's ``method`` operation at ``path``, if there is one."""
        item = _dig(self.spec.data, "paths", path)
        op = item.get(method) if isinstance(item, dict) else None
        return _text(op.get("operationId")) or f"{method}_{path}" if isinstance(op, dict) else None

    def _global_headers(self, schemes: dict[str, SecurityScheme], client_held: set[str]) -> tuple[GlobalHeader, ...]:
        """Fern's ``x-fern-global-headers`` (``header``, ``name``, ``type: literal<"v">``),
        then each client-held security scheme's ``x-additional-headers`` (``name``,
        ``schema.default``): the first declaration of a header name wins, a later one
        fills in a value the first lacked."""
        found: dict[str, GlobalHeader] = {}
        root = self.spec.root
        for i, raw in enumerate(self.spec.data.get("x-fern-global-headers") or []):
            at = _Located(root, pointer_join("/x-fern-global-headers", str(i)), raw)
            header = _text(raw.get("header")) if isinstance(raw, dict) else ""
            if not _HTTP_TOKEN.fullmatch(header):
                self._warn(at, "a global header without a valid `header` name is not sent")
                continue
            literal = _FERN_LITERAL.fullmatch(_text(raw.get("type")))
            value = self._header_value(at, literal.group(1) if literal else None)
            required = raw.get("optional") is False and value is None
            self._add_global(found, GlobalHeader(header, _text(raw.get("name")) or header, value, required=required))
        for scheme_name in [n for n in schemes if n in client_held]:
            raw_scheme = _dig(self.spec.data, "components", "securitySchemes", scheme_name)
            extra = raw_scheme.get("x-additional-headers") if isinstance(raw_scheme, dict) else None
            for i, raw in enumerate(extra if isinstance(extra, list) else []):
                pointer = pointer_join("/components/securitySchemes", scheme_name, "x-additional-headers", str(i))
                header = _text(raw.get("name")) if isinstance(raw, dict) else ""
                if not _HTTP_TOKEN.fullmatch(header):
                    self._warn(_Located(root, pointer, raw), "an additional header without a valid name is not sent")
                    continue
                default = _dig(raw, "schema", "default")
                value = None if default is None or isinstance(default, dict | list) else _text(default)
                if isinstance(default, bool):
                    value = "true" if default else "false"
                value = self._header_value(_Located(root, pointer, raw), value)
                self._add_global(found, GlobalHeader(header, header, value, _text(raw.get("description"))))
        return tuple(found.values())

    def _header_value(self, at: _Located, value: str | None) -> str | None:
        """``value``, if a header can carry it (printable ASCII); else a warning and None."""
        if value is not None and not _HEADER_VALUE.fullmatch(value):
            self._warn(at, "a global header's value is not printable ASCII: it is not sent by default")
            return None
        return value

    @staticmethod
    def _add_global(found: dict[str, GlobalHeader], header: GlobalHeader) -> None:
        key = header.header.lower()
        first = found.get(key)
        if first is None:
            found[key] = header
        else:
            found[key] = replace(
                first,
                value=first.value if first.value is not None else header.value,
                description=first.description or header.description,
                required=first.required and header.value is None,
            )

    def _client_held_schemes(self, schemes: dict[str, SecurityScheme]) -> set[str]:
        """Schemes whose credential the client holds: the API-wide ones if the spec names
        any, else every scheme operations use. The rest become operation parameters."""
        root = self.spec.data.get("security")
        if isinstance(root, list) and any(isinstance(r, dict) and r for r in root):
            held = {n for req in root if isinstance(req, dict) for n in req}
            held |= {n for n, s in schemes.items() if s.kind is not AuthKind.API_KEY and self._scheme_used(n)}
            return held & set(schemes)
        return {n for n in schemes if self._scheme_used(n)}

    def _scheme_used(self, name: str) -> bool:
        for _, item in _items(self.spec.data.get("paths")):
            for method in HTTP_METHODS:
                op = item.get(method) if isinstance(item, dict) else None
                if isinstance(op, dict) and any(isinstance(r, dict) and name in r for r in op.get("security") or []):
                    return True
        return False

    def _servers(self) -> tuple[Server, ...]:
        """Named base URLs: ``x-environments`` ({name: url}), else APIMatic's
        ``x-server-configuration`` (Square's production and sandbox), else ``servers``
        named from their descriptions. Names are unique (a repeated one gets ``_2``)."""
        data = self.spec.data
        found: list[tuple[str, str, str]] = []
        environments = data.get("x-environments")
        configured = _dig(data, "info", "x-server-configuration", "environments")
        if isinstance(environments, dict) and environments:
            found = [(str(name), str(url), "") for name, url in environments.items()]
            for env_name, env_url, _ in found:
                at = _Located(self.spec.root, pointer_join("/x-environments", env_name), env_url)
                self._sendable(at, env_url, "server URL")
        elif isinstance(configured, list) and configured:
            for env in configured:
                url = _dig(env, "servers", 0, "url") if isinstance(_dig(env, "servers"), list) else None
                if isinstance(env, dict) and isinstance(url, str) and "{" not in url:
                    found.append((_text(env.get("name")), url, ""))
        if not found:
            for i, raw in enumerate(data.get("servers") or []):
                if not isinstance(raw, dict) or not isinstance(raw.get("url"), str):
                    continue
                url = raw["url"]
                self._sendable(_Located(self.spec.root, f"/servers/{i}/url", url), url, "server URL")
                for var, spec in _items(raw.get("variables")):
                    url = url.replace("{" + var + "}", str(spec.get("default", "")) if isinstance(spec, dict) else "")
                description = _text(raw.get("description"))
                name = re.sub(r"[^a-z0-9]+", "_", description.lower()).strip("_") if description else ""
                found.append((name or ("default" if i == 0 else f"server_{i + 1}"), url, description))
        names = UniqueNames()
        return tuple(Server(names.take(name), url, description) for name, url, description in found)

    # ---- helpers -----------------------------------------------------------------

    def _parse_ref(self, ref: str, file: Path) -> Ref:
        """Where the ``$ref`` text ``ref``, found in ``file``, points (see
        :meth:`~generator.spec.load.LoadedSpec.parse_ref`); the root file's, each worked
        out once: a spec uses its few thousand schemas tens of thousands of times."""
        if file is not self._root:
            return self.spec.parse_ref(ref, file)
        found = self._root_refs.get(ref)
        if found is None:
            found = self._root_refs[ref] = self.spec.parse_ref(ref, file)
        return found

    def _deref(self, at: _Located) -> _Located:
        """Follow ``$ref`` chains (checked on load) to the node they name."""
        node = at.node
        if type(node) is dict and type(node.get("$ref")) is not str:
            return at  # most nodes are no reference
        seen: set[Ref] = set()
        while isinstance(at.node, dict) and isinstance(at.node.get("$ref"), str):
            ref = self._parse_ref(at.node["$ref"], at.file)
            self._read(ref.file, ref.pointer)
            if self._dangling and ref in self._dangling:  # reported when loading
                return _Located(at.file, at.pointer, {})
            if ref in seen:
                self._error(at, "$ref cycle: the reference leads back to itself")
                return _Located(at.file, at.pointer, {})
            seen.add(ref)
            target = self._targets.get(ref)
            if target is None:  # the same components are referred to again and again
                target = self._targets[ref] = _Located(ref.file, ref.pointer, self.spec.resolve(ref))
            at = target
        return at

    # ---- origins: what each operation and named schema reads ----------------------

    def _read(self, file: Path, pointer: str) -> None:
        """Record that what is being built reads the node at ``pointer`` in ``file``."""
        if self._log is not None:
            self._log.reads.add((file, pointer))
        if self._reading is not None:
            self._reading.add(self._place(file, pointer))

    def _read_type(self, ref: Ref) -> None:
        """Record that what is being built takes the type of the named schema at ``ref``
        (not what it says: that is read once, where its model is built)."""
        if self._log is not None:
            self._log.types.add(ref)
        if self._reading is not None:
            self._reading.add(self._place(ref.file, ref.pointer))

    def _place(self, file: Path, pointer: str) -> Place:
        return self.spec.display_name(file), self.spec.pointer_map(pointer)

    @contextmanager
    def _reading_for_operation(self, method: str, path: str, path_item: _Located, at: _Located) -> Iterator[None]:
        """Record what the operation at ``at`` reads: itself, its path item's parameters,
        and the nodes ``$ref``s lead it to."""
        if self.origins is None:
            yield
            return
        places = {self._place(at.file, at.pointer), self._place(path_item.file, f"{path_item.pointer}/parameters")}
        outer, self._reading = self._reading, self.origins.operations.setdefault(operation_key(method, path), places)
        try:
            yield
        finally:
            self._reading = outer

    @contextmanager
    def _reading_for_schema(self, ref: Ref) -> Iterator[None]:
        """Record what the named schema at ``ref`` reads, apart from what reads it."""
        if self.origins is None:
            yield
            return
        outer, self._reading = self._reading, self.origins.schemas.setdefault(self._place(ref.file, ref.pointer), set())
        try:
            yield
        finally:
            self._reading = outer

    def _warn_not(self, at: _Located) -> None:
        """Say that the schema at ``at`` has a ``not``, which the SDK does not check."""
        if isinstance(at.node, dict) and "not" in at.node:
            not_at = _Located(at.file, f"{at.pointer}/not", at.node["not"])
            self._warn(not_at, "`not` is not enforced: the schema's other keywords type the value")

    def _sendable(self, at: _Located, text: str, what: str) -> bool:
        """Whether ``text``, a name or value the SDK sends or receives, can be: one with a
        lone surrogate is an error (located at ``at``), as UTF-8 cannot encode it."""
        found = None if text.isascii() else _SURROGATE.search(text)
        if found is None:
            return True
        code = ord(found.group())
        why = "which UTF-8 cannot encode: no request can carry it"
        self._error(at, f"{what} {text!r} holds a lone surrogate (\\u{code:04x}), {why}")
        return False

    def _source(self, at: _Located) -> Source:
        """Where ``at`` is, for a target's findings (see :class:`generator.model.ir.Source`)."""
        if at.file is self._root:
            return Source("", at.pointer)
        shown = self._shown.get(at.file)
        if shown is None:
            shown = self._shown[at.file] = self.spec.display_name(at.file)
        return Source(shown, at.pointer)

    def _warn(self, at: _Located, message: str) -> None:
        """A warning at ``at``, once (see :meth:`_say`)."""
        self._say(at, message, Severity.WARNING)

    def _error(self, at: _Located, message: str) -> None:
        """An error at ``at``, once (see :meth:`_say`)."""
        self._say(at, message, Severity.ERROR)

    def _say(self, at: _Located, message: str, severity: Severity) -> None:
        """A finding at ``at``, made once: a shared component is read for each of its users."""
        if self._log is not None:
            self._log.said.append((at.file, at.pointer, message, severity))
        self._say_at(at.file, at.pointer, message, severity)

    def _say_at(self, file: Path, pointer: str, message: str, severity: Severity) -> None:
        said = (file, pointer, message)
        if said not in self._said:
            self._said.add(said)
            self.findings.append(self.spec.finding(file, pointer, message, severity))


_BEING_BUILT = Model("", "", ())  # what `models` holds for a model while its fields are built
_NO_FACET = b""  # what a field reads of no node (no digest is empty)


@dataclass(slots=True)
class _UnitLog:
    """What the unit being built has read, asked for and said, so far (see :class:`UnitRecord`)."""

    marks: tuple[int, ...]
    """How many models, enums, types, names, shared parameters and responses there were before it."""
    reads: set[tuple[Path, str]] = field(default_factory=set)
    asked: list[tuple[str, str]] = field(default_factory=list)
    types: set[Ref] = field(default_factory=set)
    facets: dict[Ref, bytes] = field(default_factory=dict)
    names: set[Ref] = field(default_factory=set)
    models: set[str] = field(default_factory=set)
    parameters: set[SharedKey] = field(default_factory=set)
    responses: set[SharedKey] = field(default_factory=set)
    said: list[Said] = field(default_factory=list)


class _ModelsRead(Mapping[str, Model]):
    """The models built so far, noting each name looked up (pagination reads models by name)."""

    def __init__(self, models: dict[str, Model], read: set[str]) -> None:
        self._models = models
        self._read = read

    def __getitem__(self, name: str) -> Model:
        self._read.add(name)
        return self._models[name]

    def __iter__(self) -> Iterator[str]:
        raise TypeError("the models are read by name")

    def __len__(self) -> int:
        return len(self._models)


def _added(found: dict[_K, Any], before: int) -> list[_K]:
    """The keys added to ``found`` since it had ``before`` of them, in order."""
    return list(islice(reversed(found), len(found) - before))[::-1]


_NOTHING = nullcontext()  # what recording the places read is when no one asks for them
_T = TypeVar("_T")
_K = TypeVar("_K")
_Steps = Generator[Any, Any, _T]
"""A walk that yields each walk whose result it needs (or that result, when a step had
it at once), and is sent that result."""


def _run(walk: _Steps[TypeRef] | TypeRef) -> TypeRef:
    """The result of ``walk``, making the walks it yields on a stack of our own (not
    Python's, whose depth is limited), in the order plain recursion would make them.
    A walk may be a result already (a step that needed no other walk), and may yield
    one: it is sent straight back."""
    if isinstance(walk, TypeRef):
        return walk
    stack: list[Generator[Any, Any, Any]] = [walk]
    sent: Any = None
    while True:
        try:
            inner = stack[-1].send(sent)
        except StopIteration as stop:
            stack.pop()
            if not stack:
                return stop.value  # type: ignore[no-any-return]
            sent = stop.value
            continue
        if type(inner) is GeneratorType:
            stack.append(inner)
            sent = None
        else:
            sent = inner


# ---- pure helpers on spec nodes ----------------------------------------------------


def _group_from_path(path: str) -> str:
    """The group of an untagged operation: the first path segment that is neither a
    version (``v1``, ``2023-10``) nor a parameter, like ``customers`` in
    ``/v1/customers/{id}``; ``Default`` when there is none."""
    for segment in path.strip("/").split("/"):
        if segment and "{" not in segment and not re.fullmatch(r"v\d+(\.\d+)*|api|\d[\d.-]*", segment):
            return segment
    return DEFAULT_GROUP


def _key(part: str) -> str:
    """A key as a JSON pointer writes it (see :func:`~generator.errors.pointer_join`),
    quickly: few keys have a ``~`` or a ``/`` to escape."""
    if "~" in part or "/" in part:
        return part.replace("~", "~0").replace("/", "~1")
    return part


def _items(node: Any) -> list[tuple[str, Any]]:
    return [(str(k), v) for k, v in node.items()] if isinstance(node, dict) else []


def _dig(node: Any, *keys: str | int) -> Any:
    for key in keys:
        if isinstance(key, int):
            node = node[key] if isinstance(node, list) and len(node) > key else None
        else:
            node = node.get(key) if isinstance(node, dict) else None
    return node


def _text(value: Any) -> str:
    return value if isinstance(value, str) else "" if value is None else str(value)


def _schema_kind(schema: dict[str, Any]) -> str | None:
    kind = schema.get("type")
    if isinstance(kind, list):
        kinds = [k for k in kind if k != "null"]
        kind = kinds[0] if len(kinds) == 1 else None
    if kind is None and "properties" in schema:
        return "object"
    if kind is None and "items" in schema:
        return "array"
    return kind if isinstance(kind, str) else None


def _is_nullable(schema: dict[str, Any]) -> bool:
    kind = schema.get("type")
    return bool(schema.get("nullable")) or (isinstance(kind, list) and "null" in kind)


def _is_enum(schema: dict[str, Any]) -> bool:
    values = schema.get("enum")
    if not isinstance(values, list) or not [v for v in values if v is not None]:
        return False
    kind = _schema_kind(schema)
    scalar = all(isinstance(v, (str, int)) and not isinstance(v, bool) for v in values if v is not None)
    return scalar and kind in (None, "string", "integer")


def _is_model(schema: dict[str, Any]) -> bool:
    if isinstance(schema.get("properties"), dict) and schema["properties"]:
        return True
    all_of = schema.get("allOf")
    return isinstance(all_of, list) and len(all_of) > 1


def _with_nullable(t: TypeRef, nullable: bool) -> TypeRef:
    return t if t.nullable == nullable else replace(t, nullable=nullable)


def _is_deprecated(node: dict[str, Any]) -> bool:
    return bool(node.get("deprecated") or node.get("x-is-deprecated")) or node.get("x-release-status") == "DEPRECATED"


def _is_beta(node: dict[str, Any]) -> bool:
    return node.get("x-release-status") == "BETA" or node.get("x-is-beta") is True


def _is_sensitive(name: str, *nodes: dict[str, Any]) -> bool:
    """Whether the value of the field or parameter ``name`` is a secret: the first
    ``x-sensitive`` of ``nodes`` (``false`` opts out), else ``format: password``, else
    what its name says (:func:`~generator.model.secret_names.names_a_secret`) of a value that
    is not a boolean or a number."""
    for node in nodes:
        marked = node.get("x-sensitive")
        if isinstance(marked, bool):
            return marked
    for node in nodes:
        if node.get("format") == "password":
            return True
    if not names_a_secret(name):
        return False
    for node in nodes:
        if _is_flag_or_number(node):
            return False
    return True


def _is_flag_or_number(node: dict[str, Any]) -> bool:
    """A boolean or a number never holds a secret, whatever its name says
    (``revoke_only_access_token: true``)."""
    types = node.get("type")
    named = set(types) if isinstance(types, list) else {types}
    return bool(named - {"null"}) and named - {"null"} <= {"boolean", "integer", "number"}


@functools.lru_cache(maxsize=1024)
def _is_json(media_type: str) -> bool:
    base = media_type.split(";")[0].strip().lower()
    return base == "application/json" or base.endswith("+json")


def _example(node: dict[str, Any]) -> tuple[Any, bool]:
    if "example" in node:
        return node["example"], True
    examples = node.get("examples")
    if isinstance(examples, list) and examples:  # JSON Schema (OpenAPI 3.1) examples
        return examples[0], True
    if isinstance(examples, dict) and examples:  # parameter examples: {name: {value}}
        first = next(iter(examples.values()))
        if isinstance(first, dict) and "value" in first:
            return first["value"], True
    return None, False


def _media_example(media: dict[str, Any]) -> tuple[Any, bool]:
    example, found = _example(media)
    if not found and isinstance(media.get("schema"), dict) and "$ref" not in media["schema"]:
        return _example(media["schema"])
    return example, found


def _constraints(schema: dict[str, Any]) -> tuple[Constraint, ...]:
    if _CONSTRAINT_SET.isdisjoint(schema):  # most schemas have none: no tuple to build
        return ()
    return tuple(Constraint(k, schema[k]) for k in CONSTRAINT_KEYWORDS if k in schema)


def _enum_descriptions(schema: dict[str, Any]) -> dict[str, str]:
    """Per-value descriptions from ``x-enum-elements`` (Square) or ``x-enum-descriptions``."""
    found: dict[str, str] = {}
    for element in schema.get("x-enum-elements") or []:
        if isinstance(element, dict) and "name" in element:
            found[str(element["name"])] = _text(element.get("description"))
    described = schema.get("x-enum-descriptions")
    if isinstance(described, dict):
        found.update({str(k): _text(v) for k, v in described.items()})
    elif isinstance(described, list):
        found.update({str(v): _text(d) for v, d in zip(schema.get("enum") or [], described, strict=False)})
    return found
