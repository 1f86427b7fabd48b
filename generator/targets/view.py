"""The decorator of the views a target's templates receive: data classes that mypy
checks as frozen, and that are plain ones when the code runs.

A view is made once, read by the templates, and compared and hashed by identity:
nothing compares two by value or shows one (no ``__eq__``, no ``__repr__``). That none
is changed once made is mypy's to check (``frozen_default``): a frozen data class
compiles a ``__setattr__`` and a ``__delattr__`` for each class when its module is
imported, by every run that renders, and its ``__init__`` sets each field through
``object.__setattr__``, slower for each of the thousands of views a big spec makes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar, dataclass_transform

T = TypeVar("T")


@dataclass_transform(frozen_default=True, eq_default=False)
def view(cls: type[T]) -> type[T]:
    """``cls`` made a view: a data class without ``__eq__`` and ``__repr__``, frozen to mypy."""
    return dataclass(eq=False, repr=False)(cls)
