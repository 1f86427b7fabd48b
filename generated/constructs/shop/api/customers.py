"""The CustomersApi and AsyncCustomersApi classes: API operations."""

from __future__ import annotations

from .._http import AsyncHttp, RawResponse, Request, RequestOptions, SyncHttp
from ..models.pen import Pen
from ..models.post_customers_request import PostCustomersRequest


def _post_customers_request(body: PostCustomersRequest) -> Request:
    return Request(
        "POST",
        "/v1/customers",
        form=body,
        authenticated=False,
    )


class CustomersApi:
    """CustomersApi.

    Reached as ``Client().customers``.
    """

    def __init__(self, http: SyncHttp) -> None:
        self._http = http
        self.with_raw_response = CustomersApiWithRawResponse(http)
        """The same methods, returning the raw response (status, headers) to parse later."""

    def post_customers(
        self,
        body: PostCustomersRequest,
        *,
        request_options: RequestOptions | None = None,
    ) -> Pen:
        """Post Customers.

        Args:
            body: The body value .
            request_options: Per-call timeout, retries and extra headers.

        Returns:
            Pen: ok

        Raises:
            ApiError: The server answered with an error status.
            ApiTimeoutError: The server did not answer in time.
            ApiConnectionError: The server could not be reached.
        """

        return self._http.send(
            _post_customers_request(body),
            Pen.from_dict,
            request_options,
        )


class CustomersApiWithRawResponse:
    """The methods of :class:`CustomersApi`, each returning a :class:`RawResponse`.

    Reached as ``Client().customers.with_raw_response``. A raw response has the
    status code, the headers and the ``httpx.Response`` of a successful call, and
    ``parse()`` for the typed result the plain method returns; an error status raises
    as the plain method does.
    """

    def __init__(self, http: SyncHttp) -> None:
        self._http = http

    def post_customers(
        self,
        body: PostCustomersRequest,
        *,
        request_options: RequestOptions | None = None,
    ) -> RawResponse[Pen]:
        """:meth:`CustomersApi.post_customers`, returning the raw response."""
        return self._http.send_raw(
            _post_customers_request(body),
            Pen.from_dict,
            request_options,
        )


class AsyncCustomersApi:
    """CustomersApi.

    Reached as ``AsyncClient().customers``; every method is a coroutine.
    """

    def __init__(self, http: AsyncHttp) -> None:
        self._http = http
        self.with_raw_response = AsyncCustomersApiWithRawResponse(http)
        """The same methods, returning the raw response (status, headers) to parse later."""

    async def post_customers(
        self,
        body: PostCustomersRequest,
        *,
        request_options: RequestOptions | None = None,
    ) -> Pen:
        """Post Customers.

        Args:
            body: The body value .
            request_options: Per-call timeout, retries and extra headers.

        Returns:
            Pen: ok

        Raises:
            ApiError: The server answered with an error status.
            ApiTimeoutError: The server did not answer in time.
            ApiConnectionError: The server could not be reached.
        """

        return await self._http.send(
            _post_customers_request(body),
            Pen.from_dict,
            request_options,
        )


class AsyncCustomersApiWithRawResponse:
    """The methods of :class:`AsyncCustomersApi`, each returning a :class:`RawResponse`.

    Reached as ``AsyncClient().customers.with_raw_response``. A raw response has the
    status code, the headers and the ``httpx.Response`` of a successful call, and
    ``parse()`` for the typed result the plain method returns; an error status raises
    as the plain method does.
    """

    def __init__(self, http: AsyncHttp) -> None:
        self._http = http

    async def post_customers(
        self,
        body: PostCustomersRequest,
        *,
        request_options: RequestOptions | None = None,
    ) -> RawResponse[Pen]:
        """:meth:`AsyncCustomersApi.post_customers`, returning the raw response."""
        return await self._http.send_raw(
            _post_customers_request(body),
            Pen.from_dict,
            request_options,
        )
