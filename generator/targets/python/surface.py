"""The Python SDK as its users see it (a :class:`~generator.changes.surface.Surface`): the names
and annotations they write, from the same names and method signatures the templates render."""

from __future__ import annotations

from ...changes.surface import (
    CredentialShape,
    EnumShape,
    FieldShape,
    Flow,
    GroupShape,
    MethodShape,
    ModelShape,
    ParamShape,
    Surface,
    TypeShape,
)
from ...model.ir import Api, TypeKind
from ..flows import model_flows
from .naming import PythonNames, name_api
from .plan import auth_views, method_description, signature
from .types import annotation


def surface(api: Api, names: PythonNames | None = None) -> Surface:
    """What users of the Python SDK for ``api`` can name and call."""
    if names is None:
        names = name_api(api)
    kinds = _Kinds(
        {names.of_type(e.name).class_name: "int" if e.base is TypeKind.INTEGER else "str" for e in api.enums.values()}
    )
    groups: dict[str, GroupShape] = {}
    for group in api.groups:
        group_names = names.groups[group.name]
        methods: dict[str, MethodShape] = {}
        for op in group.operations:
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
        attributes = own.fields
        fields: dict[str, FieldShape] = {}
        for f in model.fields:
            attribute, t = attributes[f.name], f.type
            shape = shapes.get(id(t))
            if shape is None:
                shape = shapes[id(t)] = kinds.of(_without_none(annotation(t, names, api), t.nullable))
            required = f.required and not f.read_only and not f.write_only
            fields[attribute] = FieldShape(attribute, shape, required, t.nullable, f.deprecated, f.description)
        flow = flows.get(model.name, Flow.BOTH)
        models[own.class_name] = ModelShape(own.class_name, fields, flow, model.deprecated, model.description)
    enums = {
        names.of_type(e.name).class_name: EnumShape(
            names.of_type(e.name).class_name, tuple(str(v.value) for v in e.values), e.description
        )
        for e in api.enums.values()
    }
    environments = {server.name: server.url for server in api.servers}
    credentials = {view.param: CredentialShape(view.param, view.kind) for view in auth_views(api)}
    return Surface(groups, models, enums, environments, credentials)


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
