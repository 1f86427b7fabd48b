"""Validation by parts finds, after any edit, exactly what a whole validation finds.

:mod:`sdkforge.spec.validate_parts` remembers, per entry of ``paths`` and of each map of
``components``, that it matched the specification's schema and which of its Schema
Objects passed their meta-schema check; a later run checks only the entries it does not
know. Whatever the cache holds (the spec before the edit, another spec), the findings
must be those of a validation without a cache: files, pointers, lines, columns,
messages, severities, order. Hypothesis draws specs and edits to them; hand-made edits
bring in what a part must not hide (a broken schema, an operationId twice, a dangling
``$ref``, a path parameter gone, a meta-schema error in OpenAPI 3.1); the bench's edits
are made to Square's and GitHub's real specs.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from project_paths import npm_spec
from test_validate_walk import documents

from sdkforge.cache.store import Cache
from sdkforge.errors import Finding, SpecError
from sdkforge.spec import kept_checks, validate, validate_parts
from sdkforge.spec.load import load_spec
from sdkforge.spec.validate_parts import BUCKETS, bucket, checked_entry_by_entry, containers


class Counted:
    """Counts the parts each validation checked against the specification's schema."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.checked: list[int] = []
        matches = validate_parts.Parts.matches

        def counting(parts: validate_parts.Parts, document: Any, check: Any) -> bool:
            verdict = matches(parts, document, check)
            self.checked.append(parts.checked)
            return verdict

        monkeypatch.setattr(validate_parts.Parts, "matches", counting)


def _write(document: Any, folder: Path, name: str, as_yaml: bool = False) -> Path:
    path = folder / f"{name}.{'yaml' if as_yaml else 'json'}"
    if as_yaml:
        path.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    else:
        path.write_text(json.dumps(document, indent=1), encoding="utf-8")  # a line per value: lines differ
    return path


def _shown(findings: list[Finding]) -> list[tuple[Any, ...]]:
    return [(str(f.file), f.pointer, f.line, f.column, f.severity.value, f.message) for f in findings]


def _whole(path: Path) -> list[tuple[Any, ...]]:
    """The findings of a validation without a cache."""
    return _by_parts(path, None)


def _by_parts(path: Path, cache: Cache | None) -> list[tuple[Any, ...]]:
    try:
        spec = load_spec(path)
    except SpecError as error:  # a drawn spec loading refuses (a $ref to a schema removed)
        return [("not loaded", str(error))]
    return _shown(validate.validate_spec(spec, cache))


def _parts(document: dict[str, Any]) -> dict[str, Any]:
    """Each part of a document (pointer: value), as validate_parts cuts it."""
    version = "2.0" if "swagger" in document else document["openapi"][:3]
    spec_schema = validate._interpreted(version).schema
    found = {}
    for container in containers(version, spec_schema):
        node: Any = document
        for key in container:
            node = node.get(key) if isinstance(node, dict) else None
        for key, value in (node or {}).items():
            found["/" + "/".join(c.replace("~", "~0").replace("/", "~1") for c in (*container, key))] = value
    return found


def _rechecked(before: dict[str, Any], after: dict[str, Any]) -> int:
    """How many parts of ``after`` a run that knows ``before`` checks again: those of
    each bucket holding a part that is new or changed, or that lost one."""
    old, new = _parts(before), _parts(after)
    touched = {bucket(p) for p in new if p not in old or old[p] != new[p]} | {bucket(p) for p in old if p not in new}
    return sum(1 for p in new if bucket(p) in touched)


# ---- drawn specs and edits ------------------------------------------------------------------


