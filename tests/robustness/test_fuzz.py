"""Fuzzing: random specs with random schema shapes, awkward names and hostile strings.

Shapes: objects, arrays, maps, enums, ``$ref``s (recursive ones too), nullable types,
``oneOf``/``anyOf``/``allOf``; names from the awkward list, the names naming reserves
(``importlib``, ``staticmethod``, ``cast``...) or random Unicode, controls included;
every data string (description, title, example, default, format, server, path) hostile,
and prose (descriptions, titles, summaries, examples) and names that only become
identifiers (tags, operationIds) with lone surrogates too, which no UTF-8 file can hold.

For each spec hypothesis builds, the generated package must parse, be black-formatted,
hold no spec text in its code (string literals, docstrings and comments only; checked on
the tokens, and by generating the same spec with every data string replaced by plain
text, which must give token-for-token the same code), import, and round-trip data through
every model; no ``{{ }}`` from the spec may be evaluated in any file; and the docs, read by a
CommonMark parser (markdown-it-py), may hold no link or image but to http, https and mailto
URLs (our own relative links aside) and no raw HTML but our ``<br>``, whatever Markdown link
syntax the spec's strings hold.

CI runs a bounded number of examples (25). A longer run::

    SDKFORGE_FUZZ_EXAMPLES=500 pytest tests/robustness/test_fuzz.py

(add ``--hypothesis-seed=N`` to replay a run; hypothesis prints the smallest failing spec).
"""

from __future__ import annotations

import ast
import itertools
import json
import os
import tempfile
from pathlib import Path
from typing import Any

import black
import pytest
from commonmark_links import LINK_ATTACKS, LINK_SYNTAX, unsafe
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from robustness_support import (
    AWKWARD_NAMES,
    HOSTILE,
    LONE_SURROGATES,
    RESERVED_NAMES,
    imported,
    leaks,
    render_raw,
    replace_strings,
    skeleton,
    unique_package,
    write_spec,
)

from sdkforge.cache.store import Cache
from sdkforge.output.write import write_files
from sdkforge.pipeline import check_spec
from sdkforge.targets.python.format import black_mode, format_files

EXAMPLES = int(os.environ.get("SDKFORGE_FUZZ_EXAMPLES", "25"))
MARK = "\u27e6"  # every data string starts with it; no name holds it
EVAL = "\u27ea{{ 7*7 }}\u27eb"
REF = "#/components/schemas/"

# ---- strategies --------------------------------------------------------------------

_free_text = st.text(st.characters(codec="utf-8", exclude_characters=MARK), max_size=8)
hostile_piece = st.one_of(st.sampled_from([*HOSTILE, EVAL, *LINK_ATTACKS]), LINK_SYNTAX, _free_text)
# A data string: descriptions, titles, examples, server URLs... always marked.
data_text = st.lists(hostile_piece, max_size=4).map(lambda parts: MARK + "".join(parts))
# Prose: descriptions, titles, summaries, examples; lone surrogates too (a JSON spec can
# hold them), which become U+FFFD or escapes in the output. Always marked.
prose_text = st.lists(st.one_of(hostile_piece, st.sampled_from(LONE_SURROGATES)), max_size=4).map(
    lambda parts: MARK + "".join(parts)
)
# A name: of a property, parameter, tag, operation. Never marked.
name = st.one_of(st.sampled_from(AWKWARD_NAMES), st.sampled_from(RESERVED_NAMES), _free_text)
# A name that only becomes an identifier, never goes on the wire: a tag, an operationId.
identifier_name = st.one_of(name, st.tuples(name, st.sampled_from(LONE_SURROGATES)).map("".join))
component_name = st.one_of(
    st.sampled_from([n for n in AWKWARD_NAMES if n and all(c.isascii() and (c.isalnum() or c in "._-") for c in n)]),
    st.sampled_from(RESERVED_NAMES),
    st.from_regex(r"[A-Za-z0-9._-]{1,10}", fullmatch=True),
)
enum_value = st.one_of(st.sampled_from(AWKWARD_NAMES), hostile_piece)
json_leaf = st.one_of(st.none(), st.booleans(), st.integers(-(2**70), 2**70), st.floats(allow_nan=False), prose_text)
json_value = st.recursive(
    json_leaf, lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(prose_text, inner, max_size=3))
)


def maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(st.none(), strategy)


def with_text(draw: st.DrawFn, schema: dict[str, Any]) -> dict[str, Any]:
    """Sprinkle data strings on a schema: description, title, example."""
    for key, strategy in (("description", prose_text), ("title", prose_text), ("example", json_value)):
        value = draw(maybe(strategy))
        if value is not None:
            schema[key] = value
    return schema


