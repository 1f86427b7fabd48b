"""Shared machinery of the models: unset values, wire codecs, equality, repr, builders.

Each model is a frozen dataclass with a table of its fields (``_fields``): the Python
attribute, the JSON name, how to decode the value, and whether it is sensitive. The
generic code below serialises and parses every model from that table.

A model is immutable all through: a list given for a field is stored as a tuple (lists
in lists too), so neither the caller's list nor the model's value can change it later.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import enum
import importlib
from collections.abc import Mapping, Sequence
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

    def fit(self, value: Any) -> int | None:
        """How well ``value`` fits this type, for choosing a union member: None when it
        cannot be one, higher for a closer match."""
        return 0


class JsonType(Codec):
    """A plain JSON type (string, integer, number, boolean, array, object): values pass
    through; used where union members must be told apart."""

    _CHECKS: ClassVar[dict[str, tuple[type, ...]]] = {
        "string": (str,),
        "integer": (int,),
        "number": (int, float),
        "boolean": (bool,),
        "array": (list,),
        "object": (dict,),
    }

    def __init__(self, json_type: str) -> None:
        self._json_type = json_type

    def fit(self, value: Any) -> int | None:
        if isinstance(value, bool) and self._json_type != "boolean":
            return None
        return 1 if isinstance(value, self._CHECKS[self._json_type]) else None


class DateTimeOf(Codec):
    """Decodes ISO 8601 text into a ``datetime.datetime`` (or, with ``date=True``, a ``datetime.date``)."""

    def __init__(self, date: bool = False) -> None:
        self._date = date

    def decode(self, value: Any) -> Any:
        if not isinstance(value, str):
            raise TypeError(f"expected ISO 8601 text, got {type(value).__name__}")
        return (
            _dt.date.fromisoformat(value)
            if self._date
            else _dt.datetime.fromisoformat(value)
        )

    def fit(self, value: Any) -> int | None:
        try:
            self.decode(value)
        except (TypeError, ValueError):
            return None
        return 2


class ModelOf(Codec):
    """Decodes a JSON object into the model class of the given name."""

    def __init__(self, name: str) -> None:
        self._name = name

    def _model(self) -> type[Model]:
        model: type[Model] = getattr(
            importlib.import_module(".models", __package__), self._name
        )
        return model

    def decode(self, value: Any) -> Any:
        return self._model().from_dict(value)

    def fit(self, value: Any) -> int | None:
        """The number of the object's keys the model knows; None if a required one is missing."""
        if not isinstance(value, dict):
            return None
        model = self._model()
        if any(f.wire not in value for f in model._fields if f.required):
            return None
        return 1 + sum(1 for f in model._fields if f.wire in value)


class EnumOf(Codec):
    """Decodes a value of the named enum; a value the enum does not list is kept as it is."""

    def __init__(self, name: str) -> None:
        self._name = name

    def decode(self, value: Any) -> Any:
        try:
            return self._enum()(value)
        except ValueError:
            return value

    def _enum(self) -> type[enum.Enum]:
        enum_class: type[enum.Enum] = getattr(
            importlib.import_module(".models", __package__), self._name
        )
        return enum_class

    def fit(self, value: Any) -> int | None:
        """2 for a listed value, 1 for another value of the enum's JSON type."""
        values = {member.value for member in self._enum()}
        if not isinstance(value, str | int) or isinstance(value, bool):
            return None
        if value in values:
            return 2
        return 1 if isinstance(value, type(next(iter(values)))) else None


class ListOf(Codec):
    """Decodes each item of a JSON array."""

    def __init__(self, item: Codec) -> None:
        self._item = item

    def decode(self, value: Any) -> Any:
        if not isinstance(value, list):
            raise TypeError(f"expected a JSON array, got {type(value).__name__}")
        return [None if v is None else self._item.decode(v) for v in value]

    def fit(self, value: Any) -> int | None:
        return 1 if isinstance(value, list) else None


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

    def fit(self, value: Any) -> int | None:
        return 1 if isinstance(value, dict) else None


