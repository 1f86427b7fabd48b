"""Python SDK for Shop.

Start with :class:`Client` (or :class:`AsyncClient`); each API group is an attribute
of it, such as ``client.customers``. Request and response bodies are in
:mod:`shop.models`.
"""

from ._client import (
    DEFAULT_MAX_RETRIES,
    DEFAULT_TIMEOUT,
    ENVIRONMENTS,
    AsyncClient,
    Client,
)
from ._http import RawResponse
from ._model import UNSET, Unset
from ._sdk import RequestOptions, __version__
from .errors import (
    ApiConnectionError,
    ApiError,
    ApiTimeoutError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    SdkError,
    UnprocessableEntityError,
)

__all__ = [
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_TIMEOUT",
    "ENVIRONMENTS",
    "UNSET",
    "ApiConnectionError",
    "ApiError",
    "ApiTimeoutError",
    "AsyncClient",
    "AuthenticationError",
    "BadRequestError",
    "Client",
    "ConflictError",
    "InternalServerError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "RawResponse",
    "RequestOptions",
    "SdkError",
    "UnprocessableEntityError",
    "Unset",
    "__version__",
]
