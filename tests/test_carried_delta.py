"""After a replayed build the model is kept as a delta against the model kept whole it
was replayed from (see generator.cache.carried): the runs after it replay, put prose
edits in and make exactly what a run from scratch makes, as after a model kept whole."""

from __future__ import annotations

import copy
import io
import itertools
import pickle
from pathlib import Path
from typing import Any

import pytest
from project_paths import SPEC
from test_carried import carried, kept
from test_prose_edit import request
from test_replay_runs import a_model, json_text, regenerate, replayed

import sdkforge.cache.carried as carried_module
from sdkforge.cache.carried import DELTA, MODEL
from sdkforge.pipeline import _FolderRun, generate
from sdkforge.spec.load import load_spec


@pytest.fixture(autouse=True)
def any_share(monkeypatch: pytest.MonkeyPatch) -> None:
    """A delta of these small specs may be most of their model: kept as a delta still."""
    monkeypatch.setattr(carried_module, "DELTA_SHARE", 1.0)


def spec_data() -> dict[str, Any]:
    return copy.deepcopy(load_spec(SPEC).data)


def first_run(tmp: Path, data: dict[str, Any]) -> tuple[Path, Path, Path]:
    spec, out, cache = tmp / "spec.json", tmp / "out", tmp / "cache"
    spec.write_text(json_text(data))
    generate(request(spec, out, cache))
    return spec, out, cache


def add_field(data: dict[str, Any], name: str) -> None:
    data["components"]["schemas"][a_model(data)]["properties"][name] = {"type": "string", "description": f"{name}."}


def test_a_replayed_run_keeps_a_delta_and_the_model_kept_whole_stays(tmp_path):
    data = spec_data()
    spec, out, cache = first_run(tmp_path, data)
    whole = kept(cache, MODEL).read_bytes()
    add_field(data, "first_added")
    assert replayed(regenerate(tmp_path, spec, out, cache, data))
    assert kept(cache, MODEL).read_bytes() == whole
    assert kept(cache, DELTA).stat().st_size < len(whole)


def test_edits_in_a_row_after_deltas_replay_and_give_a_full_runs_output(tmp_path):
    """Each run replays the model the one before kept as a delta (against the first
    run's model, which stays as it was) and makes what a run from scratch makes."""
    data = spec_data()
    spec, out, cache = first_run(tmp_path, data)
    whole = kept(cache, MODEL).read_bytes()
    for edit in range(4):
        add_field(data, f"added_{edit}")
        assert replayed(regenerate(tmp_path, spec, out, cache, data))
    path = next(iter(data["paths"]))
    del data["paths"][path]
    assert replayed(regenerate(tmp_path, spec, out, cache, data))
    assert kept(cache, MODEL).read_bytes() == whole


def replayed_units(monkeypatch: pytest.MonkeyPatch) -> list[frozenset[str]]:
    """The units each run of this test replays, as they are found."""
    found: list[frozenset[str]] = []
    last_run = _FolderRun.last_run

    def noted(self: _FolderRun, api: Any) -> Any:
        if self.built is not None:
            found.append(self.built.replayed)
        return last_run(self, api)

    monkeypatch.setattr(_FolderRun, "last_run", noted)
    return found


def test_a_run_after_a_delta_replays_what_it_would_after_a_model_kept_whole(tmp_path, monkeypatch):
    found = replayed_units(monkeypatch)
    runs = []
    for share in (1.0, 0.0):  # a delta, then the model kept whole
        monkeypatch.setattr(carried_module, "DELTA_SHARE", share)
        folder = tmp_path / str(share)
        folder.mkdir()
        data = spec_data()
        spec, out, cache = first_run(folder, data)
        add_field(data, "first_added")
        assert replayed(regenerate(folder, spec, out, cache, data))
        assert (cache / DELTA).exists() == bool(share)
        add_field(data, "second_added")
        assert replayed(regenerate(folder, spec, out, cache, data))
        runs.append(found[-1])
    assert runs[0] == runs[1] and runs[0]


def test_a_prose_edit_after_a_delta_is_carried(tmp_path):
    data = spec_data()
    spec, out, cache = first_run(tmp_path, data)
    add_field(data, "first_added")
    assert replayed(regenerate(tmp_path, spec, out, cache, data))
    schemas = data["components"]["schemas"]
    described = next(name for name, schema in schemas.items() if len(schema.get("description") or "") > 1)
    schemas[described]["description"] += " Edited after a delta."
    assert carried(regenerate(tmp_path, spec, out, cache, data))
    schemas[described]["description"] += " Twice."
    assert carried(regenerate(tmp_path, spec, out, cache, data))
    add_field(data, "second_added")
    assert replayed(regenerate(tmp_path, spec, out, cache, data))


@pytest.mark.parametrize("damage", ["model missing", "model damaged", "delta damaged"])
def test_a_delta_without_its_whole_model_is_not_used(tmp_path, damage):
    """The run after models the spec from scratch, and makes what a run from scratch makes."""
    data = spec_data()
    spec, out, cache = first_run(tmp_path, data)
    add_field(data, "first_added")
    assert replayed(regenerate(tmp_path, spec, out, cache, data))
    path = kept(cache, DELTA if damage == "delta damaged" else MODEL)
    if damage == "model missing":
        path.unlink()
    else:
        body = bytearray(path.read_bytes())
        body[len(body) // 2] ^= 0xFF
        path.write_bytes(bytes(body))
    add_field(data, "second_added")
    stages = regenerate(tmp_path, spec, out, cache, data)
    assert not replayed(stages) and not carried(stages)


def test_after_the_most_deltas_the_model_is_kept_whole_again(tmp_path, monkeypatch):
    monkeypatch.setattr(carried_module, "MAX_DELTAS", 2)
    data = spec_data()
    spec, out, cache = first_run(tmp_path, data)
    wholes = [kept(cache, MODEL).read_bytes()]
    for edit in range(6):
        add_field(data, f"added_{edit}")
        assert replayed(regenerate(tmp_path, spec, out, cache, data))
        wholes.append(kept(cache, MODEL).read_bytes())
    kept_whole = [before != after for before, after in itertools.pairwise(wholes)]
    assert kept_whole == [False, False, True, False, False, True]


@pytest.mark.parametrize("count", [0, 1, 256, 70_000])
def test_the_memo_prefix_makes_each_anchor_the_pickles_reference_to_it(count):
    """After the prefix, a pickle written with the anchors in its pickler's memo reads
    back each anchor as the very object, at its place (ids past one and two bytes too)."""
    anchors = [[at] for at in range(count)]
    stream = io.BytesIO()
    stream.write(carried_module._memo_prefix(count))
    pickler = pickle.Pickler(stream, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.memo = {id(anchor): (at, anchor) for at, anchor in enumerate(anchors)}
    picked = [*anchors[::-97], ["not an anchor"]]
    pickler.dump(picked)
    stream.seek(0)
    unpickler = pickle.Unpickler(stream)
    unpickler.persistent_load = anchors.__getitem__
    assert unpickler.load() is None
    read = unpickler.load()
    assert read[-1] == ["not an anchor"] and read[-1] is not picked[-1]
    assert all(got is anchor for got, anchor in zip(read[:-1], picked[:-1], strict=True))
