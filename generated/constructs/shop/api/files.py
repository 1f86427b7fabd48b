"""The FilesApi and AsyncFilesApi classes: API operations."""

from __future__ import annotations

from typing import cast

from .._http import AsyncHttp, RawResponse, Request, RequestOptions, SyncHttp, json_body
from .._model import UNSET, Unset
from ..models.post_file_request import PostFileRequest


def _post_file_request(body: PostFileRequest | Unset) -> Request:
    return Request(
        "POST",
        "/v1/files",
        multipart=body,
        expect="text",
        authenticated=False,
    )


class FilesApi:
    """FilesApi.

    Reached as ``Client().files``.
    """

    def __init__(self, http: SyncHttp) -> None:
        self._http = http
        self.with_raw_response = FilesApiWithRawResponse(http)
        """The same methods, returning the raw response (status, headers) to parse later."""

    def post_file(
        self,
        *,
        body: PostFileRequest | Unset = UNSET,
        request_options: RequestOptions | None = None,
    ) -> str:
        """Post File.

        Args:
            body: The body value .
            request_options: Per-call timeout, retries and extra headers.

        Returns:
            str: ok

        Raises:
            ApiError: The server answered with an error status.
            ApiTimeoutError: The server did not answer in time.
            ApiConnectionError: The server could not be reached.
        """

        return cast(
            "str",
            self._http.send(
                _post_file_request(body),
                json_body,
                request_options,
            ),
        )


class FilesApiWithRawResponse:
    """The methods of :class:`FilesApi`, each returning a :class:`RawResponse`.

    Reached as ``Client().files.with_raw_response``. A raw response has the
    status code, the headers and the ``httpx.Response`` of a successful call, and
    ``parse()`` for the typed result the plain method returns; an error status raises
    as the plain method does.
    """

    def __init__(self, http: SyncHttp) -> None:
        self._http = http

    def post_file(
        self,
        *,
        body: PostFileRequest | Unset = UNSET,
        request_options: RequestOptions | None = None,
    ) -> RawResponse[str]:
        """:meth:`FilesApi.post_file`, returning the raw response."""
        return self._http.send_raw(
            _post_file_request(body),
            json_body,
            request_options,
        )


class AsyncFilesApi:
    """FilesApi.

    Reached as ``AsyncClient().files``; every method is a coroutine.
    """

    def __init__(self, http: AsyncHttp) -> None:
        self._http = http
        self.with_raw_response = AsyncFilesApiWithRawResponse(http)
        """The same methods, returning the raw response (status, headers) to parse later."""

    async def post_file(
        self,
        *,
        body: PostFileRequest | Unset = UNSET,
        request_options: RequestOptions | None = None,
    ) -> str:
        """Post File.

        Args:
            body: The body value .
            request_options: Per-call timeout, retries and extra headers.

        Returns:
            str: ok

        Raises:
            ApiError: The server answered with an error status.
            ApiTimeoutError: The server did not answer in time.
            ApiConnectionError: The server could not be reached.
        """

        return cast(
            "str",
            await self._http.send(
                _post_file_request(body),
                json_body,
                request_options,
            ),
        )


class AsyncFilesApiWithRawResponse:
    """The methods of :class:`AsyncFilesApi`, each returning a :class:`RawResponse`.

    Reached as ``AsyncClient().files.with_raw_response``. A raw response has the
    status code, the headers and the ``httpx.Response`` of a successful call, and
    ``parse()`` for the typed result the plain method returns; an error status raises
    as the plain method does.
    """

    def __init__(self, http: AsyncHttp) -> None:
        self._http = http

    async def post_file(
        self,
        *,
        body: PostFileRequest | Unset = UNSET,
        request_options: RequestOptions | None = None,
    ) -> RawResponse[str]:
        """:meth:`AsyncFilesApi.post_file`, returning the raw response."""
        return await self._http.send_raw(
            _post_file_request(body),
            json_body,
            request_options,
        )
