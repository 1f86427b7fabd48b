"""What the C# SDK cannot express as the spec says it, said where the spec says it.

C# has no union types: a value that is one of several types is an ``object`` holding its
JSON value as it came (a ``Dictionary``, a ``List``, a string...). And the SDK's JSON
carries text: a ``format: binary`` value is a ``string``. The SDK works with both, but a
user should know, so each place is a located warning (an error under ``--strict``).
"""

from __future__ import annotations

from collections.abc import Iterator

from ...model.ir import Api, Source, TypeKind, TypeRef

UNION = "C# has no union type: {what} is an object holding its JSON value as it came"
BINARY = "the C# SDK carries JSON text: {what} (format: binary) is a string"


def unsupported(api: Api) -> list[tuple[Source, str]]:
    """Each place of ``api`` whose type the C# SDK can only approximate, with why."""
    found: list[tuple[Source, str]] = []
    for model in api.models.values():
        for f in model.fields:
            found += _said(f.source, f.type, f"field {f.name!r} of {model.name}")
    for group in api.groups:
        for op in group.operations:
            for p in op.parameters:
                found += _said(p.source, p.type, f"parameter {p.name!r} of {op.operation_id}")
            if op.body is not None:
                found += _said(op.body.source, op.body.type, f"the request body of {op.operation_id}")
            for r in op.responses:
                if r.type is not None:
                    found += _said(r.source, r.type, f"the {r.status} response of {op.operation_id}")
    return found


def _said(source: Source | None, t: TypeRef, what: str) -> list[tuple[Source, str]]:
    if source is None:
        return []
    kinds = set(_kinds(t))
    said = [(source, UNION.format(what=what))] if TypeKind.UNION in kinds else []
    said += [(source, BINARY.format(what=what))] if "binary" in kinds else []
    return said


def _kinds(t: TypeRef) -> Iterator[TypeKind | str]:
    """The kinds a type holds, through lists and maps (not into named models, which are
    said at their own fields); ``"binary"`` for a binary string."""
    pending = [t]
    while pending:
        current = pending.pop()
        yield "binary" if current.kind is TypeKind.STRING and current.format == "binary" else current.kind
        if current.kind in (TypeKind.ARRAY, TypeKind.MAP) and current.item is not None:
            pending.append(current.item)
