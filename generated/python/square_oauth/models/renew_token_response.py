"""The RenewTokenResponse model and its builder."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, Self

from .._model import UNSET, Builder, Field, ListOf, Model, ModelOf, Unset

if TYPE_CHECKING:
    from .error import Error


@dataclass(frozen=True, kw_only=True, eq=False, repr=False)
class RenewTokenResponse(Model):
    """The body of a successful `RenewToken` response (deprecated).

    Deprecated.
    """

    access_token: str | Unset = UNSET
    """The renewed access token, which may differ from the `access_token` sent in the request.

    Send it in a header with every request to Connect API endpoints; the header format is described in [Request and response headers](https://developer.squareup.com/docs/api/connect/v2/#requestandresponseheaders)."""

    token_type: str | Unset = UNSET
    """Always `bearer`."""

    expires_at: str | Unset = UNSET
    """When the `access_token` expires, as an [ISO 8601](http://www.iso.org/iso/home/standards/iso8601.htm) timestamp."""

    merchant_id: str | Unset = UNSET
    """The ID of the business of the merchant who granted authorization."""

    subscription_id: str | Unset = UNSET
    """__LEGACY FIELD__. The ID of the merchant subscription tied to the authorization; present only when the merchant signed up for a subscription during authorization."""

    plan_id: str | Unset = UNSET
    """__LEGACY FIELD__. The ID of the subscription plan the merchant signed up for; present only when the merchant signed up for a subscription plan during authorization."""

    errors: Sequence[Error] | Unset = UNSET
    """Errors encountered while handling the request, if any."""

    _fields: ClassVar[tuple[Field, ...]] = (
        Field("access_token", "access_token", sensitive=True),
        Field("token_type", "token_type"),
        Field("expires_at", "expires_at"),
        Field("merchant_id", "merchant_id"),
        Field("subscription_id", "subscription_id"),
        Field("plan_id", "plan_id"),
        Field("errors", "errors", ListOf(ModelOf("Error"))),
    )

    @staticmethod
    def builder() -> RenewTokenResponseBuilder:
        """A builder for RenewTokenResponse."""
        return RenewTokenResponseBuilder()

    def to_builder(self) -> RenewTokenResponseBuilder:
        """A builder holding this model's values, to make a changed copy."""
        return RenewTokenResponseBuilder._seeded(self)


class RenewTokenResponseBuilder(Builder[RenewTokenResponse]):
    """Builds a RenewTokenResponse one field at a time."""

    _model = RenewTokenResponse

    def __init__(self) -> None:
        super().__init__()

    def access_token(self, value: str) -> Self:
        """Set ``access_token``: The renewed access token, which may differ from the `access_token` sent in the request."""
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
        """Set ``subscription_id``: __LEGACY FIELD__. The ID of the merchant subscription tied to the authorization; present only when the merchant signed up for a subscription during authorization."""
        return self._set("subscription_id", value)

    def plan_id(self, value: str) -> Self:
        """Set ``plan_id``: __LEGACY FIELD__. The ID of the subscription plan the merchant signed up for; present only when the merchant signed up for a subscription plan during authorization."""
        return self._set("plan_id", value)

    def errors(self, value: Sequence[Error]) -> Self:
        """Set ``errors``: Errors encountered while handling the request, if any."""
        return self._set("errors", value)
