"""The compiled check in front of the validator changes no verdict and no finding.

:mod:`sdkforge.spec.validate` lets fastjsonschema decide that a Swagger 2.0, OpenAPI 3.0 or
3.1 document matches the specification's JSON Schema (3.1's translated to draft 7
first), and asks jsonschema for the located errors only when it does not. Whatever
damage hypothesis does to a real spec, the findings must be exactly those of the
validator on its own. The same holds for the check of each Schema Object against its
meta-schema (draft 4's with its ``regex`` format; OpenAPI 3.1's dialect).
"""

from __future__ import annotations

import copy
import functools
import json
import os
import subprocess
import sys
import warnings
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from project_paths import ROOT
from test_swagger2 import PETSTORE_V2

from sdkforge.errors import SpecError
from sdkforge.spec import validate
from sdkforge.spec.load import load_spec

OAUTH = yaml.safe_load((ROOT / "spec" / "oauth.yaml").read_text(encoding="utf-8"))


def as_openapi_30(node: Any) -> Any:
    """OpenAPI 3.1's spec/oauth.yaml as 3.0 writes it: ``type: [x, "null"]`` becomes
    ``type: x, nullable: true``."""
    if isinstance(node, dict):
        out = {key: as_openapi_30(value) for key, value in node.items()}
        if isinstance(out.get("type"), list) and "null" in out["type"] and len(out["type"]) == 2:
            out["type"] = next(t for t in out["type"] if t != "null")
            out["nullable"] = True
        if node is OAUTH:
            out["openapi"] = "3.0.3"
        return out
    if isinstance(node, list):
        return [as_openapi_30(value) for value in node]
    return node


SPECS = {"3.1": OAUTH, "3.0": as_openapi_30(OAUTH), "2.0": PETSTORE_V2}
VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3),
    st.sampled_from([1.0, 2.5]),
    st.sampled_from(["", "x", "(", "[a-", "string", "#/components/schemas/Nowhere", "object"]),
    st.just([]),
    st.just({}),
    st.just({"type": "strng"}),
    st.just({"type": "string", "pattern": "(unclosed"}),
    st.just({"type": "object", "required": []}),
    st.just({"$ref": 7}),
)


@st.composite
def damaged(draw: st.DrawFn, version: str) -> dict[str, Any]:
    """A copy of the spec with one value replaced, or one key added, somewhere."""
    document = copy.deepcopy(SPECS[version])
    node: Any = document
    for _ in range(draw(st.integers(0, 7))):
        if isinstance(node, dict) and node:
            key = draw(st.sampled_from(sorted(node)))
            if not isinstance(node[key], (dict, list)) or draw(st.booleans()):
                node[key] = draw(VALUES)
                return document
            node = node[key]
        elif isinstance(node, list) and node:
            node = node[draw(st.integers(0, len(node) - 1))]
        else:
            break
    if isinstance(node, dict):
        key = draw(
            st.sampled_from(["bogus", "type", "required", "items", "in", "pattern", "minLength", "enum", "x-fine"])
        )
        node[key] = draw(VALUES)
    return document


def findings_of(document: dict[str, Any], folder: Path, monkeypatch: pytest.MonkeyPatch, **swapped: Any) -> list[str]:
    """The findings about ``document`` (written to ``folder``), with the attributes of
    :mod:`sdkforge.spec.validate` named in ``swapped`` replaced while it is validated."""
    path = folder / "spec.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    try:
        spec = load_spec(path)
    except SpecError as error:
        return [f"not loaded: {error}"]  # damage loading reports before validation
    with monkeypatch.context() as patch:
        for name, value in swapped.items():
            patch.setattr(validate, name, value)
        findings = validate.validate_spec(spec)
    return [f"{f.severity.value} {f.line} {f.pointer} {f.message}" for f in findings]