@st.composite
def edits(draw: st.DrawFn, swagger2: bool) -> tuple[dict[str, Any], dict[str, Any]]:
    """A drawn document and an edit of it: parts taken from another drawn document,
    added, changed or removed."""
    base = draw(documents(swagger2))
    other = draw(documents(swagger2))
    edited = copy.deepcopy(base)
    schemas_of = (lambda d: d["definitions"]) if swagger2 else (lambda d: d["components"]["schemas"])
    for maps in (lambda d: d["paths"], schemas_of):
        mine, theirs = maps(edited), maps(other)
        for key in draw(st.lists(st.sampled_from(sorted(set(mine) | set(theirs) | {"/new"})), max_size=3)):
            if key in theirs and draw(st.booleans()):
                mine[key] = copy.deepcopy(theirs[key])  # added or changed
            elif key in mine and f'/{key}"' not in json.dumps(edited):
                del mine[key]  # removed, as nothing refers to it (loading refuses a $ref to nothing)
    return base, edited


@pytest.mark.parametrize("version", ["3.0", "2.0", "3.1"], ids=["openapi3.0", "swagger2.0", "openapi3.1"])
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_after_any_edit_the_parts_find_what_the_whole_finds(version, data, tmp_path_factory):
    base, edited = data.draw(edits(version == "2.0"))
    if version == "3.1":
        base["openapi"] = edited["openapi"] = "3.1.0"
    folder = tmp_path_factory.mktemp("drawn")
    cache = Cache(folder / "cache")
    as_yaml = data.draw(st.booleans())
    _by_parts(_write(base, folder, "base", as_yaml), cache)  # the cache knows the spec before the edit
    edited_path = _write(edited, folder, "edited", as_yaml)
    assert _by_parts(edited_path, cache) == _whole(edited_path)
    assert _by_parts(edited_path, Cache(folder / "empty")) == _whole(edited_path)  # a cold run too


# ---- hand-made edits ----------------------------------------------------------------------


def _spec(version: str = "3.0.3") -> dict[str, Any]:
    """A small valid spec: pets and owners, their schemas referencing one another."""
    ref = "#/components/schemas/"
    pet_id = {"name": "petId", "in": "path", "required": True, "schema": {"type": "integer"}}
    listed = {"description": "ok", "content": {"application/json": {"schema": {"$ref": ref + "Pets"}}}}
    one = {"description": "ok", "content": {"application/json": {"schema": {"$ref": ref + "Pet"}}}}
    return {
        "openapi": version,
        "info": {"title": "Pets", "version": "1"},
        "tags": [{"name": "pets"}],
        "paths": {
            "/pets": {"get": {"operationId": "listPets", "tags": ["pets"], "responses": {"200": listed}}},
            "/pets/{petId}": {
                "parameters": [pet_id],
                "get": {"operationId": "getPet", "responses": {"200": one}},
                "delete": {"operationId": "deletePet", "responses": {"204": {"description": "gone"}}},
            },
            "/owners": {"get": {"operationId": "listOwners", "responses": {"200": listed}}},
        },
        "components": {
            "schemas": {
                "Pet": {
                    "type": "object",
                    "required": ["id"],
                    "properties": {
                        "id": {"type": "integer", "default": "one"},  # a warning, in a part nothing edits
                        "owner": {"$ref": ref + "Owner"},
                    },
                    "x-loose": {"type": "integer", "minimum": "zero"},  # no schema until a $ref makes it one
                },
                "Pets": {"type": "array", "items": {"$ref": ref + "Pet"}},
                "Owner": {"type": "object", "properties": {"name": {"type": "string"}}},
                "Kind": {"type": "string", "enum": ["cat", "dog"]},
            },
            "parameters": {"limit": {"name": "limit", "in": "query", "schema": {"type": "integer"}}},
        },
    }


def _added_operation(spec: dict[str, Any]) -> None:
    spec["paths"]["/pets/{petId}/owner"] = {
        "parameters": [{"name": "petId", "in": "path", "required": True, "schema": {"type": "integer"}}],
        "get": {"operationId": "getOwner", "responses": {"200": {"description": "ok"}}},
    }


def _added_field(spec: dict[str, Any]) -> None:
    spec["components"]["schemas"]["Owner"]["properties"]["age"] = {"type": "integer"}


