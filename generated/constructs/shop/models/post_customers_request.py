"""The PostCustomersRequest model and its builder."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, Self

from .._model import UNSET, Builder, Field, Model, ModelOf, Unset

if TYPE_CHECKING:
    from .post_customers_request_address import PostCustomersRequestAddress


@dataclass(frozen=True, kw_only=True, eq=False, repr=False)
class PostCustomersRequest(Model):
    """PostCustomersRequest."""

    email: str

    address: PostCustomersRequestAddress | Unset = UNSET

    expand: Sequence[str] | Unset = UNSET

    _fields: ClassVar[tuple[Field, ...]] = (
        Field("email", "email", required=True),
        Field("address", "address", ModelOf("PostCustomersRequestAddress")),
        Field("expand", "expand"),
    )

    @staticmethod
    def builder(email: str) -> PostCustomersRequestBuilder:
        """A builder for PostCustomersRequest, starting from its required fields."""
        return PostCustomersRequestBuilder(email)

    def to_builder(self) -> PostCustomersRequestBuilder:
        """A builder holding this model's values, to make a changed copy."""
        return PostCustomersRequestBuilder._seeded(self)


class PostCustomersRequestBuilder(Builder[PostCustomersRequest]):
    """Builds a PostCustomersRequest one field at a time."""

    _model = PostCustomersRequest

    def __init__(self, email: str) -> None:
        super().__init__()
        self._values["email"] = email

    def email(self, value: str) -> Self:
        """Set ``email``."""
        return self._set("email", value)

    def address(self, value: PostCustomersRequestAddress) -> Self:
        """Set ``address``."""
        return self._set("address", value)

    def expand(self, value: Sequence[str]) -> Self:
        """Set ``expand``."""
        return self._set("expand", value)
