"""The API groups, one class each for blocking and asyncio use."""

from .o_auth import AsyncOAuthApi, OAuthApi

__all__ = [
    "AsyncOAuthApi",
    "OAuthApi",
]
