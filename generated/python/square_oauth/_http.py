"""Sending requests: URLs, credentials, timeouts, retries and error mapping.

:class:`SyncHttp` and :class:`AsyncHttp` share everything but the waiting; the API group
classes describe each call as a :class:`Request` and hand it here.
"""

from __future__ import annotations

import asyncio
import email.utils
import logging
import random
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypedDict, TypeVar
from urllib.parse import quote

import httpx

from ._model import UNSET, to_wire
from .errors import ApiConnectionError, ApiError, ApiTimeoutError

__version__ = "0.1.0"

USER_AGENT = f"square-oauth-python/{__version__} httpx/{httpx.__version__}"
RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "PUT", "DELETE", "OPTIONS", "TRACE"})
MAX_RETRY_AFTER = 60.0

logger = logging.getLogger("square_oauth")

T = TypeVar("T")


class RequestOptions(TypedDict, total=False):
    """Per-call settings; each one overrides the client's.

    - ``timeout``: seconds to wait for the server (``None``: no limit).
    - ``max_retries``: how many times to retry a failed attempt.
    - ``retry_non_idempotent``: also retry POST and PATCH calls (see the README).
    - ``extra_headers``: headers to add to this request.
    """

    timeout: float | None
    max_retries: int
    retry_non_idempotent: bool
    extra_headers: Mapping[str, str]


@dataclass(frozen=True)
class Request:
    """One API call, as an API group method describes it."""

    method: str
    path: str
    path_params: Mapping[str, Any] = field(default_factory=dict)
    query: Mapping[str, Any] = field(default_factory=dict)
    headers: Mapping[str, Any] = field(default_factory=dict)
    cookies: Mapping[str, Any] = field(default_factory=dict)
    json: Any = UNSET
    authenticated: bool = True


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


