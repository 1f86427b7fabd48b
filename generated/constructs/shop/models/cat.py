"""The Cat model and its builder."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Self

from .._model import UNSET, Builder, Field, Model, Unset


@dataclass(frozen=True, kw_only=True, eq=False, repr=False)
class Cat(Model):
    """Cat."""

    kind: str

    lives: int | Unset = UNSET

    _fields: ClassVar[tuple[Field, ...]] = (
        Field("kind", "kind", required=True),
        Field("lives", "lives"),
    )

    @staticmethod
    def builder(kind: str) -> CatBuilder:
        """A builder for Cat, starting from its required fields."""
        return CatBuilder(kind)

    def to_builder(self) -> CatBuilder:
        """A builder holding this model's values, to make a changed copy."""
        return CatBuilder._seeded(self)


class CatBuilder(Builder[Cat]):
    """Builds a Cat one field at a time."""

    _model = Cat

    def __init__(self, kind: str) -> None:
        super().__init__()
        self._values["kind"] = kind

    def kind(self, value: str) -> Self:
        """Set ``kind``."""
        return self._set("kind", value)

    def lives(self, value: int) -> Self:
        """Set ``lives``."""
        return self._set("lives", value)
