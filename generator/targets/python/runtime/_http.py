"""Sending requests: URLs, credentials, timeouts, retries and error mapping.

:class:`SyncHttp` and :class:`AsyncHttp` share everything but the waiting; the API group
classes describe each call as a :class:`Request` and hand it here.
"""

from __future__ import annotations

import asyncio
import email.utils
import inspect
import logging
import math
import random
import re
import time
import uuid
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC
from typing import Any, Generic, Protocol, TypeVar, runtime_checkable
from urllib.parse import quote

import httpx

from ._model import UNSET, Unset, to_wire
from ._sdk import GLOBAL_HEADERS, MAX_RETRY_AFTER, RETRY_STATUSES, USER_AGENT
from ._sdk import RequestOptions as RequestOptions
from .errors import ApiConnectionError, ApiError, ApiTimeoutError, request_id_of

IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "PUT", "DELETE", "OPTIONS", "TRACE"})

logger = logging.getLogger(__package__)

T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True)
class Request:
    """One API call, as an API group method describes it."""

    method: str
    path: str
    path_params: Mapping[str, Any] = field(default_factory=dict)
    query: Mapping[str, Any] = field(default_factory=dict)
    headers: Mapping[str, Any] = field(default_factory=dict)
    cookies: Mapping[str, Any] = field(default_factory=dict)
    delimiters: Mapping[str, str] = field(default_factory=dict)
    """Query arrays sent as one delimited value (``tags=a,b``) instead of repeated."""
    json: Any = UNSET
    """A JSON body."""
    form: Any = UNSET
    """An ``application/x-www-form-urlencoded`` body: nested values as ``a[b][0]=c``."""
    multipart: Any = UNSET
    """A ``multipart/form-data`` body: ``bytes`` values are sent as files."""
    content: bytes | str | Unset = UNSET
    """Any other body, sent as it is with ``content_type`` (none when unset: an optional
    body the caller left out)."""
    content_type: str | None = None
    expect: str = "json"
    """What a success body is: ``json``, ``text`` or ``bytes``."""
    authenticated: bool = True
    secret_path_params: frozenset[str] = frozenset()
    """Path parameters whose value is a secret: shown as ``***`` in logs and messages."""
    retry_safe: bool = False
    """A POST or PATCH the server recognises when repeated, by its idempotency key."""
    idempotency_field: str | None = None
    """The body field with the caller's idempotency key: retried only when it is set."""
    idempotency_header: str | None = None
    """The header the SDK fills with a fresh key per call, unless the caller sets it."""


TokenSource = Callable[[], str | Awaitable[str]]
"""A function giving the access token, called for each request (tokens rotate)."""


@runtime_checkable
class RefreshableToken(Protocol):
    """A token source that can be told its token was refused (a token manager)."""

    def __call__(self) -> str | Awaitable[str]: ...

    def invalidate(self, token: str) -> None: ...


@dataclass(frozen=True)
class Settings:
    """What a client was configured with."""

    base_url: str
    timeout: float | None
    max_retries: int
    retry_non_idempotent: bool
    headers: Mapping[str, str]
    auth_headers: Mapping[str, str]
    auth_query: Mapping[str, str]
    global_headers: Mapping[str, str] = field(default_factory=dict)
    token: TokenSource | None = None
    """Gives the bearer token of each request, when it is not a fixed string."""
    deadline: float | None = None


