"""The walk over plain dicts finds what the validator's own walk finds, word for word.

:mod:`sdkforge.spec.validate_walk` stands in for openapi-spec-validator's walk over a
document that matched the specification's schema. Hypothesis draws such documents,
Swagger 2.0 and OpenAPI 3.0 and 3.1, full of what the walk looks for: schemas that ``$ref`` one
another, ``allOf`` with ``required`` names defined or not, defaults of the wrong type,
nullable defaults, patterns Python cannot compile, parameters twice, tags twice, path
parameters declared or not. The findings must be exactly those of the validator alone,
located the same, save where the validator recurses forever (it collects an ``allOf``'s
property names without noting the schemas it has seen): there the walk finds all it
found, and goes on.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_validate_compiled import findings_of

from sdkforge.spec import validate
from sdkforge.spec.load import load_spec
from sdkforge.spec.validate_walk import PlainWalk, WalkUnsupported

NAMES = ["Pet", "Owner", "Tag", "Error"]
PROPERTIES = ["id", "name", "kind", "tags"]
DEFAULTS = st.sampled_from([None, 0, 1.5, "x", True, [], {}, ["a"], {"id": 1}])
PATTERNS = st.sampled_from(["^[a-z]+$", "(unclosed", "x{2,1}", "[a-"])


def _schemas(swagger2: bool) -> st.SearchStrategy[dict[str, Any]]:
    prefix = "#/definitions/" if swagger2 else "#/components/schemas/"
    leaf = st.one_of(
        st.sampled_from(NAMES).map(lambda name: {"$ref": prefix + name}),
        st.fixed_dictionaries(
            {"type": st.sampled_from(["string", "integer", "number", "boolean", "object", "array"])},
            optional={
                "default": DEFAULTS,
                "pattern": PATTERNS,
                "enum": st.just(["a", "b"]),
                **({} if swagger2 else {"nullable": st.booleans()}),
            },
        ),
    )

    def compound(inner: st.SearchStrategy[dict[str, Any]]) -> st.SearchStrategy[dict[str, Any]]:
        lists = st.lists(inner, min_size=1, max_size=3)
        required = st.lists(st.sampled_from([*PROPERTIES, "undefined", "other"]), min_size=1, max_size=3, unique=True)
        properties = st.dictionaries(st.sampled_from(PROPERTIES), inner, max_size=3)
        return st.one_of(
            st.fixed_dictionaries(
                {"type": st.just("object"), "properties": properties}, optional={"required": required}
            ),
            st.fixed_dictionaries(
                {"allOf": lists}, optional={"required": required, "properties": properties, "default": DEFAULTS}
            ),
            st.fixed_dictionaries({"anyOf": lists}),
            st.fixed_dictionaries({"oneOf": lists}),
            st.fixed_dictionaries({"type": st.just("array"), "items": inner}, optional={"default": DEFAULTS}),
            *([] if swagger2 else [st.fixed_dictionaries({"not": inner})]),
        )

    return st.recursive(leaf, compound, max_leaves=6)


@st.composite
def documents(draw: st.DrawFn, swagger2: bool) -> dict[str, Any]:
    """A document that is mostly valid, with what the walk checks drawn at random."""
    schemas = _schemas(swagger2)
    components = {name: draw(schemas) for name in NAMES}

    def parameter(where: str) -> dict[str, Any]:
        name = draw(st.sampled_from(["id", "page", "other"]))
        required = {"required": True} if where == "path" else {}
        if swagger2:
            extra = draw(st.fixed_dictionaries({"type": st.just("integer")}, optional={"default": DEFAULTS}))
            return {"name": name, "in": where, **required, **extra}
        return {"name": name, "in": where, **required, "schema": draw(schemas)}

    def parameters() -> list[dict[str, Any]]:
        drawn = [parameter(draw(st.sampled_from(["path", "query"]))) for _ in range(draw(st.integers(0, 3)))]
        if draw(st.booleans()):
            drawn.append({"$ref": "#/parameters/Shared" if swagger2 else "#/components/parameters/Shared"})
        return drawn

    def response() -> dict[str, Any]:
        if swagger2:
            return {"description": "d", "schema": draw(schemas)}
        return {"description": "d", "content": {"application/json": {"schema": draw(schemas)}}}

    paths: dict[str, Any] = {}
    for url in draw(st.lists(st.sampled_from(["/pets", "/pets/{id}", "/owners/{id}/{other}"]), unique=True)):
        item: dict[str, Any] = {}
        if draw(st.booleans()):
            item["parameters"] = parameters()
        for method in draw(st.lists(st.sampled_from(["get", "post", "delete"]), min_size=1, unique=True)):
            operation: dict[str, Any] = {"responses": {"200": response()}}
            if draw(st.booleans()):
                operation["parameters"] = parameters()
            if draw(st.booleans()):
                operation["operationId"] = draw(st.sampled_from(["listPets", "getPet"]))
            item[method] = operation
        paths[url] = item
    tags = [{"name": name} for name in draw(st.lists(st.sampled_from(["pets", "owners"]), max_size=3))]
    info = {"title": "Drawn", "version": "1"}
    shared = parameter("query")
    if swagger2:
        return {"swagger": "2.0", "info": info, "tags": tags, "paths": paths, "definitions": components,
                "parameters": {"Shared": shared}}  # fmt: skip
    return {"openapi": "3.0.3", "info": info, "tags": tags, "paths": paths,
            "components": {"schemas": components, "parameters": {"Shared": shared}}}  # fmt: skip


def _findings(document: dict[str, Any], folder: Path, plain: bool, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    if plain:
        return findings_of(document, folder, monkeypatch)
    return findings_of(
        document, folder, monkeypatch, _errors=lambda validator, document, spec, parts=None: validator.iter_errors()
    )


def _walk_taken(document: dict[str, Any], folder: Path) -> bool:
    """Whether the plain walk ran to the end (rather than handing over to the validator's)."""
    path = folder / "spec.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    spec = load_spec(path)
    validator = validate._validator_class(spec.version)(spec.data, base_uri=spec.root.as_uri())
    validate._check_schemas_compiled_first(validator)
    try:
        PlainWalk(validator, spec.data, spec).errors()
    except WalkUnsupported:
        return False
    return True


@pytest.mark.parametrize("version", ["3.0", "2.0", "3.1"], ids=["openapi3.0", "swagger2.0", "openapi3.1"])
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_the_plain_walk_finds_what_the_validator_finds(version, data, tmp_path, monkeypatch):
    document = data.draw(documents(version == "2.0"))
    if version == "3.1":  # the same walk, with 3.1's checks of a schema and a default
        document["openapi"] = "3.1.0"
    plain = _findings(document, tmp_path, True, monkeypatch)
    validator = _findings(document, tmp_path, False, monkeypatch)
    stopped = [f for f in validator if "validator stopped: it recursed without end" in f]
    if stopped and not any("validator stopped" in f for f in plain):
        # it recursed forever (an allOf of a union holding the schema itself): ours does not
        assert set(validator) - set(stopped) <= set(plain)
    else:  # the same, or the walk handed over to the validator's (which stopped the same way)
        assert plain == validator


def _required_findings(swagger2: bool) -> dict[str, Any]:
    prefix = "#/definitions/" if swagger2 else "#/components/schemas/"
    schemas = {
        "Base": {"type": "object", "properties": {"id": {"type": "integer"}}},
        "Pet": {"allOf": [{"$ref": prefix + "Base"}], "required": ["id", "undefined"], "properties": {}},
        "Named": {"type": "string", "default": 3},
    }
    schema = {"$ref": prefix + "Pet"}
    if swagger2:
        response = {"description": "d", "schema": schema}
        parameter = {"name": "id", "in": "query", "type": "integer"}
    else:
        response = {"description": "d", "content": {"application/json": {"schema": schema}}}
        parameter = {"name": "id", "in": "query", "schema": {"type": "integer"}}
    paths = {"/pets": {"get": {"parameters": [parameter, parameter], "responses": {"200": response}}}}
    info = {"title": "T", "version": "1"}
    if swagger2:
        return {"swagger": "2.0", "info": info, "paths": paths, "definitions": schemas}
    return {"openapi": "3.0.3", "info": info, "paths": paths, "components": {"schemas": schemas}}


@pytest.mark.parametrize("swagger2", [False, True], ids=["openapi3.0", "swagger2.0"])
def test_the_plain_walk_runs_to_the_end_and_reports(swagger2, tmp_path, monkeypatch):
    document = _required_findings(swagger2)
    assert _walk_taken(document, tmp_path)
    findings = _findings(document, tmp_path, True, monkeypatch)
    schemas = "/definitions" if swagger2 else "/components/schemas"
    assert "error 1 /paths/~1pets/get/parameters Duplicate parameter 'id'" in findings
    assert f"error 1 {schemas}/Pet Required list has not defined properties: ['undefined']" in findings
    if not swagger2:  # Swagger 2.0's definitions are only reached through the paths
        assert f"warning 1 {schemas}/Named/default 3 is not of type 'string'" in findings
    assert findings == _findings(document, tmp_path, False, monkeypatch)
