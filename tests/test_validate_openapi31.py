"""OpenAPI 3.1's fast path: the specification's schemas (JSON Schema draft 2020-12) are
compiled after their translation to draft 7 (:mod:`sdkforge.spec.validate_draft7`), and a
document they accept gets no finding only when jsonschema, on its own, finds none.

Each invalid document below is one a looser translation would accept: a key that
``unevaluatedProperties`` allows only under a condition (``allowEmptyValue`` on a query
parameter, ``style`` beside a ``schema``), a ``then`` of a parameter's ``in``, the
extensions-only objects of the Schema Object's meta-schema (reached through its
``$dynamicRef``). The findings, located, must be those of the
validator alone, word for word.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import fastjsonschema
import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_validate_compiled import OAUTH, findings_of

from sdkforge.spec import validate
from sdkforge.spec.validate_draft7 import DRAFT7, Untranslatable, translate

SLOW = {"KEPT_CHECKS_VERSIONS": frozenset(), "_TRANSLATED_VERSIONS": frozenset()}


def _both(document: dict[str, Any], folder: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[list[str], list[str]]:
    """The findings with the fast path, and those of the validator alone."""
    return findings_of(document, folder, monkeypatch), findings_of(document, folder, monkeypatch, **SLOW)


def _with_operation(parameters: list[Any] | None = None, **operation: Any) -> dict[str, Any]:
    document = copy.deepcopy(OAUTH)
    path_item = document["paths"]["/oauth2/revoke"]["post"]
    if parameters is not None:
        path_item["parameters"] = parameters
    path_item.update(operation)
    return document


def _with_schema(schema: Any) -> dict[str, Any]:
    document = copy.deepcopy(OAUTH)
    document["components"]["schemas"]["Drawn"] = schema
    return document


QUERY = {"name": "q", "in": "query", "schema": {"type": "string"}}
PATH = {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}

INVALID = {
    "allowEmptyValue on a header parameter": _with_operation([{**QUERY, "in": "header", "allowEmptyValue": True}]),
    "style beside content, not schema": _with_operation(
        [{"name": "q", "in": "query", "style": "form", "content": {"application/json": {}}}]
    ),
    "a path parameter not required": _with_operation([{**PATH, "required": False}]),
    "a path parameter required: 1": _with_operation([{**PATH, "required": 1}]),
    "a header parameter in form style": _with_operation([{**QUERY, "in": "header", "style": "form"}]),
    "a parameter with schema and content": _with_operation([{**QUERY, "content": {"application/json": {}}}]),
    "an unknown key in info": {**copy.deepcopy(OAUTH), "info": {**OAUTH["info"], "bogus": 1}},
    "responses with no status and no default": _with_operation(responses={"x-note": "none"}),
    "a response code that is no status": _with_operation(responses={"600": {"description": "no"}}),
    "an example with value and externalValue": _with_operation(
        [{**QUERY, "examples": {"e": {"value": 1, "externalValue": "https://example.com"}}}]
    ),
    "a type the dialect has not": _with_schema({"type": "strng"}),
    "a nested type the dialect has not": _with_schema({"properties": {"a": {"items": {"type": 7}}}}),
    "a pattern Python cannot compile": _with_schema({"type": "string", "pattern": "(unclosed"}),
    "an unknown key in a discriminator": _with_schema({"discriminator": {"propertyName": "a", "bogus": 1}}),
    "an xml attribute that is no boolean": _with_schema({"xml": {"attribute": "yes"}}),
    "a $ref that is no string": _with_schema({"$ref": 7}),
    "an anchor that is no name": _with_schema({"$anchor": "1 2"}),
    "a required list with a number": _with_schema({"type": "object", "required": [1]}),
}

VALID = {
    "the spec itself": copy.deepcopy(OAUTH),
    "allowEmptyValue on a query parameter": _with_operation([{**QUERY, "allowEmptyValue": True}]),
    "style and explode beside a schema": _with_operation([{**QUERY, "style": "form", "explode": False}]),
    "a path parameter": _with_operation([PATH]),
    "extensions everywhere": _with_operation([{**QUERY, "x-a": 1}], responses={"2XX": {"description": "ok"}}),
    "a schema of every applicator": _with_schema(
        {
            "$defs": {"n": {"type": ["integer", "null"], "minimum": 0}},
            "type": "object",
            "prefixItems": [{"const": 1}],
            "properties": {"a": {"$ref": "#/components/schemas/Drawn/$defs/n"}},
            "patternProperties": {"^x$": {"enum": [True, 1, None]}},
            "dependentSchemas": {"a": {"required": ["b"]}},
            "if": {"required": ["a"]},
            "then": {"unevaluatedProperties": False},
            "discriminator": {"propertyName": "a", "x-ok": 1},
            "xml": {"name": "drawn"},
            "example": {"a": 1},
        }
    ),
}


@pytest.mark.parametrize("name", sorted(INVALID))
def test_an_invalid_31_document_is_found_invalid_as_by_the_validator_alone(name, tmp_path, monkeypatch):
    fast, slow = _both(INVALID[name], tmp_path, monkeypatch)
    assert slow, "the validator alone finds this document invalid"
    assert fast == slow


@pytest.mark.parametrize("name", sorted(VALID))
def test_a_valid_31_document_has_no_findings_either_way(name, tmp_path, monkeypatch):
    assert _both(VALID[name], tmp_path, monkeypatch) == ([], [])


def test_the_31_schemas_are_compiled_not_interpreted():
    # the fast path is taken: both of 3.1's checks have a compiled form
    interpreted = validate._interpreted("3.1")
    assert validate._compiled_2020(interpreted) is not None
    from openapi_schema_validator._dialects import OAS31_BASE_DIALECT_ID
    from openapi_schema_validator._format import oas31_format_checker
    from openapi_schema_validator._specifications import REGISTRY

    schema, formats = translate(
        REGISTRY, OAS31_BASE_DIALECT_ID, oas31_format_checker.conforms, frozenset(oas31_format_checker.checkers)
    )
    assert schema["$schema"] == DRAFT7 and "sdkforge-format:regex" in formats


@pytest.mark.parametrize(
    "schema",
    [
        {"multipleOf": 0.1},  # fastjsonschema's float arithmetic differs from jsonschema's
        {"unevaluatedItems": False},
        {"contains": {}, "minContains": 2},
        {"unevaluatedProperties": {"type": "string"}},
        {"enum": [[1]]},  # Python's [1] == [True]: jsonschema tells them apart
        {"format": "int32"},  # checked on numbers, where fastjsonschema calls no format
        {"properties": {"a": {"$id": "https://example.com/inner"}}},
    ],
)
def test_what_the_translation_cannot_render_exactly_is_refused(schema):
    from openapi_schema_validator._format import oas31_format_checker
    from referencing import Registry
    from referencing.jsonschema import DRAFT202012

    uri = "https://example.com/s"
    registry = Registry().with_resource(uri, DRAFT202012.create_resource({"$id": uri, **schema}))
    with pytest.raises(Untranslatable):
        translate(registry, uri, oas31_format_checker.conforms, frozenset(oas31_format_checker.checkers))


@pytest.mark.parametrize(
    ("schema", "instance"),
    [
        ({"enum": [True]}, 1),
        ({"enum": [1]}, True),
        ({"enum": [0]}, False),
        ({"enum": [1]}, 1.0),
        ({"type": "integer"}, 1.0),
        ({"type": "integer"}, True),
        ({"type": "number"}, False),
        ({"uniqueItems": True}, [1, True]),
        ({"uniqueItems": True}, [{"a": 1}, {"a": 1.0}]),
        ({"minLength": 2}, "\U0001f600"),
        ({"patternProperties": {"^a$": False}}, {"a\n": 1}),
    ],
)
def test_fastjsonschema_agrees_with_jsonschema_where_the_translation_trusts_it(schema, instance):
    # the keywords kept as they are must mean what they mean to jsonschema
    try:
        fastjsonschema.compile({"$schema": DRAFT7, **schema}, detailed_exceptions=False)(instance)
        compiled = True
    except fastjsonschema.JsonSchemaException:
        compiled = False
    assert compiled == jsonschema.Draft202012Validator(schema).is_valid(instance)


# Damage 3.1 can be loose about: keys allowed only beside others, values compared loosely.
KEYS = ["allowEmptyValue", "style", "explode", "required", "in", "content", "schema", "x-ok", "bogus",
        "discriminator", "examples", "example", "$ref", "$dynamicRef", "const", "prefixItems", "pattern",
        "unevaluatedProperties", "default", "2XX", "default"]  # fmt: skip
VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-1, 2),
    st.sampled_from(["", "x", "(", "query", "path", "header", "form", "simple", "matrix", "^a$", "#meta", "#/x"]),
    st.just([]),
    st.just({}),
    st.just({"type": "string"}),
    st.just({"propertyName": "a", "x-ok": 1}),
    st.just({"application/json": {}}),
)


@st.composite
def damaged31(draw: st.DrawFn) -> dict[str, Any]:
    """spec/oauth.yaml with one value replaced, or one key added, somewhere."""
    document = copy.deepcopy(OAUTH)
    node: Any = document
    for _ in range(draw(st.integers(0, 8))):
        if isinstance(node, dict) and node:
            key = draw(st.sampled_from(sorted(node)))
            if not isinstance(node[key], (dict, list)) or draw(st.integers(0, 3)) == 0:
                node[key] = draw(VALUES)
                return document
            node = node[key]
        elif isinstance(node, list) and node:
            node = node[draw(st.integers(0, len(node) - 1))]
        else:
            break
    if isinstance(node, dict):
        node[draw(st.sampled_from(KEYS))] = draw(VALUES)
    return document


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(document=damaged31())
def test_the_findings_on_a_damaged_31_document_are_the_validators(document, tmp_path, monkeypatch):
    fast, slow = _both(document, tmp_path, monkeypatch)
    assert fast == slow


def as_openapi_31(node: Any) -> Any:
    """A 3.0 description as 3.1 writes it: ``openapi: 3.1.0``, and each ``nullable: true``
    beside a ``type`` made a ``type: [x, "null"]`` (how the README's 3.1 figures were
    measured on GitHub's description)."""
    if isinstance(node, dict):
        out = {key: as_openapi_31(value) for key, value in node.items()}
        if "nullable" in out and isinstance(out.get("type"), str):
            if out.pop("nullable") is True:
                out["type"] = [out["type"], "null"]
        if isinstance(out.get("openapi"), str) and "paths" in out:
            out["openapi"] = "3.1.0"
        return out
    if isinstance(node, list):
        return [as_openapi_31(value) for value in node]
    return node


def test_githubs_description_as_31_is_valid_without_an_interpreted_check(tmp_path, monkeypatch):
    import json

    from project_paths import npm_spec

    from sdkforge.spec.load import load_spec

    path = tmp_path / "github31.json"
    path.write_text(json.dumps(as_openapi_31(json.loads(npm_spec("github").read_text(encoding="utf-8")))))
    spec = load_spec(path)
    assert spec.version == "3.1"
    interpreted = 0
    iter_errors = jsonschema.Draft202012Validator.iter_errors

    def counted(self: Any, *args: Any, **kwargs: Any) -> Any:
        nonlocal interpreted
        interpreted += 1
        return iter_errors(self, *args, **kwargs)

    monkeypatch.setattr(jsonschema.Draft202012Validator, "iter_errors", counted)
    assert validate.validate_spec(spec) == []
    assert interpreted == 0  # neither the document nor any of its 1,989 schemas was interpreted