def _text(value: Any) -> str:
    value = to_wire(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


QueryItems = list[tuple[str, str | int | float | bool | None]]


def _query_items(query: Mapping[str, Any]) -> QueryItems:
    items: QueryItems = []
    for name, value in query.items():
        if value is UNSET or value is None:
            continue
        values = value if isinstance(value, list | tuple) else [value]
        items.extend((name, _text(v)) for v in values)
    return items


def _url(base_url: str, request: Request) -> str:
    def substitute(match: re.Match[str]) -> str:
        return quote(_text(request.path_params[match.group(1)]), safe="")

    return base_url.rstrip("/") + re.sub(r"\{([^{}]+)\}", substitute, request.path)


def build_request(
    client: httpx.Client | httpx.AsyncClient,
    settings: Settings,
    request: Request,
    options: RequestOptions,
) -> httpx.Request:
    """The httpx request for ``request``, with the client's headers and credentials."""
    headers = {
        "User-Agent": USER_AGENT,
        "Accept": "application/json",
        **settings.headers,
    }
    query = _query_items(request.query)
    if request.authenticated:
        headers.update(settings.auth_headers)
        query.extend(settings.auth_query.items())
    headers.update(
        {
            k: _text(v)
            for k, v in request.headers.items()
            if v is not UNSET and v is not None
        }
    )
    headers.update(options.get("extra_headers", {}))
    cookies = {
        k: _text(v)
        for k, v in request.cookies.items()
        if v is not UNSET and v is not None
    }
    if cookies:
        headers["Cookie"] = "; ".join(
            f"{k}={quote(v, safe='')}" for k, v in cookies.items()
        )
    return client.build_request(
        request.method,
        _url(settings.base_url, request),
        params=query,
        headers=headers,
        json=None if request.json is UNSET else to_wire(request.json),
        timeout=options.get("timeout", settings.timeout),
    )


def _seconds_from_retry_after(value: str) -> float | None:
    """Seconds to wait as a ``Retry-After`` header gives them: a number or an HTTP date."""
    try:
        return float(value)
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return when.timestamp() - time.time()


def _retry_delay(attempt: int, response: httpx.Response | None) -> float:
    """Seconds to wait before retry ``attempt`` (1-based): the server's Retry-After, or
    exponential backoff (0.5 s, 1 s, 2 s... up to 8 s) with jitter."""
    retry_after = response.headers.get("Retry-After") if response is not None else None
    seconds = _seconds_from_retry_after(retry_after) if retry_after else None
    if seconds is not None:
        return min(max(seconds, 0.0), MAX_RETRY_AFTER)
    backoff = min(0.5 * 2.0 ** (attempt - 1), 8.0)
    return backoff * (1 - 0.25 * random.random())  # jitter spreads out retrying clients


class _Attempts:
    """Decides, attempt after attempt, whether a call is retried."""

    def __init__(
        self, settings: Settings, request: Request, options: RequestOptions
    ) -> None:
        self.max_retries = options.get("max_retries", settings.max_retries)
        self.may_resend = request.method in IDEMPOTENT_METHODS or options.get(
            "retry_non_idempotent", settings.retry_non_idempotent
        )
        self.attempt = 0

    def retry_after_response(self, response: httpx.Response) -> float | None:
        if (
            response.status_code in RETRY_STATUSES
            and self.may_resend
            and self.attempt <= self.max_retries
        ):
            return _retry_delay(self.attempt, response)
        return None

    def retry_after_error(self, exc: httpx.TransportError) -> float | None:
        # A connection that never opened sent nothing: safe to retry any method.
        unsent = isinstance(exc, httpx.ConnectError | httpx.ConnectTimeout)
        if (unsent or self.may_resend) and self.attempt <= self.max_retries:
            return _retry_delay(self.attempt, None)
        return None


def _transport_error(exc: httpx.TransportError, request: httpx.Request) -> Exception:
    where = f"{request.method} {request.url.host}{request.url.path}"
    if isinstance(exc, httpx.TimeoutException):
        return ApiTimeoutError(
            f"{where}: the server did not answer in time ({type(exc).__name__})"
        )
    return ApiConnectionError(f"{where}: {type(exc).__name__}: {exc}")


def _result(response: httpx.Response, parse: Callable[[Any], T]) -> T:
    """Parse a final response: a 2xx body through ``parse`` (``None`` when empty), else an ApiError."""
    if not response.is_success:
        raise ApiError.from_response(response)
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


def no_body(data: Any) -> None:
    """The parser of operations that return nothing: the body, if any, is ignored."""


def json_body(data: Any) -> Any:
    """The parser of operations that return plain JSON: the decoded body as it is."""
    return data


def _log(request: httpx.Request, response: httpx.Response, attempt: int) -> None:
    logger.debug(
        "%s %s -> %s (attempt %d)",
        request.method,
        request.url.path,
        response.status_code,
        attempt,
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
    ) -> T:
        """Send ``request``, retrying as configured, and parse the JSON answer with ``parse``."""
        options = options or {}
        http_request = build_request(self._client, self.settings, request, options)
        attempts = _Attempts(self.settings, request, options)
        while True:
            attempts.attempt += 1
            try:
                response = self._client.send(http_request)
            except httpx.TransportError as exc:
                delay = attempts.retry_after_error(exc)
                if delay is None:
                    raise _transport_error(exc, http_request) from exc
                time.sleep(delay)
                continue
            _log(http_request, response, attempts.attempt)
            delay = attempts.retry_after_response(response)
            if delay is None:
                return _result(response, parse)
            response.close()
            time.sleep(delay)

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
    ) -> T:
        """Send ``request``, retrying as configured, and parse the JSON answer with ``parse``."""
        options = options or {}
        http_request = build_request(self._client, self.settings, request, options)
        attempts = _Attempts(self.settings, request, options)
        while True:
            attempts.attempt += 1
            try:
                response = await self._client.send(http_request)
            except httpx.TransportError as exc:
                delay = attempts.retry_after_error(exc)
                if delay is None:
                    raise _transport_error(exc, http_request) from exc
                await asyncio.sleep(delay)
                continue
            _log(http_request, response, attempts.attempt)
            delay = attempts.retry_after_response(response)
            if delay is None:
                return _result(response, parse)
            await response.aclose()
            await asyncio.sleep(delay)

    async def close(self) -> None:
        """Close the connection pool, unless the caller passed their own client."""
        if self._owns_client:
            await self._client.aclose()
