"""Which way each model of an API travels (sent, received or both): the same for every
target's :class:`~generator.changes.surface.Surface`."""

from __future__ import annotations

from ..changes.surface import Flow
from ..model.ir import Api, TypeKind, TypeRef


def model_flows(api: Api) -> dict[str, Flow]:
    """Which way each model travels: sent (in a parameter or body), received (in a
    response), or both; a model reached neither way counts as both."""
    sent: list[TypeRef] = []
    received: list[TypeRef] = []
    for group in api.groups:
        for op in group.operations:
            sent += [p.type for p in op.parameters]
            sent += [op.body.type] if op.body is not None else []
            received += [r.type for r in op.responses if r.type is not None]
    inputs, outputs = _reached(api, sent), _reached(api, received)
    flows: dict[str, Flow] = {}
    for name in api.models:
        if name in inputs and name not in outputs:
            flows[name] = Flow.INPUT
        elif name in outputs and name not in inputs:
            flows[name] = Flow.OUTPUT
        else:
            flows[name] = Flow.BOTH
    return flows


def _reached(api: Api, start: list[TypeRef]) -> set[str]:
    """The models ``start`` reaches, through fields, items and union members."""
    pending = list(start)
    reached: set[str] = set()
    while pending:
        t = pending.pop()
        pending += [m for m in (t.item, *t.members) if m is not None]
        if t.kind is not TypeKind.MODEL or t.name is None or t.name in reached:
            continue
        reached.add(t.name)
        model = api.models.get(t.name)
        if model is not None:
            pending += [f.type for f in model.fields]
            pending += [model.additional_properties] if model.additional_properties is not None else []
    return reached
