"""How an operation pages: read from an ``x-pagination`` extension, else detected.

An operation pages when its success response is one page of a longer list and the spec
says how to ask for the next one:

- a cursor: the request takes it (a query parameter of a GET, a top-level field of a
  search's JSON body: ``cursor``, ``page_token``...) and the response carries the next
  one (Square's ``cursor``, ``next_page_token``...);
- the last item's ``id`` sent as ``starting_after`` while the response's ``has_more``
  is true (Stripe);
- a ``Link: <...>; rel="next"`` header declared on the success response of an operation
  taking a page or page-size query parameter (GitHub's ``page`` and ``per_page``).

The items are the response's one array field (an ``errors`` array does not count; of
several, the one the operation's id names, as ``orders`` in ``SearchOrders``), or the
response itself when it is an array.

An extension declares it explicitly and wins over detection; ``x-pagination: false``
turns detection off for one operation. ``x-pagination`` and Fern's
``x-fern-pagination`` take the same shape::

    x-pagination:
      cursor: $request.cursor          # the parameter or body field taking the cursor
      next_cursor: $response.cursor    # where the next cursor is; $response.data[-1].id: the last item's id
      has_more: $response.has_more     # optional: false on the last page
      results: $response.payments      # the items ($response: the body is the array)

    x-pagination:
      type: link                       # the next page's URL is in the Link header
      results: $response
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from .ir import Field, Model, Operation, Pagination, PaginationKind, ParamLocation, TypeKind, TypeRef

EXTENSIONS = ("x-pagination", "x-fern-pagination")
"""The extensions declaring how an operation pages, ours first."""

REQUEST_CURSORS = ("cursor", "page_token", "pageToken", "next_token", "continuation_token", "after", "page_cursor")
"""Request parameters or body fields that take the cursor of the page to return."""

RESPONSE_CURSORS = (
    "next_cursor",
    "nextCursor",
    "next_page_token",
    "nextPageToken",
    "next_token",
    "nextToken",
    "continuation_token",
    "cursor",
)
"""Response fields that carry the next page's cursor, most telling first."""

PAGE_SIZES = ("page", "per_page", "page_size", "pageSize", "limit")
"""Query parameters that show a Link header is a list's paging, not another link (GitHub
declares ``Link`` on a few operations returning one object)."""

LAST_ITEM_CURSOR = "starting_after"
HAS_MORE = ("has_more", "hasMore")
NOT_ITEMS = frozenset({"errors", "warnings"})


class PaginationError(ValueError):
    """An ``x-pagination`` extension that cannot be followed; ``key`` is the extension's name."""

    def __init__(self, key: str, message: str, warning: bool = False) -> None:
        super().__init__(message)
        self.key = key
        self.warning = warning
        """A paging style we do not follow yet: the operation is generated unpaged, with a warning."""


def pagination(
    op: Operation, node: Mapping[str, Any], models: Mapping[str, Model], success_headers: Sequence[str]
) -> Pagination | None:
    """How ``op`` pages, from its raw spec ``node`` (for extensions), the IR ``models``
    and the header names its success response declares; None when it does not page.

    Raises :class:`PaginationError` for an extension that names what the operation lacks.
    """
    for key in EXTENSIONS:
        if key in node:
            declared = node[key]
            if declared is False:
                return None
            if not isinstance(declared, Mapping):
                raise PaginationError(key, f"{key} must be an object (or false), not {type(declared).__name__}")
            return _declared(op, key, declared, models)
    return _detected(op, models, success_headers)


def _success_type(op: Operation) -> TypeRef | None:
    success = op.success_response
    return success.type if success is not None else None


def _model(t: TypeRef | None, models: Mapping[str, Model]) -> Model | None:
    if t is not None and t.kind is TypeKind.MODEL and t.name is not None:
        return models.get(t.name)
    return None


def _field(model: Model | None, name: str) -> Field | None:
    return next((f for f in model.fields if f.name == name), None) if model is not None else None


def _body_model(op: Operation, models: Mapping[str, Model]) -> Model | None:
    return _model(op.body.type, models) if op.body is not None and op.body.media_type.endswith("json") else None


def _cursor_input(op: Operation, models: Mapping[str, Model], names: Sequence[str]) -> tuple[str, str] | None:
    """(name, location) of the first of ``names`` the request takes: a query or header
    parameter, else a top-level field of the JSON body."""
    for name in names:
        for p in op.parameters:
            if p.name == name and p.location in (ParamLocation.QUERY, ParamLocation.HEADER) and not p.credential:
                return name, p.location.value
        if _field(_body_model(op, models), name) is not None:
            return name, "body"
    return None


