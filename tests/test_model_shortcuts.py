"""The quick paths of loading, modelling and naming give what the general ones give.

Loading checks literal data's depth without keeping where each value stands, and
locates findings in JSON from the nearest line known; modelling types most schemas at
once (a primitive, an enum, a ``$ref`` to a schema built already) and reads the values
of enums with the same list once; naming keeps distinct names without claiming each,
cases a name's words at once and finds a class name's snake case without splitting it
again.
Each shortcut is held here to the answer of the long way: the same model, the same
findings at the same places.
"""

from __future__ import annotations

import json
import random
import re
import unicodedata
from pathlib import Path

import pytest

from sdkforge.errors import Severity, SpecError
from sdkforge.model.build import build_api
from sdkforge.model.ir import TypeKind
from sdkforge.model.naming import UniqueNames, constant, kebab, pascal, pascal_and_snake, snake, title, words
from sdkforge.spec.load import MAX_DEPTH, load_spec
from sdkforge.targets.python.naming import name_api


def _spec(tmp_path: Path, schemas: dict[str, object], parameters: list[object] | None = None) -> Path:
    operation: dict[str, object] = {"operationId": "getThing", "responses": {"200": {"description": "ok"}}}
    if parameters:
        operation["parameters"] = parameters
    document = {
        "openapi": "3.0.3",
        "info": {"title": "Shortcuts", "version": "1"},
        "paths": {"/thing": {"get": operation}},
        "components": {"schemas": schemas},
    }
    path = tmp_path / "spec.json"
    path.write_text(json.dumps(document, indent=2))
    return path


def test_a_bare_ref_is_the_schema_type_and_a_nullable_ref_a_nullable_copy(tmp_path: Path) -> None:
    schemas = {
        "Pet": {"type": "object", "properties": {"id": {"type": "integer", "format": "int64"}}},
        "Owner": {
            "type": "object",
            "properties": {
                "pet": {"$ref": "#/components/schemas/Pet"},
                "maybe": {"$ref": "#/components/schemas/Pet", "nullable": True},
                "again": {"$ref": "#/components/schemas/Pet"},
                "count": {"type": "integer", "format": "int64"},
                "name": {"type": "string", "description": "The name.", "maxLength": 3},
            },
        },
    }
    api, _ = build_api(load_spec(_spec(tmp_path, schemas)))
    pet, maybe, again, count, name = api.models["Owner"].fields
    assert (pet.type.kind, pet.type.name, pet.type.nullable) == (TypeKind.MODEL, "Pet", False)
    assert (maybe.type.name, maybe.type.nullable) == ("Pet", True)
    assert again.type is pet.type
    assert count.type is api.models["Pet"].fields[0].type  # one object for each distinct primitive
    assert (count.type.kind, count.type.format) == (TypeKind.INTEGER, "int64")
    assert (name.description, [(c.keyword, c.value) for c in name.constraints]) == ("The name.", [("maxLength", 3)])


def test_enums_listing_the_same_values_each_get_them_and_each_say_what_is_wrong(tmp_path: Path) -> None:
    repeated = {"type": "string", "enum": ["a", "b", "a"]}
    schemas = {
        "One": {"type": "object", "properties": {"x": dict(repeated), "y": {"type": "string", "enum": ["a", "b"]}}},
        "Two": {"type": "object", "properties": {"x": dict(repeated), "y": {"type": "string", "enum": ["a", "b"]}}},
    }
    api, findings = build_api(load_spec(_spec(tmp_path, schemas)))
    for name in ("One_x", "Two_x", "One_y", "Two_y"):
        assert [v.value for v in api.enums[name].values] == ["a", "b"], name
    said = sorted((f.pointer, f.message) for f in findings if f.severity is Severity.WARNING)
    assert said == [
        (f"/components/schemas/{model}/properties/x", "enum values listed more than once, kept once: 'a'")
        for model in ("One", "Two")
    ]


