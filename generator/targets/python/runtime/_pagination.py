"""Iterating over every item of a paged operation, fetching each next page only when needed.

A paged method returns its first page: the operation's response model (every field as the
server sent it) made iterable over the items of this page and of every later one, and
with :meth:`SyncPage.iter_pages` to walk the pages themselves. Each later request repeats
the caller's arguments; only the cursor changes. On ``AsyncClient`` the method returns an
:class:`AsyncPager`: ``await`` it for the first page, or ``async for`` over it for the items.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import AsyncIterator, Callable, Generator, Iterator, Sequence
from typing import Any, Generic, Self, TypeVar
from urllib.parse import parse_qsl, urlsplit

import httpx

from ._http import AsyncHttp, Request, RequestOptions, SyncHttp
from ._model import UNSET, to_wire

Item = TypeVar("Item")
P = TypeVar("P", bound="AsyncPage[Any]")
S = TypeVar("S", bound="SyncPage[Any]")


class PaginationError(Exception):
    """The server's pages cannot be followed (it sent a cursor it had already sent)."""


@dataclasses.dataclass(frozen=True)
class Paging:
    """How an operation pages, as its group module declares it.

    ``kind`` is ``cursor`` (the response carries the next cursor at ``next_cursor``),
    ``last_item`` (the cursor is the field ``next_cursor`` of the last item, while
    ``has_more``) or ``link`` (the next page's URL is in the ``Link`` header).
    ``items`` is the path of JSON names to the items (empty: the body is the list) and
    ``items_attr`` the same path as model attributes.
    """

    kind: str
    items: tuple[str, ...] = ()
    items_attr: tuple[str, ...] = ()
    cursor_param: str = ""
    cursor_location: str = ""
    next_cursor: tuple[str, ...] = ()
    has_more: tuple[str, ...] = ()


@dataclasses.dataclass
class _Fetched:
    """What one page's answer said besides its parsed body: the JSON and the headers."""

    data: Any = None
    headers: httpx.Headers = dataclasses.field(default_factory=httpx.Headers)

    def parsing(self, parse: Callable[[Any], Item]) -> Callable[[Any], Item]:
        def keep(data: Any) -> Item:
            self.data = data
            return parse(data)

        return keep

    def keep_headers(self, response: httpx.Response) -> None:
        self.headers = response.headers


@dataclasses.dataclass(frozen=True)
class _State(Generic[Item]):
    """What a page needs to ask for the one after it."""

    http: Any  # SyncHttp or AsyncHttp
    request: Request
    parse: Callable[[Any], Item]
    options: RequestOptions | None
    paging: Paging
    fetched: _Fetched


def _at(data: Any, path: Sequence[str]) -> Any:
    for name in path:
        if not isinstance(data, dict):
            return None
        data = data.get(name)
    return data


_LINK = re.compile(r"<([^>]*)>([^<]*)")
_REL = re.compile(r"\brel\s*=\s*(?:\"([^\"]*)\"|([^\s;,]+))", re.IGNORECASE)


def _next_link(headers: httpx.Headers) -> str | None:
    """The URL of ``rel="next"`` in the ``Link`` headers (RFC 8288), if any."""
    for value in headers.get_list("link"):
        for url, params in _LINK.findall(value):
            rel = _REL.search(params)
            if rel and "next" in (rel.group(1) or rel.group(2) or "").lower().split():
                return str(url)
    return None


def _shown(cursor: object) -> str:
    text = repr(cursor)
    return text if len(text) <= 80 else text[:77] + "..."


def _next_request(state: _State[Any], base_url: str, seen: set[str]) -> Request | None:
    """The request of the page after ``state``'s, or None after the last page.

    Raises :class:`PaginationError` when the server sends a cursor (or next URL) that
    this iteration has already followed: following it would loop for ever.
    """
    paging, request, data = state.paging, state.request, state.fetched.data
    if paging.kind == "link":
        url = _next_link(state.fetched.headers)
        if not url:
            return None
        _remember(seen, url, request)
        return _linked(request, base_url, url)
    if paging.has_more and _at(data, paging.has_more) is not True:
        return None
    if paging.kind == "last_item":
        items = _at(data, paging.items)
        last = items[-1] if isinstance(items, list) and items else None
        cursor = _at(last, paging.next_cursor)
    else:
        cursor = _at(data, paging.next_cursor)
    if cursor is None or cursor == "" or isinstance(cursor, dict | list):
        return None
    _remember(seen, str(cursor), request)
    return _with_cursor(request, paging, cursor)


