"""Decisions about an SDK's shape that every target makes alike, from the model alone.

- :func:`call_order`: the order of an operation's arguments: path parameters (in path
  order), a required body, other required parameters, credential parameters; then the
  optional ones (passed by keyword in Python, C# optional arguments);
- :func:`error_item_model`: the model that error responses list under ``errors``;
- :func:`body_kind` and :func:`response_kind`: how a body is sent and a success read;
- :func:`pages`: whether a method pages through results; :data:`IDEMPOTENT_METHODS`.
"""

from __future__ import annotations

from ..model.ir import Api, Operation, ParamLocation, TypeKind

IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "PUT", "DELETE", "OPTIONS", "TRACE"})
"""The HTTP methods that are idempotent by HTTP's definition (retried by the SDKs)."""
BODY = "body"
"""The key of an operation's body among the keys :func:`call_order` returns."""


def parameter_key(location: ParamLocation, name: str) -> str:
    """``"<location>:<wire name>"``: how a parameter is keyed in :func:`call_order`."""
    return f"{location.value}:{name}"


def call_order(op: Operation) -> tuple[list[str], list[str]]:
    """(required, optional): the keys of the operation's arguments, each list in call order."""
    path = sorted(
        (p for p in op.parameters if p.location is ParamLocation.PATH), key=lambda p: op.path.find("{" + p.name + "}")
    )
    required = [parameter_key(p.location, p.name) for p in path]
    required += [BODY] if op.body is not None and op.body.required else []
    required += [
        parameter_key(p.location, p.name)
        for p in op.parameters
        if p.required and p.location is not ParamLocation.PATH and not p.credential
    ]
    required += [parameter_key(p.location, p.name) for p in op.parameters if p.credential]
    keys = [parameter_key(p.location, p.name) for p in op.parameters] + ([BODY] if op.body is not None else [])
    return required, [k for k in keys if k not in required]


def error_item_model(api: Api) -> str | None:
    """The IR name of the model error responses list under ``errors`` (the one most
    responses use), if the API has one."""
    candidates: list[str] = []
    for group in api.groups:
        for op in group.operations:
            for response in op.responses:
                if response.type is not None and response.type.kind is TypeKind.MODEL and response.type.name:
                    model = api.models[response.type.name]
                    for f in model.fields:
                        item = f.type.item
                        if f.name == "errors" and item is not None and item.kind is TypeKind.MODEL and item.name:
                            candidates.append(item.name)
    if not candidates:
        return None
    return max(sorted(set(candidates)), key=candidates.count)


def media(media_type: str | None) -> str:
    """A media type without parameters, in lower case."""
    return (media_type or "").split(";")[0].strip().lower()


def body_kind(media_type: str) -> str:
    """How a body of ``media_type`` is sent: json, form, multipart or content (as it is)."""
    kind = media(media_type)
    if not kind or kind == "application/json" or kind.endswith("+json"):
        return "json"
    if kind == "application/x-www-form-urlencoded":
        return "form"
    if kind.startswith("multipart/"):
        return "multipart"
    return "content"


def response_kind(media_type: str | None) -> str:
    """What a success body of ``media_type`` is read as: json, text or bytes."""
    kind = media(media_type)
    if not kind or kind == "application/json" or kind.endswith("+json") or kind == "*/*":
        return "json"
    return "text" if kind.startswith("text/") else "bytes"


def pages(op: Operation) -> bool:
    """Whether the SDK's method for ``op`` pages through its results: the operation
    declares pagination, and its success is read as JSON."""
    success = op.success_response
    return op.pagination is not None and response_kind(success.media_type if success is not None else None) == "json"