def test_shared_parameters_and_responses_are_made_once_but_hoist_their_inline_types_for_each_use(
    tmp_path: Path,
) -> None:
    def ref(kind: str, name: str) -> dict[str, str]:
        return {"$ref": f"#/components/{kind}/{name}"}

    def operation(op_id: str, status: str) -> dict[str, object]:
        names = ("Limit", "Filter", "Kind", "Thing")
        responses = {status: ref("responses", "Inline"), "404": ref("responses", "Shared")}
        return {"operationId": op_id, "parameters": [ref("parameters", n) for n in names], "responses": responses}

    inline_object = {"type": "object", "properties": {"a": {"type": "string"}}}
    document = {
        "openapi": "3.0.3",
        "info": {"title": "Shared", "version": "1"},
        "paths": {"/a": {"get": operation("getA", "200"), "post": operation("postA", "201")}},
        "components": {
            "parameters": {
                "Limit": {"name": "limit", "in": "query", "schema": {"type": "integer", "not": {"type": "string"}}},
                "Filter": {"name": "filter", "in": "query", "schema": {"anyOf": [inline_object, {}]}},
                "Kind": {"name": "kind", "in": "query", "schema": {"type": "string", "enum": ["x", "y"]}},
                "Thing": {"name": "thing", "in": "query", "schema": ref("schemas", "Thing")},
            },
            "responses": {
                "Shared": {"description": "no", "content": {"application/json": {"schema": ref("schemas", "Thing")}}},
                "Inline": {"description": "yes", "content": {"application/json": {"schema": inline_object}}},
            },
            "schemas": {"Thing": {"type": "object", "properties": {"b": {"type": "boolean"}}}},
        },
    }
    path = tmp_path / "spec.json"
    path.write_text(json.dumps(document))
    api, findings = build_api(load_spec(path))
    get, post = api.groups[0].operations
    # An inline model or enum of a shared parameter or response is hoisted for each operation, as
    # before: the `anyOf` is typed Any, yet its object member is a model of each operation's own.
    assert sorted(api.models) == ["Thing", "filter_param_1", "filter_param_12", "getA_response", "postA_response"]
    assert sorted(api.enums) == ["kind_param", "kind_param2"]
    assert [p.type.name for p in get.parameters] == [None, None, "kind_param", "Thing"]
    assert [p.type.name for p in post.parameters] == [None, None, "kind_param2", "Thing"]
    assert get.parameters[:2] == post.parameters[:2] and get.parameters[3] == post.parameters[3]
    assert [(r.status, r.type.name if r.type else None) for r in get.responses + post.responses] == [
        ("200", "getA_response"),
        ("404", "Thing"),
        ("201", "postA_response"),
        ("404", "Thing"),
    ]
    assert [r.source.pointer if r.source else None for r in post.responses] == [
        "/paths/~1a/post/responses/201",
        "/paths/~1a/post/responses/404",
    ]
    assert [f.pointer for f in findings] == ["/components/parameters/Limit/schema/not"]  # said once


def test_findings_in_json_are_located_as_counted_from_the_top_in_any_order(tmp_path: Path) -> None:
    schemas = {f"M{i}": {"type": "object", "properties": {"p": {"type": "string"}}} for i in range(60)}
    path = _spec(tmp_path, schemas)
    pointers = [f"/components/schemas/M{i}/properties/p" for i in range(60)] + ["/paths", "/info/title"]
    random.Random(21).shuffle(pointers)
    text = path.read_text()
    spec = load_spec(path)
    for pointer in pointers + pointers[:5]:
        found = spec.finding(spec.root, pointer, "here")
        probe = load_spec(path)  # a fresh spec: counts from the top
        offset = probe._json_indexes[probe.root].locate(pointer.lstrip("/").split("/"))
        assert offset is not None
        expected = (text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1)
        assert (found.line, found.column) == expected, pointer


