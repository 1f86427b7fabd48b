"""The parameters and return annotation of an operation's method, as its users write
them: for the methods' views, the README's examples and the SDK's surface."""

from __future__ import annotations

from typing import NamedTuple

from ...model.ir import Api, Operation, TypeRef
from ..sdk_shape import BODY, call_order, parameter_key, response_kind
from .naming import PythonNames, parameter_names
from .types import annotation
from .views import ParamView


class Signature(NamedTuple):
    """What a method takes and returns, as its users write it: its parameters as the
    request gives them (``by_request``, the body last), then as the method takes them
    (``positional``, then ``keyword_only``), and its return annotation."""

    by_request: tuple[ParamView, ...]
    positional: tuple[ParamView, ...]
    keyword_only: tuple[ParamView, ...]
    returns: str


def signature(op: Operation, names: PythonNames, api: Api) -> Signature:
    """The parameters and return annotation of ``op``'s method (for the templates, in
    :func:`~.plan._method_view`, the README's examples, and the SDK's surface alone)."""
    python_names = parameter_names(op)
    params: list[ParamView] = []
    for param in op.parameters:
        params.append(
            ParamView(
                name=python_names[f"{param.location.value}:{param.name}"],
                wire=param.name,
                location=param.location.value,
                annotation=annotation(param.type, names, api),
                required=param.required,
                description=param.description,
            )
        )
    by_key = {parameter_key(raw.location, raw.name): p for p, raw in zip(params, op.parameters, strict=True)}
    if op.body is not None:
        body = ParamView(
            name=python_names["body"],
            wire="",
            location="body",
            annotation=annotation(op.body.type, names, api),
            required=op.body.required,
            description=op.body.description,
        )
        params.append(body)
        by_key[BODY] = body
    required_keys, optional_keys = call_order(op)  # the order every target's methods take
    success = op.success_response
    return_type = success.type if success is not None else None
    expect = response_kind(success.media_type if success is not None else None)
    return Signature(
        tuple(params),
        tuple(by_key[key] for key in required_keys),
        tuple(by_key[key] for key in optional_keys),
        _return_annotation(expect, return_type, names, api),
    )


def _return_annotation(expect: str, return_type: TypeRef | None, names: PythonNames, api: Api) -> str:
    if expect == "text":
        return "str"
    if expect == "bytes":
        return "bytes"
    return annotation(return_type, names, api) if return_type is not None else "None"
