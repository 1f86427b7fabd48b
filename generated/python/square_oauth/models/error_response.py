"""The ErrorResponse model and its builder."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, Self

from .._model import UNSET, Builder, Field, ListOf, Model, ModelOf, Unset

if TYPE_CHECKING:
    from .error import Error


@dataclass(frozen=True, kw_only=True, eq=False, repr=False)
class ErrorResponse(Model):
    """The body of an error response: a list of the errors encountered while handling the request."""

    errors: Sequence[Error] | Unset = UNSET
    """The errors encountered while handling the request."""

    _fields: ClassVar[tuple[Field, ...]] = (
        Field("errors", "errors", ListOf(ModelOf("Error"))),
    )

    @staticmethod
    def builder() -> ErrorResponseBuilder:
        """A builder for ErrorResponse."""
        return ErrorResponseBuilder()

    def to_builder(self) -> ErrorResponseBuilder:
        """A builder holding this model's values, to make a changed copy."""
        return ErrorResponseBuilder._seeded(self)


class ErrorResponseBuilder(Builder[ErrorResponse]):
    """Builds an ErrorResponse one field at a time."""

    _model = ErrorResponse

    def __init__(self) -> None:
        super().__init__()

    def errors(self, value: Sequence[Error]) -> Self:
        """Set ``errors``: The errors encountered while handling the request."""
        return self._set("errors", value)
