"""The RevokeTokenResponse model and its builder."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, Self

from .._model import UNSET, Builder, Field, ListOf, Model, ModelOf, Unset

if TYPE_CHECKING:
    from .error import Error


@dataclass(frozen=True, kw_only=True, eq=False, repr=False)
class RevokeTokenResponse(Model):
    """The body of a successful `RevokeToken` response."""

    success: bool | Unset = UNSET
    """`true` when the request succeeded."""

    errors: Sequence[Error] | Unset = UNSET
    """Errors encountered while handling the request, if any."""

    _fields: ClassVar[tuple[Field, ...]] = (
        Field("success", "success"),
        Field("errors", "errors", ListOf(ModelOf("Error"))),
    )

    @staticmethod
    def builder() -> RevokeTokenResponseBuilder:
        """A builder for RevokeTokenResponse."""
        return RevokeTokenResponseBuilder()

    def to_builder(self) -> RevokeTokenResponseBuilder:
        """A builder holding this model's values, to make a changed copy."""
        return RevokeTokenResponseBuilder._seeded(self)


class RevokeTokenResponseBuilder(Builder[RevokeTokenResponse]):
    """Builds a RevokeTokenResponse one field at a time."""

    _model = RevokeTokenResponse

    def __init__(self) -> None:
        super().__init__()

    def success(self, value: bool) -> Self:
        """Set ``success``: `true` when the request succeeded."""
        return self._set("success", value)

    def errors(self, value: Sequence[Error]) -> Self:
        """Set ``errors``: Errors encountered while handling the request, if any."""
        return self._set("errors", value)
