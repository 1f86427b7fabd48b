"""The Pen model and its builder."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Self

from .._model import (
    UNSET,
    Builder,
    DateTimeOf,
    Field,
    JsonType,
    Model,
    ModelOf,
    UnionOf,
    Unset,
)

if TYPE_CHECKING:
    from .cat import Cat
    from .dimensions import Dimensions
    from .dog import Dog


@dataclass(frozen=True, kw_only=True, eq=False, repr=False)
class Pen(Model):
    """Pen."""

    id: str | Unset = UNSET

    opened: _dt.datetime | Unset = UNSET

    inspected_on: _dt.date | Unset = UNSET

    occupant: Cat | Dog | dict[str, Any] | Unset = UNSET

    label: str | Sequence[str] | Unset | None = UNSET

    size: int | Dimensions | Unset = UNSET

    _fields: ClassVar[tuple[Field, ...]] = (
        Field("id", "id", read_only=True),
        Field("opened", "opened", DateTimeOf()),
        Field("inspected_on", "inspected_on", DateTimeOf(date=True)),
        Field(
            "occupant",
            "occupant",
            UnionOf(
                (ModelOf("Cat"), ModelOf("Dog")), "kind", {"cat": "Cat", "dog": "Dog"}
            ),
        ),
        Field("label", "label", UnionOf((JsonType("string"), JsonType("array")))),
        Field("size", "size", UnionOf((JsonType("integer"), ModelOf("Dimensions")))),
    )

    @staticmethod
    def builder() -> PenBuilder:
        """A builder for Pen."""
        return PenBuilder()

    def to_builder(self) -> PenBuilder:
        """A builder holding this model's values, to make a changed copy."""
        return PenBuilder._seeded(self)


class PenBuilder(Builder[Pen]):
    """Builds a Pen one field at a time."""

    _model = Pen

    def __init__(self) -> None:
        super().__init__()

    def id(self, value: str) -> Self:
        """Set ``id``."""
        return self._set("id", value)

    def opened(self, value: _dt.datetime) -> Self:
        """Set ``opened``."""
        return self._set("opened", value)

    def inspected_on(self, value: _dt.date) -> Self:
        """Set ``inspected_on``."""
        return self._set("inspected_on", value)

    def occupant(self, value: Cat | Dog | dict[str, Any]) -> Self:
        """Set ``occupant``."""
        return self._set("occupant", value)

    def label(self, value: str | Sequence[str] | None) -> Self:
        """Set ``label``."""
        return self._set("label", value)

    def size(self, value: int | Dimensions) -> Self:
        """Set ``size``."""
        return self._set("size", value)