def _items(op: Operation, models: Mapping[str, Model]) -> tuple[str, ...] | None:
    """The path to the items: () when the body is an array, else its one array field."""
    success = _success_type(op)
    if success is not None and success.kind is TypeKind.ARRAY:
        return ()
    model = _model(success, models)
    if model is None:
        return None
    arrays = [f.name for f in model.fields if f.type.kind is TypeKind.ARRAY and f.name not in NOT_ITEMS]
    if len(arrays) > 1:
        words = set(re.findall(r"[a-z]+|[A-Z][a-z]*", op.operation_id.replace("_", " ")))
        named = [a for a in arrays if a.lower() in {w.lower() for w in words}]
        arrays = named
    return (arrays[0],) if len(arrays) == 1 else None


def _detected(op: Operation, models: Mapping[str, Model], success_headers: Sequence[str]) -> Pagination | None:
    items = _items(op, models)
    if items is None:
        return None
    if "link" in {h.lower() for h in success_headers} and any(
        p.location is ParamLocation.QUERY and p.name in PAGE_SIZES for p in op.parameters
    ):
        return Pagination(PaginationKind.LINK, items)
    response = _model(_success_type(op), models)
    if response is None:
        return None
    has_more = next((name for name in HAS_MORE if _field(response, name) is not None), None)
    starting_after = _cursor_input(op, models, [LAST_ITEM_CURSOR])
    if starting_after is not None and has_more is not None and items:
        item_type = _field(response, items[0])
        item = _model(item_type.type.item if item_type else None, models)
        if _field(item, "id") is not None:
            return Pagination(
                PaginationKind.LAST_ITEM, items, starting_after[0], starting_after[1], ("id",), (has_more,)
            )
    cursor_in = _cursor_input(op, models, REQUEST_CURSORS)
    if cursor_in is None:
        return None
    next_name = next((name for name in RESPONSE_CURSORS if _field(response, name) is not None), None)
    if next_name is None:
        return None
    return Pagination(
        PaginationKind.CURSOR, items, cursor_in[0], cursor_in[1], (next_name,), (has_more,) if has_more else ()
    )


_EXPRESSION = re.compile(r"\$(request|response)((?:\.[A-Za-z0-9_-]+|\[-1\])*)")


def _path(key: str, field: str, value: Any, source: str) -> list[str]:
    """The steps of a ``$request.x`` / ``$response.a.b`` expression (``[-1]`` kept as a step)."""
    match = _EXPRESSION.fullmatch(value) if isinstance(value, str) else None
    if match is None or match.group(1) != source:
        raise PaginationError(key, f"{key}.{field} must be a ${source}.name expression, not {value!r}")
    return re.findall(r"[A-Za-z0-9_-]+|\[-1\]", match.group(2))


def _declared(op: Operation, key: str, declared: Mapping[str, Any], models: Mapping[str, Model]) -> Pagination:
    if "offset" in declared or declared.get("type") in ("offset", "page", "offsetLimit"):
        message = f"{key}: offset paging is not generated yet; the method returns one page"
        raise PaginationError(key, message, warning=True)
    kind = declared.get("type", "cursor" if "cursor" in declared else None)
    if kind not in ("cursor", "link"):
        raise PaginationError(key, f"{key} must name the request's cursor, or say type: link")
    if "results" not in declared:
        raise PaginationError(key, f"{key} must name the items under results ($response.<field>)")
    items = tuple(_path(key, "results", declared["results"], "response"))
    success = _success_type(op)
    at: TypeRef | None = success
    for step in items:
        field = _field(_model(at, models), step)
        if field is None:
            raise PaginationError(key, f"{key}.results: the response has no field {step!r}")
        at = field.type
    if at is None or at.kind is not TypeKind.ARRAY:
        raise PaginationError(key, f"{key}.results does not lead to an array in the response")
    if kind == "link":
        return Pagination(PaginationKind.LINK, items)
    cursor = _path(key, "cursor", declared.get("cursor"), "request")
    if len(cursor) != 1:
        raise PaginationError(key, f"{key}.cursor must name one request parameter or body field")
    cursor_in = _cursor_input(op, models, cursor)
    if cursor_in is None:
        raise PaginationError(key, f"{key}.cursor: the request has no parameter or body field {cursor[0]!r}")
    has_more = tuple(_path(key, "has_more", declared["has_more"], "response")) if "has_more" in declared else ()
    next_cursor = _path(key, "next_cursor", declared.get("next_cursor"), "response")
    if "[-1]" in next_cursor:
        where = next_cursor.index("[-1]")
        if tuple(next_cursor[:where]) != items or len(next_cursor) != where + 2:
            raise PaginationError(key, f"{key}.next_cursor: [-1] must follow the results path, then name one field")
        if not has_more:
            raise PaginationError(key, f"{key}: a cursor taken from the last item needs has_more")
        return Pagination(PaginationKind.LAST_ITEM, items, *cursor_in, (next_cursor[-1],), has_more)
    if not next_cursor:
        raise PaginationError(key, f"{key}.next_cursor must name the response field carrying the next cursor")
    return Pagination(PaginationKind.CURSOR, items, *cursor_in, tuple(next_cursor), has_more)
