"""After a replayed build, the surface record takes from the last run what the replayed
objects hold (their rows of the last record, their prose fingerprints), and only where
all a row is made of is as it was (see generator.targets.python.surface.surface_keeping).

Each run test edits a JSON spec in an output folder with a cache, and checks the folder
against a run from scratch, and the report of what changed against a run from the same
folder without a cache (which takes nothing from the last run).
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from project_paths import CONSTRUCTS_SPEC
from test_carried import carried, json_spec, run, same_as_a_full_run
from test_prose_edit import request, tree
from test_replay_runs import constructs, json_text, replayed

from sdkforge.cache.prose import prose_fingerprints
from sdkforge.changes.surface import LastRecord, LastSurface, Rows, to_json
from sdkforge.model.build import build_api
from sdkforge.pipeline import generate
from sdkforge.spec.load import load_spec
from sdkforge.targets.python.naming import name_api
from sdkforge.targets.python.surface import surface, surface_keeping


def base(tmp: Path, data: dict[str, Any]) -> tuple[Path, Path, Path]:
    """A first run of ``data`` into a folder with a cache: the spec, the folder, the cache."""
    spec, out, cache = json_spec(tmp, data, indent=2)
    generate(request(spec, out, cache))
    return spec, out, cache


def edited(tmp: Path, spec: Path, out: Path, cache: Path, data: dict[str, Any]) -> Any:
    """``data`` written to ``spec``, then a run into ``out`` that replays the last run's
    model: it makes what a run from scratch makes, and reports what a run into a copy of
    the folder without a cache reports. Its stages."""
    whole = tmp / f"whole-{len(list(tmp.glob('whole-*')))}"
    shutil.copytree(out, whole)
    text = json_text(data)
    spec.write_text(text)
    stages, result = run(spec, out, cache)
    assert replayed(stages)
    same_as_a_full_run(text, tmp, out, result)
    expected = generate(request(spec, whole, None))
    assert result.changes == expected.changes
    assert tree(out) == tree(whole)
    return stages


def test_a_model_that_travels_another_way_is_written_again(tmp_path):
    """A model only received, then also sent by a new operation: its object is the last
    model's, but its row holds its new flow."""
    data = constructs()
    data["components"]["schemas"]["Receipt"] = {"type": "object", "properties": {"total": {"type": "integer"}}}
    receipt = {
        "description": "A receipt.",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Receipt"}}},
    }
    data["paths"]["/v1/receipts"] = {"get": {"operationId": "GetReceipt", "responses": {"200": receipt}}}
    spec, out, cache = base(tmp_path, data)
    data["paths"]["/v1/receipt-checks"] = {
        "post": {
            "operationId": "CheckReceipt",
            "requestBody": {"required": True, **receipt},
            "responses": {"204": {"description": "checked"}},
        }
    }
    edited(tmp_path, spec, out, cache, data)
    record = (out / ".sdkforge-surface.json").read_text()
    assert '["Receipt",[["total","int",false,false,false]],"both",false]' in record


def test_a_row_naming_a_type_whose_class_name_changed_is_written_again(tmp_path):
    """A schema added ahead of ``Tag`` takes its class name: the model whose field is a
    ``Tag``, and the method that takes one, are the last model's objects, but name
    the type by its new class name. An operation added to the group at the same time:
    the group's other methods are taken from the last record one by one."""
    data = constructs()
    schemas = data["components"]["schemas"]
    schemas["Tag"] = {"type": "object", "properties": {"name": {"type": "string"}}}
    schemas["Label"] = {"type": "object", "properties": {"tag": {"$ref": "#/components/schemas/Tag"}}}
    tag = {"description": "A tag.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Tag"}}}}
    data["paths"]["/v1/tags"] = {
        "post": {"operationId": "CreateTag", "requestBody": {"required": True, **tag}, "responses": {"201": tag}}
    }
    spec, out, cache = base(tmp_path, data)
    data["components"]["schemas"] = {"tag": {"type": "object", "properties": {"id": {"type": "integer"}}}, **schemas}
    data["paths"]["/v1/notes"]["get"] = {"operationId": "ListNotes", "responses": {"204": {"description": "none"}}}
    edited(tmp_path, spec, out, cache, data)
    record = (out / ".sdkforge-surface.json").read_text()
    assert '["Label",[["tag","Tag2",false,false,false]],"both",false]' in record
    assert '["create_tag",[["body","Tag2",true,0]],"Tag2",false,"POST /v1/tags"]' in record