def _remember(seen: set[str], cursor: str, request: Request) -> None:
    if cursor in seen:
        raise PaginationError(
            f"{request.method} {request.path}: the server sent the page cursor {_shown(cursor)} again;"
            " stopping here rather than fetching the same pages for ever"
        )
    seen.add(cursor)


def _first_cursor(request: Request, paging: Paging) -> str | None:
    """The cursor the caller passed for the first page, if any."""
    where = {"query": request.query, "header": request.headers}.get(
        paging.cursor_location
    )
    if paging.cursor_location == "body":
        body = to_wire(request.json, request=True)
        where = body if isinstance(body, dict) else None
    value = where.get(paging.cursor_param) if where is not None else None
    return None if value is None or value is UNSET else str(value)


def _with_cursor(request: Request, paging: Paging, cursor: Any) -> Request:
    """``request`` with ``cursor`` in place of the one it had: every other argument kept."""
    name = paging.cursor_param
    if paging.cursor_location == "body":
        body = to_wire(request.json, request=True) if request.json is not UNSET else {}
        return dataclasses.replace(request, json={**body, name: cursor})
    if paging.cursor_location == "header":
        return dataclasses.replace(request, headers={**request.headers, name: cursor})
    return dataclasses.replace(request, query={**request.query, name: cursor})


def _linked(request: Request, base_url: str, url: str) -> Request:
    """``request`` sent to the next page's ``url``: its query replaces the caller's values
    of the same names, and the credentials go only where the client's base URL points.
    """
    base, target = urlsplit(base_url), urlsplit(httpx.URL(base_url).join(url).__str__())
    base_path = base.path.rstrip("/")
    if (target.scheme, target.netloc) != (
        base.scheme,
        base.netloc,
    ) or not target.path.startswith(base_path):
        raise PaginationError(
            f"{request.method} {request.path}: the next page's link leaves the client's base URL"
            f" {base_url!r}; not following it (the request would carry the client's credentials)"
        )
    query: dict[str, Any] = dict(request.query)
    pairs = parse_qsl(target.query, keep_blank_values=True)
    for key in dict.fromkeys(k for k, _ in pairs):
        values = [v for k, v in pairs if k == key]
        query[key] = values[0] if len(values) == 1 else values
    path = target.path[len(base_path) :].replace("{", "%7B").replace("}", "%7D")
    return dataclasses.replace(request, path=path, path_params={}, query=query)


def _items_of(page: Any, paging: Paging) -> list[Any]:
    if isinstance(page, (SyncItems, AsyncItems)):
        return list(page.items)
    value = page
    for attr in paging.items_attr:
        value = getattr(value, attr, None)
        if value is None or value is UNSET:
            return []
    return list(value)


class SyncPage(Generic[Item]):
    """A first (or later) page of a paged operation: iterating over it gives every item of
    this page and of the pages after it, each fetched only when reached."""

    _paging: _State[Any]

    def _start(self, state: _State[Any]) -> None:
        object.__setattr__(self, "_paging", state)

    def __iter__(self) -> Iterator[Item]:
        for page in self.iter_pages():
            yield from _items_of(page, page._paging.paging)

    def iter_pages(self) -> Iterator[Self]:
        """This page, then each next one as the server gives it."""
        state = self._paging
        seen: set[str] = set()
        first = _first_cursor(state.request, state.paging)
        if first is not None:
            seen.add(first)
        page: Self | None = self
        while page is not None:
            yield page
            page = page._next_page(seen)

    def _next_page(self, seen: set[str]) -> Self | None:
        state = self._paging
        http: SyncHttp = state.http
        request = _next_request(state, http.settings.base_url, seen)
        if request is None:
            return None
        page: Self = first_page(http, request, state.parse, state.options, state.paging)
        return page


