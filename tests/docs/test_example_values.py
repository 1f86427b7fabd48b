"""Example values in the docs: the spec's examples first, else a deterministic placeholder.

The rule (``generator/targets/python/examples.py``): a value named ``name`` gets
``n`` = the number of ASCII letters and digits in ``name``, modulo 10; a string is the
name followed by ``n`` (``client_id`` -> ``client_id8``, the value on the source page),
an integer ``n``, a number ``n + 0.5``, a boolean ``False``, each kept inside the
schema's constraints.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sdkforge.model.ir import Api, Body, Constraint, Field, Model, Parameter, ParamLocation, TypeKind, TypeRef
from sdkforge.targets.doc_structure import json_text
from sdkforge.targets.example_values import MAX_MODEL_NESTING, ExampleValues, digit, placeholder

STRING = TypeRef(TypeKind.STRING)


@pytest.mark.parametrize(
    ("name", "t", "constraints", "expected"),
    [
        ("client_id", STRING, (), "client_id8"),
        ("clientId", STRING, (), "clientId8"),
        ("id", STRING, (), "id2"),
        ("", STRING, (), "value0"),
        ("merchant_id", STRING, (Constraint("maxLength", 5),), "merch"),
        ("id", STRING, (Constraint("minLength", 6),), "id2222"),
        ("limit", TypeRef(TypeKind.INTEGER), (), 5),
        ("limit", TypeRef(TypeKind.INTEGER), (Constraint("minimum", 10),), 10),
        ("limit", TypeRef(TypeKind.INTEGER), (Constraint("maximum", 3),), 3),
        ("ratio", TypeRef(TypeKind.NUMBER), (), 5.5),
        ("flag", TypeRef(TypeKind.BOOLEAN), (), False),
        ("created_at", TypeRef(TypeKind.STRING, format="date-time"), (), "2006-01-02T15:04:05Z"),
        ("email", TypeRef(TypeKind.STRING, format="email"), (), "email5@example.com"),
    ],
)
def test_placeholder_rule(name, t, constraints, expected):
    assert placeholder(name, t, constraints) == expected


def test_the_digit_counts_letters_and_digits():
    assert digit("client_id") == 8 and digit("a-b.c") == 3 and digit("x" * 23) == 3


def test_placeholders_are_the_same_in_every_process():
    code = "from sdkforge.targets.example_values import placeholder as p; from sdkforge.model.ir import *;"
    code += "print(p('client_id', TypeRef(TypeKind.STRING, format='uuid')))"
    runs = {
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True, env={"PYTHONHASHSEED": s}
        ).stdout
        for s in ("0", "1", "2")
    }
    assert len(runs) == 1


def api_with(model: Model) -> Api:
    return Api("T", "", "1", (), (), {model.name: model}, {}, ())


def test_spec_examples_win_over_placeholders():
    field = Field("code", STRING, True, "", example="FROM_FIELD", has_example=True)
    plain = Field("grant_type", STRING, True, "")
    optional = Field("note", STRING, False, "")
    model = Model("Req", "", (field, plain, optional))
    values = ExampleValues(api_with(model))
    ref = TypeRef(TypeKind.MODEL, name="Req")
    assert values.of_model(model, every_field=True) == {
        "code": "FROM_FIELD",
        "grant_type": "grant_type9",
        "note": "note4",
    }
    assert values.of_body(Body("application/json", ref, True, "")) == {
        "code": "FROM_FIELD",
        "grant_type": "grant_type9",
    }
    assert values.of_body(Body("application/json", ref, True, "", {"code": "MEDIA"}, True)) == {"code": "MEDIA"}
    with_example = Model("Req", "", (field,), example={"code": "FROM_MODEL"}, has_example=True)
    assert ExampleValues(api_with(with_example)).of_type(ref, "body") == {"code": "FROM_MODEL"}
    credential = Parameter(
        "Authorization", ParamLocation.HEADER, STRING, True, "", example="Client X", has_example=True
    )
    assert values.of_parameter(credential) == "Client X"


def test_a_model_that_contains_itself_does_not_recurse_forever():
    node = Model("Node", "", (Field("child", TypeRef(TypeKind.MODEL, name="Node"), True, ""),))
    assert ExampleValues(api_with(node)).of_model(node, every_field=True) == {"child": None}


def _unshared(api: Api, model: Model, every_field: bool, seen: frozenset[str] = frozenset()):
    """The made-up example as the rule states it, made anew on every path (no sharing)."""
    if model.has_example:
        return model.example
    if model.name in seen or len(seen) >= MAX_MODEL_NESTING:
        return None
    inner = seen | {model.name}

    def of_type(t: TypeRef, name: str):
        if t.kind is TypeKind.MODEL:
            return _unshared(api, api.models[t.name], False, inner)
        if t.kind is TypeKind.ARRAY:
            return [of_type(t.item, name)]
        return placeholder(name, t)

    return {f.name: of_type(f.type, f.name) for f in model.fields if every_field or f.required}


def _ref(name: str, in_list: bool = False) -> TypeRef:
    t = TypeRef(TypeKind.MODEL, name=name)
    return TypeRef(TypeKind.ARRAY, item=t) if in_list else t


def _shapes() -> list[list[Model]]:
    """Model graphs where sharing a nested example could go wrong: a chain longer than
    the nesting cut, reached from the top and from halfway down; a cycle reached from
    outside it; a model nesting the page's own model through an optional field; a model
    with an example of its own in the way."""
    chain = [
        Model(
            f"C{i}", "", (Field("next", _ref(f"C{i + 1}", in_list=i % 2 == 1), True, ""), Field("id", STRING, True, ""))
        )
        for i in range(MAX_MODEL_NESTING + 4)
    ]
    chain.append(Model(f"C{MAX_MODEL_NESTING + 4}", "", (Field("id", STRING, True, ""),)))
    entry = Model("Entry", "", (Field("deep", _ref("C5"), True, ""), Field("top", _ref("C0"), True, "")))
    cycle = [
        Model("A", "", (Field("b", _ref("B"), True, ""),)),
        Model("B", "", (Field("a", _ref("A"), True, ""), Field("leaf", _ref("Leaf"), True, ""))),
        Model("Leaf", "", (Field("name", STRING, True, ""),)),
        Model("Outer", "", (Field("a", _ref("A"), True, ""), Field("leaf", _ref("Leaf"), True, ""))),
    ]
    back = [
        Model("Page", "", (Field("item", _ref("Item"), False, ""), Field("id", STRING, True, ""))),
        Model("Item", "", (Field("page", _ref("Page"), True, ""), Field("sku", STRING, True, ""))),
        Model("Holder", "", (Field("item", _ref("Item"), True, ""),)),
    ]
    given = [
        Model("Given", "", (Field("x", STRING, True, ""),), example={"x": "spec"}, has_example=True),
        Model("UsesGiven", "", (Field("g", _ref("Given"), True, ""), Field("h", _ref("Given", True), True, ""))),
    ]
    return [[*chain, entry], cycle, back, given]


@pytest.mark.parametrize("models", _shapes())
def test_shared_nested_examples_are_those_made_anew_on_every_path(models):
    api = Api("T", "", "1", (), (), {m.name: m for m in models}, {}, ())
    values = ExampleValues(api)
    # Every model's page (every field), in one order and then in the reverse order, and
    # every model nested (required fields) under every other: each as made without sharing.
    for order in (models, models[::-1]):
        for model in order:
            assert values.of_model(model, every_field=True) == _unshared(api, model, True)
            for other in models:
                seen = frozenset({other.name})
                assert values.of_model(model, False, seen) == _unshared(api, model, False, seen)


_JSON_LEAVES = st.none() | st.booleans() | st.integers() | st.floats() | st.text()
_JSON_VALUES = st.recursive(
    _JSON_LEAVES, lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner), max_leaves=30
)


@given(_JSON_VALUES)
def test_an_example_as_json_is_indented_as_json_dumps_indents_it(value):
    """The JSON of a model page's example: what ``json.dumps(value, indent=2,
    ensure_ascii=False)`` writes (infinities and NaN as it writes them), with line and
    paragraph separators and lone surrogates as ``\\u`` escapes."""
    expected = json.dumps(value, indent=2, ensure_ascii=False)
    for kept in ("\u2028", "\u2029", *map(chr, range(0xD800, 0xE000))):
        if kept in expected:
            expected = expected.replace(kept, f"\\u{ord(kept):04x}")
    assert json_text(value) == expected


def test_an_example_that_is_not_plain_json_is_written_as_json_dumps_writes_it():
    """A key that is not a string, or a tuple: what ``json.dumps`` makes of them."""
    assert json_text({"a": (1, 2), 3: True}) == '{\n  "a": [\n    1,\n    2\n  ],\n  "3": true\n}'