def test_an_operation_changed_beside_an_operation_added_is_written_again(tmp_path):
    """An operation added to a group and another given a parameter: the group's other
    methods are taken from the last record, not the one whose operation was made again."""
    data = constructs()
    spec, out, cache = base(tmp_path, data)
    data["paths"]["/v1/notes"]["get"] = {"operationId": "ListNotes", "responses": {"204": {"description": "none"}}}
    force = {"name": "force", "in": "query", "required": True, "schema": {"type": "boolean"}}
    data["paths"]["/v1/animals/{id}"]["delete"]["parameters"].append(force)
    edited(tmp_path, spec, out, cache, data)
    record = (out / ".sdkforge-surface.json").read_text()
    assert '["delete_animal",[["id","str",true,0],["force","bool",true,1]]' in record


def dog_described_again(tmp: Path) -> tuple[dict[str, Any], Path, Path, Path]:
    """A first run, then a run after ``Dog``'s description is edited (carried into the
    last model): the spec's data as it is now, the spec, the folder, the cache."""
    data = constructs()
    data["components"]["schemas"]["Dog"]["description"] = "A dog."
    spec, out, cache = base(tmp, data)
    data["components"]["schemas"]["Dog"]["description"] = "A good dog."
    spec.write_text(json_text(data))
    stages, _ = run(spec, out, cache)
    assert carried(stages)
    return data, spec, out, cache


def test_fingerprints_a_prose_edit_put_into_the_last_model_since_are_not_taken(tmp_path):
    """A description edited (carried into the last model, not kept with it), then edited
    back with a structural edit: the model replayed holds the description as it was at
    first, whose fingerprint is not the last record's."""
    data, spec, out, cache = dog_described_again(tmp_path)
    data["components"]["schemas"]["Dog"]["description"] = "A dog."
    data["components"]["schemas"]["Dimensions"]["properties"]["height"] = {"type": "number"}
    edited(tmp_path, spec, out, cache, data)


def test_after_a_prose_edit_a_structural_edit_takes_the_other_fingerprints_of_the_last_record(tmp_path, monkeypatch):
    """A description edited (carried), then a structural edit elsewhere: the surface
    record takes the last record's fingerprints for the replayed objects but those of
    the subject the prose edit changed, which it takes again; and makes what a run
    without a cache makes."""
    import json

    import sdkforge.cache.prose as prose

    asked = tmp_path / "asked"
    with_kept = prose._with_kept

    def noted(api: Any, kept: prose.KeptProse) -> dict[str, str]:
        # the side work runs in a forked child: what it was given is written down
        with asked.open("a") as notes:
            notes.write(json.dumps(sorted(kept.edited)) + "\n")
        return with_kept(api, kept)

    monkeypatch.setattr(prose, "_with_kept", noted)
    data, spec, out, cache = dog_described_again(tmp_path)
    data["components"]["schemas"]["Dimensions"]["properties"]["height"] = {"type": "number"}
    edited(tmp_path, spec, out, cache, data)
    assert asked.read_text().splitlines() == [json.dumps([prose.model_subject("Dog")])]


def test_fingerprints_are_taken_but_those_of_the_subjects_edited_since():
    from sdkforge.cache.prose import KeptProse, fields_subject, model_subject, operation_subject

    api, _ = build_api(load_spec(CONSTRUCTS_SPEC))
    fresh = prose_fingerprints(api)
    group = api.groups[0]
    operation = operation_subject(group, group.operations[0])
    stale = {**fresh, model_subject("Dog"): "stale/1", fields_subject("Dog"): "stale/2", operation: "stale/3"}
    # the same objects: what is kept is taken, what was edited since is made again
    taken = prose_fingerprints(api, kept=KeptProse(api, stale, frozenset({model_subject("Dog")})))
    assert taken == {**fresh, operation: "stale/3"}
    taken = prose_fingerprints(api, kept=KeptProse(api, stale, frozenset({operation})))
    assert taken == {**fresh, model_subject("Dog"): "stale/1", fields_subject("Dog"): "stale/2"}