def _findings(document: dict[str, Any], folder: Path, compiled: bool, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    if compiled:
        return findings_of(document, folder, monkeypatch)
    return findings_of(
        document, folder, monkeypatch, KEPT_CHECKS_VERSIONS=frozenset(), _TRANSLATED_VERSIONS=frozenset()
    )


@pytest.mark.parametrize("version", sorted(SPECS))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_the_findings_are_those_of_the_validator_alone(version, data, tmp_path, monkeypatch):
    document = data.draw(damaged(version))
    assert _findings(document, tmp_path, True, monkeypatch) == _findings(document, tmp_path, False, monkeypatch)


@pytest.mark.parametrize("version", sorted(SPECS))
def test_a_valid_document_has_no_findings_and_an_invalid_one_is_located(version, tmp_path, monkeypatch):
    assert _findings(SPECS[version], tmp_path, True, monkeypatch) == []
    broken = copy.deepcopy(SPECS[version])
    broken["paths"] = []
    findings = _findings(broken, tmp_path, True, monkeypatch)
    assert findings and all(" /paths " in finding for finding in findings)


def test_the_findings_do_not_depend_on_the_validators_backend_setting(tmp_path):
    # openapi-spec-validator picks jsonschema-rs, whose messages differ, when it is
    # installed or asked for; sdkforge always checks with jsonschema. Asked for
    # jsonschema-rs (installed or not), the findings stay jsonschema's, word for word.
    spec = tmp_path / "spec.yaml"
    spec.write_text(
        'openapi: 3.0.3\ninfo: {title: T, version: "1"}\npaths:\n  /pets:\n    get:\n'
        '      responses: {"200": {description: ok}}\n      parameters: [{name: id, in: nowhere}]\n'
    )

    def findings(**env: str) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "sdkforge", "validate", str(spec)],
            capture_output=True,
            text=True,
            env={**os.environ, **env},
            timeout=120,
            check=False,
        )
        assert done.returncode == 2
        return done.stderr

    default = findings()
    assert "is not valid under any of the given schemas (at /paths/~1pets/get/parameters/0)" in default
    assert findings(OPENAPI_SPEC_VALIDATOR_SCHEMA_VALIDATOR_BACKEND="jsonschema-rs") == default


@functools.cache
def _specification_checks(version: str) -> tuple[Any, Any]:
    """The compiled check of ``version``'s specification schema as validation makes it,
    and fastjsonschema's own compile of the same schema (names of values made eagerly)."""
    with warnings.catch_warnings():  # fastjsonschema's own compile warns about its regex literals
        warnings.simplefilter("ignore", DeprecationWarning)
        return _compiled_checks(version)


def _compiled_checks(version: str) -> tuple[Any, Any]:
    import fastjsonschema

    from sdkforge.spec import kept_checks

    interpreted = validate._interpreted(version)
    if version == "3.1":
        from referencing import Registry
        from referencing.jsonschema import DRAFT202012

        from sdkforge.spec.validate_draft7 import translate

        schema_id = interpreted.schema["$id"]
        registry = Registry().with_resource(schema_id, DRAFT202012.create_resource(interpreted.schema)).crawl()
        schema, formats = translate(registry, schema_id, None, frozenset())
        ours = validate._translated_and_compiled(registry, schema_id, None)
        theirs = fastjsonschema.compile(schema, formats=formats, use_default=False, use_formats=True)
        return ours, theirs
    local = {scheme: validate._local_meta_schema for scheme in ("http", "https")}
    ours = kept_checks.compiled(interpreted.schema, local, None).function
    theirs = fastjsonschema.compile(interpreted.schema, handlers=local, use_default=False, use_formats=False)
    return ours, theirs


def _verdict(check: Any, document: Any) -> bool:
    import fastjsonschema

    try:
        check(document)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


@pytest.mark.parametrize("version", sorted(SPECS))
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_a_check_without_the_names_of_values_gives_fastjsonschemas_verdict(version, data):
    ours, theirs = _specification_checks(version)
    document = data.draw(damaged(version))
    assert _verdict(ours, document) == _verdict(theirs, document)


@pytest.mark.parametrize("version", ["2.0", "3.0"])
def test_the_kept_checks_make_no_names_of_values_before_calling_a_refs_check(version):
    # fastjsonschema formats each value's name (``"data.paths.{key}".format(**locals())``)
    # before each call of a $ref's check inside a map or a list: a copy of the caller's
    # locals per call, for a name only an error message would hold.
    import fastjsonschema

    from sdkforge.spec import kept_checks

    schema = validate._interpreted(version).schema
    local = {scheme: validate._local_meta_schema for scheme in ("http", "https")}
    source = fastjsonschema.compile_to_code(schema, handlers=local, use_default=False, detailed_exceptions=False)
    eager = [line for line in source.splitlines() if "format(**locals())" in line and "raise " not in line]
    assert eager, "fastjsonschema no longer names values before a call: verdict_only has nothing to do"
    in_errors = [line for line in source.splitlines() if "format(**locals())" in line and "raise " in line]
    left = [line for line in kept_checks.verdict_only(source).splitlines() if "format(**locals())" in line]
    assert left == in_errors  # made only when an error is raised


def test_compiling_a_check_warns_about_nothing():
    # fastjsonschema writes the regexes of OpenAPI 3.1's schema as plain string literals
    # ("\."): Python warns about each when compiling (a SyntaxWarning, shown by default,
    # from Python 3.12). They are meant as written; a user should not see the warning.
    from referencing import Registry
    from referencing.jsonschema import DRAFT202012

    schema = validate._interpreted("3.1").schema
    registry = Registry().with_resource(schema["$id"], DRAFT202012.create_resource(schema)).crawl()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert validate._translated_and_compiled(registry, schema["$id"], None) is not None
