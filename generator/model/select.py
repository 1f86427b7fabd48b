"""Keep part of an API: the chosen groups and every model and enum they reach, and the
findings about the part of the spec those are made from."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from ..errors import Finding, UsageError
from .ir import Api, Operation, TypeRef
from .origins import Origins, Place, lies_in, operation_key


def select_groups(api: Api, wanted: Iterable[str]) -> Api:
    """``api`` with only the groups named in ``wanted`` (tag names, any case) and the
    models and enums their operations reach, directly or through other models."""
    by_name = {g.name.lower(): g for g in api.groups}
    unknown = [name for name in wanted if name.lower() not in by_name]
    if unknown:
        available = ", ".join(g.name for g in api.groups)
        raise UsageError(f"no group named {', '.join(map(repr, unknown))} in the spec; its groups are: {available}")
    chosen = {name.lower() for name in wanted}
    groups = tuple(g for g in api.groups if g.name.lower() in chosen)
    reached = _reachable(api, [op for g in groups for op in g.operations])
    return replace(
        api,
        groups=groups,
        models={name: m for name, m in api.models.items() if name in reached},
        enums={name: e for name, e in api.enums.items() if name in reached},
    )


def places_read(api: Api, origins: Origins) -> set[Place]:
    """The places of the spec ``api``'s operations (those of the chosen groups) are made
    from, with the schemas they use, the schemas those use, and so on (see
    :class:`~generator.model.origins.Origins`)."""
    return origins.read_by([operation_key(op.method, op.path) for g in api.groups for op in g.operations])


def select_findings(findings: list[Finding], places: set[Place]) -> list[Finding]:
    """The ``findings`` that lie in ``places`` (see :func:`places_read`): those about the
    chosen groups and what they reach, not those about other groups' operations or
    schemas no chosen operation uses."""
    return [f for f in findings if lies_in(f, places)]


def _reachable(api: Api, operations: list[Operation]) -> set[str]:
    """Names of the models and enums ``operations`` use, following every type inside a
    type (array items, map values, union members, discriminator targets) and every
    field and extra-property type of a model reached (a model holds the fields of all
    its ``allOf`` parts)."""
    pending: list[TypeRef] = []
    for op in operations:
        pending += [p.type for p in op.parameters]
        pending += [op.body.type] if op.body is not None else []
        pending += [r.type for r in op.responses if r.type is not None]
    reached: set[str] = set()
    while pending:
        t = pending.pop()
        pending += [t.item] if t.item is not None else []
        pending += t.members
        names = [t.name] if t.name is not None else []
        names += [model for _, model in t.discriminator.mapping] if t.discriminator is not None else []
        for name in names:
            if name in reached:
                continue
            reached.add(name)
            model = api.models.get(name)
            if model is not None:
                pending += [f.type for f in model.fields]
                pending += [model.additional_properties] if model.additional_properties else []
    return reached
