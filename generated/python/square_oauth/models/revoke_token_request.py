"""The RevokeTokenRequest model and its builder."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Self

from .._model import UNSET, Builder, Field, Model, Unset


@dataclass(frozen=True, kw_only=True, eq=False, repr=False)
class RevokeTokenRequest(Model):
    """The body of a `RevokeToken` request."""

    client_id: str | Unset | None = UNSET
    """The ID that Square issued for your application, shown on the **OAuth** page of the [Developer Dashboard](https://developer.squareup.com/apps)."""

    access_token: str | Unset | None = UNSET
    """The access token of the merchant whose token is to be revoked.

    Leave `merchant_id` unset when you set this field."""

    merchant_id: str | Unset | None = UNSET
    """The ID of the merchant whose token is to be revoked.

    Leave `access_token` unset when you set this field."""

    revoke_only_access_token: bool | Unset | None = UNSET
    """When `true`, only the given access token is terminated and the authorization as a whole stays in place."""

    _fields: ClassVar[tuple[Field, ...]] = (
        Field("client_id", "client_id"),
        Field("access_token", "access_token", sensitive=True),
        Field("merchant_id", "merchant_id"),
        Field("revoke_only_access_token", "revoke_only_access_token"),
    )

    @staticmethod
    def builder() -> RevokeTokenRequestBuilder:
        """A builder for RevokeTokenRequest."""
        return RevokeTokenRequestBuilder()

    def to_builder(self) -> RevokeTokenRequestBuilder:
        """A builder holding this model's values, to make a changed copy."""
        return RevokeTokenRequestBuilder._seeded(self)


class RevokeTokenRequestBuilder(Builder[RevokeTokenRequest]):
    """Builds a RevokeTokenRequest one field at a time."""

    _model = RevokeTokenRequest

    def __init__(self) -> None:
        super().__init__()

    def client_id(self, value: str | None) -> Self:
        """Set ``client_id``: The ID that Square issued for your application, shown on the **OAuth** page of the [Developer Dashboard](https://developer.squareup.com/apps)."""
        return self._set("client_id", value)

    def access_token(self, value: str | None) -> Self:
        """Set ``access_token``: The access token of the merchant whose token is to be revoked."""
        return self._set("access_token", value)

    def merchant_id(self, value: str | None) -> Self:
        """Set ``merchant_id``: The ID of the merchant whose token is to be revoked."""
        return self._set("merchant_id", value)

    def revoke_only_access_token(self, value: bool | None) -> Self:
        """Set ``revoke_only_access_token``: When `true`, only the given access token is terminated and the authorization as a whole stays in place."""
        return self._set("revoke_only_access_token", value)
