"""The API groups, one class each for blocking and asyncio use, and each one's raw-response variant."""

from .o_auth import (
    AsyncOAuthApi,
    AsyncOAuthApiWithRawResponse,
    OAuthApi,
    OAuthApiWithRawResponse,
)

__all__ = [
    "AsyncOAuthApi",
    "AsyncOAuthApiWithRawResponse",
    "OAuthApi",
    "OAuthApiWithRawResponse",
]
