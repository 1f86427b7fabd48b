"""C# types for IR types, and the JSON readers that turn wire values into them.

Enums are open on the wire (a newer server may send a value this SDK does not list), so
a field of an enum type is its base type (``string`` or ``int``) and the enum is a set
of named constants, as the .NET SDK of our seed page has them. A union is ``object``
(its JSON value as it is): C# has no union types.
"""

from __future__ import annotations

from ...model.ir import Api, EnumType, TypeKind, TypeRef
from .naming import CSharpNames

_PRIMITIVES = {TypeKind.STRING: "string", TypeKind.NUMBER: "double", TypeKind.BOOLEAN: "bool", TypeKind.ANY: "object"}
VALUE_TYPES = frozenset({"int", "long", "double", "bool"})
_READERS = {"string": "JsonRead.String", "int": "JsonRead.Int", "long": "JsonRead.Long"} | {
    "double": "JsonRead.Double",
    "bool": "JsonRead.Bool",
    "object": "JsonRead.Any",
}


def cs_type(t: TypeRef, names: CSharpNames, api: Api, models_prefix: str = "") -> str:
    """The C# type of a value of ``t``: ``string``, ``int?``, ``IList<Models.Error>``...
    ``models_prefix`` (``Models.``) goes before model names outside their namespace."""
    text = _base(t, names, api, models_prefix)
    return text + "?" if t.nullable and text in VALUE_TYPES else text


def optional(type_text: str) -> str:
    """The type of an optional parameter or field: value types become nullable."""
    return type_text + "?" if type_text in VALUE_TYPES else type_text


def _base(t: TypeRef, names: CSharpNames, api: Api, prefix: str) -> str:
    if t.kind is TypeKind.INTEGER:
        return "long" if t.format == "int64" else "int"
    if t.kind in _PRIMITIVES:
        return _PRIMITIVES[t.kind]
    if t.kind is TypeKind.ARRAY:
        return f"IList<{cs_type(_item(t), names, api, prefix)}>"
    if t.kind is TypeKind.MAP:
        return f"IDictionary<string, {cs_type(_item(t), names, api, prefix)}>"
    if t.kind is TypeKind.MODEL and t.name in api.models:
        return prefix + names.of_type(t.name).class_name
    if t.kind is TypeKind.ENUM and t.name in api.enums:
        return enum_base(api.enums[t.name])
    return "object"  # a union: its JSON value as it is


def enum_base(enum: EnumType) -> str:
    """The C# type of an enum's values: ``string``, or ``int``, or ``long`` when a value
    does not fit in 32 bits."""
    if enum.base is not TypeKind.INTEGER:
        return "string"
    fits = all(-(2**31) <= int(v.value) < 2**31 for v in enum.values)
    return "int" if fits else "long"


def reader(type_text: str, namespace: str) -> str:
    """An expression of type ``Func<object, T>`` reading a JSON value as ``type_text`` (a
    type :func:`cs_type` made). A model's reader is named in full (``global::``): in an
    expression, a member of the same name as the model (a property ``Merchant`` of type
    ``IList<Merchant>``) would hide it."""
    if type_text.endswith("?"):
        inner = type_text[:-1]
        return f"JsonRead.Nullable<{inner}>({_READERS[inner]})"
    if type_text in _READERS:
        return _READERS[type_text]
    if type_text.startswith("IList<"):
        inner = type_text[len("IList<") : -1]
        return f"JsonRead.ListOf<{inner}>({reader(inner, namespace)})"
    if type_text.startswith("IDictionary<string, "):
        inner = type_text[len("IDictionary<string, ") : -1]
        return f"JsonRead.MapOf<{inner}>({reader(inner, namespace)})"
    return f"global::{namespace}.Models.{type_text.removeprefix('Models.')}.FromJson"


def referenced_models(t: TypeRef) -> set[str]:
    """IR names of the models a type mentions."""
    found = {t.name} if t.kind is TypeKind.MODEL and t.name else set()
    for inner in (t.item, *t.members):
        if inner is not None:
            found |= referenced_models(inner)
    return found


def _item(t: TypeRef) -> TypeRef:
    return t.item if t.item is not None else TypeRef(TypeKind.ANY)
