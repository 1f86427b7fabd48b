"""The ObtainTokenRequest model and its builder."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar, Self

from .._model import UNSET, Builder, Field, Model, Unset


@dataclass(frozen=True, kw_only=True, eq=False, repr=False)
class ObtainTokenRequest(Model):
    """The body of an `ObtainToken` request."""

    client_id: str
    """The ID that Square issued for your application.

    You can find it on the **OAuth** page of the [Developer Dashboard](https://developer.squareup.com/apps)."""

    client_secret: str | None
    """The secret that Square issued for your application, shown on the **OAuth** page of the [Developer Dashboard](https://developer.squareup.com/apps).

    It is not the same thing as your personal access token."""

    code: str | Unset | None = UNSET
    """The authorization code to exchange for an OAuth access token.

    Needed when `grant_type` is `authorization_code`, which means the application wants to trade an authorization code for a token."""

    redirect_uri: str | Unset | None = UNSET
    """The redirect URL registered for your application on the **OAuth** page of the [Developer Dashboard](https://developer.squareup.com/apps)."""

    grant_type: str
    """How the application asks for an OAuth access token.

    One of:

    - `authorization_code`: exchange the authorization code in `code`;
    - `refresh_token`: use the refresh token in `refresh_token`;
    - `migration_token`: replace a legacy token given in `migration_token`."""

    refresh_token: str | Unset | None = UNSET
    """A valid refresh token, used to generate a new OAuth access token.

    Needed when `grant_type` is `refresh_token`, which means the
    application wants a replacement for an expired OAuth access token."""

    migration_token: str | Unset | None = UNSET
    """A legacy OAuth access token, obtained with a Connect API version older than 2019-03-13.

    Needed when `grant_type` is `migration_token`, which means the application wants a replacement OAuth access token; a refresh token is returned too. See [Migrate to Using Refresh Tokens](https://developer.squareup.com/docs/oauth-api/migrate-to-refresh-tokens)."""

    scopes: Sequence[str] | Unset | None = UNSET
    """**Beta.** The permissions the application asks for, as a JSON list of strings, for example `["MERCHANT_PROFILE_READ","PAYMENTS_READ","BANK_ACCOUNTS_READ"]`.

    The returned access token gets only the permissions that are both
    requested here and held by the given refresh token."""

    short_lived: bool | Unset | None = UNSET
    """**Beta.** Set to `true` to ask for a short-lived access token.

    A short-lived access token expires 24 hours after it is issued."""

    _fields: ClassVar[tuple[Field, ...]] = (
        Field("client_id", "client_id", required=True),
        Field("client_secret", "client_secret", sensitive=True, required=True),
        Field("code", "code", sensitive=True),
        Field("redirect_uri", "redirect_uri"),
        Field("grant_type", "grant_type", required=True),
        Field("refresh_token", "refresh_token", sensitive=True),
        Field("migration_token", "migration_token", sensitive=True),
        Field("scopes", "scopes"),
        Field("short_lived", "short_lived"),
    )

    @staticmethod
    def builder(
        client_id: str, client_secret: str | None, grant_type: str
    ) -> ObtainTokenRequestBuilder:
        """A builder for ObtainTokenRequest, starting from its required fields."""
        return ObtainTokenRequestBuilder(client_id, client_secret, grant_type)

    def to_builder(self) -> ObtainTokenRequestBuilder:
        """A builder holding this model's values, to make a changed copy."""
        return ObtainTokenRequestBuilder._seeded(self)


class ObtainTokenRequestBuilder(Builder[ObtainTokenRequest]):
    """Builds an ObtainTokenRequest one field at a time."""

    _model = ObtainTokenRequest

    def __init__(
        self, client_id: str, client_secret: str | None, grant_type: str
    ) -> None:
        super().__init__()
        self._values["client_id"] = client_id
        self._values["client_secret"] = client_secret
        self._values["grant_type"] = grant_type

    def client_id(self, value: str) -> Self:
        """Set ``client_id``: The ID that Square issued for your application."""
        return self._set("client_id", value)

    def client_secret(self, value: str | None) -> Self:
        """Set ``client_secret``: The secret that Square issued for your application, shown on the **OAuth** page of the [Developer Dashboard](https://developer.squareup.com/apps)."""
        return self._set("client_secret", value)

    def code(self, value: str | None) -> Self:
        """Set ``code``: The authorization code to exchange for an OAuth access token."""
        return self._set("code", value)

    def redirect_uri(self, value: str | None) -> Self:
        """Set ``redirect_uri``: The redirect URL registered for your application on the **OAuth** page of the [Developer Dashboard](https://developer.squareup.com/apps)."""
        return self._set("redirect_uri", value)

    def grant_type(self, value: str) -> Self:
        """Set ``grant_type``: How the application asks for an OAuth access token."""
        return self._set("grant_type", value)

    def refresh_token(self, value: str | None) -> Self:
        """Set ``refresh_token``: A valid refresh token, used to generate a new OAuth access token."""
        return self._set("refresh_token", value)

    def migration_token(self, value: str | None) -> Self:
        """Set ``migration_token``: A legacy OAuth access token, obtained with a Connect API version older than 2019-03-13."""
        return self._set("migration_token", value)

    def scopes(self, value: Sequence[str] | None) -> Self:
        """Set ``scopes``: **Beta.** The permissions the application asks for, as a JSON list of strings, for example `["MERCHANT_PROFILE_READ","PAYMENTS_READ","BANK_ACCOUNTS_READ"]`."""
        return self._set("scopes", value)

    def short_lived(self, value: bool | None) -> Self:
        """Set ``short_lived``: **Beta.** Set to `true` to ask for a short-lived access token."""
        return self._set("short_lived", value)
