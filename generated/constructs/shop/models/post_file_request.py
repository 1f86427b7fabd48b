"""The PostFileRequest model and its builder."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Self

from .._model import UNSET, Builder, Field, Model, Unset


@dataclass(frozen=True, kw_only=True, eq=False, repr=False)
class PostFileRequest(Model):
    """PostFileRequest."""

    file: bytes | Unset = UNSET

    purpose: str | Unset = UNSET

    _fields: ClassVar[tuple[Field, ...]] = (
        Field("file", "file"),
        Field("purpose", "purpose"),
    )

    @staticmethod
    def builder() -> PostFileRequestBuilder:
        """A builder for PostFileRequest."""
        return PostFileRequestBuilder()

    def to_builder(self) -> PostFileRequestBuilder:
        """A builder holding this model's values, to make a changed copy."""
        return PostFileRequestBuilder._seeded(self)


class PostFileRequestBuilder(Builder[PostFileRequest]):
    """Builds a PostFileRequest one field at a time."""

    _model = PostFileRequest

    def __init__(self) -> None:
        super().__init__()

    def file(self, value: bytes) -> Self:
        """Set ``file``."""
        return self._set("file", value)

    def purpose(self, value: str) -> Self:
        """Set ``purpose``."""
        return self._set("purpose", value)
