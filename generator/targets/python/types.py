"""Python type annotations and wire codecs for IR types.

The generated runtime (``_model.py``) decodes JSON with small codec objects; which codec
a type needs, and how it is annotated, is decided here.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ...model.ir import Api, TypeKind, TypeRef
from ...model.subjects import mentioned
from .literals import py_str
from .naming import PythonNames

_PRIMITIVES = {
    TypeKind.STRING: "str",
    TypeKind.INTEGER: "int",
    TypeKind.NUMBER: "float",
    TypeKind.BOOLEAN: "bool",
    TypeKind.ANY: "Any",
}


def annotation(t: TypeRef, names: PythonNames, api: Api, frozen: bool = False) -> str:
    """The annotation for a value of type ``t``: ``list[Error]``, ``ErrorCode | str``...

    ``frozen`` is for a model's field, where the runtime stores lists (and lists in lists)
    as tuples: arrays are written ``Sequence[X]`` (any sequence is taken, none can be
    changed), except inside a map, whose values are kept as they are.
    """
    if t.kind is TypeKind.STRING and t.format == "binary":
        text = "bytes"
    elif t.kind is TypeKind.STRING and t.format in _TEMPORAL:
        text = _TEMPORAL[t.format]
    elif t.kind in _PRIMITIVES:
        text = _PRIMITIVES[t.kind]
    elif t.kind is TypeKind.ARRAY:
        text = f"{'Sequence' if frozen else 'list'}[{annotation(_item(t), names, api, frozen)}]"
    elif t.kind is TypeKind.MAP:
        text = f"dict[str, {annotation(_item(t), names, api)}]"
    elif t.kind is TypeKind.MODEL:
        text = names.of_type(_name(t)).class_name
    elif t.kind is TypeKind.UNION:
        parts = [annotation(m, names, api, frozen) for m in t.members]
        if t.discriminator is not None:  # a value it does not map is kept as the raw object
            parts.append(UNKNOWN_VARIANT)
        text = "Any" if "Any" in parts else " | ".join(dict.fromkeys(parts))
    else:  # an open enum: values the spec does not list arrive as plain values
        base = "int" if api.enums[_name(t)].base is TypeKind.INTEGER else "str"
        text = f"{names.of_type(_name(t)).class_name} | {base}"
    if t.nullable and text != "Any":
        text += " | None"
    return text


_TEMPORAL = {"date-time": "_dt.datetime", "date": "_dt.date"}
UNKNOWN_VARIANT = "dict[str, Any]"
"""What a discriminated union holds for an object whose discriminator value it does not map."""


def field_annotation(t: TypeRef, names: PythonNames, api: Api) -> str:
    """The annotation of a model's field of type ``t`` (arrays as ``Sequence``)."""
    return annotation(t, names, api, frozen=True)


class FieldType(NamedTuple):
    """What a model's module and its doc page say of the type of a field."""

    annotation: str  # see field_annotation
    codec: str | None
    uses_any: bool
    uses_datetime: bool
    mentioned: frozenset[str]  # the models and enums it names


class FieldTypes:
    """The :class:`FieldType` of each type of the fields of one API, worked out once for
    each type object: the model shares one object among the fields of one type where it
    can (GitHub's 38,000 fields have 6,400), and each was worked out for every field, in
    its model's module and again on its doc page."""

    def __init__(self, names: PythonNames, api: Api) -> None:
        self._names = names
        self._api = api
        self._known: dict[int, tuple[TypeRef, FieldType]] = {}  # by id: the type object is kept, and so its id

    def of(self, t: TypeRef) -> FieldType:
        """What is said of type ``t``."""
        known = self._known.get(id(t))
        if known is None:
            said = FieldType(
                field_annotation(t, self._names, self._api),
                codec(t, self._names),
                uses_any(t),
                uses_datetime(t),
                frozenset(mentioned(t)),
            )
            known = self._known[id(t)] = (t, said)
        return known[1]


def uses_datetime(t: TypeRef) -> bool:
    """Whether the annotation of ``t`` needs the ``datetime`` module (imported as ``_dt``)."""
    if t.kind is TypeKind.STRING and t.format in _TEMPORAL:
        return True
    return any(uses_datetime(inner) for inner in (t.item, *t.members) if inner is not None)