@st.composite
def leaf_schema(draw: st.DrawFn, components: list[str]) -> dict[str, Any]:
    kind = draw(st.sampled_from(["string", "integer", "number", "boolean", "enum", "ref", "ref"]))
    if kind == "ref" and components:
        return {"$ref": REF + draw(st.sampled_from(components))}
    if kind == "enum":
        return with_text(
            draw, {"type": "string", "enum": draw(st.lists(enum_value, min_size=1, max_size=4, unique=True))}
        )
    kind = "string" if kind in ("ref", "enum") else kind
    schema: dict[str, Any] = {"type": [kind, "null"] if draw(st.booleans()) else kind}
    if kind == "string":
        default = draw(maybe(data_text))
        if default is not None:
            schema["default"] = default
        form = draw(maybe(data_text))
        if form is not None:
            schema["format"] = form
    return with_text(draw, schema)


@st.composite
def object_schema(draw: st.DrawFn, children: st.SearchStrategy[dict[str, Any]]) -> dict[str, Any]:
    properties = draw(st.dictionaries(name, children, min_size=1, max_size=4))
    required = [p for p in properties if draw(st.booleans())]
    schema: dict[str, Any] = {"type": "object", "properties": properties}
    if required:
        schema["required"] = required
    return with_text(draw, schema)


def schema(components: list[str]) -> st.SearchStrategy[dict[str, Any]]:
    return st.recursive(
        leaf_schema(components),
        lambda children: st.one_of(
            st.builds(lambda items: {"type": "array", "items": items}, children),
            st.builds(lambda values: {"type": "object", "additionalProperties": values}, children),
            object_schema(children),
            st.builds(
                lambda key, members: {key: members},
                st.sampled_from(["oneOf", "anyOf"]),
                st.lists(children, min_size=1, max_size=3),
            ),
            st.builds(lambda parts: {"allOf": parts}, st.lists(object_schema(children), min_size=2, max_size=3)),
        ),
        max_leaves=6,
    )


@st.composite
def parameters(draw: st.DrawFn, components: list[str]) -> list[dict[str, Any]]:
    found = []
    for location in ("query", "header", "cookie"):
        names = draw(st.lists(name.filter(bool), max_size=2, unique=True))
        for param in names:
            if location != "query" and (not param.isascii() or not param.isidentifier()):
                continue  # HTTP header and cookie names are tokens
            if location == "header" and param.lower() in ("accept", "content-type", "authorization"):
                continue
            found.append(
                {
                    "name": param,
                    "in": location,
                    "required": draw(st.booleans()),
                    "description": draw(prose_text),
                    "schema": draw(leaf_schema(components)),
                }
            )
    return found


@st.composite
def specs(draw: st.DrawFn) -> dict[str, Any]:
    components = draw(st.lists(component_name, min_size=1, max_size=4, unique_by=str.lower))
    schemas = {}
    for component in components:
        shape = draw(st.one_of(object_schema(schema(components)), schema(components)))
        if shape.get("$ref") == REF + component:  # a schema that is only itself
            shape = {"type": "string"}
        schemas[component] = shape
    operation_ids = draw(st.lists(identifier_name, min_size=1, max_size=3, unique=True))
    tags = draw(st.lists(identifier_name, min_size=1, max_size=2, unique=True))
    paths: dict[str, Any] = {}
    for i, operation_id in enumerate(operation_ids):
        operation: dict[str, Any] = {
            "operationId": operation_id,
            "tags": [draw(st.sampled_from(tags))],
            "summary": draw(prose_text),
            "description": draw(prose_text),
            "deprecated": draw(st.booleans()),
            "parameters": draw(parameters(components)),
            "responses": {"200": {"description": draw(prose_text)}},
        }
        if draw(st.booleans()):
            operation["responses"]["200"]["content"] = {"application/json": {"schema": draw(schema(components))}}
        if draw(st.booleans()):
            operation["requestBody"] = {
                "required": draw(st.booleans()),
                "description": draw(prose_text),
                "content": {"application/json": {"schema": draw(schema(components)), "example": draw(json_value)}},
            }
        segment = draw(data_text).replace("{", "(").replace("}", ")")
        paths[f"/p{i}/{{id}}/{segment}"] = {
            "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
            draw(st.sampled_from(["get", "post", "put", "delete", "patch"])): operation,
        }
    return {
        "openapi": "3.1.0",
        "info": {"title": draw(prose_text), "version": draw(data_text), "description": draw(prose_text)},
        "servers": [{"url": draw(data_text), "description": draw(prose_text)} for _ in range(draw(st.integers(0, 2)))],
        "tags": [{"name": tag, "description": draw(prose_text)} for tag in tags],
        "paths": paths,
        "components": {"schemas": schemas},
    }


# ---- sample data -------------------------------------------------------------------


class Impossible(Exception):
    """No finite value fits (a required field that recurses forever)."""


