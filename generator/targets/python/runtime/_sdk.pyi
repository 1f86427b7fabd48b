"""What the runtime reads from the SDK's ``_sdk`` module, which each SDK has its own
of (made from ``templates/python/package/_sdk.py.j2``); declared here so that the
runtime's modules are type-checked against it."""

from collections.abc import Mapping
from typing import Any, TypedDict

__version__: str
USER_AGENT: str
RETRY_STATUSES: frozenset[int]
MAX_RETRY_AFTER: float
GLOBAL_HEADERS: dict[str, str]

class RequestOptions(TypedDict, total=False):
    timeout: float | None
    max_retries: int
    retry_non_idempotent: bool
    deadline: float | None
    extra_headers: Mapping[str, str]

# Only when the API has an OAuth 2 token endpoint (then the SDK has ``_auth``).
TOKEN_URL: str
TOKEN_JSON: bool
TOKEN_SCOPES_FIELD: str
TOKEN_SCOPES_AS_LIST: bool

class ErrorItem:
    """The API's model of the items of an error body's ``errors`` list."""

def error_items(body: Any) -> list[ErrorItem]: ...
