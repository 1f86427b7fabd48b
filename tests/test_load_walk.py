"""Loading a spec reads it as before, with less work.

A file of whitespace alone is empty, whatever whitespace it holds (told without copying
the text).
"""

from __future__ import annotations

import gc
import json
import sys
from pathlib import Path

import pytest

from sdkforge.errors import SpecError
from sdkforge.spec.load import MAX_DEPTH, load_spec


@pytest.mark.parametrize("suffix", [".json", ".yaml"])
@pytest.mark.parametrize("text", [" ", "\n\n\t\r\n", "\x0b\x0c", "\u3000\u00a0 \u2028", "\ufeff  \n"])
def test_a_file_of_whitespace_alone_is_empty(suffix: str, text: str, tmp_path: Path) -> None:
    spec = tmp_path / f"api{suffix}"
    spec.write_text(text, encoding="utf-8")
    with pytest.raises(SpecError) as raised:
        load_spec(spec)
    assert [(f.message, f.line) for f in raised.value.findings] == [("the file is empty", None)]


def _nested(levels: int) -> object:
    """A value ``levels`` objects deep."""
    value: object = {"type": "string"}
    for _ in range(levels):
        value = {"items": value}
    return value


def _json_spec(tmp_path: Path, schemas: dict[str, object], paths: object = None) -> Path:
    spec = tmp_path / "api.json"
    document = {"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": paths or {}}
    spec.write_text(json.dumps({**document, "components": {"schemas": schemas}}, indent=1))
    return spec


def test_of_two_values_too_deep_the_one_met_first_is_refused(tmp_path: Path) -> None:
    """An object's literal values are checked as the object is met, before the values it
    holds are walked: the example too deep is refused, not the items written after it."""
    spec = _json_spec(tmp_path, {"A": {"example": _nested(MAX_DEPTH), "items": _nested(MAX_DEPTH)}})
    with pytest.raises(SpecError) as raised:
        load_spec(spec)
    (finding,) = raised.value.findings
    assert finding.message == f"the document is nested more than {MAX_DEPTH} levels deep"
    assert finding.pointer == "/components/schemas/A/example" + "/items" * (MAX_DEPTH - 3)
    assert finding.line is not None


def test_a_yaml_alias_that_nests_a_value_too_deep_is_refused(tmp_path: Path) -> None:
    """YAML without aliases is refused by its parser when nested too deep; an alias can
    nest a value that stands shallow where its anchor is past the limit elsewhere."""
    anchored = "[" * 50 + "]" * 50
    spec = tmp_path / "api.yaml"
    spec.write_text(
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n"
        f"x-data: &deep {anchored}\n"
        "components:\n  schemas:\n    A:\n      example: " + "{a: " * 20 + "*deep" + "}" * 20 + "\n"
    )
    with pytest.raises(SpecError) as raised:
        load_spec(spec)
    (finding,) = raised.value.findings
    assert finding.message == f"the document is nested more than {MAX_DEPTH} levels deep"
    assert finding.pointer is not None and finding.pointer.startswith("/components/schemas/A/example/a/a/")


def test_refs_to_nothing_are_said_in_the_order_of_their_pointers(tmp_path: Path) -> None:
    """Each ``$ref`` to nothing is said at its place, the same text as often as it is
    written, in the order of the pointers (not of the walk)."""
    properties = {name: {"$ref": "#/components/schemas/Gone"} for name in ["a/b", "a", "a-b"]}
    spec = _json_spec(tmp_path, {"A": {"type": "object", "properties": properties}})
    loaded = load_spec(spec)
    pointers = [f"/components/schemas/A/properties/{name}/$ref" for name in ["a-b", "a", "a~1b"]]
    assert [w.pointer for w in loaded.warnings] == pointers
    assert [site.pointer for site in loaded.dangling_sites] == pointers
    assert all(w.line is not None for w in loaded.warnings)

    responses = {code: {"$ref": f"#/components/responses/{code}"} for code in ["404", "200", "500"]}
    spec = _json_spec(tmp_path, {}, {"/x": {"get": {"responses": responses}}})
    with pytest.raises(SpecError) as raised:
        load_spec(spec)
    assert [f.pointer for f in raised.value.findings] == [
        f"/paths/~1x/get/responses/{code}/$ref" for code in ["200", "404", "500"]
    ]


@pytest.mark.parametrize("suffix", [".json", ".yaml"])
def test_a_loaded_spec_let_go_of_is_freed_with_the_cycle_collector_at_rest(suffix: str, tmp_path: Path) -> None:
    """A run's cycle collector is at rest: nothing loading made keeps the parsed spec's
    objects once the spec is let go of (the walk's own functions hold one another)."""
    schemas = {"Pet": {"type": "object", "description": "A pet.", "properties": {"owner": {"$ref": "#/x"}}}}
    spec = _json_spec(tmp_path, schemas)
    if suffix == ".yaml":
        spec = spec.rename(spec.with_suffix(".yaml"))  # JSON is YAML
    was = gc.isenabled()
    gc.disable()
    try:
        loaded = load_spec(spec)
        pet = loaded.data["components"]["schemas"]["Pet"]
        assert any(site[0] is pet for site in loaded.prose_sites[loaded.root])
        del loaded
        assert sys.getrefcount(pet) == 2  # ``pet`` and the call's argument alone
    finally:
        if was:
            gc.enable()
