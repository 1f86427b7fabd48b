"""The PensApi and AsyncPensApi classes: API operations."""

from __future__ import annotations

from .._http import AsyncHttp, RawResponse, Request, RequestOptions, SyncHttp
from ..models.pen import Pen


def _create_pen_request(body: Pen) -> Request:
    return Request(
        "POST",
        "/v1/pens",
        json=body,
        authenticated=False,
    )


class PensApi:
    """PensApi.

    Reached as ``Client().pens``.
    """

    def __init__(self, http: SyncHttp) -> None:
        self._http = http
        self.with_raw_response = PensApiWithRawResponse(http)
        """The same methods, returning the raw response (status, headers) to parse later."""

    def create_pen(
        self, body: Pen, *, request_options: RequestOptions | None = None
    ) -> Pen:
        """Create Pen.

        Args:
            body: The body value .
            request_options: Per-call timeout, retries and extra headers.

        Returns:
            Pen: made

        Raises:
            ApiError: The server answered with an error status.
            ApiTimeoutError: The server did not answer in time.
            ApiConnectionError: The server could not be reached.
        """

        return self._http.send(
            _create_pen_request(body),
            Pen.from_dict,
            request_options,
        )


class PensApiWithRawResponse:
    """The methods of :class:`PensApi`, each returning a :class:`RawResponse`.

    Reached as ``Client().pens.with_raw_response``. A raw response has the
    status code, the headers and the ``httpx.Response`` of a successful call, and
    ``parse()`` for the typed result the plain method returns; an error status raises
    as the plain method does.
    """

    def __init__(self, http: SyncHttp) -> None:
        self._http = http

    def create_pen(
        self, body: Pen, *, request_options: RequestOptions | None = None
    ) -> RawResponse[Pen]:
        """:meth:`PensApi.create_pen`, returning the raw response."""
        return self._http.send_raw(
            _create_pen_request(body),
            Pen.from_dict,
            request_options,
        )


class AsyncPensApi:
    """PensApi.

    Reached as ``AsyncClient().pens``; every method is a coroutine.
    """

    def __init__(self, http: AsyncHttp) -> None:
        self._http = http
        self.with_raw_response = AsyncPensApiWithRawResponse(http)
        """The same methods, returning the raw response (status, headers) to parse later."""

    async def create_pen(
        self, body: Pen, *, request_options: RequestOptions | None = None
    ) -> Pen:
        """Create Pen.

        Args:
            body: The body value .
            request_options: Per-call timeout, retries and extra headers.

        Returns:
            Pen: made

        Raises:
            ApiError: The server answered with an error status.
            ApiTimeoutError: The server did not answer in time.
            ApiConnectionError: The server could not be reached.
        """

        return await self._http.send(
            _create_pen_request(body),
            Pen.from_dict,
            request_options,
        )


class AsyncPensApiWithRawResponse:
    """The methods of :class:`AsyncPensApi`, each returning a :class:`RawResponse`.

    Reached as ``AsyncClient().pens.with_raw_response``. A raw response has the
    status code, the headers and the ``httpx.Response`` of a successful call, and
    ``parse()`` for the typed result the plain method returns; an error status raises
    as the plain method does.
    """

    def __init__(self, http: AsyncHttp) -> None:
        self._http = http

    async def create_pen(
        self, body: Pen, *, request_options: RequestOptions | None = None
    ) -> RawResponse[Pen]:
        """:meth:`AsyncPensApi.create_pen`, returning the raw response."""
        return await self._http.send_raw(
            _create_pen_request(body),
            Pen.from_dict,
            request_options,
        )