def _removed_model(spec: dict[str, Any]) -> None:
    del spec["components"]["schemas"]["Kind"]


def _broken_schema(spec: dict[str, Any]) -> None:  # the specification's schema refuses it
    spec["components"]["schemas"]["Owner"]["properties"]["age"] = {"type": 5}


def _duplicate_operation_id(spec: dict[str, Any]) -> None:
    _added_operation(spec)
    spec["paths"]["/pets/{petId}/owner"]["get"]["operationId"] = "getPet"


def _dangling_ref(spec: dict[str, Any]) -> None:  # a warning from loading; hidden from the validator
    spec["components"]["schemas"]["Owner"]["properties"]["friend"] = {"$ref": "#/components/schemas/Nowhere"}


def _removed_path_parameter(spec: dict[str, Any]) -> None:
    del spec["paths"]["/pets/{petId}"]["parameters"]


def _bad_default_in_an_edited_part(spec: dict[str, Any]) -> None:
    spec["components"]["schemas"]["Owner"]["properties"]["name"]["default"] = 7


def _required_not_defined(spec: dict[str, Any]) -> None:  # found by the walk, not by the schema
    spec["components"]["schemas"]["Named"] = {
        "allOf": [{"$ref": "#/components/schemas/Owner"}],
        "required": ["name", "nickname"],
    }


def _bad_pattern_in_an_edited_part(spec: dict[str, Any]) -> None:
    # the kept meta-schema check asks the validator's own check of a pattern, made for it
    spec["components"]["schemas"]["Owner"]["properties"]["name"]["pattern"] = "(unclosed"


def _renamed_component(spec: dict[str, Any]) -> None:  # the same value under another key
    schemas = spec["components"]["schemas"]
    schemas["Breed"] = schemas.pop("Kind")


def _a_new_reach_into_an_unedited_part(spec: dict[str, Any]) -> None:
    # a schema in an unedited part that no run checked before (an extension's value), now a
    # parameter's schema: its meta-schema check, made now, finds its minimum is no number
    spec["paths"]["/owners"]["get"]["parameters"] = [
        {"name": "q", "in": "query", "schema": {"$ref": "#/components/schemas/Pet/x-loose"}}
    ]


EDITS = [
    _added_operation,
    _added_field,
    _removed_model,
    _broken_schema,
    _duplicate_operation_id,
    _dangling_ref,
    _removed_path_parameter,
    _bad_default_in_an_edited_part,
    _bad_pattern_in_an_edited_part,
    _required_not_defined,
    _renamed_component,
    _a_new_reach_into_an_unedited_part,
]


@pytest.mark.parametrize("as_yaml", [False, True], ids=["json", "yaml"])
@pytest.mark.parametrize("edit", EDITS, ids=[e.__name__.strip("_") for e in EDITS])
def test_a_hand_made_edit_is_found_as_a_whole_validation_finds_it(edit, as_yaml, tmp_path, monkeypatch):
    counted = Counted(monkeypatch)
    cache = Cache(tmp_path / "cache")
    base = _spec()
    base_path = _write(base, tmp_path, "base", as_yaml)
    assert _by_parts(base_path, cache) == _whole(base_path)
    assert counted.checked[-1] == len(_parts(base))  # a cold run checks every part
    edited = copy.deepcopy(base)
    edit(edited)
    path = _write(edited, tmp_path, "edited", as_yaml)
    found = _by_parts(path, cache)
    assert found == _whole(path)
    assert counted.checked[-1] == _rechecked(base, edited) < len(_parts(edited))  # the parts edited, no more
    assert any("default" in f[1] for f in found if f[1])  # the unedited part's warning, found again
    if edit in (_broken_schema, _required_not_defined):
        assert any(f[4] == "error" for f in found)
    if edit is _a_new_reach_into_an_unedited_part:
        assert any("/components/schemas/Pet/x-loose" in (f[1] or "") for f in found)
    if edit is _bad_pattern_in_an_edited_part:
        assert any("(unclosed" in f[5] for f in found)


