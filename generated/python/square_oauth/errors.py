"""The exceptions this SDK raises.

- :class:`ApiError`: the server answered with an error status (or with a body that is
  not what the API documents). It carries the status code, the headers, the raw body
  and the parsed list of errors.
- :class:`ApiConnectionError`: no usable answer at all (DNS, refused or dropped
  connection, TLS, an answer that cannot be decoded...).
- :class:`ApiTimeoutError`: the server did not answer within the timeout; a kind of
  :class:`ApiConnectionError`.

All three derive from :class:`SdkError`. No message ever includes request headers or
credentials.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import httpx

if TYPE_CHECKING:
    from .models.error import Error


class SdkError(Exception):
    """Base class of every exception this SDK raises."""


class ApiConnectionError(SdkError):
    """The request could not reach the server, or its answer could not be read."""


class ApiTimeoutError(ApiConnectionError):
    """The server did not answer within the timeout.

    A kind of :class:`ApiConnectionError` (as httpx's ``TimeoutException`` is one of its
    transport errors): ``except ApiConnectionError`` catches every call with no answer.
    """


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
        errors: list[Error] | None = None,
    ) -> None:
        super().__init__(message)
        self.status_code = status_code
        """The HTTP status code."""
        self.headers = headers
        """The response headers."""
        self.raw_body = raw_body
        """The response body as text, whatever it is."""
        self.body = body
        """The response body parsed as JSON, or None when it is not JSON."""
        self.errors: list[Error] = errors or []
        """The errors listed in the body's ``errors`` array."""

    @classmethod
    def from_response(
        cls, response: httpx.Response, problem: str | None = None
    ) -> ApiError:
        """The error for ``response``; ``problem`` explains a 2xx answer we could not use."""
        raw_body = response.text
        try:
            body = response.json() if response.content else None
        except ValueError:
            body = None
        errors = _parse_errors(body)
        detail = (
            problem or "; ".join(_describe(e) for e in errors) or response.reason_phrase
        )
        return cls(
            f"HTTP {response.status_code}: {detail}",
            status_code=response.status_code,
            headers=response.headers,
            raw_body=raw_body,
            body=body,
            errors=errors,
        )

    def __repr__(self) -> str:
        return f"{type(self).__name__}(status_code={self.status_code}, message={str(self)!r})"


def _parse_errors(body: Any) -> list[Error]:
    """The ``errors`` array of an error body, each item parsed; unparseable items are skipped."""
    from .models.error import Error

    items = body.get("errors") if isinstance(body, dict) else None
    parsed: list[Error] = []
    for item in items if isinstance(items, list) else []:
        try:
            parsed.append(Error.from_dict(item))
        except (TypeError, ValueError):
            continue
    return parsed


def _describe(error: Error) -> str:
    parts = [
        str(getattr(error, name))
        for name in ("code", "detail")
        if getattr(error, name, None)
    ]
    return ": ".join(parts) or repr(error)
