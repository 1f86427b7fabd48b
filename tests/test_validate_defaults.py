"""A ``default`` said to pass without the validator passes the validator's own check.

:func:`sdkforge.spec.validate_defaults.passes` decides, for a scalar default beside the
keywords real specs put there, that openapi-schema-validator's OAS 3.0 check (as
:mod:`sdkforge.spec.validate` bounds it) finds nothing; where it says no, the validator
checks. Hypothesis draws schemas and defaults: whenever it says a default passes, the
validator finds nothing; on schemas of the keywords it mirrors, with values of the kinds
the specification's schema lets through, it says so exactly when the validator does (it
leaves nothing to the validator that a real spec has). Through a whole validation, the
findings with the kept checks are those without them.
"""

from __future__ import annotations

import copy
import json
import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema_path import SchemaPath
from openapi_spec_validator import OpenAPIV30SpecValidator
from test_validate_parts import _by_parts, _whole, _with_defaults_and_patterns, _write

from sdkforge.cache.store import Cache
from sdkforge.spec import validate
from sdkforge.spec.load import load_spec
from sdkforge.spec.validate_defaults import passes


def _validator_check() -> tuple[Any, frozenset[str]]:
    """The validator's check of a default, bounded as validation makes it, and its formats."""
    validator = OpenAPIV30SpecValidator({"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {}})
    validate._bounded_default_checks(validator)
    formats = validate._default_formats(validator)
    assert formats is not None and "int32" in formats and "uri" not in formats  # as installed here
    return validator.keyword_validators_registry["default"], formats


CHECK, FORMATS = _validator_check()


def _errors(schema: dict[str, Any], default: Any) -> list[str]:
    try:
        return [error.message for error in CHECK(SchemaPath.from_dict(schema), default)]
    except Exception as exc:  # noqa: BLE001 - a check that raises finds something too
        return [f"raised {type(exc).__name__}"]


SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3),
    st.sampled_from([0.0, 1.0, 2.5, -1.5, math.inf]),
    st.sampled_from(["", "a", "ab", "abc", "1", "true", "2024-01-01", "x@y.z", "(", "open"]),
)
VALUES = st.one_of(SCALARS, st.lists(SCALARS, max_size=3), st.dictionaries(st.sampled_from(["a", "b"]), SCALARS))
TYPES = st.sampled_from(["string", "number", "integer", "boolean", "array", "object", "null", "strng"])
FORMAT_NAMES = st.sampled_from(["uri", "int32", "int64", "date", "date-time", "email", "byte", "password", "custom"])
MIRRORED: dict[str, Any] = {
    "type": TYPES,
    "nullable": st.booleans(),
    "enum": st.lists(SCALARS, min_size=1, max_size=4),
    "minimum": st.integers(-2, 2) | st.sampled_from([0.5, 1.5]),
    "maximum": st.integers(-2, 2) | st.sampled_from([0.5, 1.5]),
    "exclusiveMinimum": st.booleans(),
    "exclusiveMaximum": st.booleans(),
    "minLength": st.integers(0, 3),
    "maxLength": st.integers(0, 3),
    "format": FORMAT_NAMES,
    "pattern": st.sampled_from(["^a", "(unclosed", "^(a+)+$"]),
    "description": st.text(max_size=3),
    "example": SCALARS,
    "deprecated": st.booleans(),
    "readOnly": st.booleans(),
    "items": st.just({"type": "string"}),
    "properties": st.just({"a": {"type": "string"}}),
    "required": st.just(["a"]),
    "additionalProperties": st.booleans(),
    "maxItems": st.integers(0, 2),
    "uniqueItems": st.booleans(),
    "x-extra": VALUES,
}
"""The keywords :func:`passes` decides or passes over, with values the specification's schema accepts."""
OTHERS: dict[str, Any] = {
    "multipleOf": st.sampled_from([2, 0.5]),
    "allOf": st.just([{"type": "string"}]),
    "not": st.just({"type": "string"}),
    "$ref": st.just("#/components/schemas/X"),
    "examples": VALUES,
    "discriminator": st.just({"propertyName": "a"}),
}
"""Keywords it leaves to the validator."""


@st.composite
def schemas(draw: st.DrawFn, keywords: dict[str, Any], wild: bool) -> dict[str, Any]:
    chosen = draw(st.lists(st.sampled_from(sorted(keywords)), max_size=5, unique=True))
    schema = {keyword: draw(VALUES if wild and draw(st.booleans()) else keywords[keyword]) for keyword in chosen}
    return schema


@settings(max_examples=1500, deadline=None)
@given(schema=schemas({**MIRRORED, **OTHERS}, wild=True), default=VALUES)
def test_a_default_said_to_pass_passes_the_validators_check(schema, default):
    if passes(schema, default, FORMATS):
        assert _errors(schema, default) == []


@settings(max_examples=1500, deadline=None)
@given(schema=schemas(MIRRORED, wild=False), default=SCALARS)
def test_on_the_keywords_it_mirrors_it_says_what_the_validator_says(schema, default):
    if isinstance(default, float) and not math.isfinite(default):
        return  # JSON has no infinity: left to the validator
    checked_format = schema.get("format") in FORMATS and default is not None
    if checked_format or (schema.get("type") not in (None, *validate_types()) and default is not None):
        return  # a format the validator checks, a type it does not know: left to it
    assert passes(schema, default, FORMATS) == (_errors(schema, default) == [])


