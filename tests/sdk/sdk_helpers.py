"""Run one test scenario with either client: the scenario is written once, as a coroutine.

``call(fn, *args, **kwargs)`` calls an SDK method and awaits it when it is a coroutine
method, so the same scenario body drives ``Client`` and ``AsyncClient``.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, TypeVar

from square_oauth import AsyncClient, Client

T = TypeVar("T")
Call = Callable[..., Awaitable[Any]]
Scenario = Callable[[Any, Call], Awaitable[T]]

SDK_ROOT = Path(__file__).resolve().parents[2] / "generated" / "python"
KINDS = ["sync", "async"]

CLIENT_ID = "sq0idp-APPLICATION-ID"
# Distinctive values: the secrecy tests search every captured text for them.
CLIENT_SECRET = "sq0csp-CLIENT-SECRET-5f1c2e9a"
REDIRECT_URI = "https://app.example.com/oauth/callback"
MERCHANT_ID = "MLQW0MERCHANT01"


async def _sync_call(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    return fn(*args, **kwargs)


async def _async_call(fn: Callable[..., Awaitable[Any]], *args: Any, **kwargs: Any) -> Any:
    return await fn(*args, **kwargs)


def run_scenario(kind: str, scenario: Scenario[T], **client_kwargs: Any) -> T:
    """Run ``scenario(client, call)`` with a ``Client`` (kind "sync") or an ``AsyncClient`` ("async")."""

    async def main() -> T:
        if kind == "sync":
            with Client(**client_kwargs) as client:
                return await scenario(client, _sync_call)
        async with AsyncClient(**client_kwargs) as async_client:
            return await scenario(async_client, _async_call)

    return asyncio.run(main())
