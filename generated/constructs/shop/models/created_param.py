"""The CreatedParam model and its builder."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Self

from .._model import UNSET, Builder, Field, Model, Unset


@dataclass(frozen=True, kw_only=True, eq=False, repr=False)
class CreatedParam(Model):
    """CreatedParam."""

    gte: int | Unset = UNSET

    _fields: ClassVar[tuple[Field, ...]] = (Field("gte", "gte"),)

    @staticmethod
    def builder() -> CreatedParamBuilder:
        """A builder for CreatedParam."""
        return CreatedParamBuilder()

    def to_builder(self) -> CreatedParamBuilder:
        """A builder holding this model's values, to make a changed copy."""
        return CreatedParamBuilder._seeded(self)


class CreatedParamBuilder(Builder[CreatedParam]):
    """Builds a CreatedParam one field at a time."""

    _model = CreatedParam

    def __init__(self) -> None:
        super().__init__()

    def gte(self, value: int) -> Self:
        """Set ``gte``."""
        return self._set("gte", value)
