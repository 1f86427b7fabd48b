"""The Dimensions model and its builder."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Self

from .._model import UNSET, Builder, Field, Model, Unset


@dataclass(frozen=True, kw_only=True, eq=False, repr=False)
class Dimensions(Model):
    """Dimensions."""

    width: float

    depth: float | Unset = UNSET

    _fields: ClassVar[tuple[Field, ...]] = (
        Field("width", "width", required=True),
        Field("depth", "depth"),
    )

    @staticmethod
    def builder(width: float) -> DimensionsBuilder:
        """A builder for Dimensions, starting from its required fields."""
        return DimensionsBuilder(width)

    def to_builder(self) -> DimensionsBuilder:
        """A builder holding this model's values, to make a changed copy."""
        return DimensionsBuilder._seeded(self)


class DimensionsBuilder(Builder[Dimensions]):
    """Builds a Dimensions one field at a time."""

    _model = Dimensions

    def __init__(self, width: float) -> None:
        super().__init__()
        self._values["width"] = width

    def width(self, value: float) -> Self:
        """Set ``width``."""
        return self._set("width", value)

    def depth(self, value: float) -> Self:
        """Set ``depth``."""
        return self._set("depth", value)