def test_a_meta_schema_error_in_an_edited_part_of_an_openapi_31_spec(tmp_path, monkeypatch):
    """OpenAPI 3.1's schema of documents does not look into Schema Objects: the meta-schema check
    does, for the edited part only, and finds what a whole validation finds."""
    counted = Counted(monkeypatch)
    cache = Cache(tmp_path / "cache")
    base = _spec("3.1.0")
    _by_parts(_write(base, tmp_path, "base"), cache)
    edited = copy.deepcopy(base)
    edited["components"]["schemas"]["Owner"]["properties"]["name"]["minLength"] = "three"
    path = _write(edited, tmp_path, "edited")
    found = _by_parts(path, cache)
    assert found == _whole(path)
    assert any("/components/schemas/Owner" in (f[1] or "") and "three" in f[5] for f in found)
    assert counted.checked[-1] == _rechecked(base, edited)


def test_the_same_part_in_another_spec_is_known(tmp_path, monkeypatch):
    """Entries are found by content, whatever file or spec they came from."""
    counted = Counted(monkeypatch)
    cache = Cache(tmp_path / "cache")
    _by_parts(_write(_spec(), tmp_path, "one"), cache)
    moved = _spec()
    moved["info"]["title"] = "Another"  # the skeleton differs: it is always checked
    path = _write(moved, tmp_path, "two", as_yaml=True)
    assert _by_parts(path, cache) == _whole(path)
    assert counted.checked[-1] == 0


def test_a_damaged_entry_is_not_believed(tmp_path):
    cache = Cache(tmp_path / "cache")
    base = _spec()
    _by_parts(_write(base, tmp_path, "base"), cache)
    for entry in (tmp_path / "cache" / validate_parts.NAMESPACE).rglob("*"):
        if entry.is_file():
            entry.write_bytes(b'{"/paths/~1pets": []}' + bytes(32))  # checksummed by the cache: a miss
    edited = copy.deepcopy(base)
    _broken_schema(edited)
    path = _write(edited, tmp_path, "edited")
    assert _by_parts(path, cache) == _whole(path)


# ---- which maps are cut ----------------------------------------------------------------


@pytest.mark.parametrize("version", ["2.0", "3.0", "3.1"])
def test_every_map_is_cut_for_the_specification_schemas_in_use(version):
    """The specification's schemas check each entry of these maps on its own: all are cut.
    (A new openapi-spec-validator whose schemas do otherwise turns the cut off, and this fails.)"""
    assert containers(version, validate._interpreted(version).schema) == validate_parts._CONTAINERS[version]


@pytest.mark.parametrize(
    "paths_schema",
    [
        {"type": "object", "minProperties": 2, "additionalProperties": {"type": "object"}},
        {"type": "object", "maxProperties": 2},
        {"type": "object", "oneOf": [{"additionalProperties": {"required": ["get"]}}, {"required": ["x"]}]},
        {"type": "object", "not": {"additionalProperties": {"type": "string"}}},
        {"$ref": "https://elsewhere.example/paths.json"},
        {"$dynamicRef": "#meta"},
    ],
)
def test_a_map_checked_as_a_whole_is_not_cut(paths_schema):
    spec_schema = {"type": "object", "properties": {"paths": {"$ref": "#/definitions/Paths"}}}
    spec_schema["definitions"] = {"Paths": paths_schema}
    assert not checked_entry_by_entry(spec_schema, ("paths",))
    spec_schema["definitions"]["Paths"] = {"type": "object", "patternProperties": {"^/": {"type": "object"}}}
    assert checked_entry_by_entry(spec_schema, ("paths",))


def test_parts_fall_in_buckets_by_their_pointer():
    assert {bucket(f"/paths/~1p{i}") for i in range(2000)} == set(range(BUCKETS))
    assert bucket("/components/schemas/Pet") == bucket("/components/schemas/Pet")