def sample(schema: dict[str, Any], schemas: dict[str, Any], depth: int = 0) -> Any:
    """A JSON value that fits ``schema``, to round-trip through the generated models."""
    if depth > 6:
        raise Impossible
    if "$ref" in schema:
        return sample(schemas[schema["$ref"].removeprefix(REF)], schemas, depth + 1)
    if "oneOf" in schema or "anyOf" in schema:
        for member in schema.get("oneOf") or schema["anyOf"]:
            try:
                return sample(member, schemas, depth + 1)
            except Impossible:
                continue
        raise Impossible
    if "allOf" in schema:
        merged: dict[str, Any] = {}
        for part in schema["allOf"]:
            merged.update(sample(part, schemas, depth))
        return merged
    if "enum" in schema:
        return schema["enum"][-1]
    kind = schema.get("type")
    kind = kind[0] if isinstance(kind, list) else kind
    if kind == "array":
        return [] if depth > 3 else [sample(schema["items"], schemas, depth + 1)]
    if kind == "object" and "properties" not in schema:
        return {} if depth > 3 else {"k\n\x00": sample(schema["additionalProperties"], schemas, depth + 1)}
    if kind == "object":
        required = set(schema.get("required", ()))
        value = {}
        for prop, prop_schema in schema["properties"].items():
            if prop in required:
                value[prop] = sample(prop_schema, schemas, depth + 1)
            elif depth < 3:
                try:
                    value[prop] = sample(prop_schema, schemas, depth + 1)
                except Impossible:
                    pass
        return value
    return {"integer": -7, "number": 2.5, "boolean": False}.get(kind, f"{MARK}{EVAL}\"'\\\n\x00")


# ---- the property ------------------------------------------------------------------


def plain_twin(spec: dict[str, Any]) -> dict[str, Any]:
    """The same spec with every data string replaced by plain text: different strings by
    different text, equal ones by equal text (two union members that differ only by an
    equal ``format`` are one member, and must stay one)."""
    counter = itertools.count()
    plain: dict[str, str] = {}
    return replace_strings(spec, lambda s: plain.setdefault(s, f"plain {next(counter)}") if s.startswith(MARK) else s)


@pytest.fixture(scope="module")
def black_cache(tmp_path_factory: pytest.TempPathFactory) -> Cache:
    """Black's results, kept across examples: the runtime modules come out the same each time."""
    return Cache(tmp_path_factory.mktemp("black-cache"))


# One package name for every example of a run (each is imported from its own folder and
# forgotten afterwards), so that the files that do not depend on the spec are the same text.
PACKAGE = unique_package("fuzz")


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)
@given(spec=specs())
def test_random_specs_generate_safe_working_packages(black_cache: Cache, spec: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        spec_path = write_spec(folder, spec)
        package = PACKAGE
        api, _ = check_spec(spec_path)
        raw = render_raw(spec_path, package, api=api)
        files = format_files(raw, black_cache)
        for path, text in files.items():
            assert "\u27ea49\u27eb" not in text, f"{path}: a template expression from the spec was evaluated"
            if path.endswith(".py"):
                ast.parse(text, filename=path)
                assert black.format_str(text, mode=black_mode()) == text, f"{path} is not black-formatted"
                assert not leaks(text, (MARK,)), f"{path}: spec text in code: {leaks(text, (MARK,))}"
            elif path.endswith(".md"):  # read by a CommonMark parser: no link but web links, no raw HTML
                assert unsafe(text) == [], f"{path}: {unsafe(text)}"

        twin = render_raw(write_spec(folder / "twin", plain_twin(spec)), package)
        assert set(twin) == set(raw)
        for path, text in raw.items():
            if path.endswith(".py"):
                assert skeleton(text) == skeleton(twin[path]), f"{path}: what the code does depends on spec text"

        out = folder / "out"
        write_files(out, files)
        schemas = spec["components"]["schemas"]
        round_trips = 0
        with imported(out, package) as module:
            for component, type_names in _component_classes(api, schemas).items():
                try:
                    data = sample(schemas[component], schemas)
                except Impossible:
                    continue
                model = getattr(module.models, type_names)
                if isinstance(data, dict) and hasattr(model, "from_dict"):
                    assert model.from_dict(data).to_dict() == data, component
                    assert model.from_dict(json.loads(json.dumps(data))) == model.from_dict(data)
                    round_trips += 1
                elif "enum" in schemas[component]:
                    assert [m.value for m in model] == list(dict.fromkeys(schemas[component]["enum"]))
        event(f"models round-tripped: {min(round_trips, 3)}{'+' if round_trips >= 3 else ''}")


def _component_classes(api: Any, schemas: dict[str, Any]) -> dict[str, str]:
    """The generated class of each component schema that is a model or an enum."""
    from sdkforge.targets.python.naming import name_api

    names = name_api(api)
    return {c: names.types[c].class_name for c in schemas if c in names.types}