def test_distinct_names_are_kept_and_colliding_ones_numbered_in_order(tmp_path: Path) -> None:
    schemas = {
        "Plain": {"type": "object", "properties": {"id": {"type": "string"}, "url": {"type": "string"}}},
        "Clash": {
            "type": "object",
            "properties": {"fooBar": {"type": "string"}, "foo_bar": {"type": "string"}, "to_dict": {"type": "string"}},
        },
        "Colour": {"type": "string", "enum": ["red", "RED", "green"]},
        "Paint": {"type": "string", "enum": ["red", "RED", "green"]},  # the same values: named once for both
    }
    names = name_api(build_api(load_spec(_spec(tmp_path, schemas)))[0])
    assert names.of_type("Paint").members == {"red": "RED", "RED": "RED_2", "green": "GREEN"}
    assert names.of_type("Plain").fields == {"id": "id", "url": "url"}
    assert names.of_type("Clash").fields == {"fooBar": "foo_bar", "foo_bar": "foo_bar_2", "to_dict": "to_dict_"}
    assert names.of_type("Colour").members == {"red": "RED", "RED": "RED_2", "green": "GREEN"}


def test_unique_names_take_a_free_name_as_it_is_and_number_the_rest() -> None:
    names = UniqueNames(frozenset({"self"}))
    assert [names.take(n) for n in ("a", "self", "a", "self", "a_2", "a")] == [
        "a",
        "self_",
        "a_2",
        "self_2",
        "a_2_2",
        "a_3",
    ]


_WORD_AS_WRITTEN = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|[0-9]+")
"""The word pattern as first written; :mod:`sdkforge.model.naming` tries its alternatives
in another order."""


def _words_one_by_one(name: str) -> list[str]:
    folded = name if name.isascii() else unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return _WORD_AS_WRITTEN.findall(folded)


def _pascal_one_by_one(name: str) -> str:
    return "".join(w[0].upper() + w[1:] for w in _words_one_by_one(name))


def _snake_one_by_one(name: str) -> str:
    return "_".join(w.lower() for w in _words_one_by_one(name))


@pytest.mark.parametrize("alphabet", ["aAbB019_- .\u00e9\u00c9\u540d", "aA1 ", "a1-", "AB_", "ab AB-", "Ab"])
def test_case_styles_give_what_casing_word_by_word_gives(alphabet: str) -> None:
    """The case styles change the case of a name's joined words at once, a PascalCase
    name's snake case comes from the words it was made of, and the word pattern tries
    its alternatives in another order: each gives what splitting and casing one word at
    a time gives. Capitals or digits next to each other run together when joined
    (``a b`` -> ``AB`` -> ``ab``), which a short alphabet makes often."""
    rng = random.Random(alphabet)
    for _ in range(20000):
        name = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 16)))
        split = _words_one_by_one(name)
        assert words(name) == split
        assert snake(name) == _snake_one_by_one(name)
        assert kebab(name) == "-".join(w.lower() for w in split)
        assert constant(name) == "_".join(w.upper() for w in split)
        assert title(name) == " ".join(w[0].upper() + w[1:] for w in split)
        assert pascal(name) == _pascal_one_by_one(name)
        assert pascal_and_snake(name) == (_pascal_one_by_one(name), _snake_one_by_one(_pascal_one_by_one(name)))


@pytest.mark.parametrize(
    ("lists", "inside", "refused"),
    [(64, "", False), (64, "1", True), (65, "", True), (63, "[1]", True), (63, "[]", False)],
)
def test_the_quick_depth_check_refuses_what_the_walk_refuses(
    tmp_path: Path, lists: int, inside: str, refused: bool
) -> None:
    """Literal data is looked at without keeping where each value stands; only a value
    nested too deep is walked again to say where it is. The value under ``x-deep``
    stands at depth 1, its innermost list at depth ``lists``: a list at depth 64 may be
    there, empty; anything in it is too deep."""
    path = tmp_path / "spec.json"
    head = '{"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {}, "x-deep": '
    path.write_text(head + "[" * lists + inside + "]" * lists + "}")
    if not refused:
        load_spec(path)
        return
    with pytest.raises(SpecError) as raised:
        load_spec(path)
    (finding,) = raised.value.findings
    assert finding.message == f"the document is nested more than {MAX_DEPTH} levels deep"
    assert finding.pointer == "/x-deep" + "/0" * 64
