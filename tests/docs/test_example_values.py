"""Example values in the docs: the spec's examples first, else a deterministic placeholder.

The rule (``generator/targets/python/examples.py``): a value named ``name`` gets
``n`` = the number of ASCII letters and digits in ``name``, modulo 10; a string is the
name followed by ``n`` (``client_id`` -> ``client_id8``, the value on the source page),
an integer ``n``, a number ``n + 0.5``, a boolean ``False``, each kept inside the
schema's constraints.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from sdkforge.model.ir import Api, Body, Constraint, Field, Model, Parameter, ParamLocation, TypeKind, TypeRef
from sdkforge.targets.example_values import ExampleValues, digit, placeholder

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
