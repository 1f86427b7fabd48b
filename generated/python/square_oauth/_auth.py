"""OAuth 2 access tokens that renew themselves: :class:`TokenManager` (for
:class:`~.Client`) and :class:`AsyncTokenManager` (for :class:`~.AsyncClient`).

A manager obtains a token from the token endpoint with a refresh token (the
``refresh_token`` grant) or with the application's own credentials (the
``client_credentials`` grant), keeps it, and obtains a new one shortly before it expires,
or once after the API refused it with 401. Pass it as the client's ``access_token``.
Callers on many threads (or asyncio tasks) share one manager: one of them refreshes, the
others wait for its token.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any, Final

import httpx

from ._http import AsyncHttp, Request, Settings, SyncHttp
from ._sdk import TOKEN_JSON, TOKEN_SCOPES_AS_LIST, TOKEN_SCOPES_FIELD, TOKEN_URL

REFRESH_MARGIN: Final = 60.0
"""Seconds before a token expires when a manager obtains the next one."""

Clock = Callable[[], datetime]
"""What a manager reads the time from: an aware ``datetime`` (UTC)."""


def _utc_now() -> datetime:
    return datetime.now(UTC)


class _Grant:
    """What both managers share: the credentials they ask with and the token they hold.

    Not thread-safe on its own: each manager calls it under its lock.
    """

    def __init__(
        self,
        client_id: str,
        client_secret: str | None,
        refresh_token: str | None,
        scopes: Sequence[str] | None,
        access_token: str | None,
        expires_at: datetime | None,
        refresh_margin: float,
        clock: Clock,
    ) -> None:
        if refresh_token is None and client_secret is None:
            raise ValueError(
                "give a refresh_token (refresh-token grant) or a client_secret"
                " (client-credentials grant)"
            )
        self.client_id = client_id
        self.client_secret = client_secret
        self.refresh_token = refresh_token
        self.scopes = tuple(scopes or ())
        self.access_token = access_token
        self.expires_at = expires_at
        self.margin = timedelta(seconds=refresh_margin)
        self.clock = clock

    def current(self) -> str | None:
        """The token held, unless there is none or it expires within the margin."""
        if self.access_token is None:
            return None
        if (
            self.expires_at is not None
            and self.clock() >= self.expires_at - self.margin
        ):
            return None
        return self.access_token

    def request(self) -> Request:
        """The token request: the grant and its credentials, as the endpoint takes them."""
        fields: dict[str, Any] = {"client_id": self.client_id}
        if self.client_secret is not None:
            fields["client_secret"] = self.client_secret
        if self.refresh_token is not None:
            fields["grant_type"] = "refresh_token"
            fields["refresh_token"] = self.refresh_token
        else:
            fields["grant_type"] = "client_credentials"
        if self.scopes:
            fields[TOKEN_SCOPES_FIELD] = (
                list(self.scopes) if TOKEN_SCOPES_AS_LIST else " ".join(self.scopes)
            )
        if TOKEN_JSON:
            return Request("POST", "", json=fields, authenticated=False)
        return Request("POST", "", form=fields, authenticated=False)

    def accept(self, data: Any) -> str:
        """Keep the token of a token response (``access_token``, and ``expires_in``
        seconds or an ``expires_at`` time, and a new ``refresh_token`` if one came)."""
        if not isinstance(data, dict) or not isinstance(data.get("access_token"), str):
            raise ValueError("the token response has no access_token")
        expires_at = None
        if isinstance(data.get("expires_in"), int | float):
            expires_at = self.clock() + timedelta(seconds=data["expires_in"])
        elif isinstance(data.get("expires_at"), str):
            expires_at = datetime.fromisoformat(data["expires_at"])
            if expires_at.tzinfo is None:
                expires_at = expires_at.replace(tzinfo=UTC)
        if isinstance(data.get("refresh_token"), str):
            self.refresh_token = data["refresh_token"]
        self.access_token = data["access_token"]
        self.expires_at = expires_at
        return self.access_token

    def invalidate(self, token: str) -> None:
        """Forget ``token`` if it is still the one held (a 401 refused it)."""
        if token == self.access_token:
            self.access_token = None

    def __repr__(self) -> str:
        return f"<grant for {self.client_id!r}>"  # never the secrets


def _settings(token_url: str, timeout: float | None) -> Settings:
    return Settings(
        base_url=token_url,
        timeout=timeout,
        max_retries=2,
        retry_non_idempotent=False,
        headers={},
        auth_headers={},
        auth_query={},
    )


class TokenManager:
    """Gives a valid access token to a :class:`~.Client`, obtaining a new one when
    needed; safe to share between threads.

    Args:
        client_id: The application's client ID.
        client_secret: The application's client secret.
        refresh_token: A refresh token (from the authorization-code flow): the manager
            uses the refresh-token grant. Without it, the client-credentials grant.
        scopes: The scopes to ask for (sent as :data:`~._sdk.TOKEN_SCOPES_FIELD` and
            :data:`~._sdk.TOKEN_SCOPES_AS_LIST` say).
        access_token: A token you already hold, used until it expires.
        expires_at: When ``access_token`` expires (an aware ``datetime``).
        token_url: Where to obtain tokens (a local test server, a proxy).
        refresh_margin: Seconds before expiry when the next token is obtained.
        timeout: Seconds to wait for the token endpoint.
        http_client: An ``httpx.Client`` of your own; you stay responsible for closing it.
        clock: Where the time comes from (tests pass their own).
    """

    def __init__(
        self,
        client_id: str,
        client_secret: str | None = None,
        *,
        refresh_token: str | None = None,
        scopes: Sequence[str] | None = None,
        access_token: str | None = None,
        expires_at: datetime | None = None,
        token_url: str = TOKEN_URL,
        refresh_margin: float = REFRESH_MARGIN,
        timeout: float | None = 60.0,
        http_client: httpx.Client | None = None,
        clock: Clock = _utc_now,
    ) -> None:
        self._grant = _Grant(
            client_id,
            client_secret,
            refresh_token,
            scopes,
            access_token,
            expires_at,
            refresh_margin,
            clock,
        )
        self._http = SyncHttp(_settings(token_url, timeout), http_client)
        self._lock = threading.Lock()

    def __call__(self) -> str:
        """A valid access token: the one held, or a new one from the token endpoint."""
        token = self._grant.current()
        if token is not None:
            return token
        with self._lock:  # the first caller refreshes; the others then find its token
            token = self._grant.current()
            if token is None:
                token = self._http.send(self._grant.request(), self._grant.accept, None)
            return token

    def invalidate(self, token: str) -> None:
        """The API refused ``token``: the next call obtains a new one."""
        with self._lock:
            self._grant.invalidate(token)

    @property
    def refresh_token(self) -> str | None:
        """The refresh token in use (the endpoint may have issued a new one)."""
        return self._grant.refresh_token

    def close(self) -> None:
        """Close the connections this manager opened."""
        self._http.close()

    def __repr__(self) -> str:
        return f"TokenManager(client_id={self._grant.client_id!r})"


class AsyncTokenManager:
    """Gives a valid access token to an :class:`~.AsyncClient`, obtaining a new one
    when needed; safe to share between the tasks of one event loop.

    Takes the same arguments as :class:`TokenManager` (``http_client``: an
    ``httpx.AsyncClient``).
    """

    def __init__(
        self,
        client_id: str,
        client_secret: str | None = None,
        *,
        refresh_token: str | None = None,
        scopes: Sequence[str] | None = None,
        access_token: str | None = None,
        expires_at: datetime | None = None,
        token_url: str = TOKEN_URL,
        refresh_margin: float = REFRESH_MARGIN,
        timeout: float | None = 60.0,
        http_client: httpx.AsyncClient | None = None,
        clock: Clock = _utc_now,
    ) -> None:
        self._grant = _Grant(
            client_id,
            client_secret,
            refresh_token,
            scopes,
            access_token,
            expires_at,
            refresh_margin,
            clock,
        )
        self._http = AsyncHttp(_settings(token_url, timeout), http_client)
        self._lock = asyncio.Lock()

    async def __call__(self) -> str:
        """A valid access token: the one held, or a new one from the token endpoint."""
        token = self._grant.current()
        if token is not None:
            return token
        async with (
            self._lock
        ):  # the first task refreshes; the others then find its token
            token = self._grant.current()
            if token is None:
                token = await self._http.send(
                    self._grant.request(), self._grant.accept, None
                )
            return token

    def invalidate(self, token: str) -> None:
        """The API refused ``token``: the next call obtains a new one."""
        self._grant.invalidate(token)  # no await: nothing else runs meanwhile

    @property
    def refresh_token(self) -> str | None:
        """The refresh token in use (the endpoint may have issued a new one)."""
        return self._grant.refresh_token

    async def aclose(self) -> None:
        """Close the connections this manager opened."""
        await self._http.close()

    def __repr__(self) -> str:
        return f"AsyncTokenManager(client_id={self._grant.client_id!r})"
