"""Chains as long as a spec cares to make them: models each holding the next, schemas each
a ``$ref`` to the next. Nothing in sdkforge may recurse once per link (Python's stack
allows about a thousand), and nothing may cost more than linear time in their length."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from sdkforge.model.build import MAX_TYPE_DEPTH
from sdkforge.pipeline import check_spec

LONG = 2000


def _spec(schemas: dict[str, Any], first: str) -> dict[str, Any]:
    ref = {"$ref": f"#/components/schemas/{first}"}
    return {
        "openapi": "3.0.3",
        "info": {"title": "Chain", "version": "1"},
        "paths": {
            "/things": {
                "post": {
                    "operationId": "createThing",
                    "requestBody": {"required": True, "content": {"application/json": {"schema": ref}}},
                    "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": ref}}}},
                }
            }
        },
        "components": {"schemas": schemas},
    }


def model_chain(n: int) -> dict[str, Any]:
    """``M0`` to ``M{n-1}``, each model requiring a property that is the next model."""
    schemas: dict[str, Any] = {}
    for i in range(n):
        properties: dict[str, Any] = {"id": {"type": "string"}}
        if i + 1 < n:
            properties["next"] = {"$ref": f"#/components/schemas/M{i + 1}"}
        schemas[f"M{i}"] = {"type": "object", "required": sorted(properties), "properties": properties}
    return _spec(schemas, "M0")


def ref_chain(n: int) -> dict[str, Any]:
    """``S0`` to ``S{n-2}``, each only a ``$ref`` to the next; the last is a model."""
    schemas: dict[str, Any] = {f"S{i}": {"$ref": f"#/components/schemas/S{i + 1}"} for i in range(n - 1)}
    schemas[f"S{n - 1}"] = {"type": "object", "properties": {"id": {"type": "string"}}}
    return _spec(schemas, "S0")


def all_of_chain(n: int) -> dict[str, Any]:
    """``S0`` to ``S{n-2}``, each an ``allOf`` of the next alone; the last is a model."""
    schemas: dict[str, Any] = {f"S{i}": {"allOf": [{"$ref": f"#/components/schemas/S{i + 1}"}]} for i in range(n - 1)}
    schemas[f"S{n - 1}"] = {"type": "object", "properties": {"id": {"type": "string"}}}
    return _spec(schemas, "S0")


CHAINS = {
    "models": (model_chain, "M0"),
    "refs": (ref_chain, f"S{LONG - 1}"),
    "all_of": (all_of_chain, f"S{LONG - 1}"),
}


@pytest.mark.parametrize("shape", sorted(CHAINS))
def test_a_chain_of_two_thousand_generates_an_sdk_that_imports(shape, tmp_path, run_cli):
    make, model = CHAINS[shape]
    spec = tmp_path / "api.json"
    spec.write_text(json.dumps(make(LONG)))

    result = run_cli("generate", spec, "--out", tmp_path / "out", "--package-name", "chain", "-q")

    assert result.code == 0, result.err
    assert result.err == ""
    imported = subprocess.run(
        [sys.executable, "-c", f"from chain.models import {model}; print({model}.__name__)"],
        cwd=tmp_path / "out",
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout == f"{model}\n"


def _checked_in(folder: Path, spec: dict[str, Any]) -> float:
    """Seconds to load, validate and model ``spec`` (no cache)."""
    path = folder / "api.json"
    path.write_text(json.dumps(spec))
    started = time.perf_counter()
    check_spec(path)
    return time.perf_counter() - started


@pytest.mark.parametrize("shape", sorted(CHAINS))
def test_checking_a_chain_takes_time_linear_in_its_length(shape, tmp_path):
    """Four times the links may take four times as long, with room for a noisy machine,
    but not sixteen (quadratic): before, 900 ``$ref`` links took 10 times as long as 300."""
    make, _ = CHAINS[shape]
    (tmp_path / "short").mkdir()
    (tmp_path / "long").mkdir()
    _checked_in(tmp_path / "short", make(50))  # imports and first-use costs out of the way
    short = min(_checked_in(tmp_path / "short", make(LONG // 4)) for _ in range(2))
    long = _checked_in(tmp_path / "long", make(LONG))
    assert long < 10 * short, f"{LONG // 4} links: {short:.2f} s; {LONG} links: {long:.2f} s"


NESTING = {
    "array": lambda ref: {"type": "array", "items": ref},
    "map": lambda ref: {"type": "object", "additionalProperties": ref},
    "union": lambda ref: {"oneOf": [ref, {"type": "string"}]},
}


@pytest.mark.parametrize("kind", sorted(NESTING))
def test_lists_maps_and_unions_chained_past_the_limit_become_free_form_values_said_where(kind, tmp_path):
    """Each a list (map, union) of the next: no model names a level, so the type itself
    nests as deep as the chain is long, which no Python annotation can be. Where it passes
    :data:`MAX_TYPE_DEPTH` the type is a free-form value, and a located warning says so."""
    schemas = {f"S{i}": NESTING[kind]({"$ref": f"#/components/schemas/S{i + 1}"}) for i in range(LONG - 1)}
    schemas[f"S{LONG - 1}"] = {"type": "integer"}
    spec = tmp_path / "api.json"
    spec.write_text(json.dumps(_spec(schemas, "S0")))

    _, warnings = check_spec(spec)

    deepest = f"S{LONG - 2 - MAX_TYPE_DEPTH}"  # S{LONG - 2} nests one level, S{LONG - 3} two...
    key = f'"{deepest}": '
    found = [w for w in warnings if w.pointer == f"/components/schemas/{deepest}"]
    assert [(str(w.file), w.line, w.column, w.message) for w in found] == [
        (
            "api.json",
            1,
            spec.read_text().index(key) + len(key) + 1,
            f"the type nests lists, maps and unions more than {MAX_TYPE_DEPTH} levels deep"
            " (through $refs): generated as a free-form value",
        )
    ]
    assert {w.message for w in warnings} == {found[0].message}


@pytest.mark.parametrize("shape", ["models", "refs"])
def test_an_openapi_3_1_chain_is_validated_without_recursing(shape, tmp_path, run_cli):
    """OpenAPI 3.1 documents were walked by the validator itself, which recursed once per
    link and stopped with a RecursionError, reported at the document's top (``at /``)."""
    make, _ = CHAINS[shape]
    spec = make(LONG // 4)
    spec["openapi"] = "3.1.0"
    path = tmp_path / "api.json"
    path.write_text(json.dumps(spec))

    result = run_cli("validate", path)

    assert (result.code, result.err) == (0, f"{path}: valid\n")
