"""The NotesApi and AsyncNotesApi classes: API operations."""

from __future__ import annotations

from .._http import AsyncHttp, RawResponse, Request, RequestOptions, SyncHttp, no_body
from .._model import UNSET, Unset


def _post_note_request(body: str | Unset) -> Request:
    return Request(
        "POST",
        "/v1/notes",
        content=body,
        content_type="text/plain",
        authenticated=False,
    )


class NotesApi:
    """NotesApi.

    Reached as ``Client().notes``.
    """

    def __init__(self, http: SyncHttp) -> None:
        self._http = http
        self.with_raw_response = NotesApiWithRawResponse(http)
        """The same methods, returning the raw response (status, headers) to parse later."""

    def post_note(
        self,
        *,
        body: str | Unset = UNSET,
        request_options: RequestOptions | None = None,
    ) -> None:
        """Post Note.

        Args:
            body: The body value .
            request_options: Per-call timeout, retries and extra headers.

        Returns:
            None: kept

        Raises:
            ApiError: The server answered with an error status.
            ApiTimeoutError: The server did not answer in time.
            ApiConnectionError: The server could not be reached.
        """

        return self._http.send(
            _post_note_request(body),
            no_body,
            request_options,
        )


class NotesApiWithRawResponse:
    """The methods of :class:`NotesApi`, each returning a :class:`RawResponse`.

    Reached as ``Client().notes.with_raw_response``. A raw response has the
    status code, the headers and the ``httpx.Response`` of a successful call, and
    ``parse()`` for the typed result the plain method returns; an error status raises
    as the plain method does.
    """

    def __init__(self, http: SyncHttp) -> None:
        self._http = http

    def post_note(
        self,
        *,
        body: str | Unset = UNSET,
        request_options: RequestOptions | None = None,
    ) -> RawResponse[None]:
        """:meth:`NotesApi.post_note`, returning the raw response."""
        return self._http.send_raw(
            _post_note_request(body),
            no_body,
            request_options,
        )


class AsyncNotesApi:
    """NotesApi.

    Reached as ``AsyncClient().notes``; every method is a coroutine.
    """

    def __init__(self, http: AsyncHttp) -> None:
        self._http = http
        self.with_raw_response = AsyncNotesApiWithRawResponse(http)
        """The same methods, returning the raw response (status, headers) to parse later."""

    async def post_note(
        self,
        *,
        body: str | Unset = UNSET,
        request_options: RequestOptions | None = None,
    ) -> None:
        """Post Note.

        Args:
            body: The body value .
            request_options: Per-call timeout, retries and extra headers.

        Returns:
            None: kept

        Raises:
            ApiError: The server answered with an error status.
            ApiTimeoutError: The server did not answer in time.
            ApiConnectionError: The server could not be reached.
        """

        return await self._http.send(
            _post_note_request(body),
            no_body,
            request_options,
        )


class AsyncNotesApiWithRawResponse:
    """The methods of :class:`AsyncNotesApi`, each returning a :class:`RawResponse`.

    Reached as ``AsyncClient().notes.with_raw_response``. A raw response has the
    status code, the headers and the ``httpx.Response`` of a successful call, and
    ``parse()`` for the typed result the plain method returns; an error status raises
    as the plain method does.
    """

    def __init__(self, http: AsyncHttp) -> None:
        self._http = http

    async def post_note(
        self,
        *,
        body: str | Unset = UNSET,
        request_options: RequestOptions | None = None,
    ) -> RawResponse[None]:
        """:meth:`AsyncNotesApi.post_note`, returning the raw response."""
        return await self._http.send_raw(
            _post_note_request(body),
            no_body,
            request_options,
        )
