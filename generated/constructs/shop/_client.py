"""The clients: :class:`Client` blocks, :class:`AsyncClient` works with asyncio.

Both take the same settings and reach the same API groups as attributes.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property
from types import TracebackType
from typing import TYPE_CHECKING, Final, Literal, Self

import httpx

from ._http import AsyncHttp, Settings, SyncHttp

if TYPE_CHECKING:
    from .api.animals import AnimalsApi, AsyncAnimalsApi
    from .api.customers import AsyncCustomersApi, CustomersApi
    from .api.files import AsyncFilesApi, FilesApi
    from .api.notes import AsyncNotesApi, NotesApi
    from .api.pens import AsyncPensApi, PensApi
    from .api.search import AsyncSearchApi, SearchApi

Environment = Literal["default"]
"""The names of the servers the API is published on."""

ENVIRONMENTS: Final[Mapping[str, str]] = {
    "default": "https://shop.example.com",
}
"""The base URL of each environment."""

DEFAULT_TIMEOUT: Final = 60.0
"""Seconds to wait for the server, unless a client or a call says otherwise."""

DEFAULT_MAX_RETRIES: Final = 2
"""How many times a failed attempt is retried, unless a client or a call says otherwise."""


def _settings(
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
    return Settings(
        base_url=base_url if base_url is not None else ENVIRONMENTS[environment],
        timeout=timeout,
        max_retries=max_retries,
        retry_non_idempotent=retry_non_idempotent,
        headers=dict(headers or {}),
        auth_headers=auth_headers,
        auth_query=auth_query,
        deadline=deadline,
    )


class Client:
    """Blocking client for Shop.

    Args:
        environment: Which server to call: ``default``.
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
        *,
        environment: Environment = "default",
        base_url: str | None = None,
        timeout: float | None = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        retry_non_idempotent: bool = False,
        deadline: float | None = None,
        headers: Mapping[str, str] | None = None,
        http_client: httpx.Client | None = None,
    ) -> None:
        settings = _settings(
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
    def customers(self) -> CustomersApi:
        """API operations."""
        from .api.customers import CustomersApi

        return CustomersApi(self._http)

    @cached_property
    def files(self) -> FilesApi:
        """API operations."""
        from .api.files import FilesApi

        return FilesApi(self._http)

    @cached_property
    def notes(self) -> NotesApi:
        """API operations."""
        from .api.notes import NotesApi

        return NotesApi(self._http)

    @cached_property
    def search(self) -> SearchApi:
        """API operations."""
        from .api.search import SearchApi

        return SearchApi(self._http)

    @cached_property
    def pens(self) -> PensApi:
        """API operations."""
        from .api.pens import PensApi

        return PensApi(self._http)

    @cached_property
    def animals(self) -> AnimalsApi:
        """API operations."""
        from .api.animals import AnimalsApi

        return AnimalsApi(self._http)

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
    """Asyncio client for Shop.

    Args:
        environment: Which server to call: ``default``.
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
        *,
        environment: Environment = "default",
        base_url: str | None = None,
        timeout: float | None = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        retry_non_idempotent: bool = False,
        deadline: float | None = None,
        headers: Mapping[str, str] | None = None,
        http_client: httpx.AsyncClient | None = None,
    ) -> None:
        settings = _settings(
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
    def customers(self) -> AsyncCustomersApi:
        """API operations."""
        from .api.customers import AsyncCustomersApi

        return AsyncCustomersApi(self._http)

    @cached_property
    def files(self) -> AsyncFilesApi:
        """API operations."""
        from .api.files import AsyncFilesApi

        return AsyncFilesApi(self._http)

    @cached_property
    def notes(self) -> AsyncNotesApi:
        """API operations."""
        from .api.notes import AsyncNotesApi

        return AsyncNotesApi(self._http)

    @cached_property
    def search(self) -> AsyncSearchApi:
        """API operations."""
        from .api.search import AsyncSearchApi

        return AsyncSearchApi(self._http)

    @cached_property
    def pens(self) -> AsyncPensApi:
        """API operations."""
        from .api.pens import AsyncPensApi

        return AsyncPensApi(self._http)

    @cached_property
    def animals(self) -> AsyncAnimalsApi:
        """API operations."""
        from .api.animals import AsyncAnimalsApi

        return AsyncAnimalsApi(self._http)

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
