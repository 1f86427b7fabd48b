"""The SearchApi and AsyncSearchApi classes: API operations."""

from __future__ import annotations

from typing import cast

from .._http import AsyncHttp, RawResponse, Request, RequestOptions, SyncHttp, json_body
from .._model import UNSET, Unset
from ..models.created_param import CreatedParam


def _search_request(
    tags: list[str] | Unset, ids: list[int] | Unset, created: CreatedParam | Unset
) -> Request:
    return Request(
        "GET",
        "/v1/search",
        query={"tags": tags, "ids": ids, "created": created},
        delimiters={"tags": ","},
        expect="bytes",
        authenticated=False,
    )


class SearchApi:
    """SearchApi.

    Reached as ``Client().search``.
    """

    def __init__(self, http: SyncHttp) -> None:
        self._http = http
        self.with_raw_response = SearchApiWithRawResponse(http)
        """The same methods, returning the raw response (status, headers) to parse later."""

    def search(
        self,
        *,
        tags: list[str] | Unset = UNSET,
        ids: list[int] | Unset = UNSET,
        created: CreatedParam | Unset = UNSET,
        request_options: RequestOptions | None = None,
    ) -> bytes:
        """Search.

        Args:
            tags: The query value tags.
            ids: The query value ids.
            created: The query value created.
            request_options: Per-call timeout, retries and extra headers.

        Returns:
            bytes: a report

        Raises:
            ApiError: The server answered with an error status.
            ApiTimeoutError: The server did not answer in time.
            ApiConnectionError: The server could not be reached.
        """

        return cast(
            "bytes",
            self._http.send(
                _search_request(tags, ids, created),
                json_body,
                request_options,
            ),
        )


class SearchApiWithRawResponse:
    """The methods of :class:`SearchApi`, each returning a :class:`RawResponse`.

    Reached as ``Client().search.with_raw_response``. A raw response has the
    status code, the headers and the ``httpx.Response`` of a successful call, and
    ``parse()`` for the typed result the plain method returns; an error status raises
    as the plain method does.
    """

    def __init__(self, http: SyncHttp) -> None:
        self._http = http

    def search(
        self,
        *,
        tags: list[str] | Unset = UNSET,
        ids: list[int] | Unset = UNSET,
        created: CreatedParam | Unset = UNSET,
        request_options: RequestOptions | None = None,
    ) -> RawResponse[bytes]:
        """:meth:`SearchApi.search`, returning the raw response."""
        return self._http.send_raw(
            _search_request(tags, ids, created),
            json_body,
            request_options,
        )


class AsyncSearchApi:
    """SearchApi.

    Reached as ``AsyncClient().search``; every method is a coroutine.
    """

    def __init__(self, http: AsyncHttp) -> None:
        self._http = http
        self.with_raw_response = AsyncSearchApiWithRawResponse(http)
        """The same methods, returning the raw response (status, headers) to parse later."""

    async def search(
        self,
        *,
        tags: list[str] | Unset = UNSET,
        ids: list[int] | Unset = UNSET,
        created: CreatedParam | Unset = UNSET,
        request_options: RequestOptions | None = None,
    ) -> bytes:
        """Search.

        Args:
            tags: The query value tags.
            ids: The query value ids.
            created: The query value created.
            request_options: Per-call timeout, retries and extra headers.

        Returns:
            bytes: a report

        Raises:
            ApiError: The server answered with an error status.
            ApiTimeoutError: The server did not answer in time.
            ApiConnectionError: The server could not be reached.
        """

        return cast(
            "bytes",
            await self._http.send(
                _search_request(tags, ids, created),
                json_body,
                request_options,
            ),
        )


class AsyncSearchApiWithRawResponse:
    """The methods of :class:`AsyncSearchApi`, each returning a :class:`RawResponse`.

    Reached as ``AsyncClient().search.with_raw_response``. A raw response has the
    status code, the headers and the ``httpx.Response`` of a successful call, and
    ``parse()`` for the typed result the plain method returns; an error status raises
    as the plain method does.
    """

    def __init__(self, http: AsyncHttp) -> None:
        self._http = http

    async def search(
        self,
        *,
        tags: list[str] | Unset = UNSET,
        ids: list[int] | Unset = UNSET,
        created: CreatedParam | Unset = UNSET,
        request_options: RequestOptions | None = None,
    ) -> RawResponse[bytes]:
        """:meth:`AsyncSearchApi.search`, returning the raw response."""
        return await self._http.send_raw(
            _search_request(tags, ids, created),
            json_body,
            request_options,
        )
