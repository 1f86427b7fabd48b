"""The clients: :class:`Client` blocks, :class:`AsyncClient` works with asyncio.

Both take the same settings and reach the same API groups as attributes.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from functools import cached_property
from os import environ
from types import TracebackType
from typing import TYPE_CHECKING, Final, Literal, Self

import httpx

from ._http import AsyncHttp, Settings, SyncHttp, TokenSource

if TYPE_CHECKING:
    from .api.o_auth import AsyncOAuthApi, OAuthApi

Environment = Literal["production", "sandbox"]
"""The names of the servers the API is published on."""

ENVIRONMENTS: Final[Mapping[str, str]] = {
    "production": "https://connect.squareup.com",
    "sandbox": "https://connect.squareupsandbox.com",
}
"""The base URL of each environment."""

DEFAULT_TIMEOUT: Final = 60.0
"""Seconds to wait for the server, unless a client or a call says otherwise."""

DEFAULT_MAX_RETRIES: Final = 2
"""How many times a failed attempt is retried, unless a client or a call says otherwise."""


def _settings(
    access_token: str | TokenSource | None,
    environment: Environment,
    base_url: str | None,
    timeout: float | None,
    max_retries: int,
    retry_non_idempotent: bool,
    deadline: float | None,
    headers: Mapping[str, str] | None,
) -> Settings:
    if base_url is None and environment not in ENVIRONMENTS:
        raise ValueError(
            f"unknown environment {environment!r}: use one of {', '.join(ENVIRONMENTS)}"
        )
    if max_retries < 0:
        raise ValueError("max_retries must be 0 or more")
    auth_headers: dict[str, str] = {}
    auth_query: dict[str, str] = {}
    token: TokenSource | None = None
    if access_token is None:
        access_token = environ.get("SQUARE_OAUTH_ACCESS_TOKEN")
    if callable(access_token):
        token = access_token
    elif access_token is not None:
        auth_headers["Authorization"] = f"Bearer {access_token}"
    return Settings(
        base_url=base_url if base_url is not None else ENVIRONMENTS[environment],
        timeout=timeout,
        max_retries=max_retries,
        retry_non_idempotent=retry_non_idempotent,
        headers=dict(headers or {}),
        auth_headers=auth_headers,
        auth_query=auth_query,
        token=token,
        deadline=deadline,
    )


class Client:
    """Blocking client for the Square OAuth API.

    Args:
        access_token: The access token sent as ``Authorization: Bearer ...`` with
            every call that needs the client's credentials; or a function
            returning it, called for each request (a token that rotates, a token manager).
            When not given, read from the ``SQUARE_OAUTH_ACCESS_TOKEN`` environment variable.
        environment: Which server to call: ``production``, ``sandbox``.
        base_url: Call this URL instead of an environment's (a proxy, a local test server).
        timeout: Seconds to wait for the server on each attempt; ``None`` waits forever.
        max_retries: How many times to retry an attempt that failed with a connection
            error, a timeout, 408, 429 or 5xx.
        retry_non_idempotent: Also retry POST and PATCH calls; off by default because
            a retried call the server already carried out would happen twice (calls that
            carry an idempotency key are retried anyway).
        deadline: Seconds a call may take in all, its retries and their waits included;
            ``None``: no limit but ``timeout`` on each attempt.
        headers: Headers to send with every call.
        http_client: An ``httpx.Client`` of your own (proxies, transports,
            limits). You stay responsible for closing it.
    """

    def __init__(
        self,
        access_token: str | Callable[[], str] | None = None,
        *,
        environment: Environment = "production",
        base_url: str | None = None,
        timeout: float | None = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        retry_non_idempotent: bool = False,
        deadline: float | None = None,
        headers: Mapping[str, str] | None = None,
        http_client: httpx.Client | None = None,
    ) -> None:
        settings = _settings(
            access_token,
            environment,
            base_url,
            timeout,
            max_retries,
            retry_non_idempotent,
            deadline,
            headers,
        )
        self._http = SyncHttp(settings, http_client)

    @property
    def base_url(self) -> str:
        """The URL this client sends requests to."""
        return self._http.settings.base_url

    @cached_property
    def o_auth(self) -> OAuthApi:
        """Obtain, renew and revoke the OAuth access tokens that let an application call Square APIs on behalf of a seller."""
        from .api.o_auth import OAuthApi

        return OAuthApi(self._http)

    def close(self) -> None:
        """Close the connections this client opened."""
        self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


class AsyncClient:
    """Asyncio client for the Square OAuth API.

    Args:
        access_token: The access token sent as ``Authorization: Bearer ...`` with
            every call that needs the client's credentials; or a function
            returning it, called for each request (a token that rotates, a token manager).
            When not given, read from the ``SQUARE_OAUTH_ACCESS_TOKEN`` environment variable.
        environment: Which server to call: ``production``, ``sandbox``.
        base_url: Call this URL instead of an environment's (a proxy, a local test server).
        timeout: Seconds to wait for the server on each attempt; ``None`` waits forever.
        max_retries: How many times to retry an attempt that failed with a connection
            error, a timeout, 408, 429 or 5xx.
        retry_non_idempotent: Also retry POST and PATCH calls; off by default because
            a retried call the server already carried out would happen twice (calls that
            carry an idempotency key are retried anyway).
        deadline: Seconds a call may take in all, its retries and their waits included;
            ``None``: no limit but ``timeout`` on each attempt.
        headers: Headers to send with every call.
        http_client: An ``httpx.AsyncClient`` of your own (proxies, transports,
            limits). You stay responsible for closing it.
    """

    def __init__(
        self,
        access_token: str | Callable[[], str | Awaitable[str]] | None = None,
        *,
        environment: Environment = "production",
        base_url: str | None = None,
        timeout: float | None = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        retry_non_idempotent: bool = False,
        deadline: float | None = None,
        headers: Mapping[str, str] | None = None,
        http_client: httpx.AsyncClient | None = None,
    ) -> None:
        settings = _settings(
            access_token,
            environment,
            base_url,
            timeout,
            max_retries,
            retry_non_idempotent,
            deadline,
            headers,
        )
        self._http = AsyncHttp(settings, http_client)

    @property
    def base_url(self) -> str:
        """The URL this client sends requests to."""
        return self._http.settings.base_url

    @cached_property
    def o_auth(self) -> AsyncOAuthApi:
        """Obtain, renew and revoke the OAuth access tokens that let an application call Square APIs on behalf of a seller."""
        from .api.o_auth import AsyncOAuthApi

        return AsyncOAuthApi(self._http)

    async def aclose(self) -> None:
        """Close the connections this client opened."""
        await self._http.close()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()
