"""The model's and the records' data classes (generator.immutable): what a frozen data class
gives besides its guard (equality and hashing by value, a repr, ``replace``, pickling),
without the guard's methods compiled at import."""

from __future__ import annotations

import dataclasses
import pickle
from pathlib import Path
from typing import Any

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


def test_equality_hash_and_repr_are_those_of_a_frozen_data_class() -> None:
    """Field by field as ``dataclass(frozen=True)`` makes them: the fields left out of
    comparison are left out of equality and hash, those left out of repr out of it."""

    def both(decorate: Any) -> Any:
        @decorate
        class Pair:
            name: str
            size: int = 0
            seen: dict[str, int] = dataclasses.field(default_factory=dict, compare=False, repr=False)

        return Pair

    @immutable
    class Alone:
        name: str

    @dataclasses.dataclass(frozen=True)
    class AloneFrozen:
        name: str

    ours, theirs = both(immutable), both(dataclasses.dataclass(frozen=True))
    for one, other in [(("a", 1, {"x": 1}), ("a", 1, {})), (("a", 1), ("a", 2)), (("a", 1), ("b", 1))]:
        assert (ours(*one) == ours(*other)) is (theirs(*one) == theirs(*other))
        assert (hash(ours(*one)) == hash(ours(*other))) is (hash(theirs(*one)) == hash(theirs(*other)))
    assert hash(ours("a", 1)) == hash(theirs("a", 1)) and hash(Alone("a")) == hash(AloneFrozen("a"))
    assert repr(ours("a", 1, {"x": 1})).partition("(")[2] == repr(theirs("a", 1, {"x": 1})).partition("(")[2]
    assert repr(ours("a")).endswith("Pair(name='a', size=0)")
    assert ours("a") != theirs("a") and ours("a") != ("a", 0)  # another class: never equal


def test_a_class_keeps_its_own_methods() -> None:
    @immutable
    class Named:
        name: str
        note: str = ""

        def __eq__(self, other: object) -> bool:
            return isinstance(other, Named) and self.name == other.name

        def __hash__(self) -> int:
            return hash(self.name)

        def __repr__(self) -> str:
            return f"<{self.name}>"

    assert Named("a", "x") == Named("a", "y") and hash(Named("a", "x")) == hash("a") and repr(Named("a")) == "<a>"


def test_an_object_holds_only_the_fields_not_given_their_defaults() -> None:
    """What an object holds is what it pickles as: a field given its default (the very
    object) is read from the class, and the object neither holds nor pickles it."""
    plain = Field("id", TypeRef(TypeKind.INTEGER), True, "")
    marked = Field("id", TypeRef(TypeKind.INTEGER), True, "", deprecated=True, example=0, has_example=True)
    assert set(vars(plain)) == {"name", "type", "required", "description"}
    assert set(vars(marked)) == {"name", "type", "required", "description", "deprecated", "example", "has_example"}
    assert (plain.deprecated, plain.example, plain.constraints, plain.source) == (False, None, (), None)
    assert (marked.deprecated, marked.example) == (True, 0)
    assert len(pickle.dumps(plain)) < len(pickle.dumps(marked))
    for one in (plain, marked):
        again = pickle.loads(pickle.dumps(one))
        assert again == one and vars(again) == vars(one)
    assert dataclasses.replace(plain, deprecated=True) == Field("id", TypeRef(TypeKind.INTEGER), True, "", True)
    assert dataclasses.replace(marked, deprecated=False) != marked
    assert Field(name="id", type=TypeRef(TypeKind.INTEGER), required=True, description="") == plain

    @immutable
    class Pair:
        name: str
        seen: dict[str, int] = dataclasses.field(default_factory=dict)

    assert Pair("a").seen == {} and Pair("a").seen is not Pair("a").seen  # made for each, as a data class does
    given = {"x": 1}
    assert Pair("a", given).seen is given
    try:
        Pair()  # type: ignore[call-arg]
    except TypeError as error:
        assert "name" in str(error)
    else:
        raise AssertionError("a field without a default must be given")


def test_a_default_that_is_a_function_is_held_not_bound() -> None:
    @immutable
    class Step:
        name: str
        run: Any = lambda value: value * 2

    step = Step("double")
    assert step.run(3) == 6 and "run" in vars(step)


def test_the_prose_digest_of_an_object_is_that_of_every_field_whatever_it_holds() -> None:
    """The API head's prose fingerprint pickles its security schemes: one that holds a
    field given its default (as an object made before defaults were left to the class
    did) gives the digest of one that does not."""
    from sdkforge.cache.prose import _digest_of_pickle
    from sdkforge.model.ir import AuthKind, SecurityScheme

    scheme = SecurityScheme("oauth2", AuthKind.BEARER, "Tokens.")
    holding = SecurityScheme("oauth2", AuthKind.BEARER, "Tokens.")
    object.__setattr__(holding, "token_url", None)
    assert "token_url" not in vars(scheme) and "token_url" in vars(holding)
    assert _digest_of_pickle(("title", (scheme,))) == _digest_of_pickle(("title", (holding,)))
    assert _digest_of_pickle(("title", (scheme,))) != _digest_of_pickle(
        ("title", (SecurityScheme("o", AuthKind.BEARER, ""),))
    )
