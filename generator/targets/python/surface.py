"""The Python SDK as its users see it (a :class:`~generator.changes.surface.Surface`): the names
and annotations they write, from the same names and method signatures the templates render."""

from __future__ import annotations

from typing import Any

from ...changes.surface import (
    CredentialShape,
    EnumShape,
    FieldShape,
    Flow,
    GroupShape,
    KeptRows,
    LastSurface,
    MethodShape,
    ModelShape,
    ParamShape,
    Surface,
    TypeShape,
)
from ...model.ir import Api, ApiGroup, EnumType, Model, Operation, TypeKind
from ...model.subjects import model_mentions, operation_mentions, operation_types
from ..flows import model_flows
from .naming import GroupNames, PythonNames, TypeNames, name_api, parameter_names
from .plan import auth_views, method_description
from .signature import signature
from .types import annotation


def surface(api: Api, names: PythonNames | None = None) -> Surface:
    """What users of the Python SDK for ``api`` can name and call."""
    if names is None:
        names = name_api(api)
    return _surface(api, names, None)[0]


def surface_keeping(api: Api, names: PythonNames, last: LastSurface) -> tuple[Surface, KeptRows]:
    """:func:`surface`, less the groups, models and enums whose rows in the ``last``
    record hold as they were: those rows are kept (see :class:`KeptRows`).

    A row holds when all it is made of is as it was: the model or enum is the last
    model's very object, replayed (a group: each operation is), with the names it had
    (a group: its attribute and method names), naming only types whose class names (and
    an enum's base) are as they were; a model travels the same way (its flow is made
    from the whole model, and compared)."""
    if not isinstance(last.names, PythonNames):
        return _surface(api, names, None)
    return _surface(api, names, _Keeping(api, names, last))


def _surface(api: Api, names: PythonNames, keeping: _Keeping | None) -> tuple[Surface, KeptRows]:
    kinds = _Kinds(
        {names.of_type(e.name).class_name: "int" if e.base is TypeKind.INTEGER else "str" for e in api.enums.values()}
    )
    kept = KeptRows({"groups": {}, "models": {}, "enums": {}}, {}, {"groups": [], "models": [], "enums": []})
    named: set[str] = set()  # the types the kept rows name
    groups: dict[str, GroupShape] = {}
    for group in api.groups:
        group_names = names.groups[group.name]
        kept.order["groups"].append(group_names.attribute)
        found = keeping.group(group, group_names) if keeping is not None else None
        if found is not None:
            kept.rows["groups"][group_names.attribute] = found
            for method in found[0][1]:
                named.add(method[2])
                named.update([param[1] for param in method[1]])
            continue
        methods: dict[str, MethodShape] = {}
        held = keeping.methods(group, group_names) if keeping is not None else {}
        for op in group.operations:
            row = held.get(op.operation_id)
            if row is not None:
                methods[row[0]] = _method(row, op, kinds)
                continue
            # The method's signature alone: the rest of what the templates show of it
            # (its page classes, imports, how it parses a response) is no part of the surface.
            signed = signature(op, names, api)
            positions = {p.name: i for i, p in enumerate(signed.positional)}
            params = tuple(
                ParamShape(p.name, kinds.of(p.annotation), p.required, positions.get(p.name), p.description)
                for p in signed.positional + signed.keyword_only
            )
            name = group_names.methods[op.operation_id]
            returns = kinds.of(signed.returns)
            http = f"{op.method} {op.path}"
            methods[name] = MethodShape(name, params, returns, op.deprecated, method_description(op), http)
        groups[group_names.attribute] = GroupShape(group_names.attribute, methods, group.description)
    flows = model_flows(api)
    shapes: dict[int, TypeShape] = {}  # by the ``id`` of a field's type: fields share most types (GitHub's: a fifth)
    models: dict[str, ModelShape] = {}
    for model in api.models.values():
        own = names.of_type(model.name)
        flow = flows.get(model.name, Flow.BOTH)
        kept.order["models"].append(own.class_name)
        found = keeping.model(model, own, flow) if keeping is not None else None
        if found is not None:
            kept.rows["models"][own.class_name] = found
            named.update([field[1] for field in found[0][1]])
            continue
        attributes = own.fields
        fields: dict[str, FieldShape] = {}
        for f in model.fields:
            attribute, t = attributes[f.name], f.type
            shape = shapes.get(id(t))
            if shape is None:
                shape = shapes[id(t)] = kinds.of(_without_none(annotation(t, names, api), t.nullable))
            required = f.required and not f.read_only and not f.write_only
            fields[attribute] = FieldShape(attribute, shape, required, t.nullable, f.deprecated, f.description)
        models[own.class_name] = ModelShape(own.class_name, fields, flow, model.deprecated, model.description)
    enums: dict[str, EnumShape] = {}
    for e in api.enums.values():
        own = names.of_type(e.name)
        kept.order["enums"].append(own.class_name)
        found = keeping.enum(e, own) if keeping is not None else None
        if found is not None:
            kept.rows["enums"][own.class_name] = found
        else:
            enums[own.class_name] = EnumShape(own.class_name, tuple(str(v.value) for v in e.values), e.description)
    kept.types.update((text, kinds.of(text)) for text in named)
    environments = {server.name: server.url for server in api.servers}
    credentials = {view.param: CredentialShape(view.param, view.kind) for view in auth_views(api)}
    return Surface(groups, models, enums, environments, credentials), kept