def test_a_structural_edit_after_another_takes_the_fingerprints_of_the_replayed_model(tmp_path):
    """Two structural edits one after another, each with a description edited elsewhere:
    what each run takes from the last is what it would make."""
    data = constructs()
    spec, out, cache = base(tmp_path, data)
    schemas = data["components"]["schemas"]
    schemas["Cat"]["properties"]["whiskers"] = {"type": "integer"}
    schemas["Dog"]["description"] = "A dog."
    edited(tmp_path, spec, out, cache, data)
    del schemas["Cat"]["properties"]["lives"]
    schemas["Pen"]["properties"]["opened"]["description"] = "When it opened."
    edited(tmp_path, spec, out, cache, data)


def test_a_surface_of_the_last_model_as_it_was_keeps_every_row():
    """With the last model's very objects, names as they were and the record they made,
    every group, model and enum row is kept, and the record is written as it was."""
    api, _ = build_api(load_spec(constructs_path()))
    names = name_api(api)
    made = surface(api, names)
    text = to_json(made, prose_fingerprints(api))
    record = LastRecord.read(text)
    assert record is not None
    last = LastSurface(api, names, frozenset({*api.models, *api.enums}), record)
    left, kept = surface_keeping(api, names, last)
    assert not left.groups and not left.models and not left.enums
    assert {part: len(rows) for part, rows in kept.rows.items()} == {
        "groups": len(made.groups),
        "models": len(made.models),
        "enums": len(made.enums),
    }
    assert to_json(left, prose_fingerprints(api), Rows.of(left, kept)) == text


def test_a_record_not_laid_out_as_written_has_no_rows_to_keep():
    """Two models on one line, or a model's row split over two: not a record as
    :func:`generator.changes.surface.to_json` writes it, whose rows could be taken."""
    api, _ = build_api(load_spec(constructs_path()))
    text = to_json(surface(api), prose_fingerprints(api))
    first, second = (line for line in text.split("\n") if line.startswith('["Cat",') or line.startswith('["Dog",'))
    assert LastRecord.read(text.replace(first + "\n" + second, first + second)) is None
    split = first.replace('["kind"', '\n["kind"', 1)
    assert LastRecord.read(text.replace(first, split)) is None


def test_a_row_that_is_not_one_value_as_written_has_no_rows_to_keep():
    """A line holding a value and more, or a value with space around it, is not a row as
    :func:`generator.changes.surface.to_json` writes one."""
    api, _ = build_api(load_spec(constructs_path()))
    text = to_json(surface(api), prose_fingerprints(api))
    assert LastRecord.read(text) is not None
    model = next(line for line in text.split("\n") if line.startswith('["Cat",'))
    assert model.endswith(",")
    for damaged in (model[:-1] + "[1],", " " + model, model[:-1] + " ,", model[:-2] + ","):
        assert LastRecord.read(text.replace(model, damaged)) is None
    group = next(line for line in text.split("\n") if line.endswith(",["))
    assert LastRecord.read(text.replace(group, " " + group)) is None


def constructs_path() -> Path:
    from project_paths import CONSTRUCTS_SPEC

    return CONSTRUCTS_SPEC


def test_a_type_named_by_a_new_field_then_by_none_is_listed_then_dropped(tmp_path):
    """A field of a type no other row names, added then removed again, every other row
    kept: the record's types gain that type, then lose it, as a run from scratch's."""
    data = constructs()
    spec, out, cache = base(tmp_path, data)
    stamps = {"type": "array", "items": {"type": "array", "items": {"type": "string", "format": "date"}}}
    data["components"]["schemas"]["Dimensions"]["properties"]["stamps"] = stamps
    edited(tmp_path, spec, out, cache, data)
    assert '["list[list[_dt.date]]",' in (out / ".sdkforge-surface.json").read_text()
    del data["components"]["schemas"]["Dimensions"]["properties"]["stamps"]
    edited(tmp_path, spec, out, cache, data)
    assert '["list[list[_dt.date]]",' not in (out / ".sdkforge-surface.json").read_text()