def with_unset(annotation_text: str) -> str:
    """The annotation of an optional value: ``X | Unset``, with ``None`` kept last."""
    if annotation_text.endswith(" | None"):
        return annotation_text[: -len(" | None")] + " | Unset | None"
    return annotation_text + " | Unset"


def codec(t: TypeRef, names: PythonNames) -> str | None:
    """The codec expression that decodes wire values of ``t``; None when they need no decoding."""
    if t.kind is TypeKind.STRING and t.format in _TEMPORAL:
        return "DateTimeOf(date=True)" if t.format == "date" else "DateTimeOf()"
    if t.kind is TypeKind.MODEL:
        return f'ModelOf("{names.of_type(_name(t)).class_name}")'
    if t.kind is TypeKind.ENUM:
        return f'EnumOf("{names.of_type(_name(t)).class_name}")'
    if t.kind in (TypeKind.ARRAY, TypeKind.MAP):
        inner = codec(_item(t), names)
        if inner is None:
            return None
        return f"{'ListOf' if t.kind is TypeKind.ARRAY else 'MapOf'}({inner})"
    if t.kind is TypeKind.UNION:
        codecs = [_member_codec(m, names) for m in t.members]
        members = f"{codecs[0]}," if len(codecs) == 1 else ", ".join(codecs)  # a tuple, as black writes it
        if t.discriminator is None:
            return f"UnionOf(({members}))"
        mapping = ", ".join(
            f"{py_str(value)}: {py_str(names.of_type(model).class_name)}" for value, model in t.discriminator.mapping
        )
        return f"UnionOf(({members}), {py_str(t.discriminator.property)}, {{{mapping}}})"
    return None


def _member_codec(t: TypeRef, names: PythonNames) -> str:
    """The codec of one union member: it also tells whether a wire value fits the member."""
    if t.kind in _JSON_TYPES and not (t.kind is TypeKind.STRING and t.format in _TEMPORAL):
        return f'JsonType("{_JSON_TYPES[t.kind]}")'
    return codec(t, names) or "Codec()"


_JSON_TYPES = {
    TypeKind.STRING: "string",
    TypeKind.INTEGER: "integer",
    TypeKind.NUMBER: "number",
    TypeKind.BOOLEAN: "boolean",
    TypeKind.ARRAY: "array",
    TypeKind.MAP: "object",
}
CODEC_NAMES = ("ModelOf", "EnumOf", "ListOf", "MapOf", "UnionOf", "JsonType", "DateTimeOf", "Codec")


def codec_names(expression: str | None) -> set[str]:
    """The runtime names a codec expression uses (to import them)."""
    if expression is None:
        return set()
    return set(_CODEC_CALL.findall(expression))


_CODEC_CALL = re.compile(rf"\b({'|'.join(CODEC_NAMES)})\(")


def has_discriminated_union(t: TypeRef) -> bool:
    """Whether ``t`` is, or holds, a union with a discriminator."""
    if t.item is None and not t.members:  # most types: nothing inside
        return False
    if t.kind is TypeKind.UNION and t.discriminator is not None:
        return True
    return any(has_discriminated_union(inner) for inner in (t.item, *t.members) if inner is not None)


def any_discriminated_union(api: Api) -> bool:
    """Whether some model field, parameter, body or response of ``api`` is, or holds, a
    union with a discriminator. A plain loop: the README asks it of every type (GitHub's
    spec: 42,000), and most have nothing inside (no item, no members) to look at."""
    for model in api.models.values():
        for f in model.fields:
            t = f.type
            if (t.item is not None or t.members) and has_discriminated_union(t):  # the test inlined: no call for most
                return True
    for group in api.groups:
        for op in group.operations:
            types = [p.type for p in op.parameters] + [r.type for r in op.responses if r.type is not None]
            if op.body is not None:
                types.append(op.body.type)
            if any((t.item is not None or t.members) and has_discriminated_union(t) for t in types):
                return True
    return False


def uses_any(t: TypeRef) -> bool:
    """Whether the annotation of ``t`` needs ``typing.Any``."""
    if t.kind is TypeKind.ANY or (t.kind is TypeKind.UNION and t.discriminator is not None):
        return True
    return any(uses_any(inner) for inner in (t.item, *t.members) if inner is not None)


def _item(t: TypeRef) -> TypeRef:
    return t.item if t.item is not None else TypeRef(TypeKind.ANY)


def _name(t: TypeRef) -> str:
    assert t.name is not None, "a model or enum TypeRef always has a name"
    return t.name
