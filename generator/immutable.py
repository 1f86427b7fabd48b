"""The decorator of sdkforge's data classes whose objects never change once made: frozen
to mypy, plain data classes when the code runs.

``dataclass(frozen=True)`` guards each class at run time with a ``__setattr__`` and a
``__delattr__``, compiled, with the class's other methods, when its module is imported,
and its ``__init__`` sets each field through ``object.__setattr__``. The model, the
records and the cache's entries are some fifty such classes, imported by every run that
does any work, and a model of GitHub's spec is 60,000 of their objects. Here mypy checks
that none is changed (``frozen_default``), and the class is a plain data class with what
a frozen one has besides: ``__eq__``, ``__repr__``, and a ``__hash__`` of its fields (or
the class's own). Views, which are compared by identity, have their own decorator
(:mod:`generator.targets.view`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
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
        return dataclass(kind, unsafe_hash="__hash__" not in vars(kind), slots=slots)

    return made if cls is None else made(cls)