class UnionOf(Codec):
    """Decodes a value of one of several types (an OpenAPI ``oneOf``/``anyOf``).

    With a discriminator, the value of that property names the model; an object whose
    value the union does not map (a kind the API added later) is kept as the dict it
    came as, never read as another member. Without one (or for an object that lacks the
    property), the member the value fits best wins: the JSON type must match, a model
    must find all its required fields, and among models the one that knows the most of
    the object's keys is chosen; ties go to the member listed first. A value no member
    fits is kept as it is.
    """

    def __init__(
        self,
        members: tuple[Codec, ...],
        discriminator: str | None = None,
        mapping: Mapping[str, str] | None = None,
    ) -> None:
        self._members = members
        self._discriminator = discriminator
        self._mapping = dict(mapping or {})

    def decode(self, value: Any) -> Any:
        if (
            self._discriminator is not None
            and isinstance(value, dict)
            and self._discriminator in value
        ):
            name = self._mapping.get(str(value[self._discriminator]))
            return value if name is None else ModelOf(name).decode(value)
        best: Codec | None = None
        best_fit = -1
        for member in self._members:
            fit = member.fit(value)
            if fit is not None and fit > best_fit:
                best, best_fit = member, fit
        return value if best is None else best.decode(value)

    def fit(self, value: Any) -> int | None:
        fits = [f for f in (m.fit(value) for m in self._members) if f is not None]
        return max(fits) if fits else None


_PLAIN = Codec()


class Field(NamedTuple):
    """One row of a model's field table."""

    attr: str
    wire: str
    codec: Codec = _PLAIN
    sensitive: bool = False
    required: bool = False
    read_only: bool = False


def to_wire(value: Any, request: bool = False) -> Any:
    """A Python value as JSON data: models become dicts, enums their values, dates and
    times ISO 8601 text. In a ``request``, read-only fields are left out."""
    if isinstance(value, Model):
        return value._wire(request)
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, _dt.date):  # datetime too
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [to_wire(v, request) for v in value]
    if isinstance(value, dict):
        return {k: to_wire(v, request) for k, v in value.items()}
    return value


def _frozen(value: Any) -> Any:
    """``value`` with each list (and any other sequence but text) made a tuple, at every
    depth of lists in lists; other values as they are."""
    if isinstance(value, Sequence) and not isinstance(value, str | bytes | bytearray):
        return tuple(_frozen(item) for item in value)
    return value


@dataclasses.dataclass(frozen=True, kw_only=True, eq=False, repr=False)
class Model:
    """Base class of the models: value equality and hash, safe ``repr``, JSON conversion."""

    _fields: ClassVar[tuple[Field, ...]] = ()

    extra_fields: Mapping[str, Any] = dataclasses.field(default_factory=dict)
    """Fields the server sent that this SDK version does not know; sent back by :meth:`to_dict`.

    An argument of the constructor, so ``dataclasses.replace`` keeps them too."""

    def __post_init__(self) -> None:
        for field in self._fields:
            value = getattr(self, field.attr)
            frozen = _frozen(value)
            if frozen is not value:
                object.__setattr__(self, field.attr, frozen)
        object.__setattr__(
            self, "extra_fields", MappingProxyType(dict(self.extra_fields))
        )

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle and copy by the field values (``extra_fields`` is a read-only view,
        which cannot be pickled itself)."""
        values = {f.attr: getattr(self, f.attr) for f in self._fields}
        return (_rebuilt, (type(self), values, dict(self.extra_fields)))

    def to_dict(self) -> dict[str, Any]:
        """The model as JSON data under its wire names; unset fields are left out."""
        return self._wire(request=False)

    def _wire(self, request: bool) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for field in self._fields:
            value = getattr(self, field.attr)
            if value is not UNSET and not (request and field.read_only):
                data[field.wire] = to_wire(value, request)
        for wire, value in self.extra_fields.items():
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
            return cls(**values, extra_fields=extra)
        except TypeError as exc:
            raise ValueError(f"{cls.__name__}: {exc}") from None

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        assert isinstance(other, Model)
        return self.extra_fields == other.extra_fields and all(
            getattr(self, f.attr) == getattr(other, f.attr) for f in self._fields
        )

    def __hash__(self) -> int:
        """A hash by value, like a tuple's: a model holding a dict is not hashable."""
        return hash(
            (
                type(self),
                tuple(getattr(self, f.attr) for f in self._fields),
                tuple(sorted(self.extra_fields.items(), key=lambda item: item[0])),
            )
        )

    def __repr__(self) -> str:
        parts = []
        for field in self._fields:
            value = getattr(self, field.attr)
            if value is not UNSET:
                shown = (
                    _HIDDEN if field.sensitive and value is not None else repr(value)
                )
                parts.append(f"{field.attr}={shown}")
        if self.extra_fields:
            parts.append(f"extra_fields={sorted(self.extra_fields)!r}")
        return f"{type(self).__name__}({', '.join(parts)})"


ModelT = TypeVar("ModelT", bound=Model)


def _rebuilt(
    cls: type[ModelT], values: dict[str, Any], extra: dict[str, Any]
) -> ModelT:
    """The model :meth:`Model.__reduce__` saved."""
    return cls(**values, extra_fields=extra)


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
        return cast(ModelT, self._model(**self._values, extra_fields=self._extra))

    def __repr__(self) -> str:
        return f"{type(self).__name__}(<{len(self._values)} values>)"
