"""The decorator of sdkforge's data classes whose objects never change once made: frozen
to mypy, plain data classes when the code runs.

``dataclass(frozen=True)`` guards each class at run time with a ``__setattr__`` and a
``__delattr__``, compiled, with the class's other methods, when its module is imported,
and its ``__init__`` sets each field through ``object.__setattr__``. The model, the
records and the cache's entries are some fifty such classes, imported by every run that
does any work, and a model of GitHub's spec is 60,000 of their objects. Here mypy checks
that none is changed (``frozen_default``), and the class is a plain data class with what
a frozen one has besides: ``__eq__``, ``__repr__``, and a ``__hash__`` of its fields (or
the class's own). Only ``__init__`` is compiled for each class (compiling a method is
most of what making a data class costs); the three others are made from one function
each, given what reads the class's fields (one :func:`operator.attrgetter`). Its
``__init__`` leaves out a field given its default, which the object then reads from the
class: an object pickles as what it holds, and a model's objects hold mostly defaults
(GitHub's model kept for the next run: 7.5 MB of pickle, 5.9 MB so). Views,
which are compared by identity, have their own decorator (:mod:`generator.targets.view`).
"""

from __future__ import annotations

import dataclasses
import operator
from collections.abc import Callable
from typing import Any, TypeVar, dataclass_transform, overload

T = TypeVar("T")


@overload
def immutable(cls: type[T], /) -> type[T]: ...


@overload
def immutable(*, slots: bool = False) -> Callable[[type[T]], type[T]]: ...


@dataclass_transform(frozen_default=True)
def immutable(cls: Any = None, /, *, slots: bool = False) -> Any:
    """``cls`` made an immutable data class (``slots``: with ``__slots__``, no ``__dict__``)."""

    def made(kind: type[T]) -> type[T]:
        own = vars(kind)
        trimmed = not slots and "__post_init__" not in own
        data_class = dataclasses.dataclass(kind, init=not trimmed, eq=False, repr=False, slots=slots)
        fields = dataclasses.fields(data_class)  # type: ignore[arg-type]  # a data class now
        if trimmed:
            data_class.__init__ = _init(data_class, fields)  # type: ignore[method-assign]
        if "__eq__" not in own:
            data_class.__eq__ = _equal(_values(f.name for f in fields if f.compare))  # type: ignore[method-assign]
        if "__hash__" not in own:
            hashed = _values(f.name for f in fields if (f.compare if f.hash is None else f.hash))
            data_class.__hash__ = _hash(hashed)  # type: ignore[assignment,method-assign]
        if "__repr__" not in own:
            data_class.__repr__ = _repr(tuple(f.name for f in fields if f.repr))  # type: ignore[method-assign]
        return data_class

    return made if cls is None else made(cls)


def _values(names: Any) -> Callable[[Any], tuple[Any, ...]]:
    """What reads the fields ``names`` of an object, as a tuple (as a data class's methods read them)."""
    names = tuple(names)
    if len(names) > 1:
        return operator.attrgetter(*names)
    if names:
        one = operator.attrgetter(names[0])
        return lambda value: (one(value),)
    return lambda value: ()


def _equal(values: Callable[[Any], tuple[Any, ...]]) -> Callable[[Any, Any], Any]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is self.__class__:
            return values(self) == values(other)
        return NotImplemented

    return __eq__


def _hash(values: Callable[[Any], tuple[Any, ...]]) -> Callable[[Any], int]:
    def __hash__(self: Any) -> int:
        return hash(values(self))

    return __hash__


def _repr(names: tuple[str, ...]) -> Callable[[Any], str]:
    def __repr__(self: Any) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in names)
        return f"{self.__class__.__qualname__}({shown})"

    return __repr__


def _init(kind: type, fields: tuple[dataclasses.Field[Any], ...]) -> Callable[..., None]:
    """An ``__init__`` that sets each field, but one given its default (the very object),
    which the object then reads from its class: a model's objects hold mostly defaults
    (a field is seldom deprecated, read-only or a secret), and an object pickles, and is
    read back, as the fields it holds."""
    given: dict[str, Any] = {}
    parameters, lines = [], []
    for f in fields:
        if f.kw_only is True or not f.init:  # none of sdkforge's classes has one: said, not half made
            raise TypeError(
                f"{kind.__qualname__}.{f.name}: an immutable class's fields are all given to __init__ in order"
            )
        if f.default_factory is not dataclasses.MISSING:
            given[f"_make_{f.name}"] = f.default_factory
            given["_MISSING"] = dataclasses.MISSING
            parameters.append(f"{f.name}=_MISSING")
            lines.append(f"    self.{f.name} = _make_{f.name}() if {f.name} is _MISSING else {f.name}")
        elif f.default is not dataclasses.MISSING:
            given[f"_default_{f.name}"] = f.default
            parameters.append(f"{f.name}=_default_{f.name}")
            # a default that binds (a function) would be read from the class as a method: it is set
            left = "" if hasattr(type(f.default), "__get__") else f"if {f.name} is not _default_{f.name}:\n        "
            lines.append(f"    {left}self.{f.name} = {f.name}")
        else:
            parameters.append(f.name)
            lines.append(f"    self.{f.name} = {f.name}")
    source = f"def __init__(self, {', '.join(parameters)}):\n" + ("\n".join(lines) or "    pass") + "\n"
    exec(source, given)  # noqa: S102 - made here from the class's field names
    init: Callable[..., None] = given["__init__"]
    init.__qualname__ = f"{kind.__qualname__}.__init__"
    return init
