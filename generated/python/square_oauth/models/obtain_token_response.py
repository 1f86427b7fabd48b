"""The ObtainTokenResponse model and its builder."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, Self

from .._model import UNSET, Builder, Field, ListOf, Model, ModelOf, Unset

if TYPE_CHECKING:
    from .error import Error


@dataclass(frozen=True, kw_only=True, eq=False, repr=False)
class ObtainTokenResponse(Model):
    """The body of a successful `ObtainToken` response."""

    access_token: str | Unset = UNSET
    """A valid OAuth access token, 64 bytes long.

    Send it in a header with every request to Connect API endpoints. See [OAuth API: Walkthrough](https://developer.squareup.com/docs/oauth-api/walkthrough)."""

    token_type: str | Unset = UNSET
    """Always `bearer`."""

    expires_at: str | Unset = UNSET
    """When the `access_token` expires, as an [ISO 8601](http://www.iso.org/iso/home/standards/iso8601.htm) timestamp."""

    merchant_id: str | Unset = UNSET
    """The ID of the business of the merchant who granted authorization."""

    subscription_id: str | Unset = UNSET
    """__LEGACY FIELD__. The ID of a subscription plan the merchant signed up for; present only when the merchant signed up for one during authorization."""

    plan_id: str | Unset = UNSET
    """__LEGACY FIELD__. The ID of the subscription plan the merchant signed up for; present only when the merchant signed up for a subscription plan during authorization."""

    id_token: str | Unset = UNSET
    """The OpenID token of this person; present only when the authorization request included the `OPENID` scope."""

    refresh_token: str | Unset = UNSET
    """A refresh token, 64 bytes long.

    See [Refresh, Revoke, and Limit the Scope of OAuth Tokens](https://developer.squareup.com/docs/oauth-api/refresh-revoke-limit-scope)."""

    short_lived: bool | Unset = UNSET
    """**Beta.** `true` when the access token is short-lived, that is, it expires 24 hours after it is issued."""

    errors: Sequence[Error] | Unset = UNSET
    """Errors encountered while handling the request, if any."""

    _fields: ClassVar[tuple[Field, ...]] = (
        Field("access_token", "access_token", sensitive=True),
        Field("token_type", "token_type"),
        Field("expires_at", "expires_at"),
        Field("merchant_id", "merchant_id"),
        Field("subscription_id", "subscription_id"),
        Field("plan_id", "plan_id"),
        Field("id_token", "id_token", sensitive=True),
        Field("refresh_token", "refresh_token", sensitive=True),
        Field("short_lived", "short_lived"),
        Field("errors", "errors", ListOf(ModelOf("Error"))),
    )

    @staticmethod
    def builder() -> ObtainTokenResponseBuilder:
        """A builder for ObtainTokenResponse."""
        return ObtainTokenResponseBuilder()

    def to_builder(self) -> ObtainTokenResponseBuilder:
        """A builder holding this model's values, to make a changed copy."""
        return ObtainTokenResponseBuilder._seeded(self)


class ObtainTokenResponseBuilder(Builder[ObtainTokenResponse]):
    """Builds an ObtainTokenResponse one field at a time."""

    _model = ObtainTokenResponse

    def __init__(self) -> None:
        super().__init__()

    def access_token(self, value: str) -> Self:
        """Set ``access_token``: A valid OAuth access token, 64 bytes long."""
        return self._set("access_token", value)

    def token_type(self, value: str) -> Self:
        """Set ``token_type``: Always `bearer`."""
        return self._set("token_type", value)

    def expires_at(self, value: str) -> Self:
        """Set ``expires_at``: When the `access_token` expires, as an [ISO 8601](http://www.iso.org/iso/home/standards/iso8601.htm) timestamp."""
        return self._set("expires_at", value)

    def merchant_id(self, value: str) -> Self:
        """Set ``merchant_id``: The ID of the business of the merchant who granted authorization."""
        return self._set("merchant_id", value)

    def subscription_id(self, value: str) -> Self:
        """Set ``subscription_id``: __LEGACY FIELD__. The ID of a subscription plan the merchant signed up for; present only when the merchant signed up for one during authorization."""
        return self._set("subscription_id", value)

    def plan_id(self, value: str) -> Self:
        """Set ``plan_id``: __LEGACY FIELD__. The ID of the subscription plan the merchant signed up for; present only when the merchant signed up for a subscription plan during authorization."""
        return self._set("plan_id", value)

    def id_token(self, value: str) -> Self:
        """Set ``id_token``: The OpenID token of this person; present only when the authorization request included the `OPENID` scope."""
        return self._set("id_token", value)

    def refresh_token(self, value: str) -> Self:
        """Set ``refresh_token``: A refresh token, 64 bytes long."""
        return self._set("refresh_token", value)

    def short_lived(self, value: bool) -> Self:
        """Set ``short_lived``: **Beta.** `true` when the access token is short-lived, that is, it expires 24 hours after it is issued."""
        return self._set("short_lived", value)

    def errors(self, value: Sequence[Error]) -> Self:
        """Set ``errors``: Errors encountered while handling the request, if any."""
        return self._set("errors", value)