class _Keeping:
    """Which rows of the last record hold for ``api`` with ``names`` (see :func:`surface_keeping`)."""

    def __init__(self, api: Api, names: PythonNames, last: LastSurface) -> None:
        self._last = last
        self._names: PythonNames = last.names
        self._groups = {group.name: group for group in last.api.groups}
        self._renamed = _renamed(api, names, last.api, self._names)

    def model(self, model: Model, own: TypeNames, flow: Flow) -> tuple[list[Any], str] | None:
        """The last record's row of ``model``, if it holds."""
        name = model.name
        if name not in self._last.reused or self._last.api.models.get(name) is not model:
            return None
        was = self._names.types.get(name)  # what the row shows of its names
        if was is None or was.class_name != own.class_name or was.fields != own.fields:
            return None
        found = self._last.record.rows["models"].get(own.class_name)
        if found is None or found[0][2] != flow.value:
            return None
        return found if not self._renamed or self._renamed.isdisjoint(model_mentions(model)) else None

    def enum(self, enum: EnumType, own: TypeNames) -> tuple[list[Any], str] | None:
        """The last record's row of ``enum``, if it holds."""
        name = enum.name
        if name not in self._last.reused or self._last.api.enums.get(name) is not enum:
            return None
        was = self._names.types.get(name)
        if was is None or was.class_name != own.class_name:
            return None
        return self._last.record.rows["enums"].get(own.class_name)

    def group(self, group: ApiGroup, own: GroupNames) -> tuple[list[Any], str] | None:
        """The last record's row of ``group``, if it holds."""
        was = self._groups.get(group.name)
        if was is None or len(was.operations) != len(group.operations):
            return None
        if any(op is not old for op, old in zip(group.operations, was.operations, strict=True)):
            return None
        names = self._names.groups.get(group.name)
        if names is None or names.attribute != own.attribute or names.methods != own.methods:
            return None
        found = self._last.record.rows["groups"].get(own.attribute)
        return found if not self._renamed or self._renamed.isdisjoint(operation_types(group)) else None

    def methods(self, group: ApiGroup, own: GroupNames) -> dict[str, list[Any]]:
        """The last record's rows of the methods of ``group`` that hold, by operationId:
        each of an operation that is the last model's, named as it was, in a group named
        as it was."""
        was, names = self._groups.get(group.name), self._names.groups.get(group.name)
        if was is None or names is None or names.attribute != own.attribute:
            return {}
        rows = self._last.record.methods.get(own.attribute, {})
        old = {op.operation_id: op for op in was.operations}
        found: dict[str, list[Any]] = {}
        for op in group.operations:
            key = op.operation_id
            name = own.methods[key]
            if old.get(key) is not op or names.methods.get(key) != name or name not in rows:
                continue
            if self._renamed and not self._renamed.isdisjoint(operation_mentions(op)):
                continue
            found[key] = rows[name][0]
        return found


def _method(row: list[Any], op: Operation, kinds: _Kinds) -> MethodShape:
    """The shape of ``op``'s method from its row in the last record, which holds (the
    descriptions, which no record holds, are ``op``'s, as :func:`signature` gives them)."""
    python_names = parameter_names(op)
    described = {python_names[f"{p.location.value}:{p.name}"]: p.description for p in op.parameters}
    if op.body is not None:
        described[python_names["body"]] = op.body.description
    name, params, returns, deprecated, http = row
    shapes = tuple(ParamShape(p, kinds.of(t), r, at, described[p]) for p, t, r, at in params)
    return MethodShape(name, shapes, kinds.of(returns), deprecated, method_description(op), http)


def _renamed(api: Api, names: PythonNames, last_api: Api, last_names: PythonNames) -> set[str]:
    """The models and enums whose class name is not the one they had, or that are new or
    gone; and the enums whose base changed: a row naming one is made again."""
    was = last_names.types
    changed = {name for name, own in names.types.items() if name not in was or was[name].class_name != own.class_name}
    changed |= was.keys() - names.types.keys()
    changed |= api.enums.keys() ^ last_api.enums.keys()
    last_enums = last_api.enums
    changed |= {name for name, e in api.enums.items() if name in last_enums and last_enums[name].base is not e.base}
    return changed


class _Kinds:
    """Type shapes from annotations: an open enum's class is one of its base type's values."""

    def __init__(self, enum_bases: dict[str, str]) -> None:
        self._enum_bases = enum_bases
        self._known: dict[str, TypeShape] = {}  # the same few annotations recur

    def of(self, text: str) -> TypeShape:
        found = self._known.get(text)
        if found is None:
            members = set(text.split(" | ") if "[" not in text else _union_members(text))
            if not self._enum_bases.keys().isdisjoint(members):
                members -= {m for m in members if self._enum_bases.get(m) in members}
            found = self._known[text] = TypeShape(text, frozenset(members))
        return found


def _without_none(text: str, nullable: bool) -> str:
    """A nullable type's annotation less its ``| None`` (nullability is told apart)."""
    return text[: -len(" | None")] if nullable and text.endswith(" | None") else text


def _union_members(text: str) -> list[str]:
    """The members of a top-level union annotation (``A | list[B | C] | None``)."""
    members: list[str] = []
    depth, start = 0, 0
    for i, char in enumerate(text):
        if char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
        elif char == "|" and depth == 0:
            members.append(text[start:i].strip())
            start = i + 1
    members.append(text[start:].strip())
    return members
