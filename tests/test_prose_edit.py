"""Regeneration after an edit to prose only: the output must be exactly a full run's,
and only the files that show the edited prose are made again."""

from __future__ import annotations

import json
import os
import random
from dataclasses import replace
from pathlib import Path

import pytest
from project_paths import SPEC, shared_path

from sdkforge import pipeline
from sdkforge.cache.incremental import folder_key, recall_folder
from sdkforge.cache.prose import structure_digest
from sdkforge.cache.store import Cache
from sdkforge.changes.surface import SURFACE_FILE
from sdkforge.output.write import MANIFEST, write_files
from sdkforge.pipeline import GenerateRequest, generate
from sdkforge.progress import Progress
from sdkforge.render import engine
from sdkforge.request import run_options
from sdkforge.spec.load import load_spec
from sdkforge.targets import TargetOptions, registry

EDITS = (
    lambda text: text + " Edited.",
    lambda text: "",
    lambda text: "First paragraph, new.\n\n" + text,
    lambda text: text.replace(" ", "  ", 1) if " " in text else text + "!",
)


class Stages(Progress):
    """The stages a run went through, with what it said of each."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, str]] = []

    def stage(self, name: str, detail: str = "") -> None:
        self.seen.append((name, detail))

    def said(self, name: str) -> str:
        """All it said of stage ``name`` (validation says whether only prose changed once it knows)."""
        return " | ".join(detail for stage, detail in self.seen if stage == name)


def request(spec: Path, out: Path, cache: Path | None, **kwargs) -> GenerateRequest:
    return GenerateRequest(spec=spec, out=out, options=TargetOptions(package_name="sdk"), cache_dir=cache, **kwargs)


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def edited_spec(source: Path, site: int, edit) -> str:
    """The spec at ``source`` as JSON, with its ``site``-th prose string edited."""
    spec = load_spec(source)
    node, key, _ = spec.prose_sites[spec.root][site]
    node[key] = edit(node[key])
    return json.dumps(spec.data, indent=2)


def check_edits(source: Path, sites: list[int], tmp_path: Path) -> None:
    """For each prose site: edit it, regenerate from the last run, and compare with a
    run from scratch. Each run starts from the output and cache of the one before."""
    spec, out, cache = tmp_path / "spec.json", tmp_path / "out", tmp_path / "cache"
    spec.write_text(json.dumps(load_spec(source).data, indent=2))
    generate(request(spec, out, cache))
    for n, site in enumerate(sites):
        text = edited_spec(source, site, EDITS[n % len(EDITS)])
        spec.write_text(text)
        stages = Stages()
        result = generate(request(spec, out, cache), stages)
        assert "only prose changed" in stages.said("validate"), f"site {site} was not taken as a prose edit"
        fresh, fresh_spec = tmp_path / f"fresh{n}", tmp_path / f"from-scratch{n}" / "spec.json"
        fresh_spec.parent.mkdir()
        fresh_spec.write_text(text)
        expected = generate(request(fresh_spec, fresh, None))
        assert tree(out) == tree(fresh), f"prose site {site}: the output differs from a full run's"
        assert result.warnings == expected.warnings
        assert result.summary == expected.summary


def test_every_prose_edit_of_the_oauth_spec_gives_a_full_runs_output(tmp_path):
    sites = len(load_spec(SPEC).prose_sites[SPEC.resolve()])
    assert sites > 20
    check_edits(SPEC, list(range(sites)), tmp_path)


@pytest.mark.parametrize("name", ["api-2025-08-20.oas3.json", "api-2022-05-12.swagger2.json"])
def test_prose_edits_of_squares_specs_give_a_full_runs_output(tmp_path, name):
    source = shared_path("corpus", "square", name)
    sites = len(load_spec(source).prose_sites[source.resolve()])
    check_edits(source, sorted(random.Random(name).sample(range(sites), 5)), tmp_path)


def test_server_names_made_from_descriptions_follow_a_prose_edit(tmp_path):
    """Without ``x-environments``, servers are named from their descriptions: an edit to
    one renames an environment, and every file naming it must follow."""
    data = load_spec(SPEC).data
    del data["x-environments"]
    source = tmp_path / "servers.json"
    source.write_text(json.dumps(data))
    spec = load_spec(source)
    servers = [i for i, (node, _, _) in enumerate(spec.prose_sites[spec.root]) if node in data["servers"]]
    assert len(servers) == 2
    (tmp_path / "runs").mkdir()
    check_edits(source, servers, tmp_path / "runs")


def test_a_prose_edit_makes_only_the_files_showing_it_again(tmp_path, monkeypatch):
    spec, out, cache = tmp_path / "spec.yaml", tmp_path / "out", tmp_path / "cache"
    text = SPEC.read_text()
    spec.write_text(text)
    generate(request(spec, out, cache))
    before = tree(out)
    assert "description: Always `bearer`." in text
    spec.write_text(text.replace("description: Always `bearer`.", "description: Only ever `bearer`.", 1))
    rendered: list[str] = []
    render_all = engine.render_all
    monkeypatch.setattr(engine, "render_all", lambda jobs, *a, **k: render_all(list(jobs), *a, **k))
    # the Python target's formatter sees every file rendered
    python = registry.TARGETS["python"]
    counting = replace(python, format=lambda files, cache: rendered.extend(files) or python.format(files, cache))
    monkeypatch.setitem(registry.TARGETS, "python", counting)
    report = generate(request(spec, out, cache)).report
    changed = {path for path, data in tree(out).items() if before.get(path) != data}
    assert changed == set(report.written)
    # the model's files, and the files made from everything (the runtime's copies are made from
    # sdkforge alone; the index of the models shows their names only)
    shows = {"sdk/models/obtain_token_response.py", "doc/models/obtain-token-response.md"}
    everything = {"README.md", "sdk/__init__.py", "sdk/_client.py", "sdk/_sdk.py"}
    assert set(rendered) == shows | everything | {"sdk/api/__init__.py"}
    # the files that show the text, and the surface record, whose prose fingerprints change
    assert all("Only ever" in (out / path).read_text() for path in changed - {SURFACE_FILE})
    assert SURFACE_FILE in changed


def test_a_cold_runs_structure_digest_is_taken_beside_it_and_serves_the_next_prose_edit(tmp_path, monkeypatch):
    """With no record of the last run, the structure digest is needed only for this run's
    record: the validation child takes it, off this process's way to rendering, and the
    next run tells a prose edit by it as it would by one taken here."""
    spec, out, cache, takers = tmp_path / "spec.yaml", tmp_path / "out", tmp_path / "cache", tmp_path / "takers"
    text = SPEC.read_text()
    spec.write_text(text)

    def noted(loaded):  # the real digest, and which process took it
        with takers.open("a") as note:
            note.write(f"{os.getpid()}\n")
        return structure_digest(loaded)

    monkeypatch.setattr(pipeline, "structure_digest", noted)
    generate(request(spec, out, cache))
    assert os.getpid() not in {int(pid) for pid in takers.read_text().split()}
    record = recall_folder(Cache(cache), folder_key(out, run_options(request(spec, out, cache)), None))
    assert record is not None and record.structure == structure_digest(load_spec(spec))
    spec.write_text(text.replace("description: Always `bearer`.", "description: Only ever `bearer`.", 1))
    stages = Stages()
    generate(request(spec, out, cache), stages)
    assert "only prose changed" in stages.said("validate")


def test_without_the_childs_answer_the_run_takes_the_verdict_and_the_structure_digest_itself(tmp_path, monkeypatch):
    """Should the validation child give no answer (here: its structure digest fails), this
    process parses the spec again and takes both itself: the run is whole all the same,
    keeps its record, and the next prose edit keeps its verdict."""
    spec, out, cache = tmp_path / "spec.yaml", tmp_path / "out", tmp_path / "cache"
    text = SPEC.read_text()
    spec.write_text(text)
    parent = os.getpid()

    def failing_in_a_child(loaded):
        if os.getpid() != parent:
            raise RuntimeError("no digest")
        return structure_digest(loaded)

    monkeypatch.setattr(pipeline, "structure_digest", failing_in_a_child)
    first = generate(request(spec, out, cache))
    assert (out / MANIFEST).exists() and first.report.written
    edited = text.replace("description: Always `bearer`.", "description: Only ever `bearer`.", 1)
    spec.write_text(edited)
    stages = Stages()
    generate(request(spec, out, cache), stages)
    assert "only prose changed" in stages.said("validate")
    fresh_spec = tmp_path / "fresh" / "spec.yaml"
    fresh_spec.parent.mkdir()
    fresh_spec.write_text(edited)
    generate(request(fresh_spec, tmp_path / "fresh-out", None))
    assert tree(out) == tree(tmp_path / "fresh-out")


def test_without_fork_a_prose_edit_keeps_the_verdict_without_parsing_the_spec_again(tmp_path, monkeypatch):
    """Where no child can be forked (Windows), this process takes the structure digest
    itself, and after a prose edit keeps the last run's verdict: the spec is not parsed a
    second time to be validated."""
    spec, out, cache = tmp_path / "spec.yaml", tmp_path / "out", tmp_path / "cache"
    text = SPEC.read_text()
    spec.write_text(text)
    monkeypatch.delattr(os, "fork")
    generate(request(spec, out, cache))
    edited = text.replace("description: Always `bearer`.", "description: Only ever `bearer`.", 1)
    spec.write_text(edited)
    parsed: list[Path] = []
    monkeypatch.setattr(pipeline, "load_spec", lambda path: parsed.append(path) or load_spec(path))
    stages = Stages()
    generate(request(spec, out, cache), stages)
    assert "only prose changed" in stages.said("validate") and parsed == []
    fresh_spec = tmp_path / "fresh" / "spec.yaml"
    fresh_spec.parent.mkdir()
    fresh_spec.write_text(edited)
    generate(request(fresh_spec, tmp_path / "fresh-out", None))
    assert tree(out) == tree(tmp_path / "fresh-out")


def test_a_structural_edit_runs_in_full(tmp_path):
    spec, out, cache = tmp_path / "spec.yaml", tmp_path / "out", tmp_path / "cache"
    text = SPEC.read_text()
    spec.write_text(text)
    generate(request(spec, out, cache))
    spec.write_text(text.replace("maxLength: 191", "maxLength: 192", 1))
    stages = Stages()
    generate(request(spec, out, cache), stages)
    assert "only prose" not in stages.said("validate")


def test_prose_inside_literal_data_is_structure(tmp_path):
    spec, out, cache = tmp_path / "spec.json", tmp_path / "out", tmp_path / "cache"
    data = load_spec(SPEC).data
    schema = next(iter(data["components"]["schemas"].values()))
    schema["example"] = {"description": "an example value"}
    spec.write_text(json.dumps(data))
    generate(request(spec, out, cache))
    schema["example"] = {"description": "another example value"}
    spec.write_text(json.dumps(data))
    stages = Stages()
    generate(request(spec, out, cache), stages)
    assert "only prose" not in stages.said("validate")


def test_a_hand_edited_file_is_restored_after_a_prose_edit(tmp_path):
    spec, out, cache = tmp_path / "spec.yaml", tmp_path / "out", tmp_path / "cache"
    text = SPEC.read_text()
    spec.write_text(text)
    generate(request(spec, out, cache))
    untouched = out / "sdk" / "models" / "error.py"
    original = untouched.read_text()
    untouched.write_text(original + "# edited by hand\n")
    spec.write_text(text.replace("description: Always `bearer`.", "description: Only ever `bearer`.", 1))
    report = generate(request(spec, out, cache)).report
    assert untouched.read_text() == original
    assert "sdk/models/error.py" in report.written


def test_kept_files_stay_listed_and_are_not_read(tmp_path):
    out = tmp_path / "out"
    write_files(out, {"a.txt": "a\n", "b/c.txt": "c\n"})
    (out / "b" / "c.txt").write_text("not read\n")
    report = write_files(out, {"a.txt": "A\n"}, kept=["b/c.txt"])
    assert report.written == ["a.txt"] and report.removed == []
    assert "b/c.txt" in report.unchanged
    assert json.loads((out / MANIFEST).read_text())["files"] == ["a.txt", "b/c.txt"]
    assert (out / "b" / "c.txt").read_text() == "not read\n"


def test_a_renamed_root_with_only_prose_edited_reports_the_warnings_of_a_full_run(tmp_path):
    data = load_spec(SPEC).data
    data["info"]["unknownKey"] = 1  # a validation warning
    first, second, cache = tmp_path / "first.json", tmp_path / "second.json", tmp_path / "cache"
    first.write_text(json.dumps(data, indent=2))
    generate(request(first, tmp_path / "out", cache))
    data["info"]["description"] = "A description\nover two lines, added later."
    second.write_text("\n\n" + json.dumps(data, indent=2))  # every line moves down by two
    stages = Stages()
    result = generate(request(second, tmp_path / "out", cache), stages)
    assert "only prose changed" in stages.said("validate")
    expected = generate(request(second, tmp_path / "fresh", None))
    assert [w for w in result.warnings if "unknownKey" in w.message]
    assert result.warnings == expected.warnings
    assert tree(tmp_path / "out") == tree(tmp_path / "fresh")


def test_with_the_users_templates_a_prose_edit_runs_in_full(tmp_path):
    """A user's template may show other prose than ours: which files show what is known
    of our templates only."""
    templates = tmp_path / "templates" / "python" / "package"
    templates.mkdir(parents=True)
    (templates / "_client.py.j2").write_text(
        '"""Groups: {{ groups | map(attribute="summary") | join(", ") | docstring(0) }}"""\n'
    )
    spec, out, cache = tmp_path / "spec.yaml", tmp_path / "out", tmp_path / "cache"
    text = SPEC.read_text()
    spec.write_text(text)
    generate(request(spec, out, cache, templates=tmp_path / "templates"))
    assert "description: Always `bearer`." in text
    spec.write_text(text.replace("description: Always `bearer`.", "description: Only ever `bearer`.", 1))
    stages = Stages()
    generate(request(spec, out, cache, templates=tmp_path / "templates"), stages)
    assert "only prose" not in stages.said("validate")


def test_a_prose_edit_with_a_group_chosen_gives_a_full_runs_output(tmp_path):
    spec, out, cache = tmp_path / "spec.yaml", tmp_path / "out", tmp_path / "cache"
    text = SPEC.read_text()
    spec.write_text(text)
    generate(request(spec, out, cache, groups=("OAuth",)))
    edited = text.replace("description: Always `bearer`.", "description: Only ever `bearer`.", 1)
    spec.write_text(edited)
    stages = Stages()
    generate(request(spec, out, cache, groups=("OAuth",)), stages)
    assert "only prose changed" in stages.said("validate")
    fresh = tmp_path / "fresh" / "spec.yaml"
    fresh.parent.mkdir()
    fresh.write_text(edited)
    generate(request(fresh, tmp_path / "fresh-out", None, groups=("OAuth",)))
    assert tree(out) == tree(tmp_path / "fresh-out")


def test_a_prose_edit_in_a_referenced_file_gives_a_full_runs_output(tmp_path):
    """Prose in another file of the spec: the digest covers every file, and the next
    run finds the edit though the root file did not change."""
    folder = tmp_path / "spec"
    folder.mkdir()
    identifier = {"type": "string", "description": "Its id."}
    thing = {"type": "object", "description": "A thing.", "properties": {"id": identifier}}
    root = {
        "openapi": "3.0.3",
        "info": {"title": "Things", "version": "1"},
        "paths": {
            "/things": {
                "get": {
                    "operationId": "getThing",
                    "responses": {
                        "200": {
                            "description": "ok",
                            "content": {"application/json": {"schema": {"$ref": "models.json#/Thing"}}},
                        }
                    },
                }
            }
        },
    }
    (folder / "api.json").write_text(json.dumps(root))
    (folder / "models.json").write_text(json.dumps({"Thing": thing}))
    out, cache = tmp_path / "out", tmp_path / "cache"
    generate(request(folder / "api.json", out, cache))
    identifier["description"] = "Its id, which never changes."
    (folder / "models.json").write_text(json.dumps({"Thing": thing}))
    stages = Stages()
    result = generate(request(folder / "api.json", out, cache), stages)
    assert "only prose changed" in stages.said("validate")
    assert any("never changes" in (out / path).read_text() for path in result.report.written)
    fresh = generate(request(folder / "api.json", tmp_path / "fresh", None))
    assert tree(out) == tree(tmp_path / "fresh")
    assert result.warnings == fresh.warnings


def test_operations_whose_group_and_id_run_together_are_told_apart(tmp_path):
    """Tag ``a:b`` with operation ``c`` and tag ``a`` with operation ``b:c``: an edit to
    either one's description must reach its own files."""

    def operation(tag: str, operation_id: str) -> dict[str, object]:
        return {
            "tags": [tag],
            "operationId": operation_id,
            "description": f"{operation_id} in {tag}.",
            "responses": {"204": {"description": "done"}},
        }

    data = {
        "openapi": "3.0.3",
        "info": {"title": "Colons", "version": "1"},
        "paths": {"/one": {"get": operation("a:b", "c")}, "/two": {"get": operation("a", "b:c")}},
    }
    source = tmp_path / "colons.json"
    source.write_text(json.dumps(data))
    spec = load_spec(source)
    described = [i for i, (node, key, _) in enumerate(spec.prose_sites[spec.root]) if "operationId" in node]
    assert len(described) == 2
    for site in described:  # each edit alone, from a first run of the spec as it was
        runs = tmp_path / f"runs{site}"
        runs.mkdir()
        check_edits(source, [site], runs)