# ---- the bench's edits to real specs -------------------------------------------------------


def _bench_edits(data: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """The bench's chain of edits (see bench/run.py, prepare_variants), each on the one before."""
    variants = []
    edited = copy.deepcopy(data)
    operations = [
        (path, method, op)
        for path, item in edited["paths"].items()
        for method, op in item.items()
        if method in ("get", "put", "post", "delete", "patch") and isinstance(op, dict)
    ]
    for _, _, op in operations:
        if isinstance(op.get("description"), str) and op["description"].strip():
            op["description"] += "\n\nChanged by the benchmark."
            break
    variants.append(("description", copy.deepcopy(edited)))
    for path, method, op in operations:
        if isinstance(op.get("operationId"), str) and path.rstrip("/") + "/bench-copy" not in edited["paths"]:
            item = {method: {**copy.deepcopy(op), "operationId": op["operationId"] + "BenchCopy"}}
            if "parameters" in edited["paths"][path]:
                item["parameters"] = copy.deepcopy(edited["paths"][path]["parameters"])
            edited["paths"][path.rstrip("/") + "/bench-copy"] = item
            break
    variants.append(("operation", copy.deepcopy(edited)))
    schemas = edited["components"]["schemas"]
    text = json.dumps(edited)
    uses = {name: text.count(f'"#/components/schemas/{name}"') for name in schemas}
    wide = max((n for n in schemas if isinstance(schemas[n].get("properties"), dict)), key=uses.__getitem__)
    schemas[wide]["properties"]["bench_field"] = {"type": "string", "description": "Added by the benchmark."}
    variants.append(("field", copy.deepcopy(edited)))
    del schemas[next(n for n in reversed(list(schemas)) if uses[n] == 0 and n != wide)]
    variants.append(("model-removed", edited))
    return variants


@pytest.mark.slow
@pytest.mark.parametrize("as_yaml", [False, True], ids=["json", "yaml"])
@pytest.mark.parametrize("key", ["square", "github"])
def test_the_bench_edits_to_real_specs(key, as_yaml, tmp_path, monkeypatch):
    counted = Counted(monkeypatch)
    data = json.loads(npm_spec(key).read_text(encoding="utf-8"))
    cache = Cache(tmp_path / "cache")
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # PyYAML's own dumper takes minutes on GitHub's spec
    suffix = ".yaml" if as_yaml else ".json"

    def dump(value: Any) -> str:
        if as_yaml:
            return yaml.dump(value, Dumper=dumper, allow_unicode=True, sort_keys=False)
        return json.dumps(value, indent=2, ensure_ascii=False)  # as the bench writes them

    base = tmp_path / f"base{suffix}"
    base.write_text(dump(data), encoding="utf-8")
    _by_parts(base, cache)
    before = data
    for name, edited in _bench_edits(data):
        path = tmp_path / f"{name}{suffix}"
        path.write_text(dump(edited), encoding="utf-8")
        spec = load_spec(path)
        assert _shown(validate.validate_spec(spec, cache)) == _shown(validate.validate_spec(spec)), name
        assert counted.checked[-1] == _rechecked(before, edited) < len(_parts(edited)) / 10, name
        before = edited


# ---- the compiled checks kept (see sdkforge.spec.kept_checks) ----------------------------


def _without_defaults(version: str = "3.0.3") -> dict[str, Any]:
    """:func:`_spec`, with nothing only the validator checks (a ``default``)."""
    spec = _spec(version)
    pet = spec["components"]["schemas"]["Pet"]
    del pet["properties"]["id"]["default"], pet["x-loose"]
    return spec


def _with_defaults_and_patterns() -> dict[str, Any]:
    """:func:`_without_defaults`, with what real specs have that only the validator checked:
    defaults as GitHub's are (a boolean, an enum's, a bounded number, a string with a
    format, a nullable null), a parameter's default, and patterns."""
    spec = _without_defaults()
    schemas = spec["components"]["schemas"]
    schemas["Settings"] = {
        "type": "object",
        "properties": {
            "private": {"type": "boolean", "default": False, "description": "Whether it is private."},
            "state": {"type": "string", "enum": ["open", "closed"], "default": "open", "example": "open"},
            "per_page": {"type": "integer", "minimum": 1, "maximum": 100, "default": 30},
            "url": {"type": "string", "format": "uri", "default": "", "maxLength": 140},
            "side": {"type": "string", "enum": ["LEFT", "RIGHT"], "nullable": True, "default": "RIGHT"},
            "note": {"type": "string", "nullable": True, "default": None, "deprecated": True},
            "sha": {"type": "string", "pattern": "^[0-9a-f]{40}$"},
        },
    }
    schemas["Owner"]["properties"]["name"]["pattern"] = "\\S"
    query = {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1, "default": 1}}
    spec["paths"]["/owners"]["get"]["parameters"] = [query]
    return spec


