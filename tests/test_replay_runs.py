"""Runs after a structural edit replay the last run's model where the spec is as it was
(see generator.model.replay), and make exactly what a run from scratch makes.

Each test edits a JSON spec in an output folder with a cache, regenerates, and compares
the folder, the warnings and the counts with a run from scratch of the same spec; and
says which way the run went from the stages it reported.
"""

from __future__ import annotations

import copy
import hashlib
import pickle
from pathlib import Path
from typing import Any

from project_paths import CONSTRUCTS_SPEC, SPEC
from test_carried import carried, json_spec, kept, run, same_as_a_full_run
from test_prose_edit import Stages, request, tree

from sdkforge.cache.carried import MODEL, _Unpickler
from sdkforge.pipeline import generate
from sdkforge.spec.load import load_spec


def replayed(stages: Any) -> bool:
    """Whether the run modelled the spec from the last run's model."""
    return "replaying the last run's" in stages.said("model")


def constructs() -> dict[str, Any]:
    return copy.deepcopy(load_spec(CONSTRUCTS_SPEC).data)


def regenerate(tmp: Path, spec: Path, out: Path, cache: Path, data: dict[str, Any]) -> Any:
    """``data`` written to ``spec``, and a run into ``out``: its stages (the folder is checked)."""
    text = json_text(data)
    spec.write_text(text)
    stages, result = run(spec, out, cache)
    same_as_a_full_run(text, tmp, out, result)
    return stages


def json_text(data: dict[str, Any]) -> str:
    import json

    return json.dumps(data, indent=2)


def a_model(data: dict[str, Any]) -> str:
    """The first component schema with properties."""
    return next(name for name, schema in data["components"]["schemas"].items() if schema.get("properties"))


def a_field_added_and_replayed(tmp: Path, data: dict[str, Any]) -> tuple[Path, Path, Path, str]:
    """A run of ``data`` into a folder with a cache, then one after a field is added to
    its first model (:func:`a_model`), which replays the first run's model and makes
    what a run from scratch makes. The spec, the folder, the cache and that model's name."""
    spec, out, cache = json_spec(tmp, data, indent=2)
    generate(request(spec, out, cache))
    name = a_model(data)
    data["components"]["schemas"][name]["properties"]["added_here"] = {"type": "string", "description": "Added."}
    assert replayed(regenerate(tmp, spec, out, cache, data))
    return spec, out, cache, name


def test_structural_edits_one_after_another_replay_and_give_a_full_runs_output(tmp_path):
    """A field added, a schema added and used, an operation removed, a schema's type
    changed: each run replays the last run's model, the one before it replayed
    included, and ends with what a run from scratch makes."""
    data = constructs()
    spec, out, cache, name = a_field_added_and_replayed(tmp_path, data)
    schemas = data["components"]["schemas"]

    schemas["AddedModel"] = {"type": "object", "properties": {"size": {"type": "integer"}}}
    schemas[name]["properties"]["added_model"] = {"$ref": "#/components/schemas/AddedModel"}
    assert replayed(regenerate(tmp_path, spec, out, cache, data))

    path = next(iter(data["paths"]))
    del data["paths"][path]
    assert replayed(regenerate(tmp_path, spec, out, cache, data))

    schemas["AddedModel"] = {"type": "string", "enum": ["small", "large"]}
    assert replayed(regenerate(tmp_path, spec, out, cache, data))


def test_a_prose_edit_after_a_replayed_run_is_carried(tmp_path):
    """The model a replayed run keeps holds, where a part was replayed, the strings of the
    model it replayed: an edit of one of them is still put into the kept model."""
    data = copy.deepcopy(load_spec(SPEC).data)
    spec, out, cache, name = a_field_added_and_replayed(tmp_path, data)
    schemas = data["components"]["schemas"]
    described = next(
        other
        for other, schema in schemas.items()
        if other != name and isinstance(schema.get("description"), str) and len(schema["description"]) > 1
    )
    schemas[described]["description"] += " Edited after a replayed run."
    stages = regenerate(tmp_path, spec, out, cache, data)
    assert carried(stages)


def test_a_target_that_reads_where_things_were_described_builds_the_whole_model(tmp_path):
    """C#'s warnings say where in the spec its language falls short; a kept model does not
    know: its runs model the whole spec, and warn as a run from scratch does."""
    data = constructs()
    spec, out, cache = json_spec(tmp_path, data, indent=2)
    generate(request(spec, out, cache, target="csharp"))
    data["components"]["schemas"][a_model(data)]["properties"]["added_here"] = {"type": "string"}
    text = json_text(data)
    spec.write_text(text)
    stages = Stages()
    result = generate(request(spec, out, cache, target="csharp"), stages)
    assert not replayed(stages)
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    (fresh / "spec.json").write_text(text)
    expected = generate(request(fresh / "spec.json", fresh / "out", None, target="csharp"))
    assert tree(out) == tree(fresh / "out")
    assert result.warnings == expected.warnings


