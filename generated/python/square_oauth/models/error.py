"""The Error model and its builder."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, Self

from .._model import UNSET, Builder, EnumOf, Field, Model, Unset

if TYPE_CHECKING:
    from .error_category import ErrorCategory
    from .error_code import ErrorCode


@dataclass(frozen=True, kw_only=True, eq=False, repr=False)
class Error(Model):
    """An error that occurred while handling a request to the Connect API.

    For more, see [Handling errors](https://developer.squareup.com/docs/build-basics/handling-errors).
    """

    category: ErrorCategory | str
    """The broad category the error belongs to."""

    code: ErrorCode | str
    """The precise code of the error."""

    detail: str | Unset = UNSET
    """A readable explanation of the error, meant for debugging."""

    field: str | Unset = UNSET
    """The name of the request field the error is about, when it is about one."""

    _fields: ClassVar[tuple[Field, ...]] = (
        Field("category", "category", EnumOf("ErrorCategory"), required=True),
        Field("code", "code", EnumOf("ErrorCode"), required=True),
        Field("detail", "detail"),
        Field("field", "field"),
    )

    @staticmethod
    def builder(category: ErrorCategory | str, code: ErrorCode | str) -> ErrorBuilder:
        """A builder for Error, starting from its required fields."""
        return ErrorBuilder(category, code)

    def to_builder(self) -> ErrorBuilder:
        """A builder holding this model's values, to make a changed copy."""
        return ErrorBuilder._seeded(self)


class ErrorBuilder(Builder[Error]):
    """Builds an Error one field at a time."""

    _model = Error

    def __init__(self, category: ErrorCategory | str, code: ErrorCode | str) -> None:
        super().__init__()
        self._values["category"] = category
        self._values["code"] = code

    def category(self, value: ErrorCategory | str) -> Self:
        """Set ``category``: The broad category the error belongs to."""
        return self._set("category", value)

    def code(self, value: ErrorCode | str) -> Self:
        """Set ``code``: The precise code of the error."""
        return self._set("code", value)

    def detail(self, value: str) -> Self:
        """Set ``detail``: A readable explanation of the error, meant for debugging."""
        return self._set("detail", value)

    def field(self, value: str) -> Self:
        """Set ``field``: The name of the request field the error is about, when it is about one."""
        return self._set("field", value)