_VALIDATED_IN_A_NEW_PROCESS = """
import json, sys
from pathlib import Path
from sdkforge.cache.store import Cache
from sdkforge.spec import kept_checks, validate
from sdkforge.spec.load import load_spec
if len(sys.argv) > 3:
    kept_checks.BESIDE = Path(sys.argv[3])
findings = validate.validate_spec(load_spec(Path(sys.argv[1])), Cache(Path(sys.argv[2])))
print(json.dumps({
    "findings": [[str(f.file), f.pointer, f.line, f.column, f.severity.value, f.message] for f in findings],
    "imported": sorted(
        m for m in ("openapi_spec_validator", "jsonschema", "pydantic", "importlib.metadata") if m in sys.modules
    ),
}))
"""


def _in_a_new_process(path: Path, cache: Path, beside: Path | None = None) -> dict[str, Any]:
    import subprocess
    import sys

    run = subprocess.run(
        [sys.executable, "-c", _VALIDATED_IN_A_NEW_PROCESS, str(path), str(cache), *([str(beside)] if beside else [])],
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, Any] = json.loads(run.stdout)
    result["findings"] = [tuple(f) for f in result["findings"]]
    return result


@pytest.mark.parametrize("swagger2", [False, True], ids=["openapi3.0", "swagger2.0"])
def test_after_a_valid_edit_the_kept_checks_decide_without_the_validator(swagger2, tmp_path):
    """A run that compiled the checks keeps them; after an edit that leaves the spec valid
    (nothing only the validator checks in it), the next run validates with them and never
    imports openapi-spec-validator (0.15 s), nor jsonschema, pydantic or the package
    metadata reader (13 ms; see sdkforge.cache.versions): what it finds is what a whole
    validation finds."""
    if swagger2:
        base: dict[str, Any] = {
            "swagger": "2.0",
            "info": {"title": "Pets", "version": "1"},
            "paths": {"/pets": {"get": {"operationId": "listPets", "responses": {"200": {"description": "ok"}}}}},
            "definitions": {"Owner": {"type": "object", "properties": {"name": {"type": "string"}}}},
        }
    else:
        base = _without_defaults()
    _by_parts(_write(base, tmp_path, "base"), Cache(tmp_path / "cache"))
    assert list((tmp_path / "cache").glob(f"{kept_checks.NAMESPACE}/**/*"))  # kept by the run that compiled them
    for edit in (_added_operation, _added_field, _removed_model) if not swagger2 else ():
        edited = copy.deepcopy(base)
        edit(edited)
        path = _write(edited, tmp_path, edit.__name__)
        run = _in_a_new_process(path, tmp_path / "cache")
        assert run == {"findings": _whole(path), "imported": []}, edit.__name__
    if swagger2:
        edited = copy.deepcopy(base)
        edited["definitions"]["Owner"]["properties"]["age"] = {"type": "integer"}
        path = _write(edited, tmp_path, "edited")
        assert _in_a_new_process(path, tmp_path / "cache") == {"findings": _whole(path), "imported": []}


