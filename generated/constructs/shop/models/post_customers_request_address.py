"""The PostCustomersRequestAddress model and its builder."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar, Self

from .._model import UNSET, Builder, Field, Model, Unset


@dataclass(frozen=True, kw_only=True, eq=False, repr=False)
class PostCustomersRequestAddress(Model):
    """PostCustomersRequestAddress."""

    city: str | Unset = UNSET

    lines: Sequence[str] | Unset = UNSET

    _fields: ClassVar[tuple[Field, ...]] = (
        Field("city", "city"),
        Field("lines", "lines"),
    )

    @staticmethod
    def builder() -> PostCustomersRequestAddressBuilder:
        """A builder for PostCustomersRequestAddress."""
        return PostCustomersRequestAddressBuilder()

    def to_builder(self) -> PostCustomersRequestAddressBuilder:
        """A builder holding this model's values, to make a changed copy."""
        return PostCustomersRequestAddressBuilder._seeded(self)


class PostCustomersRequestAddressBuilder(Builder[PostCustomersRequestAddress]):
    """Builds a PostCustomersRequestAddress one field at a time."""

    _model = PostCustomersRequestAddress

    def __init__(self) -> None:
        super().__init__()

    def city(self, value: str) -> Self:
        """Set ``city``."""
        return self._set("city", value)

    def lines(self, value: Sequence[str]) -> Self:
        """Set ``lines``."""
        return self._set("lines", value)
