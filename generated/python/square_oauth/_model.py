"""Shared machinery of the models: unset values, wire codecs, equality, repr, builders.

Each model is a frozen dataclass with a table of its fields (``_fields``): the Python
attribute, the JSON name, how to decode the value, and whether it is sensitive. The
generic code below serialises and parses every model from that table.
"""

from __future__ import annotations

import enum
import importlib
from collections.abc import Mapping
from types import MappingProxyType
from typing import (
    Any,
    ClassVar,
    Final,
    Generic,
    Literal,
    NamedTuple,
    Self,
    TypeVar,
    cast,
)


class Unset(enum.Enum):
    """The type of :data:`UNSET`: a field that was never given a value.

    ``UNSET`` and ``None`` differ: ``None`` is an explicit JSON ``null`` and is sent,
    ``UNSET`` is left out of the JSON altogether.
    """

    UNSET = "UNSET"

    def __repr__(self) -> str:
        return "UNSET"

    def __bool__(self) -> Literal[False]:
        return False


UNSET: Final = Unset.UNSET
"""The value of every optional field that was not set."""

_HIDDEN = "'***'"


class Codec:
    """Turns a JSON value into its Python value; the base class passes values through."""

    def decode(self, value: Any) -> Any:
        return value


class ModelOf(Codec):
    """Decodes a JSON object into the model class of the given name."""

    def __init__(self, name: str) -> None:
        self._name = name

    def decode(self, value: Any) -> Any:
        model: type[Model] = getattr(
            importlib.import_module(".models", __package__), self._name
        )
        return model.from_dict(value)


class EnumOf(Codec):
    """Decodes a value of the named enum; a value the enum does not list is kept as it is."""

    def __init__(self, name: str) -> None:
        self._name = name

    def decode(self, value: Any) -> Any:
        enum_class: type[enum.Enum] = getattr(
            importlib.import_module(".models", __package__), self._name
        )
        try:
            return enum_class(value)
        except ValueError:
            return value


class ListOf(Codec):
    """Decodes each item of a JSON array."""

    def __init__(self, item: Codec) -> None:
        self._item = item

    def decode(self, value: Any) -> Any:
        if not isinstance(value, list):
            raise TypeError(f"expected a JSON array, got {type(value).__name__}")
        return [None if v is None else self._item.decode(v) for v in value]


class MapOf(Codec):
    """Decodes each value of a JSON object used as a map."""

    def __init__(self, value: Codec) -> None:
        self._value = value

    def decode(self, value: Any) -> Any:
        if not isinstance(value, dict):
            raise TypeError(f"expected a JSON object, got {type(value).__name__}")
        return {
            k: None if v is None else self._value.decode(v) for k, v in value.items()
        }


_PLAIN = Codec()


class Field(NamedTuple):
    """One row of a model's field table."""

    attr: str
    wire: str
    codec: Codec = _PLAIN
    sensitive: bool = False


def to_wire(value: Any) -> Any:
    """A Python value as JSON data: models become dicts, enums their values."""
    if isinstance(value, Model):
        return value.to_dict()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, list | tuple):
        return [to_wire(v) for v in value]
    if isinstance(value, dict):
        return {k: to_wire(v) for k, v in value.items()}
    return value


class Model:
    """Base class of the models: value equality, safe ``repr``, JSON conversion."""

    _fields: ClassVar[tuple[Field, ...]] = ()
    _extra: Mapping[str, Any] = MappingProxyType({})

    @property
    def extra_fields(self) -> Mapping[str, Any]:
        """Fields the server sent that this SDK version does not know; sent back by :meth:`to_dict`."""
        return self._extra

    def to_dict(self) -> dict[str, Any]:
        """The model as JSON data under its wire names; unset fields are left out."""
        data: dict[str, Any] = {}
        for field in self._fields:
            value = getattr(self, field.attr)
            if value is not UNSET:
                data[field.wire] = to_wire(value)
        for wire, value in self._extra.items():
            data.setdefault(wire, value)
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self:
        """Parse JSON data; fields this model does not know are kept in :attr:`extra_fields`."""
        if not isinstance(data, Mapping):
            raise TypeError(
                f"{cls.__name__}: expected a JSON object, got {type(data).__name__}"
            )
        values: dict[str, Any] = {}
        extra = dict(data)
        for field in cls._fields:
            if field.wire in data:
                value = extra.pop(field.wire)
                values[field.attr] = (
                    None if value is None else field.codec.decode(value)
                )
        try:
            model = cls(**values)
        except TypeError as exc:
            raise ValueError(f"{cls.__name__}: {exc}") from None
        if extra:
            object.__setattr__(model, "_extra", MappingProxyType(extra))
        return model

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        assert isinstance(other, Model)
        return self._extra == other._extra and all(
            getattr(self, f.attr) == getattr(other, f.attr) for f in self._fields
        )

    __hash__ = None  # type: ignore[assignment]  # mutable containers inside: not hashable

    def __repr__(self) -> str:
        parts = []
        for field in self._fields:
            value = getattr(self, field.attr)
            if value is not UNSET:
                shown = (
                    _HIDDEN if field.sensitive and value is not None else repr(value)
                )
                parts.append(f"{field.attr}={shown}")
        if self._extra:
            parts.append(f"extra_fields={sorted(self._extra)!r}")
        return f"{type(self).__name__}({', '.join(parts)})"


ModelT = TypeVar("ModelT", bound=Model)


class Builder(Generic[ModelT]):
    """Base class of the builders: collects values, then :meth:`build` makes the model."""

    _model: ClassVar[type[Model]]

    def __init__(self) -> None:
        self._values: dict[str, Any] = {}
        self._extra: Mapping[str, Any] = MappingProxyType({})

    def _set(self, attr: str, value: Any) -> Self:
        self._values[attr] = value
        return self

    @classmethod
    def _seeded(cls, model: Model) -> Self:
        builder = cls.__new__(cls)
        builder._values = {f.attr: getattr(model, f.attr) for f in model._fields}
        builder._extra = model.extra_fields
        return builder

    def build(self) -> ModelT:
        """The immutable model with the values set so far."""
        model = self._model(**self._values)
        if self._extra:
            object.__setattr__(model, "_extra", self._extra)
        return cast(ModelT, model)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(<{len(self._values)} values>)"
