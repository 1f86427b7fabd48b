"""What the runtime (``_http``, ``errors``) is told about this SDK and its API.

The package's version and user agent, the retry defaults, the options each call takes
(with the API's global headers) and the items error bodies list.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypedDict

import httpx

__all__ = [
    "GLOBAL_HEADERS",
    "MAX_RETRY_AFTER",
    "RETRY_STATUSES",
    "USER_AGENT",
    "ErrorItem",
    "RequestOptions",
    "__version__",
    "error_items",
]

__version__ = "0.1.0"

USER_AGENT = f"shop-python/{__version__} httpx/{httpx.__version__}"
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


class ErrorItem:
    """An item of an error body's ``errors`` list: this API documents none, so
    ``ApiError.errors`` is always empty."""


def error_items(body: Any) -> list[ErrorItem]:
    """The items of an error body's ``errors`` list: none (the API documents no such list)."""
    return []
