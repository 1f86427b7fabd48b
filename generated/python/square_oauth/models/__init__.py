"""The models and enums of the Square OAuth API.

Each is imported on first use, so importing this package stays fast however large the
API is.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .error import Error, ErrorBuilder
    from .error_category import ErrorCategory
    from .error_code import ErrorCode
    from .error_response import ErrorResponse, ErrorResponseBuilder
    from .obtain_token_request import ObtainTokenRequest, ObtainTokenRequestBuilder
    from .obtain_token_response import ObtainTokenResponse, ObtainTokenResponseBuilder
    from .renew_token_request import RenewTokenRequest, RenewTokenRequestBuilder
    from .renew_token_response import RenewTokenResponse, RenewTokenResponseBuilder
    from .revoke_token_request import RevokeTokenRequest, RevokeTokenRequestBuilder
    from .revoke_token_response import RevokeTokenResponse, RevokeTokenResponseBuilder

_MODULES: dict[str, str] = {
    "ObtainTokenRequest": "obtain_token_request",
    "ObtainTokenRequestBuilder": "obtain_token_request",
    "ObtainTokenResponse": "obtain_token_response",
    "ObtainTokenResponseBuilder": "obtain_token_response",
    "Error": "error",
    "ErrorBuilder": "error",
    "RenewTokenRequest": "renew_token_request",
    "RenewTokenRequestBuilder": "renew_token_request",
    "RenewTokenResponse": "renew_token_response",
    "RenewTokenResponseBuilder": "renew_token_response",
    "RevokeTokenRequest": "revoke_token_request",
    "RevokeTokenRequestBuilder": "revoke_token_request",
    "RevokeTokenResponse": "revoke_token_response",
    "RevokeTokenResponseBuilder": "revoke_token_response",
    "ErrorResponse": "error_response",
    "ErrorResponseBuilder": "error_response",
    "ErrorCategory": "error_category",
    "ErrorCode": "error_code",
}

__all__ = [
    "Error",
    "ErrorBuilder",
    "ErrorCategory",
    "ErrorCode",
    "ErrorResponse",
    "ErrorResponseBuilder",
    "ObtainTokenRequest",
    "ObtainTokenRequestBuilder",
    "ObtainTokenResponse",
    "ObtainTokenResponseBuilder",
    "RenewTokenRequest",
    "RenewTokenRequestBuilder",
    "RenewTokenResponse",
    "RenewTokenResponseBuilder",
    "RevokeTokenRequest",
    "RevokeTokenRequestBuilder",
    "RevokeTokenResponse",
    "RevokeTokenResponseBuilder",
]


def __getattr__(name: str) -> object:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
