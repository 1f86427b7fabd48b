"""After an edit whose build replays the last run's model, a run plans and keys only the
files made from a subject that may have changed (see ``_FolderRun.affected`` in
generator.pipeline): a chain of edits into one folder, each step's folder equal to a run
from scratch, and the keys it records equal to those a run keying every file records."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from project_paths import CONSTRUCTS_SPEC
from test_prose_edit import Stages, tree
from test_replay_runs import json_text, replayed

import sdkforge.pipeline as pipeline
from sdkforge.cache.kept_digests import recall_digests
from sdkforge.pipeline import GenerateRequest, generate
from sdkforge.spec.load import load_spec
from sdkforge.targets import TargetOptions


def request(spec: Path, out: Path, cache: Path | None, target: str) -> GenerateRequest:
    return GenerateRequest(
        spec=spec, out=out, target=target, options=TargetOptions(package_name="sdk"), cache_dir=cache
    )


def base() -> dict[str, Any]:
    """The constructs spec, with a model (Shelf) whose page shows a made-up example of
    another (Box), which goes through a required field to a third (Lid)."""
    data = copy.deepcopy(load_spec(CONSTRUCTS_SPEC).data)
    schemas = data["components"]["schemas"]
    schemas["Lid"] = {"type": "object", "properties": {"shut": {"type": "boolean"}}, "required": ["shut"]}
    schemas["Box"] = {
        "type": "object",
        "properties": {"lid": {"$ref": "#/components/schemas/Lid"}},
        "required": ["lid"],
    }
    schemas["Shelf"] = {"type": "object", "properties": {"box": {"$ref": "#/components/schemas/Box"}}}
    return data


def edits() -> list[tuple[str, Any]]:
    """Each step of the chain: what it does, and how it changes the spec's data."""

    def field_deep(data: dict[str, Any]) -> None:  # CreatePen sends a Pen, which reaches Dimensions
        dimensions = data["components"]["schemas"]["Dimensions"]
        dimensions["properties"]["height"] = {"type": "integer", "description": "Height."}

    def required_field_deep(data: dict[str, Any]) -> None:  # Shelf's page shows an example of Box, with its lid
        lid = data["components"]["schemas"]["Lid"]
        lid["properties"]["colour"] = {"type": "string"}
        lid["required"] = ["shut", "colour"]

    def model_added(data: dict[str, Any]) -> None:
        schemas = data["components"]["schemas"]
        schemas["Hatch"] = {"type": "object", "properties": {"open": {"type": "boolean"}}, "required": ["open"]}
        schemas["Dimensions"]["properties"]["hatch"] = {"$ref": "#/components/schemas/Hatch"}

    def model_removed(data: dict[str, Any]) -> None:
        schemas = data["components"]["schemas"]
        del schemas["Dimensions"]["properties"]["hatch"]
        del schemas["Hatch"]

    def operation_added(data: dict[str, Any]) -> None:
        paths = data["paths"]
        item = copy.deepcopy(paths["/v1/pens"])
        for operation in item.values():
            if isinstance(operation, dict) and "operationId" in operation:
                operation["operationId"] += "Again"
        paths["/v1/pens-again"] = item

    def renamed_by_collision(data: dict[str, Any]) -> None:  # a schema before Pen takes its class name
        schemas = data["components"]["schemas"]
        pen = {"type": "object", "properties": {"colour": {"type": "string"}}}
        data["components"]["schemas"] = {"pen": pen, **schemas}

    def operation_removed(data: dict[str, Any]) -> None:
        del data["paths"]["/v1/pens-again"]

    def description(data: dict[str, Any]) -> None:
        data["components"]["schemas"]["Dimensions"]["description"] = "How big a pen is, edited."

    return [
        ("a field added to a model another reaches", field_deep),
        ("a required field added to a model an example goes through", required_field_deep),
        ("a model added and used", model_added),
        ("a model removed", model_removed),
        ("an operation added", operation_added),
        ("a model renamed by a collision", renamed_by_collision),
        ("an operation removed", operation_removed),
        ("a description", description),
    ]


@pytest.mark.parametrize("target", ["python", "csharp"])
def test_a_chain_of_edits_keeps_each_folder_and_its_keys_as_a_whole_run_makes_them(tmp_path, monkeypatch, target):
    """After each step, the folder holds what a run from scratch makes, surface record
    included (a removed model's files gone, a renamed model's moved); and where the
    run planned and keyed only the files the edit may change,
    the keys it records are those that planning and keying every file gives, in the
    same run, with the same kept digests."""
    narrowed: list[str] = []
    affected = pipeline._FolderRun.affected

    def checked(self: Any, api: Any, names: Any, request: Any, target: Any, last: Any) -> Any:
        found = affected(self, api, names, request, target, last)
        if found is not None:
            jobs = target.plan(api, request.options, names, None)
            made_from = [(job.path, job.template, job.subjects) for job in jobs]
            built, before = self.built, self._replayed_from
            kept = recall_digests(self.cache, self.key, self._replayed_stamp)
            reused, operations = built.replayed_types(), built.replayed_operations()
            base = pipeline._files_base(request)
            whole, _ = pipeline._keys(api, names, base, made_from, kept, reused, operations, before.names())
            assert found[1] == whole
            narrowed.append(f"{len(found[0])} of {len(whole)}")
        return found

    monkeypatch.setattr(pipeline._FolderRun, "affected", checked)
    data = base()
    spec, out, cache = tmp_path / "spec.json", tmp_path / "out", tmp_path / "cache"
    spec.write_text(json_text(data))
    generate(request(spec, out, cache, target))
    for _, edit in edits():
        edit(data)
        text = json_text(data)
        spec.write_text(text)
        _, result = run_target(spec, out, cache, target)
        same_as_a_full(text, tmp_path, out, result, target)
    # Python's structural edits took the narrow way; C#'s runs replay no model (its
    # warnings say where in the spec things are, which a kept model does not know).
    assert len(narrowed) >= 5 if target == "python" else not narrowed, narrowed