def _text(value: Any) -> str:
    value = to_wire(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


QueryItems = list[tuple[str, str | int | float | bool | None]]


def _query_items(query: Mapping[str, Any], delimiters: Mapping[str, str]) -> QueryItems:
    """Query parameters: arrays repeated (or joined by their delimiter), objects as
    ``name[key]=value`` (OpenAPI's deepObject style)."""
    items: QueryItems = []
    for name, value in query.items():
        if value is UNSET or value is None:
            continue
        if isinstance(value, list | tuple) and name in delimiters:
            items.append((name, delimiters[name].join(_text(v) for v in value)))
        else:
            items.extend(_flattened(name, to_wire(value)))
    return items


def _flattened(name: str, value: Any) -> list[tuple[str, str]]:
    """``(name, text)`` pairs for a value in a form or query: ``card[exp][month]=1``,
    ``tags=a&tags=b`` at the top level and ``items[0][id]=x`` inside objects."""
    if value is None or value is UNSET:
        return []
    if isinstance(value, dict):
        return [
            pair
            for key, item in value.items()
            for pair in _flattened(f"{name}[{key}]", item)
        ]
    if isinstance(value, list | tuple):
        if "[" not in name and not any(isinstance(v, dict | list) for v in value):
            return [(name, _text(v)) for v in value if v is not None]
        return [
            pair
            for i, item in enumerate(value)
            for pair in _flattened(f"{name}[{i}]", item)
        ]
    return [(name, _text(value))]


def _body(request: Request) -> dict[str, Any]:
    """The body arguments of ``httpx.Client.build_request`` for ``request``."""
    if request.json is not UNSET:
        return {"json": to_wire(request.json, request=True)}
    if request.form is not UNSET:
        fields = to_wire(request.form, request=True)
        pairs = (
            [p for key, value in fields.items() for p in _flattened(key, value)]
            if isinstance(fields, dict)
            else []
        )
        return {"data": dict(_grouped(pairs))}
    if request.multipart is not UNSET:
        fields = to_wire(request.multipart, request=True)
        data: dict[str, Any] = {}
        files: dict[str, Any] = {}
        parts = fields.items() if isinstance(fields, dict) else []
        for key, value in parts:
            if isinstance(value, bytes):
                files[key] = (key, value)
            else:
                data.update(_grouped(_flattened(key, value)))
        return {"data": data, "files": files}
    if not isinstance(request.content, Unset):
        return {"content": request.content}
    return {}


def _grouped(pairs: list[tuple[str, str]]) -> dict[str, str | list[str]]:
    grouped: dict[str, str | list[str]] = {}
    for key, value in pairs:
        if key in grouped:
            previous = grouped[key]
            grouped[key] = (
                [*previous, value] if isinstance(previous, list) else [previous, value]
            )
        else:
            grouped[key] = value
    return grouped


def _path(request: Request, hidden: frozenset[str] = frozenset()) -> str:
    """The request's path with its parameters filled in; those in ``hidden`` as ``***``."""

    def substitute(match: re.Match[str]) -> str:
        if match.group(1) in hidden:
            return "***"
        return quote(_text(request.path_params[match.group(1)]), safe="")

    return re.sub(r"\{([^{}]+)\}", substitute, request.path)


def _url(base_url: str, request: Request) -> str:
    return base_url.rstrip("/") + _path(request)


SHOWN_PATH = "sdk_shown_path"
"""The key, in an ``httpx.Request``'s extensions, of its path as logs and messages show it."""


def _path_of(request: httpx.Request) -> str:
    """The path of ``request`` to log: secret path parameters hidden."""
    return str(request.extensions.get(SHOWN_PATH, request.url.path))


_HEADER_VALUE = re.compile(r"[\t\x20-\x7e]*")


def _checked(headers: Mapping[str, str]) -> Mapping[str, str]:
    """``headers``, once each value is known to be sendable.

    A line break, a control or a non-ASCII character is refused here, naming the header
    but not the value: httpx's own errors would quote the value, and it may be a secret
    (a token read from a file with its trailing newline).
    """
    for name, value in headers.items():
        if not _HEADER_VALUE.fullmatch(value):
            raise ValueError(
                f"the value of the {name!r} header has a line break, a control or a non-ASCII"
                " character (the value is not shown: it may be a secret)"
            )
    return headers


def build_request(
    client: httpx.Client | httpx.AsyncClient,
    settings: Settings,
    request: Request,
    options: RequestOptions,
    token: str | None = None,
) -> httpx.Request:
    """The httpx request for ``request``, with the client's headers and credentials
    (``token``: the bearer token its token source gave for this request).

    Header names are case-insensitive: a later source replaces an earlier one's header of
    the same name (SDK defaults, the API's global headers, then the client's ``headers``,
    its credentials, the operation's header parameters, the call's global header options
    and its ``extra_headers``).
    """
    accept = {"json": "application/json", "text": "text/plain, */*", "bytes": "*/*"}[
        request.expect
    ]
    headers = httpx.Headers({"User-Agent": USER_AGENT, "Accept": accept})
    if request.content_type is not None and not isinstance(request.content, Unset):
        headers["Content-Type"] = request.content_type
    headers.update(_checked(settings.global_headers))
    headers.update(_checked(settings.headers))
    query = _query_items(request.query, request.delimiters)
    if request.authenticated:
        headers.update(_checked(settings.auth_headers))
        query.extend(settings.auth_query.items())
        if token is not None:
            headers.update(_checked({"Authorization": f"Bearer {token}"}))
    headers.update(
        _checked(
            {
                k: _text(v)
                for k, v in request.headers.items()
                if v is not UNSET and v is not None
            }
        )
    )
    chosen: Mapping[str, object] = options
    headers.update(
        _checked(
            {h: str(chosen[key]) for key, h in GLOBAL_HEADERS.items() if key in chosen}
        )
    )
    headers.update(_checked(options.get("extra_headers", {})))
    cookies = {
        k: _text(v)
        for k, v in request.cookies.items()
        if v is not UNSET and v is not None
    }
    # Cookies go after those of a Cookie header already there (an apiKey-in-cookie
    # credential), never replacing it.
    if cookies:
        parts = [f"{k}={quote(v, safe='')}" for k, v in cookies.items()]
        headers["Cookie"] = "; ".join(
            [headers["Cookie"], *parts] if "Cookie" in headers else parts
        )
    return client.build_request(
        request.method,
        _url(settings.base_url, request),
        params=query,
        headers=headers,
        timeout=options.get("timeout", settings.timeout),
        extensions={SHOWN_PATH: _path(request, request.secret_path_params)},
        **_body(request),
    )


def _seconds_from_retry_after(value: str) -> float | None:
    """Seconds to wait as a ``Retry-After`` header gives them (a number or an HTTP date),
    0 for a moment in the past; None when the value is neither (``soon``, ``nan``, ``inf``).
    """
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
        if when.tzinfo is None:  # "-0000": RFC 5322 says UTC
            when = when.replace(tzinfo=UTC)
        seconds = when.timestamp() - time.time()
    return max(seconds, 0.0) if math.isfinite(seconds) else None


def _seconds_from_retry_after_ms(value: str) -> float | None:
    """Seconds to wait as a ``retry-after-ms`` header gives them in milliseconds; None when unusable."""
    try:
        milliseconds = float(value)
    except ValueError:
        return None
    return max(milliseconds, 0.0) / 1000 if math.isfinite(milliseconds) else None


def _retry_delay(attempt: int, response: httpx.Response | None) -> float | None:
    """Seconds to wait before retry ``attempt`` (1-based), or None not to retry.

    The server's ``retry-after-ms`` or ``Retry-After`` when it gives a usable one (asking
    for more than :data:`MAX_RETRY_AFTER` seconds means no retry: the caller gets the
    error at once and can decide), else exponential backoff (0.5 s, 1 s, 2 s... up to
    8 s) with jitter."""
    headers = response.headers if response is not None else httpx.Headers()
    seconds = None
    if "retry-after-ms" in headers:
        seconds = _seconds_from_retry_after_ms(headers["retry-after-ms"])
    if seconds is None and "Retry-After" in headers:
        seconds = _seconds_from_retry_after(headers["Retry-After"])
    if seconds is not None:
        return seconds if seconds <= MAX_RETRY_AFTER else None
    backoff = min(0.5 * 2.0 ** (attempt - 1), 8.0)
    return backoff * (1 - 0.25 * random.random())  # jitter spreads out retrying clients


def _has_idempotency_key(request: Request) -> bool:
    """Whether ``request`` carries its idempotency key, so that the server can tell a
    repeat from a new call."""
    if request.idempotency_header is not None:
        return True  # filled by the SDK when the caller did not set it
    body = to_wire(request.json, request=True) if request.json is not UNSET else None
    return isinstance(body, dict) and bool(body.get(request.idempotency_field or ""))


def with_idempotency_key(request: Request, options: RequestOptions) -> Request:
    """``request`` with a fresh idempotency key in its header, when its operation
    declares one and neither the call's arguments nor its ``extra_headers`` set it. It is
    made once per call: every retry sends the same key."""
    name = request.idempotency_header
    if name is None:
        return request
    given = request.headers.get(name)
    extra = {k.lower() for k in options.get("extra_headers", {})}
    if (given is not UNSET and given is not None) or name.lower() in extra:
        return request
    return replace(request, headers={**request.headers, name: str(uuid.uuid4())})


class _Attempts:
    """Decides, attempt after attempt, whether a call is retried, and keeps each attempt
    within the call's deadline."""

    def __init__(
        self, settings: Settings, request: Request, options: RequestOptions
    ) -> None:
        self.max_retries = options.get("max_retries", settings.max_retries)
        self.may_resend = (
            request.method in IDEMPOTENT_METHODS
            or (request.retry_safe and _has_idempotency_key(request))
            or options.get("retry_non_idempotent", settings.retry_non_idempotent)
        )
        self.deadline = options.get("deadline", settings.deadline)
        self.started = time.monotonic()
        self.attempt = 0
        self.refreshed_token = False

    def retry_after_response(self, response: httpx.Response) -> float | None:
        if (
            response.status_code in RETRY_STATUSES
            and self.may_resend
            and self.attempt <= self.max_retries
        ):
            return self._within_deadline(_retry_delay(self.attempt, response))
        return None

    def retry_after_error(self, exc: httpx.TransportError) -> float | None:
        # A connection that never opened sent nothing: safe to retry any method.
        unsent = isinstance(exc, httpx.ConnectError | httpx.ConnectTimeout)
        if (unsent or self.may_resend) and self.attempt <= self.max_retries:
            return self._within_deadline(_retry_delay(self.attempt, None))
        return None

    def _within_deadline(self, delay: float | None) -> float | None:
        """``delay``, or None when waiting it would pass the deadline."""
        if delay is None or self.deadline is None:
            return delay
        elapsed = time.monotonic() - self.started
        return delay if elapsed + delay < self.deadline else None

    def bound(self, request: httpx.Request) -> None:
        """Shorten the next attempt's timeouts to what is left of the deadline."""
        if self.deadline is None:
            return
        left = self.deadline - (time.monotonic() - self.started)
        if left <= 0:
            raise ApiTimeoutError(
                f"{request.method} {request.url.host}{request.url.path}:"
                f" the call's deadline of {self.deadline} s has passed"
            )
        timeouts = request.extensions.get("timeout", {})
        request.extensions["timeout"] = {
            phase: left if limit is None else min(limit, left)
            for phase, limit in {
                "connect": None,
                "read": None,
                "write": None,
                "pool": None,
                **timeouts,
            }.items()
        }

    def refresh_token(self, response: httpx.Response) -> bool:
        """Whether to send the call once more, with a new token, after a 401 (once)."""
        if response.status_code == 401 and not self.refreshed_token:
            self.refreshed_token = True
            return True
        return False


def _transport_error(exc: httpx.RequestError, request: httpx.Request) -> Exception:
    where = f"{request.method} {request.url.host}{_path_of(request)}"
    if isinstance(exc, httpx.TimeoutException):
        return ApiTimeoutError(
            f"{where}: the server did not answer in time ({type(exc).__name__})"
        )
    return ApiConnectionError(f"{where}: {type(exc).__name__}: {exc}")


def _result(response: httpx.Response, expect: str, parse: Callable[[Any], T]) -> T:
    """Parse a final response: a 2xx body through ``parse`` (``None`` when empty), else an ApiError."""
    if not response.is_success:
        raise ApiError.from_response(response)
    return _parsed(response, expect, parse)


def _raw(
    response: httpx.Response, expect: str, parse: Callable[[Any], T]
) -> RawResponse[T]:
    """A final response as it is, once it is known to be a success (else an ApiError)."""
    if not response.is_success:
        raise ApiError.from_response(response)
    return RawResponse(response, expect, parse)


def _parsed(response: httpx.Response, expect: str, parse: Callable[[Any], T]) -> T:
    """The typed result of a 2xx ``response``; an ApiError when its body is not the documented one."""
    if expect in ("text", "bytes"):
        return parse(response.text if expect == "text" else response.content)
    try:
        data = response.json() if response.content else None
    except ValueError:
        raise ApiError.from_response(
            response, "the response is not valid JSON"
        ) from None
    try:
        return parse(data)
    except (TypeError, ValueError, KeyError) as exc:
        raise ApiError.from_response(
            response, f"the response does not have the documented shape: {exc}"
        ) from None


class RawResponse(Generic[T]):
    """A successful answer as the server sent it, from ``client.<group>.with_raw_response``.

    :meth:`parse` gives what the plain method returns; the status, the headers and the
    ``httpx.Response`` itself are here too. An error status raises as the plain method does.
    """

    def __init__(
        self, response: httpx.Response, expect: str, parse: Callable[[Any], T]
    ) -> None:
        self.http_response = response
        """The underlying ``httpx.Response`` (its body already read)."""
        self._expect = expect
        self._parse = parse

    @property
    def status_code(self) -> int:
        """The HTTP status code."""
        return self.http_response.status_code

    @property
    def headers(self) -> httpx.Headers:
        """The response headers (names are case-insensitive)."""
        return self.http_response.headers

    @property
    def request_id(self) -> str | None:
        """The id the server gave the request (see :func:`errors.request_id_of`)."""
        return request_id_of(self.http_response.headers)

    def parse(self) -> T:
        """The typed result, as the plain method returns it.

        Raises:
            ApiError: The body is not what the API documents.
        """
        return _parsed(self.http_response, self._expect, self._parse)

    def __repr__(self) -> str:
        return f"<RawResponse [{self.status_code}]>"


def no_body(data: Any) -> None:
    """The parser of operations that return nothing: the body, if any, is ignored."""


def json_body(data: Any) -> Any:
    """The parser of operations that return plain JSON: the decoded body as it is."""
    return data


def _log(request: httpx.Request, response: httpx.Response, attempt: int) -> None:
    logger.debug(
        "%s %s -> %s (attempt %d)",
        request.method,
        _path_of(request),
        response.status_code,
        attempt,
    )


def _log_retry(
    request: httpx.Request, attempt: int, reason: object, delay: float
) -> None:
    logger.debug(
        "%s %s: attempt %d failed (%s), retrying in %.2f s",
        request.method,
        _path_of(request),
        attempt,
        reason,
        delay,
    )


class SyncHttp:
    """Sends requests with an ``httpx.Client``."""

    def __init__(self, settings: Settings, client: httpx.Client | None = None) -> None:
        self.settings = settings
        self._client = client if client is not None else httpx.Client()
        self._owns_client = client is None

    def send(
        self,
        request: Request,
        parse: Callable[[Any], T],
        options: RequestOptions | None,
        on_response: Callable[[httpx.Response], None] | None = None,
    ) -> T:
        """Send ``request``, retrying as configured, and parse the JSON answer with ``parse``;
        ``on_response`` sees the final response first (paging reads its headers)."""

        def finish(response: httpx.Response) -> T:
            if on_response is not None:
                on_response(response)
            return _result(response, request.expect, parse)

        return self._send(request, options, finish)

    def send_raw(
        self,
        request: Request,
        parse: Callable[[Any], T],
        options: RequestOptions | None,
    ) -> RawResponse[T]:
        """Send ``request`` as :meth:`send` does; the answer is kept raw, ``parse`` for later."""
        return self._send(
            request, options, lambda response: _raw(response, request.expect, parse)
        )

    def _send(
        self,
        request: Request,
        options: RequestOptions | None,
        finish: Callable[[httpx.Response], R],
    ) -> R:
        """Send ``request``, retrying as configured; ``finish`` makes the final answer the result."""
        options = options or {}
        request = with_idempotency_key(request, options)
        token = self._token(request)
        http_request = build_request(
            self._client, self.settings, request, options, token
        )
        attempts = _Attempts(self.settings, request, options)
        while True:
            attempts.attempt += 1
            attempts.bound(http_request)
            try:
                response = self._client.send(http_request)
            except httpx.TransportError as exc:
                delay = attempts.retry_after_error(exc)
                if delay is None:
                    raise _transport_error(exc, http_request) from exc
                _log_retry(http_request, attempts.attempt, type(exc).__name__, delay)
                time.sleep(delay)
                continue
            except (
                httpx.RequestError
            ) as exc:  # an answer that cannot be read (a broken Content-Encoding...)
                raise _transport_error(exc, http_request) from exc
            _log(http_request, response, attempts.attempt)
            source = self.settings.token
            if (
                token is not None
                and isinstance(source, RefreshableToken)
                and attempts.refresh_token(response)
            ):
                source.invalidate(token)  # the next token comes from a refresh
                response.close()
                token = self._token(request)
                http_request = build_request(
                    self._client, self.settings, request, options, token
                )
                continue
            delay = attempts.retry_after_response(response)
            if delay is None:
                return finish(response)
            _log_retry(http_request, attempts.attempt, response.status_code, delay)
            response.close()
            time.sleep(delay)

    def _token(self, request: Request) -> str | None:
        """The bearer token for ``request`` from the client's token source, if it has one."""
        source = self.settings.token
        if source is None or not request.authenticated:
            return None
        value = source()
        if not isinstance(value, str):
            raise TypeError(
                "the access token function must return a str (use AsyncClient for a coroutine)"
            )
        return value

    def close(self) -> None:
        """Close the connection pool, unless the caller passed their own client."""
        if self._owns_client:
            self._client.close()


class AsyncHttp:
    """Sends requests with an ``httpx.AsyncClient``."""

    def __init__(
        self, settings: Settings, client: httpx.AsyncClient | None = None
    ) -> None:
        self.settings = settings
        self._client = client if client is not None else httpx.AsyncClient()
        self._owns_client = client is None

    async def send(
        self,
        request: Request,
        parse: Callable[[Any], T],
        options: RequestOptions | None,
        on_response: Callable[[httpx.Response], None] | None = None,
    ) -> T:
        """Send ``request``, retrying as configured, and parse the JSON answer with ``parse``;
        ``on_response`` sees the final response first (paging reads its headers)."""

        def finish(response: httpx.Response) -> T:
            if on_response is not None:
                on_response(response)
            return _result(response, request.expect, parse)

        return await self._send(request, options, finish)

    async def send_raw(
        self,
        request: Request,
        parse: Callable[[Any], T],
        options: RequestOptions | None,
    ) -> RawResponse[T]:
        """Send ``request`` as :meth:`send` does; the answer is kept raw, ``parse`` for later."""
        return await self._send(
            request, options, lambda response: _raw(response, request.expect, parse)
        )

    async def _send(
        self,
        request: Request,
        options: RequestOptions | None,
        finish: Callable[[httpx.Response], R],
    ) -> R:
        """Send ``request``, retrying as configured; ``finish`` makes the final answer the result."""
        options = options or {}
        request = with_idempotency_key(request, options)
        token = await self._token(request)
        http_request = build_request(
            self._client, self.settings, request, options, token
        )
        attempts = _Attempts(self.settings, request, options)
        while True:
            attempts.attempt += 1
            attempts.bound(http_request)
            try:
                response = await self._client.send(http_request)
            except httpx.TransportError as exc:
                delay = attempts.retry_after_error(exc)
                if delay is None:
                    raise _transport_error(exc, http_request) from exc
                _log_retry(http_request, attempts.attempt, type(exc).__name__, delay)
                await asyncio.sleep(delay)
                continue
            except (
                httpx.RequestError
            ) as exc:  # an answer that cannot be read (a broken Content-Encoding...)
                raise _transport_error(exc, http_request) from exc
            _log(http_request, response, attempts.attempt)
            source = self.settings.token
            if (
                token is not None
                and isinstance(source, RefreshableToken)
                and attempts.refresh_token(response)
            ):
                source.invalidate(token)  # the next token comes from a refresh
                await response.aclose()
                token = await self._token(request)
                http_request = build_request(
                    self._client, self.settings, request, options, token
                )
                continue
            delay = attempts.retry_after_response(response)
            if delay is None:
                return finish(response)
            _log_retry(http_request, attempts.attempt, response.status_code, delay)
            await response.aclose()
            await asyncio.sleep(delay)

    async def _token(self, request: Request) -> str | None:
        """The bearer token for ``request`` from the client's token source, if it has one."""
        source = self.settings.token
        if source is None or not request.authenticated:
            return None
        value = source()
        if inspect.isawaitable(value):
            value = await value
        if not isinstance(value, str):
            raise TypeError("the access token function must return a str")
        return value

    async def close(self) -> None:
        """Close the connection pool, unless the caller passed their own client."""
        if self._owns_client:
            await self._client.aclose()