def test_an_edit_the_validator_must_report_makes_it_and_finds_what_the_whole_finds(tmp_path):
    base = _without_defaults()
    _by_parts(_write(base, tmp_path, "base"), Cache(tmp_path / "cache"))
    edited = copy.deepcopy(base)
    _required_not_defined(edited)
    path = _write(edited, tmp_path, "edited")
    run = _in_a_new_process(path, tmp_path / "cache")
    assert run["findings"] == _whole(path) and any("Required list" in f[5] for f in run["findings"])
    assert "openapi_spec_validator" in run["imported"]


def test_a_kept_entry_of_another_shape_is_not_believed(tmp_path, monkeypatch):
    monkeypatch.setattr(kept_checks, "BESIDE", tmp_path / "a-file")  # nothing kept beside the package
    (tmp_path / "a-file").write_text("not a folder")
    cache = Cache(tmp_path / "cache")
    base = _without_defaults()
    _by_parts(_write(base, tmp_path, "base"), cache)
    key = kept_checks.checks_key("3.0", validate._FINGERPRINT)
    assert kept_checks.recall_checks(cache, key) is not None
    cache.put_bytes(kept_checks.NAMESPACE, key, b"not marshalled code")  # its checksum holds: read, not loaded
    assert kept_checks.recall_checks(cache, key) is None
    edited = copy.deepcopy(base)
    _broken_schema(edited)
    path = _write(edited, tmp_path, "edited")
    assert _by_parts(path, cache) == _whole(path)
    assert kept_checks.recall_checks(cache, key) is not None  # compiled again, and kept again


def test_a_run_with_a_new_cache_decides_with_the_checks_kept_beside_the_package(tmp_path):
    """The first run compiles the checks, and keeps them in its cache and beside the
    package; a run with a new cache (a user's first, a cold bench run) finds them there:
    a valid spec with defaults and patterns is validated without importing
    openapi-spec-validator (0.15 s), jsonschema or pydantic, and found as the whole finds it."""
    path = _write(_with_defaults_and_patterns(), tmp_path, "spec")
    beside = tmp_path / "beside"
    first = _in_a_new_process(path, tmp_path / "first", beside)
    assert first["findings"] == _whole(path) and "openapi_spec_validator" in first["imported"]  # it compiled them
    assert list(beside.glob(f"{kept_checks.NAMESPACE}/**/*")), "kept beside the package"
    assert _in_a_new_process(path, tmp_path / "second", beside) == {"findings": _whole(path), "imported": []}
    assert list((tmp_path / "second").glob(f"{kept_checks.NAMESPACE}/**/*")), "and copied into the new cache"


def test_checks_damaged_or_unwritable_beside_the_package_change_nothing(tmp_path, monkeypatch):
    beside = tmp_path / "beside"
    monkeypatch.setattr(kept_checks, "BESIDE", beside)
    path = _write(_with_defaults_and_patterns(), tmp_path, "spec")
    whole = _whole(path)
    made: list[Any] = []  # the validators made: without kept checks, one is made to compile them
    make = validate._made
    monkeypatch.setattr(validate, "_made", lambda *a: made.append(a) or make(*a))
    assert _by_parts(path, Cache(tmp_path / "first")) == whole and len(made) == 1
    assert _by_parts(path, Cache(tmp_path / "second")) == whole and len(made) == 1  # a new cache: found beside
    for entry in (p for p in beside.rglob("*") if p.is_file()):
        entry.write_bytes(entry.read_bytes()[:-40] + b"\0" * 40)  # the checksum no longer holds
    assert _by_parts(path, Cache(tmp_path / "third")) == whole and len(made) == 2  # a miss: made, compiled again
    monkeypatch.setattr(kept_checks, "BESIDE", tmp_path / "a-file")
    (tmp_path / "a-file").write_text("not a folder")
    cache = Cache(tmp_path / "fourth")
    assert _by_parts(path, cache) == whole and cache.trouble() is None
