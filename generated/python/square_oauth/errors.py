"""The exceptions this SDK raises.

- :class:`ApiError`: the server answered with an error status (or with a body that is
  not what the API documents). It carries the status code, the headers, the request id,
  the raw body and the parsed list of errors. A subclass names the common statuses:
  :class:`BadRequestError` (400), :class:`AuthenticationError` (401),
  :class:`PermissionDeniedError` (403), :class:`NotFoundError` (404),
  :class:`ConflictError` (409), :class:`UnprocessableEntityError` (422),
  :class:`RateLimitError` (429) and :class:`InternalServerError` (5xx).
- :class:`ApiConnectionError`: no usable answer at all (DNS, refused or dropped
  connection, TLS, an answer that cannot be decoded...).
- :class:`ApiTimeoutError`: the server did not answer within the timeout; a kind of
  :class:`ApiConnectionError`.

All derive from :class:`SdkError`, and every one pickles and copies. No message ever
includes request headers or credentials.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

import httpx

from ._sdk import error_items

if TYPE_CHECKING:
    from ._sdk import ErrorItem


class SdkError(Exception):
    """Base class of every exception this SDK raises."""

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle and copy every exception by its message and attributes."""
        return (_restore, (type(self), self.args, self.__dict__))


E = TypeVar("E", bound="SdkError")


def _restore(cls: type[E], args: tuple[Any, ...], state: dict[str, Any]) -> E:
    """An exception of ``cls`` as :meth:`SdkError.__reduce__` saved it, without calling
    ``__init__`` (whose keyword-only arguments ``args`` does not hold)."""
    error = cls.__new__(cls, *args)
    error.args = args
    error.__dict__.update(state)
    return error


class ApiConnectionError(SdkError):
    """The request could not reach the server, or its answer could not be read."""


class ApiTimeoutError(ApiConnectionError):
    """The server did not answer within the timeout.

    A kind of :class:`ApiConnectionError` (as httpx's ``TimeoutException`` is one of its
    transport errors): ``except ApiConnectionError`` catches every call with no answer.
    """


REQUEST_ID_HEADERS = ("x-request-id", "request-id")
"""Response headers that carry the request id, looked at first (then any ``*-request-id``)."""


def request_id_of(headers: httpx.Headers) -> str | None:
    """The id the server gave the request: the ``X-Request-Id`` or ``Request-Id`` header,
    else the first header whose name ends in ``-request-id`` (``Square-Request-Id``)."""
    for name in REQUEST_ID_HEADERS:
        if name in headers:
            return headers[name]
    return next(
        (
            value
            for name, value in headers.items()
            if name.lower().endswith("-request-id")
        ),
        None,
    )


class ApiError(SdkError):
    """The server answered with an error status, or with a body that cannot be parsed."""

    def __init__(
        self,
        message: str,
        *,
        status_code: int,
        headers: httpx.Headers,
        raw_body: str,
        body: Any = None,
        errors: list[ErrorItem] | None = None,
        request_id: str | None = None,
    ) -> None:
        super().__init__(message)
        self.status_code = status_code
        """The HTTP status code."""
        self.headers = headers
        """The response headers."""
        self.raw_body = raw_body
        """The response body as text, whatever it is."""
        self.request_id = request_id
        """The id the server gave the request (see :func:`request_id_of`), for its support team."""
        self.body = body
        """The response body parsed as JSON, or None when it is not JSON."""
        self.errors: list[ErrorItem] = errors or []
        """The errors listed in the body's ``errors`` array."""

    @classmethod
    def from_response(
        cls, response: httpx.Response, problem: str | None = None
    ) -> ApiError:
        """The error for ``response``; ``problem`` explains a 2xx answer we could not use.

        ``ApiError.from_response`` gives the subclass of the status (:class:`NotFoundError`
        for a 404), or :class:`ApiError` itself for a status without one.
        """
        error_class = (
            _class_of_status(response.status_code)
            if cls is ApiError and problem is None
            else cls
        )
        raw_body = response.text
        try:
            body = response.json() if response.content else None
        except ValueError:
            body = None
        errors = error_items(body)
        detail = (
            problem or "; ".join(_describe(e) for e in errors) or response.reason_phrase
        )
        return error_class(
            f"HTTP {response.status_code}: {detail}",
            status_code=response.status_code,
            headers=response.headers,
            raw_body=raw_body,
            body=body,
            errors=errors,
            request_id=request_id_of(response.headers),
        )

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(status_code={self.status_code},"
            f" request_id={self.request_id!r}, message={str(self)!r})"
        )


class BadRequestError(ApiError):
    """400 Bad Request: the request is malformed or a value is invalid."""


class AuthenticationError(ApiError):
    """401 Unauthorized: the credentials are missing, wrong or expired."""


class PermissionDeniedError(ApiError):
    """403 Forbidden: the credentials do not allow this call."""


class NotFoundError(ApiError):
    """404 Not Found: what the request names does not exist."""


class ConflictError(ApiError):
    """409 Conflict: the request conflicts with the current state of a resource."""


class UnprocessableEntityError(ApiError):
    """422 Unprocessable Entity: the request is well-formed but its values are refused."""


class RateLimitError(ApiError):
    """429 Too Many Requests: the caller sent too many requests; slow down."""


class InternalServerError(ApiError):
    """A 5xx status: the server failed to handle the request."""


_ERRORS_BY_STATUS: dict[int, type[ApiError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def _class_of_status(status_code: int) -> type[ApiError]:
    """The :class:`ApiError` subclass of ``status_code``, or :class:`ApiError` itself."""
    if 500 <= status_code <= 599:
        return InternalServerError
    return _ERRORS_BY_STATUS.get(status_code, ApiError)


def _describe(error: ErrorItem) -> str:
    parts = [
        str(getattr(error, name))
        for name in ("code", "detail")
        if getattr(error, name, None)
    ]
    return ": ".join(parts) or repr(error)