def validate_types() -> tuple[str, ...]:
    return ("string", "number", "integer", "boolean", "array", "object")


@pytest.mark.parametrize(
    ("schema", "default"),
    [
        ({"type": "boolean", "default": False, "description": "Whether it is private."}, False),
        ({"type": "string", "enum": ["reviewed", "malware"], "default": "reviewed"}, "reviewed"),
        ({"type": "integer", "minimum": 1, "maximum": 100, "default": 30}, 30),
        ({"type": "string", "format": "uri", "default": "", "example": "https://x"}, ""),
        ({"type": "string", "enum": ["LEFT", "RIGHT"], "nullable": True, "default": "RIGHT"}, "RIGHT"),
        ({"type": "string", "nullable": True, "default": "none"}, "none"),
        ({"type": "string", "maxLength": 140, "default": ""}, ""),
        ({"name": "page", "in": "query", "type": "integer", "required": False, "default": 1}, 1),  # Swagger 2.0
    ],
)
def test_real_defaults_pass_without_the_validator(schema, default):
    """The defaults of GitHub's spec (973, of these shapes) and of Swagger 2.0 parameters."""
    assert passes(schema, default, FORMATS) and _errors(schema, default) == []


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(schema=schemas({**MIRRORED, **OTHERS}, wild=True), default=VALUES)
def test_with_the_kept_checks_a_default_is_found_as_the_validator_finds_it(schema, default, tmp_path_factory):
    folder = tmp_path_factory.mktemp("spec")
    spec = copy.deepcopy(_with_defaults_and_patterns())
    spec["components"]["schemas"]["Drawn"] = {**schema, "default": default}
    path = _write(spec, folder, "spec")
    cache = Cache(folder / "cache")
    _by_parts(_write(_with_defaults_and_patterns(), folder, "base"), cache)  # the checks kept
    assert _by_parts(path, cache) == _whole(path)


def test_the_validators_formats_are_what_is_kept(tmp_path: Path) -> None:
    spec = _write(_with_defaults_and_patterns(), tmp_path, "spec")
    cache = Cache(tmp_path / "cache")
    _by_parts(spec, cache)
    from sdkforge.spec import kept_checks

    kept = kept_checks.recall_checks(cache, kept_checks.checks_key("3.0", validate._FINGERPRINT))
    assert kept is not None and kept.default_formats == FORMATS and kept.plain_regex


def test_a_format_module_installed_after_the_checks_were_kept_is_not_missed(tmp_path: Path, monkeypatch) -> None:
    """The formats kept with the checks are those of the optional modules there then (one
    more, and jsonschema checks one more format): a module installed since gives another
    key, to them and to the verdict."""
    import importlib.util

    from sdkforge.spec import kept_checks
    from sdkforge.spec.load import load_spec

    spec = load_spec(_write(_with_defaults_and_patterns(), tmp_path, "spec"))
    before = kept_checks.checks_key("3.0", validate._FINGERPRINT), validate._cache_key(spec)
    absent = [name for name in kept_checks._FORMAT_MODULES if importlib.util.find_spec(name) is None]
    assert absent, "every optional format module is installed here: none can be installed after"
    (tmp_path / f"{absent[0]}.py").write_text("")
    monkeypatch.syspath_prepend(str(tmp_path))
    after = kept_checks.checks_key("3.0", validate._FINGERPRINT), validate._cache_key(spec)
    assert after[0] != before[0] and after[1] != before[1], "neither the checks nor the verdict are believed"


ENDLESS = {
    "openapi": "3.1.0",
    "info": {"title": "Endless", "version": "1"},
    "paths": {
        "/pets": {
            "get": {
                "operationId": "listPets",
                "parameters": [
                    {
                        "name": "ids",
                        "in": "query",
                        "schema": {"default": ["a"], "items": {"oneOf": [{"$ref": "#/components/schemas/Owner"}]}},
                    }
                ],
                "responses": {"200": {"description": "d"}},
            }
        }
    },
    # a schema that is the negation of itself: checking a value against it never ends
    "components": {"schemas": {"Owner": {"anyOf": [{"not": {"$ref": "#/components/schemas/Owner"}}]}}},
}


def _at_depth(depth: int, work: Any) -> Any:
    """``work()`` called ``depth`` frames deeper than here."""
    return work() if depth == 0 else _at_depth(depth - 1, work)


def test_a_default_the_validator_checks_without_end_is_one_finding_wherever_python_stops_it(tmp_path):
    """The validator recurses without end on a default checked against a schema that is
    its own negation. Where Python's recursion limit stops it decides how: a
    RecursionError in Python, or, inside the Rust part of ``referencing`` that calls
    Python, a panic (pyo3's PanicException, which is no Exception). Either way it is the
    same finding, said the same way, and never raised."""
    spec_path = tmp_path / "endless.json"
    spec_path.write_text(json.dumps(ENDLESS), encoding="utf-8")
    spec = load_spec(spec_path)
    seen = set()
    for depth in range(0, 900, 37):  # the stack as deep as a run's, a test's, and deeper
        findings = _at_depth(depth, lambda: validate.validate_spec(spec, None))
        stopped = [f.message for f in findings if "validator stopped" in f.message]
        assert len(stopped) == 1, (depth, [f.message for f in findings])
        seen.add(stopped[0])
    assert seen == {
        "the OpenAPI validator stopped: it recursed without end (RecursionError),"
        " as it may on schemas that lead back to themselves"
    }