def test_a_model_kept_without_the_record_of_its_build_is_not_replayed(tmp_path):
    """A model kept in the second layout (no record of its build), under the stamps the
    folder's record names and with a checksum that holds: the run models the whole spec."""
    data = constructs()
    spec, out, cache = json_spec(tmp_path, data, indent=2)
    generate(request(spec, out, cache))
    path = kept(cache, MODEL)
    stream = path.open("rb")
    stamp, _, api, strings, _ = _Unpickler(stream).load()
    _, names = _Unpickler(stream).load()  # the names' pickle follows, with a memo of its own
    body = pickle.dumps((stamp, 2, api, names, strings))
    path.write_bytes(body + hashlib.sha256(body).digest())
    data["components"]["schemas"][a_model(data)]["properties"]["added_here"] = {"type": "string"}
    stages = regenerate(tmp_path, spec, out, cache, data)
    assert not replayed(stages)


def test_a_build_decides_what_to_replay_by_the_units_digests_it_is_given():
    """A run's units' digests are made in the validation child and given to the build
    (see pipeline._validation): they decide what is replayed. A build without the record
    of one before it asks for them once, at its end, for its record; one replaying asks
    at its start, and a unit whose given digest is not its record's is built again."""
    from sdkforge.model.build import build_recorded
    from sdkforge.model.replay import unit_digests

    spec = load_spec(CONSTRUCTS_SPEC)
    made = unit_digests(spec)
    asked: list[str] = []

    def given(digests: dict[str, bytes]) -> Any:
        def digests_of() -> dict[str, bytes]:
            asked.append("asked")
            return digests

        return digests_of

    first, _ = build_recorded(spec, None, given(made))
    assert asked == ["asked"]
    assert first.record.digests == made
    again, _ = build_recorded(spec, first, given(made))
    assert again.replayed == set(first.record.units)
    unit = next(key for key in first.record.units if key.startswith("/components/schemas/"))
    other = {**made, unit: bytes(16)}
    edited, _ = build_recorded(spec, first, given(other))
    assert unit not in edited.replayed
    assert edited.replayed and edited.replayed < again.replayed
    assert asked == ["asked"] * 3


def test_the_names_kept_after_the_model_are_read_alone(tmp_path):
    """A replayed build reads the kept model without the target's names; the side work
    reads the names alone, from where the model's pickle ends: the names the target
    gives that model. From anywhere else, or under another stamp, nothing."""
    from sdkforge.cache.carried import recall_built, recall_names
    from sdkforge.cache.incremental import folder_key, recall_folder
    from sdkforge.cache.store import Cache
    from sdkforge.request import run_options
    from sdkforge.targets.registry import get_target

    spec, out, cache_dir = json_spec(tmp_path, constructs(), indent=2)
    asked = request(spec, out, cache_dir)
    generate(asked)
    cache, key = Cache(cache_dir), folder_key(out, run_options(asked), None)
    last = recall_folder(cache, key)
    assert last is not None
    found = recall_built(cache, key, last.carried)
    assert found is not None
    built, _, names = found
    assert names() == get_target("python").name(built.api)
    at = names.args[-1]
    assert recall_names(cache, key, last.carried, at + 1) is None
    assert recall_names(cache, key, "another stamp", at) is None


def test_a_replayed_run_takes_the_last_runs_names_where_they_hold(tmp_path):
    """After a field is added, the run takes the types' names from the last run's (see
    ``name_api_again``); after a model is added before the others, whose class name one of
    them had, it names the model whole. Each run makes what a run from scratch makes."""
    from sdkforge.targets.registry import get_target

    target = get_target("python")
    again = target.name_again
    assert again is not None
    taken: list[bool] = []

    def telling(api: Any, last_api: Any, last: Any) -> Any:
        found = again(api, last_api, last)
        taken.append(found is not None)
        return found

    object.__setattr__(target, "name_again", telling)  # the registry's own object: the pipeline asks for it
    try:
        data = constructs()
        spec, out, cache, _ = a_field_added_and_replayed(tmp_path, data)
        assert taken == [True]
        schemas = data["components"]["schemas"]
        first = next(iter(schemas))  # ``Name_`` asks for ``Name``'s class name, and takes it
        data["components"]["schemas"] = {
            f"{first}_": {"type": "object", "properties": {"a": {"type": "string"}}},
            **schemas,
        }
        assert replayed(regenerate(tmp_path, spec, out, cache, data))
        assert taken == [True, False]
    finally:
        object.__setattr__(target, "name_again", again)
