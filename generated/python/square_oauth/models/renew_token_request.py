"""The RenewTokenRequest model and its builder."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Self

from .._model import UNSET, Builder, Field, Model, Unset


@dataclass(frozen=True, kw_only=True, eq=False, repr=False)
class RenewTokenRequest(Model):
    """The body of a `RenewToken` request (deprecated).

    Deprecated.
    """

    access_token: str | Unset = UNSET
    """The access token to renew."""

    _fields: ClassVar[tuple[Field, ...]] = (
        Field("access_token", "access_token", sensitive=True),
    )

    @staticmethod
    def builder() -> RenewTokenRequestBuilder:
        """A builder for RenewTokenRequest."""
        return RenewTokenRequestBuilder()

    def to_builder(self) -> RenewTokenRequestBuilder:
        """A builder holding this model's values, to make a changed copy."""
        return RenewTokenRequestBuilder._seeded(self)


class RenewTokenRequestBuilder(Builder[RenewTokenRequest]):
    """Builds a RenewTokenRequest one field at a time."""

    _model = RenewTokenRequest

    def __init__(self) -> None:
        super().__init__()

    def access_token(self, value: str) -> Self:
        """Set ``access_token``: The access token to renew."""
        return self._set("access_token", value)
