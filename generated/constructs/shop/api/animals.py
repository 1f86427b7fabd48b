"""The AnimalsApi and AsyncAnimalsApi classes: API operations."""

from __future__ import annotations

from .._http import AsyncHttp, RawResponse, Request, RequestOptions, SyncHttp, no_body


def _delete_animal_request(id: str) -> Request:
    return Request(
        "DELETE",
        "/v1/animals/{id}",
        path_params={"id": id},
        authenticated=False,
    )


class AnimalsApi:
    """AnimalsApi.

    Reached as ``Client().animals``.
    """

    def __init__(self, http: SyncHttp) -> None:
        self._http = http
        self.with_raw_response = AnimalsApiWithRawResponse(http)
        """The same methods, returning the raw response (status, headers) to parse later."""

    def delete_animal(
        self, id: str, *, request_options: RequestOptions | None = None
    ) -> None:
        """Delete Animal.

        Args:
            id: The path value id.
            request_options: Per-call timeout, retries and extra headers.

        Returns:
            None: gone

        Raises:
            ApiError: The server answered with an error status.
            ApiTimeoutError: The server did not answer in time.
            ApiConnectionError: The server could not be reached.
        """

        return self._http.send(
            _delete_animal_request(id),
            no_body,
            request_options,
        )


class AnimalsApiWithRawResponse:
    """The methods of :class:`AnimalsApi`, each returning a :class:`RawResponse`.

    Reached as ``Client().animals.with_raw_response``. A raw response has the
    status code, the headers and the ``httpx.Response`` of a successful call, and
    ``parse()`` for the typed result the plain method returns; an error status raises
    as the plain method does.
    """

    def __init__(self, http: SyncHttp) -> None:
        self._http = http

    def delete_animal(
        self, id: str, *, request_options: RequestOptions | None = None
    ) -> RawResponse[None]:
        """:meth:`AnimalsApi.delete_animal`, returning the raw response."""
        return self._http.send_raw(
            _delete_animal_request(id),
            no_body,
            request_options,
        )


class AsyncAnimalsApi:
    """AnimalsApi.

    Reached as ``AsyncClient().animals``; every method is a coroutine.
    """

    def __init__(self, http: AsyncHttp) -> None:
        self._http = http
        self.with_raw_response = AsyncAnimalsApiWithRawResponse(http)
        """The same methods, returning the raw response (status, headers) to parse later."""

    async def delete_animal(
        self, id: str, *, request_options: RequestOptions | None = None
    ) -> None:
        """Delete Animal.

        Args:
            id: The path value id.
            request_options: Per-call timeout, retries and extra headers.

        Returns:
            None: gone

        Raises:
            ApiError: The server answered with an error status.
            ApiTimeoutError: The server did not answer in time.
            ApiConnectionError: The server could not be reached.
        """

        return await self._http.send(
            _delete_animal_request(id),
            no_body,
            request_options,
        )


class AsyncAnimalsApiWithRawResponse:
    """The methods of :class:`AsyncAnimalsApi`, each returning a :class:`RawResponse`.

    Reached as ``AsyncClient().animals.with_raw_response``. A raw response has the
    status code, the headers and the ``httpx.Response`` of a successful call, and
    ``parse()`` for the typed result the plain method returns; an error status raises
    as the plain method does.
    """

    def __init__(self, http: AsyncHttp) -> None:
        self._http = http

    async def delete_animal(
        self, id: str, *, request_options: RequestOptions | None = None
    ) -> RawResponse[None]:
        """:meth:`AsyncAnimalsApi.delete_animal`, returning the raw response."""
        return await self._http.send_raw(
            _delete_animal_request(id),
            no_body,
            request_options,
        )
