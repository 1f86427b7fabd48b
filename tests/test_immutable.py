"""The model's and the records' data classes (generator.immutable): what a frozen data class
gives besides its guard (equality and hashing by value, a repr, ``replace``, pickling),
without the guard's methods compiled at import."""

from __future__ import annotations

import dataclasses
import pickle
from pathlib import Path

from sdkforge.immutable import immutable
from sdkforge.model.ir import Field, Source, TypeKind, TypeRef
from sdkforge.spec.load import Ref


def test_objects_compare_and_hash_by_value_as_frozen_ones_do() -> None:
    one, same, other = TypeRef(TypeKind.MODEL, name="Pet"), TypeRef(TypeKind.MODEL, name="Pet"), TypeRef(TypeKind.ANY)
    assert one == same and one is not same and one != other
    assert hash(one) == hash(same)
    assert len({one, same, other}) == 2
    assert repr(one).startswith("TypeRef(kind=<TypeKind.MODEL: 'model'>, item=None, name='Pet'")
    assert dataclasses.replace(one, name="Cat") == TypeRef(TypeKind.MODEL, name="Cat")
    assert pickle.loads(pickle.dumps(one)) == one


def test_a_class_keeps_its_own_hash_and_slots_leave_no_dict() -> None:
    assert hash(Ref(Path("a.json"), "/x")) == hash("/x")  # spec.load.Ref hashes its pointer alone
    source = Source("", "/paths")
    assert not hasattr(source, "__dict__")
    assert pickle.loads(pickle.dumps(source)) == source
    assert hash(source) == hash(Source("", "/paths"))


def test_no_guard_is_compiled_for_a_class() -> None:
    @immutable
    class Point:
        x: int
        y: int = 0

    assert Point(1) == Point(1, 0) and hash(Point(1)) == hash(Point(1, 0))
    for kind in (Point, TypeRef, Field, Source):
        assert kind.__setattr__ is object.__setattr__ and kind.__delattr__ is object.__delattr__, kind
