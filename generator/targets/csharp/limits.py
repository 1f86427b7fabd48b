"""What the C# SDK cannot express as the spec says it, said where the spec says it.

C# has no union types: a value that is one of several types is an ``object`` holding its
JSON value as it came (a ``Dictionary``, a ``List``, a string...). And the SDK's JSON
carries text: a ``format: binary`` value is a ``string``. The SDK works with both, but a
user should know, so each place is a located warning (an error under ``--strict``).
"""

from __future__ import annotations

from ...model.ir import Api, Source, TypeKind, TypeRef

UNION = "C# has no union type: {what} is an object holding its JSON value as it came"
BINARY = "the C# SDK carries JSON text: {what} (format: binary) is a string"
_THROUGH = (TypeKind.ARRAY, TypeKind.MAP)


def unsupported(api: Api) -> list[tuple[Source, str]]:
    """Each place of ``api`` whose type the C# SDK can only approximate, with why."""
    found: list[tuple[Source, str]] = []
    for model in api.models.values():
        for f in model.fields:
            if message := _said(f.type):
                found += _placed(f.source, message, f"field {f.name!r} of {model.name}")
    for group in api.groups:
        for op in group.operations:
            for p in op.parameters:
                if message := _said(p.type):
                    found += _placed(p.source, message, f"parameter {p.name!r} of {op.operation_id}")
            if op.body is not None and (message := _said(op.body.type)):
                found += _placed(op.body.source, message, f"the request body of {op.operation_id}")
            for r in op.responses:
                if r.type is not None and (message := _said(r.type)):
                    found += _placed(r.source, message, f"the {r.status} response of {op.operation_id}")
    return found


def _said(t: TypeRef) -> str | None:
    """What the C# SDK says of a value of type ``t`` (None, for most types): a message with
    ``{what}`` to fill in, so that what a place is called is worded only where one is said.
    Lists and maps are looked through; named models are not (said at their own fields)."""
    while t.kind in _THROUGH and t.item is not None:
        t = t.item
    if t.kind is TypeKind.UNION:
        return UNION
    return BINARY if t.kind is TypeKind.STRING and t.format == "binary" else None


def _placed(source: Source | None, message: str, what: str) -> list[tuple[Source, str]]:
    return [] if source is None else [(source, message.format(what=what))]
