"""What the runtime (``_http``, ``errors``, ``_auth``) is told about this SDK and its API.

The package's version and user agent, the retry defaults, the options each call takes
(with the API's global headers), the token endpoint and the items error bodies list.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Final, TypedDict

import httpx

if TYPE_CHECKING:
    from .models.error import Error as ErrorItem

__all__ = [
    "GLOBAL_HEADERS",
    "MAX_RETRY_AFTER",
    "RETRY_STATUSES",
    "TOKEN_JSON",
    "TOKEN_SCOPES_AS_LIST",
    "TOKEN_SCOPES_FIELD",
    "TOKEN_URL",
    "USER_AGENT",
    "ErrorItem",
    "RequestOptions",
    "__version__",
    "error_items",
]

__version__ = "0.1.0"

USER_AGENT = f"square-oauth-python/{__version__} httpx/{httpx.__version__}"
RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
MAX_RETRY_AFTER = 60.0
"""The longest ``Retry-After`` the SDK waits for; when the server asks for more, the error is raised."""

GLOBAL_HEADERS: dict[str, str] = {}
"""The header each ``request_options`` key of a global header sets."""


class RequestOptions(TypedDict, total=False):
    """Per-call settings; each one overrides the client's.

    - ``timeout``: seconds to wait for the server (``None``: no limit).
    - ``max_retries``: how many times to retry a failed attempt.
    - ``retry_non_idempotent``: also retry POST and PATCH calls (see the README).
    - ``deadline``: seconds the whole call may take, all attempts and waits included
      (``None``: no limit).
    - ``extra_headers``: headers to add to this request.
    """

    timeout: float | None
    max_retries: int
    retry_non_idempotent: bool
    deadline: float | None
    extra_headers: Mapping[str, str]


TOKEN_URL: Final = "https://connect.squareup.com/oauth2/token"
"""Where tokens are obtained: the API's ``tokenUrl`` (its ``ObtainToken`` operation)."""

TOKEN_JSON: Final = True
"""Whether the token request's fields are sent as JSON (else form-encoded, as RFC 6749 says)."""

TOKEN_SCOPES_FIELD: Final = "scopes"
"""The token request's field of the scopes asked for."""

TOKEN_SCOPES_AS_LIST: Final = True
"""Whether the scopes are sent as a list (else as one space-separated string, as RFC 6749 says)."""


def error_items(body: Any) -> list[ErrorItem]:
    """The ``errors`` array of an error body, each item parsed; unparseable items are skipped."""
    from .models.error import Error

    items = body.get("errors") if isinstance(body, dict) else None
    parsed: list[ErrorItem] = []
    for item in items if isinstance(items, list) else []:
        try:
            parsed.append(Error.from_dict(item))
        except (TypeError, ValueError):
            continue
    return parsed
