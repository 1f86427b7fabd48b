"""The Dog model and its builder."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Self

from .._model import UNSET, Builder, Field, Model, Unset


@dataclass(frozen=True, kw_only=True, eq=False, repr=False)
class Dog(Model):
    """Dog."""

    kind: str

    good: bool | Unset = UNSET

    _fields: ClassVar[tuple[Field, ...]] = (
        Field("kind", "kind", required=True),
        Field("good", "good"),
    )

    @staticmethod
    def builder(kind: str) -> DogBuilder:
        """A builder for Dog, starting from its required fields."""
        return DogBuilder(kind)

    def to_builder(self) -> DogBuilder:
        """A builder holding this model's values, to make a changed copy."""
        return DogBuilder._seeded(self)


class DogBuilder(Builder[Dog]):
    """Builds a Dog one field at a time."""

    _model = Dog

    def __init__(self, kind: str) -> None:
        super().__init__()
        self._values["kind"] = kind

    def kind(self, value: str) -> Self:
        """Set ``kind``."""
        return self._set("kind", value)

    def good(self, value: bool) -> Self:
        """Set ``good``."""
        return self._set("good", value)
