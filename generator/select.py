"""Keep part of an API: the chosen groups and every model and enum they reach."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from .errors import UsageError
from .ir import Api, Operation, TypeRef


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