class SyncItems(SyncPage[Item]):
    """A page of an operation whose response is a plain JSON list: ``items`` holds this
    page's; iterating gives every page's."""

    def __init__(self, items: Sequence[Item]) -> None:
        self.items = list(items)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(items={self.items!r})"

    @classmethod
    def parser(cls, decode: Callable[[Any], Any]) -> Callable[[Any], SyncItems[Any]]:
        """The parser making a page from a decoded JSON list."""
        return lambda data: cls(decode(data))


def first_page(
    http: SyncHttp,
    request: Request,
    parse: Callable[[Any], S],
    options: RequestOptions | None,
    paging: Paging,
) -> S:
    """Fetch a page of a paged operation (the first is what its blocking method returns)."""
    fetched = _Fetched()
    page = http.send(
        request, fetched.parsing(parse), options, on_response=fetched.keep_headers
    )
    page._start(_State(http, request, parse, options, paging, fetched))
    return page


class AsyncPage(Generic[Item]):
    """A page of a paged operation on ``AsyncClient``: ``async for`` over it gives every
    item of this page and of the pages after it, each fetched only when reached."""

    _paging: _State[Any]

    def _start(self, state: _State[Any]) -> None:
        object.__setattr__(self, "_paging", state)

    async def __aiter__(self) -> AsyncIterator[Item]:
        async for page in self.iter_pages():
            for item in _items_of(page, page._paging.paging):
                yield item

    async def iter_pages(self) -> AsyncIterator[Self]:
        """This page, then each next one as the server gives it."""
        state = self._paging
        seen: set[str] = set()
        first = _first_cursor(state.request, state.paging)
        if first is not None:
            seen.add(first)
        page: Self | None = self
        while page is not None:
            yield page
            page = await page._next_page(seen)

    async def _next_page(self, seen: set[str]) -> Self | None:
        state = self._paging
        http: AsyncHttp = state.http
        request = _next_request(state, http.settings.base_url, seen)
        if request is None:
            return None
        page: Self = await _async_page(
            http, request, state.parse, state.options, state.paging
        )
        return page


class AsyncItems(AsyncPage[Item]):
    """:class:`SyncItems` on ``AsyncClient``."""

    def __init__(self, items: Sequence[Item]) -> None:
        self.items = list(items)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(items={self.items!r})"

    @classmethod
    def parser(cls, decode: Callable[[Any], Any]) -> Callable[[Any], AsyncItems[Any]]:
        """The parser making a page from a decoded JSON list."""
        return lambda data: cls(decode(data))


async def _async_page(
    http: AsyncHttp,
    request: Request,
    parse: Callable[[Any], P],
    options: RequestOptions | None,
    paging: Paging,
) -> P:
    fetched = _Fetched()
    page = await http.send(
        request, fetched.parsing(parse), options, on_response=fetched.keep_headers
    )
    page._start(_State(http, request, parse, options, paging, fetched))
    return page


class AsyncPager(Generic[P, Item]):
    """What a paged method of ``AsyncClient`` returns: ``await`` it for the first page (the
    response model, itself async-iterable), or ``async for`` over it for every item."""

    def __init__(
        self,
        http: AsyncHttp,
        request: Request,
        parse: Callable[[Any], P],
        options: RequestOptions | None,
        paging: Paging,
    ) -> None:
        self._http = http
        self._request = request
        self._parse = parse
        self._options = options
        self._paging = paging

    def __await__(self) -> Generator[Any, None, P]:
        return _async_page(
            self._http, self._request, self._parse, self._options, self._paging
        ).__await__()

    async def __aiter__(self) -> AsyncIterator[Item]:
        page: AsyncPage[Item] = await self
        async for item in page:
            yield item

    async def iter_pages(self) -> AsyncIterator[P]:
        """Every page, the first one first."""
        first = await self
        async for page in first.iter_pages():
            yield page
