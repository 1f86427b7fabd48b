"""Python type annotations and wire codecs for IR types.

The generated runtime (``_model.py``) decodes JSON with small codec objects; which codec
a type needs, and how it is annotated, is decided here.
"""

from __future__ import annotations

from ...ir import Api, TypeKind, TypeRef
from .naming import PythonNames

_PRIMITIVES = {
    TypeKind.STRING: "str",
    TypeKind.INTEGER: "int",
    TypeKind.NUMBER: "float",
    TypeKind.BOOLEAN: "bool",
    TypeKind.ANY: "Any",
}


def annotation(t: TypeRef, names: PythonNames, api: Api) -> str:
    """The annotation for a value of type ``t``: ``list[Error]``, ``ErrorCode | str``..."""
    if t.kind in _PRIMITIVES:
        text = _PRIMITIVES[t.kind]
    elif t.kind is TypeKind.ARRAY:
        text = f"list[{annotation(_item(t), names, api)}]"
    elif t.kind is TypeKind.MAP:
        text = f"dict[str, {annotation(_item(t), names, api)}]"
    elif t.kind is TypeKind.MODEL:
        text = names.of_type(_name(t)).class_name
    else:  # an open enum: values the spec does not list arrive as plain values
        base = "int" if api.enums[_name(t)].base is TypeKind.INTEGER else "str"
        text = f"{names.of_type(_name(t)).class_name} | {base}"
    if t.nullable and text != "Any":
        text += " | None"
    return text


def codec(t: TypeRef, names: PythonNames) -> str | None:
    """The codec expression that decodes wire values of ``t``; None when they need no decoding."""
    if t.kind is TypeKind.MODEL:
        return f'ModelOf("{names.of_type(_name(t)).class_name}")'
    if t.kind is TypeKind.ENUM:
        return f'EnumOf("{names.of_type(_name(t)).class_name}")'
    if t.kind in (TypeKind.ARRAY, TypeKind.MAP):
        inner = codec(_item(t), names)
        if inner is None:
            return None
        return f"{'ListOf' if t.kind is TypeKind.ARRAY else 'MapOf'}({inner})"
    return None


def codec_names(expression: str | None) -> set[str]:
    """The runtime names a codec expression uses (to import them)."""
    if expression is None:
        return set()
    return {n for n in ("ModelOf", "EnumOf", "ListOf", "MapOf") if n + "(" in expression}


def referenced_types(t: TypeRef) -> set[str]:
    """IR names of the models and enums a type mentions."""
    if t.kind in (TypeKind.MODEL, TypeKind.ENUM):
        return {_name(t)}
    if t.item is not None:
        return referenced_types(t.item)
    return set()


def uses_any(t: TypeRef) -> bool:
    """Whether the annotation of ``t`` needs ``typing.Any``."""
    return t.kind is TypeKind.ANY or (t.item is not None and uses_any(t.item))


def _item(t: TypeRef) -> TypeRef:
    return t.item if t.item is not None else TypeRef(TypeKind.ANY)


def _name(t: TypeRef) -> str:
    assert t.name is not None, "a model or enum TypeRef always has a name"
    return t.name
