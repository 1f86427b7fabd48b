"""Regeneration with a cache: unchanged inputs skip the run, any change runs it in full."""

from __future__ import annotations

import gc

import pytest
from project_paths import SPEC

import sdkforge.pipeline as pipeline
from sdkforge.errors import SpecError
from sdkforge.pipeline import GenerateRequest, generate
from sdkforge.targets import TargetOptions


def request(tmp_path, spec=SPEC, **kwargs):
    return GenerateRequest(
        spec=spec,
        out=tmp_path / "out",
        options=TargetOptions(package_name="square_oauth"),
        cache_dir=tmp_path / "cache",
        **kwargs,
    )


def test_an_unchanged_run_is_skipped_and_reports_every_file_unchanged(tmp_path, monkeypatch):
    first = generate(request(tmp_path))
    assert first.report.written
    monkeypatch.setattr(pipeline, "render_sdk", lambda *a, **k: pytest.fail("rendered although nothing changed"))
    second = generate(request(tmp_path))
    assert second.report.written == [] and second.report.removed == []
    assert sorted(second.report.unchanged) == sorted(first.report.written)
    assert second.summary == first.summary


def test_a_hand_edited_output_file_is_regenerated(tmp_path):
    generate(request(tmp_path))
    model = tmp_path / "out" / "square_oauth" / "models" / "error.py"
    original = model.read_text()
    model.write_text(original + "# edited\n")
    report = generate(request(tmp_path)).report
    assert report.written == ["square_oauth/models/error.py"]
    assert model.read_text() == original


def test_a_changed_spec_runs_in_full(tmp_path):
    spec = tmp_path / "oauth.yaml"
    spec.write_text(SPEC.read_text())
    generate(request(tmp_path, spec))
    spec.write_text(SPEC.read_text().replace("description: Always `bearer`.", "description: Only ever `bearer`.", 1))
    report = generate(request(tmp_path, spec)).report
    assert report.written and all(
        "Only ever" in (tmp_path / "out" / p).read_text() for p in report.written if p.endswith(".py")
    )


def test_other_options_do_not_reuse_the_record(tmp_path):
    generate(request(tmp_path))
    other = GenerateRequest(
        spec=SPEC, out=tmp_path / "out", options=TargetOptions(package_name="oauth_sdk"), cache_dir=tmp_path / "cache"
    )
    report = generate(other).report
    assert any(p.startswith("oauth_sdk/") for p in report.written)
    assert any(p.startswith("square_oauth/") for p in report.removed)


def test_the_cache_only_saves_time(tmp_path):
    with_cache = generate(request(tmp_path))
    generate(GenerateRequest(spec=SPEC, out=tmp_path / "plain", options=TargetOptions(package_name="square_oauth")))
    for path in with_cache.report.written:
        assert (tmp_path / "out" / path).read_bytes() == (tmp_path / "plain" / path).read_bytes()


def test_a_changed_file_the_spec_refers_to_runs_in_full(tmp_path):
    # The record is found from the root file's bytes alone; the other files it read are
    # checked against their recorded hashes.
    folder = tmp_path / "spec"
    folder.mkdir()
    (folder / "api.yaml").write_text(
        """openapi: 3.0.3
info: {title: Pets, version: "1"}
paths:
  /pets:
    get:
      operationId: listPets
      responses:
        "200":
          description: The pets.
          content:
            application/json:
              schema: {$ref: "models.yaml#/Pet"}
"""
    )
    models = folder / "models.yaml"
    models.write_text("Pet:\n  type: object\n  description: A pet.\n  properties:\n    name: {type: string}\n")
    first = generate(request(tmp_path, folder / "api.yaml"))
    assert first.report.written
    assert generate(request(tmp_path, folder / "api.yaml")).report.written == []
    models.write_text(models.read_text().replace("A pet.", "A much loved pet."))
    report = generate(request(tmp_path, folder / "api.yaml")).report
    assert report.written
    assert any("A much loved pet." in (tmp_path / "out" / path).read_text() for path in report.written)


def test_a_spec_that_no_longer_loads_is_reported_not_skipped(tmp_path):
    spec = tmp_path / "oauth.yaml"
    spec.write_text(SPEC.read_text())
    generate(request(tmp_path, spec))
    spec.write_text("openapi: [")
    with pytest.raises(SpecError):
        generate(request(tmp_path, spec))


def test_a_run_leaves_the_cycle_collector_as_it_found_it(tmp_path):
    # generate() collects cycles less often while it runs (a speed-up): the process
    # that called it gets its own settings back, whether the run succeeded or not.
    before = gc.get_threshold()
    generate(request(tmp_path))
    assert gc.get_threshold() == before
    broken = tmp_path / "broken.yaml"
    broken.write_text("openapi: [")
    with pytest.raises(SpecError):
        generate(request(tmp_path, broken))
    assert gc.get_threshold() == before


def test_compiled_templates_are_kept_and_a_damaged_one_is_compiled_again(tmp_path):
    first = generate(request(tmp_path))
    compiled = sorted((tmp_path / "cache" / "jinja").iterdir())
    assert compiled, "no compiled template was kept"
    for path in compiled:
        path.write_bytes(b"not bytecode")
    out = tmp_path / "again"
    options = request(tmp_path).options
    again = generate(GenerateRequest(spec=SPEC, out=out, options=options, cache_dir=tmp_path / "cache"))
    assert sorted(again.report.written) == sorted(first.report.written)
    for path in first.report.written:
        assert (out / path).read_bytes() == (tmp_path / "out" / path).read_bytes()