def run_target(spec: Path, out: Path, cache: Path, target: str) -> tuple[Any, Any]:
    stages = Stages()
    return stages, generate(request(spec, out, cache, target), stages)


def same_as_a_full(text: str, tmp: Path, out: Path, result: Any, target: str) -> None:
    """``out`` holds what a run from scratch of ``text`` makes, with the same warnings and counts."""
    fresh = tmp / f"fresh-{len(list(tmp.glob('fresh-*')))}"
    fresh.mkdir()
    (fresh / "spec.json").write_text(text)
    expected = generate(request(fresh / "spec.json", fresh / "out", None, target))
    assert tree(out) == tree(fresh / "out")
    assert result.warnings == expected.warnings
    assert result.summary == expected.summary


def test_a_field_added_deep_replays_and_narrows(tmp_path):
    """The first edit of the chain replays the last run's model (else nothing is narrowed)."""
    data = base()
    spec, out, cache = tmp_path / "spec.json", tmp_path / "out", tmp_path / "cache"
    spec.write_text(json_text(data))
    generate(request(spec, out, cache, "python"))
    edits()[0][1](data)
    spec.write_text(json_text(data))
    stages, _ = run_target(spec, out, cache, "python")
    assert replayed(stages)


def test_after_a_run_that_bumped_the_version_a_run_that_does_not_writes_its_own(tmp_path):
    """A run that bumps the version makes every file with the new one, and records their
    keys; the next run into the folder, asked for the version as it was before (the bump
    not written back anywhere), makes its files with that one, as a run from scratch does:
    none is kept with the bumped version (``pyproject.toml`` is made from no subject)."""
    data = base()
    spec, out, cache = tmp_path / "spec.json", tmp_path / "out", tmp_path / "cache"
    spec.write_text(json_text(data))
    asked = TargetOptions(package_name="sdk", package_version="1.0.0")

    def run(bump: bool) -> Any:
        stages = Stages()
        made = GenerateRequest(spec=spec, out=out, options=asked, cache_dir=cache, bump=bump)
        return stages, generate(made, stages)

    run(bump=False)
    edits()[2][1](data)  # a model added and used: a minor change
    spec.write_text(json_text(data))
    _, bumped = run(bump=True)
    assert bumped.version == "1.1.0"
    assert 'version = "1.1.0"' in (out / "pyproject.toml").read_text()
    edits()[0][1](data)  # a field added to a model another reaches
    text = json_text(data)
    spec.write_text(text)
    stages, result = run(bump=False)
    assert replayed(stages)  # the build replayed the last run's model: the narrow way was open to it
    assert result.version == "1.0.0"
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    (fresh / "spec.json").write_text(text)
    generate(GenerateRequest(spec=fresh / "spec.json", out=fresh / "out", options=asked))
    assert tree(out) == tree(fresh / "out")


def test_after_a_prose_edit_a_structural_edit_narrows_and_makes_again_what_it_made(tmp_path, monkeypatch):
    """A prose edit made again the files showing the prose without keys for them; the
    structural edit after it still plans and keys only what may have changed, and makes
    those files again too (a model's description, then an operation added that does not
    reach that model): the folder is a run from scratch's, the keys those of keying
    every file."""
    narrowed: list[set[str]] = []
    affected = pipeline._FolderRun.affected

    def checked(self: Any, api: Any, names: Any, request: Any, target: Any, last: Any) -> Any:
        found = affected(self, api, names, request, target, last)
        assert found is not None
        jobs = target.plan(api, request.options, names, None)
        made_from = [(job.path, job.template, job.subjects) for job in jobs]
        built, before = self.built, self._replayed_from
        kept = recall_digests(self.cache, self.key, self._replayed_stamp)
        base = pipeline._files_base(request)
        whole, _ = pipeline._keys(
            api, names, base, made_from, kept, built.replayed_types(), built.replayed_operations(), before.names()
        )
        assert found[1] == whole
        narrowed.append({job.path for job in found[0]})
        return found

    data = base()
    data["components"]["schemas"]["Lid"]["description"] = "What shuts it."
    spec, out, cache = tmp_path / "spec.json", tmp_path / "out", tmp_path / "cache"
    spec.write_text(json_text(data))
    generate(request(spec, out, cache, "python"))
    data["components"]["schemas"]["Lid"]["description"] = "What shuts a box."
    spec.write_text(json_text(data))
    stages, _ = run_target(spec, out, cache, "python")
    assert "show changed prose" in stages.said("render")  # the prose edit's own way
    shown = {path for path, text in tree(out).items() if b"What shuts a box." in text}
    monkeypatch.setattr(pipeline._FolderRun, "affected", checked)
    edits()[4][1](data)  # an operation added, which does not reach Lid
    text = json_text(data)
    spec.write_text(text)
    stages, result = run_target(spec, out, cache, "python")
    assert replayed(stages)
    same_as_a_full(text, tmp_path, out, result, "python")
    assert shown and shown <= narrowed[0], (shown, narrowed)
    assert len(narrowed[0]) < len(tree(out)) / 2
