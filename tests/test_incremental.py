"""Regeneration with a cache: unchanged inputs skip the run, any change runs it in full."""

from __future__ import annotations

import gc
import json
import os
import time

import pytest
from project_paths import SPEC

import sdkforge.cache.incremental as incremental
import sdkforge.pipeline as pipeline
from sdkforge.cache.incremental import _fingerprint_of, folder_key, recall_folder
from sdkforge.cache.store import Cache
from sdkforge.changes.surface import SURFACE_FILE
from sdkforge.errors import SpecError
from sdkforge.output.journal import stat_of
from sdkforge.output.write import MANIFEST
from sdkforge.pipeline import GenerateRequest, check_spec, generate
from sdkforge.request import run_options
from sdkforge.spec.load import load_spec
from sdkforge.targets import TargetOptions
from sdkforge.targets.registry import get_target


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
    monkeypatch.setattr(pipeline, "_render", lambda *a, **k: pytest.fail("rendered although nothing changed"))
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


def changed_by_hand(path, how):
    """Change one byte of ``path`` at once, keeping its size: in place, or in place with its
    modification time set back as it was, or by another file moved over it."""
    before = path.stat()
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    if how == "replaced":
        other = path.with_name(path.name + ".new")
        other.write_bytes(bytes(data))
        os.utime(other, ns=(before.st_atime_ns, before.st_mtime_ns))
        os.replace(other, path)
        return
    path.write_bytes(bytes(data))
    if how == "time kept":
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = path.stat()
    assert after.st_size == before.st_size and after.st_ino == before.st_ino


HAND_EDITS = ("in place", "time kept", "replaced")


@pytest.mark.parametrize("how", HAND_EDITS)
def test_a_file_changed_by_hand_right_after_the_run_keeping_its_size_is_regenerated(tmp_path, how):
    # No pause: the change falls within the same second as the write (and, with its time
    # kept, shows the modification time the run wrote).
    generate(request(tmp_path))
    model = tmp_path / "out" / "square_oauth" / "models" / "error.py"
    original = model.read_bytes()
    changed_by_hand(model, how)
    report = generate(request(tmp_path)).report
    assert report.written == ["square_oauth/models/error.py"]
    assert model.read_bytes() == original


@pytest.mark.parametrize("how", HAND_EDITS)
@pytest.mark.parametrize("form", ["yaml", "json"])
def test_a_file_changed_by_hand_keeping_its_size_is_restored_by_the_next_edit(tmp_path, how, form):
    # After an edit of the spec, a run keeps the files the edit cannot change only if the
    # folder is as the last run left it (a JSON spec's prose edit starts from the carried model).
    spec = tmp_path / f"oauth.{form}"
    data = load_spec(SPEC).data
    spec.write_text(json.dumps(data, indent=2) if form == "json" else SPEC.read_text())
    generate(request(tmp_path, spec))
    model = tmp_path / "out" / "square_oauth" / "models" / "error.py"
    original = model.read_bytes()
    changed_by_hand(model, how)
    spec.write_text(spec.read_text().replace("Always `bearer`.", "Only ever `bearer`.", 1))
    report = generate(request(tmp_path, spec)).report
    assert "square_oauth/models/error.py" in report.written
    assert model.read_bytes() == original


def test_an_unchanged_run_reads_no_output_file_whose_stat_tells_it(tmp_path, monkeypatch):
    # A file is read only if the record holds no stat of it: one modified in the last
    # moment of the write (the file system's clock may not tell its later changes apart).
    spec = tmp_path / "oauth.yaml"
    spec.write_text(SPEC.read_text())
    run = request(tmp_path, spec)
    key = folder_key(run.out, run_options(run), None)
    opened = []

    def recording(path, *args, **kwargs):
        opened.append(os.path.relpath(path, run.out))
        return open(path, *args, **kwargs)

    generate(run)
    for after in ("the first run", "an edit"):
        record = recall_folder(Cache(tmp_path / "cache"), key)
        assert record is not None and len(record.stats) > len(record.files) / 2, after
        opened.clear()
        with monkeypatch.context() as patched:
            patched.setattr(incremental, "open", recording, raising=False)
            patched.setattr(pipeline, "_render", lambda *a, **k: pytest.fail("rendered although nothing changed"))
            assert generate(run).report.written == []
        assert sorted(opened) == sorted(record.files.keys() - record.stats.keys()), after
        if after == "the first run":
            spec.write_text(SPEC.read_text().replace("maxLength: 191", "maxLength: 192", 1))
            assert 0 < len(generate(run).report.written) < len(record.files) / 2


def test_files_touched_since_the_run_are_read_once_then_told_by_their_stat_again(tmp_path, monkeypatch):
    # A checkout, a copy or a touch gives every output file new times: the next unchanged
    # run reads each to find it current, and the one after reads none of them again.
    run = request(tmp_path)
    generate(run)
    files = [path for path in (tmp_path / "out").rglob("*") if path.is_file()]
    moment = time.time() - 60  # a moment ago: a change since would give a later time
    for path in files:
        os.utime(path, (moment, moment))
    opened = []

    def recording(path, *args, **kwargs):
        opened.append(os.path.relpath(path, run.out))
        return open(path, *args, **kwargs)

    monkeypatch.setattr(incremental, "open", recording, raising=False)
    monkeypatch.setattr(pipeline, "_render", lambda *a, **k: pytest.fail("rendered although nothing changed"))
    for after in ("the touch", "the run that read them"):
        opened.clear()
        assert generate(run).report.written == [], after
        read = len(opened)
        assert (read > len(files) / 2) if after == "the touch" else read == 0, (after, read)
    # A file changed after that, keeping its size, is still found changed.
    changed = next(path for path in files if path.suffix == ".py")
    changed.write_text(changed.read_text().replace("import", "IMPORT", 1))
    monkeypatch.undo()
    assert os.path.relpath(changed, run.out) in generate(run).report.written


def test_after_files_were_touched_an_edits_record_holds_their_stats_as_they_are(tmp_path):
    # The files an edit keeps were read (beside it) to find the folder as the last run
    # left it: the record keeps the stats they have now, not the ones the touch changed.
    spec = tmp_path / "oauth.yaml"
    spec.write_text(SPEC.read_text())
    run = request(tmp_path, spec)
    generate(run)
    moment = time.time() - 60
    for path in (tmp_path / "out").rglob("*"):
        if path.is_file():
            os.utime(path, (moment, moment))
    spec.write_text(SPEC.read_text().replace("maxLength: 191", "maxLength: 192", 1))
    written = generate(run).report.written
    record = recall_folder(Cache(tmp_path / "cache"), folder_key(run.out, run_options(run), None))
    assert record is not None and 0 < len(written) < len(record.files) / 2
    assert len(record.stats) > len(record.files) / 2
    assert {path: stat_of(os.lstat(run.out / path)) for path in record.stats} == record.stats


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


def test_a_run_with_no_record_of_its_folder_takes_no_key_before_rendering(tmp_path, monkeypatch):
    # Without a record of the last run into the folder nothing can be kept, so no key is
    # taken before rendering; the record still holds each file's key, as a later run
    # takes them to choose the files it keeps.
    spec = tmp_path / "oauth.yaml"
    spec.write_text(SPEC.read_text())
    with monkeypatch.context() as patched:
        fail = staticmethod(lambda *a: pytest.fail("keys taken before rendering"))
        patched.setattr(pipeline._FolderRun, "keys", fail)
        written = generate(request(tmp_path, spec)).report.written
    run = request(tmp_path, spec)
    api, _ = check_spec(spec)
    target = get_target(run.target)
    names = target.name(api)
    jobs = target.plan(api, run.options, names, None)
    made_from = [(job.path, job.template, job.subjects) for job in jobs]
    expected, _ = pipeline._keys(api, names, pipeline._files_base(run), made_from)
    key = folder_key(run.out, run_options(run), None)
    record = recall_folder(Cache(tmp_path / "cache"), key)
    assert record is not None and record.keys == expected
    assert expected.keys() == set(written) - {SURFACE_FILE, MANIFEST}
    # so a structural edit remakes only the files made from what it changed
    spec.write_text(SPEC.read_text().replace("maxLength: 191", "maxLength: 192", 1))
    remade = generate(request(tmp_path, spec)).report.written
    assert remade and len(remade) < len(written) / 2


def test_a_spec_that_no_longer_loads_is_reported_not_skipped(tmp_path):
    spec = tmp_path / "oauth.yaml"
    spec.write_text(SPEC.read_text())
    generate(request(tmp_path, spec))
    spec.write_text("openapi: [")
    with pytest.raises(SpecError):
        generate(request(tmp_path, spec))


def test_a_run_leaves_the_cycle_collector_as_it_found_it(tmp_path):
    # generate() does not collect cycles while it runs (a speed-up): the process that
    # called it gets its own settings back, whether the run succeeded or not.
    before = gc.get_threshold()
    generate(request(tmp_path))
    assert gc.get_threshold() == before
    assert gc.isenabled()
    broken = tmp_path / "broken.yaml"
    broken.write_text("openapi: [")
    with pytest.raises(SpecError):
        generate(request(tmp_path, broken))
    assert gc.get_threshold() == before
    assert gc.isenabled()


def test_a_run_spends_no_time_looking_for_cycles(tmp_path, monkeypatch):
    # A run makes millions of objects that live to its end and almost no cyclic garbage:
    # the collector's looks at them cost 0.7 - 0.8 s on GitHub's spec, cold. It rests
    # from loading the spec to writing the files (and is back once the run has ended).
    seen: list[tuple[str, bool]] = []

    def watched(name, function):
        def run(*args, **kwargs):
            seen.append((name, gc.isenabled()))
            return function(*args, **kwargs)

        monkeypatch.setattr(pipeline, name, run)

    watched("read_spec", pipeline.read_spec)
    watched("render_on_both_cores", pipeline.render_on_both_cores)
    watched("remember", pipeline.remember)
    looks: list[int] = []

    def look(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            looks.append(info["generation"])

    gc.collect()  # no collection is due as the run starts
    gc.callbacks.append(look)
    try:
        generate(request(tmp_path))
    finally:
        gc.callbacks.remove(look)
    assert seen == [("read_spec", False), ("render_on_both_cores", False), ("remember", False)]
    # Nor once it has ended: turned back on, the collector does not first look at every
    # object the run made (0.2 s on GitHub's spec, in a process about to exit).
    assert looks == []
    assert gc.isenabled()


def test_compiled_templates_are_kept_and_a_damaged_one_is_compiled_again(tmp_path):
    first = generate(request(tmp_path))
    compiled = sorted(p for p in (tmp_path / "cache" / "jinja").rglob("*") if p.is_file())
    assert compiled, "no compiled template was kept"
    for path in compiled:
        path.write_bytes(b"not bytecode")
    out = tmp_path / "again"
    options = request(tmp_path).options
    again = generate(GenerateRequest(spec=SPEC, out=out, options=options, cache_dir=tmp_path / "cache"))
    assert sorted(again.report.written) == sorted(first.report.written)
    for path in first.report.written:
        assert (out / path).read_bytes() == (tmp_path / "out" / path).read_bytes()


# ---- a cache that can only save time ------------------------------------------------

KINDS = (
    "black",
    "validate",
    "validate-parts",
    "jinja",
    "runs",
    "folders",
    "carried-model",
    "carried-text",
    "carried-bytes",
    "kept-digests",
)
"""Every kind of entry a run keeps: black's output, the validator's verdict and the parts
of the spec that passed it, compiled templates, the record of each run and of each
output folder, the carried model and text (the spec's bytes apart), the digests of the
model's types."""

DAMAGE = {
    "emptied": lambda data: b"",
    "truncated": lambda data: data[: len(data) // 2],
    "flipped": lambda data: data[: len(data) // 2] + bytes([data[len(data) // 2] ^ 0x20]) + data[len(data) // 2 + 1 :],
}


def tree(folder):
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def entries(cache, kind=None):
    """Every file of the cache folder (of one kind of entry), walked."""
    folder = cache if kind is None else cache / kind
    return sorted(p for p in folder.rglob("*") if p.is_file())


def as_json_with_an_edited_description(tmp_path):
    """The OAuth spec as JSON (so a run carries its model), and the same with one
    description edited (so the next run takes the carried model). ObtainToken answers
    with one of two models whose names are long enough that its method's return
    annotation needs black (a union of two members: the layout leaves it to black; the
    runtime modules never need it), so that the cache holds black's output too."""
    import json

    from sdkforge.spec.load import load_spec

    data = load_spec(SPEC).data
    schemas = data["components"]["schemas"]
    one, other = "ObtainTokenResponseForAnApplicationThatAsksAgain", "RenewTokenResponseForAnApplicationThatAsksLater"
    schemas[one], schemas[other] = schemas["ObtainTokenResponse"], dict(schemas["ObtainTokenResponse"])
    answer = data["paths"]["/oauth2/token"]["post"]["responses"]["200"]["content"]["application/json"]
    answer["schema"] = {"oneOf": [{"$ref": f"#/components/schemas/{name}"} for name in (one, other)]}
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps(data, indent=2))
    data["components"]["schemas"]["Error"]["description"] = "An error, as the server said it."
    return spec, json.dumps(data, indent=2)


def cacheless(tmp_path, name, text):
    """The output of a run with no cache of a spec with ``text``."""
    folder = tmp_path / name
    folder.mkdir()
    (folder / "spec.json").write_text(text)
    generate(GenerateRequest(spec=folder / "spec.json", out=folder / "out", options=request(tmp_path).options))
    return tree(folder / "out")


@pytest.mark.parametrize("damage", DAMAGE)
def test_a_damaged_cache_entry_is_a_miss_never_output(tmp_path, damage):
    import shutil

    spec, edited = as_json_with_an_edited_description(tmp_path)
    original = spec.read_text()
    expected, expected_edited = cacheless(tmp_path, "plain", original), cacheless(tmp_path, "plain-edited", edited)
    structural = edited.replace('"maxLength": 191', '"maxLength": 192', 1)  # replays the model, takes its digests
    assert structural != edited
    expected_structural = cacheless(tmp_path, "plain-structural", structural)
    filled, out, first_out = tmp_path / "filled", tmp_path / "out", tmp_path / "first-out"
    generate(GenerateRequest(spec=spec, out=out, options=request(tmp_path).options, cache_dir=filled))
    assert {p.relative_to(filled).parts[0] for p in entries(filled)} == set(KINDS)
    shutil.copytree(out, first_out)
    for kind in (*KINDS, None):  # each kind alone (so that the entries before it are read), then all
        cache = tmp_path / f"cache-{kind}"
        shutil.copytree(filled, cache)
        shutil.rmtree(out)
        shutil.copytree(first_out, out)  # at the path the folder's record is for
        spec.write_text(original)
        # The parts of a spec that passed validation are read only when the whole
        # spec's verdict is not kept: that verdict is damaged with them.
        kinds = ("validate", kind) if kind == "validate-parts" else (kind,)
        damaged = {entry: DAMAGE[damage](entry.read_bytes()) for one in kinds for entry in entries(cache, one)}
        for entry, data in damaged.items():
            entry.write_bytes(data)

        def run(into, cache=cache):
            generate(GenerateRequest(spec=spec, out=into, options=request(tmp_path).options, cache_dir=cache))
            return tree(into)

        assert run(out) == expected, kind  # the run's record is read
        spec.write_text(edited)
        assert run(out) == expected_edited, kind  # the folder's record, the carried model and text
        spec.write_text(structural)
        assert run(out) == expected_structural, kind  # the carried model's build record, the kept digests
        spec.write_text(original)
        assert run(tmp_path / f"fresh-{kind}") == expected, kind  # black's output, the verdict, the templates
        # Each damaged entry was computed again and stored anew.
        assert [str(p.relative_to(cache)) for p, data in damaged.items() if p.read_bytes() == data] == []


def test_a_cache_folder_that_cannot_be_made_is_skipped_with_one_warning(tmp_path, run_cli, monkeypatch):
    in_the_way = tmp_path / "cache"
    in_the_way.write_text("a file where the cache folder should be\n")
    monkeypatch.setenv("SDKFORGE_CACHE_DIR", str(in_the_way))
    result = run_cli("generate", SPEC, "--out", tmp_path / "out", "--package-name", "square_oauth")
    assert result.code == 0, result.err
    warnings = [line for line in result.err.splitlines() if "warning:" in line]
    assert warnings == [
        f"sdkforge: warning: cannot write to the cache folder {in_the_way} (Not a directory): the run went on "
        "without it (SDKFORGE_CACHE_DIR moves the cache, --no-cache turns it off)"
    ]
    plain = run_cli("generate", SPEC, "--out", tmp_path / "plain", "--package-name", "square_oauth", "--no-cache")
    assert plain.code == 0 and "warning:" not in plain.err
    assert tree(tmp_path / "out") == tree(tmp_path / "plain")
    quiet = run_cli("generate", SPEC, "--out", tmp_path / "quiet", "--package-name", "square_oauth", "-q")
    assert quiet.code == 0 and quiet.err == ""


@pytest.fixture
def full_disk(tmp_path):
    """A folder on a file system of 64 KB: it fills up part-way through a run's cache."""
    import subprocess

    folder = tmp_path / "full"
    folder.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(folder)], check=False)
    if mounted.returncode != 0:  # pragma: no cover - only where mounting is not allowed
        pytest.skip("cannot mount a small tmpfs here (needs root); the file-in-the-way test covers the warning")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=True)


def test_a_cache_on_a_full_disk_is_skipped_with_one_warning(tmp_path, run_cli, monkeypatch, full_disk):
    monkeypatch.setenv("SDKFORGE_CACHE_DIR", str(full_disk / "sdkforge"))
    result = run_cli("generate", SPEC, "--out", tmp_path / "out", "--package-name", "square_oauth")
    assert result.code == 0, result.err
    warnings = [line for line in result.err.splitlines() if "warning:" in line]
    assert warnings == [
        f"sdkforge: warning: cannot write to the cache folder {full_disk / 'sdkforge'} (No space left on device): "
        "the run went on without it (SDKFORGE_CACHE_DIR moves the cache, --no-cache turns it off)"
    ]
    plain = run_cli("generate", SPEC, "--out", tmp_path / "plain", "--package-name", "square_oauth", "--no-cache")
    assert plain.code == 0 and tree(tmp_path / "out") == tree(tmp_path / "plain")
    again = run_cli("generate", SPEC, "--out", tmp_path / "again", "--package-name", "square_oauth")
    assert again.code == 0 and tree(tmp_path / "again") == tree(tmp_path / "plain")


@pytest.mark.parametrize("changed", ["runtime/Http.cs", "runtime/_sdk.pyi", "runtime/_http.py", "doc/model.md.j2"])
def test_a_change_to_any_file_sdkforge_ships_is_a_new_sdkforge(tmp_path, changed):
    """The no-change record is keyed by sdkforge itself: a runtime file copied into SDKs
    (C#'s .cs, the Python runtime's stub) counts like code and templates; bytecode not."""
    package, templates = tmp_path / "package", tmp_path / "templates"
    for root in (package, templates):
        for name in ["runtime/Http.cs", "runtime/_sdk.pyi", "runtime/_http.py", "doc/model.md.j2"]:
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_text("one\n")
    (package / "__pycache__").mkdir()
    before = _fingerprint_of(package, templates)
    (package / "__pycache__" / "x.pyc").write_bytes(b"\0")
    assert _fingerprint_of(package, templates) == before
    (package / changed).write_text("two\n")
    assert _fingerprint_of(package, templates) != before


def test_after_a_run_into_the_folder_an_edit_that_makes_the_spec_invalid_is_reported_and_nothing_written(tmp_path):
    # After a run into the folder, validation starts with the digest of the spec's
    # structure, beside modelling; the verdict is chosen once that digest is known: a
    # structural edit is validated, whatever the last run's verdict was.
    spec = tmp_path / "oauth.yaml"
    spec.write_text(SPEC.read_text())
    generate(request(tmp_path, spec))
    out = tmp_path / "out"
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    text = SPEC.read_text()
    assert "\n  /oauth2/revoke:\n    post:\n" in text
    broken = "\n  /oauth2/revoke:\n    post:\n      parameters: [{name: id, in: nowhere}]\n"
    spec.write_text(text.replace("\n  /oauth2/revoke:\n    post:\n", broken, 1))
    with pytest.raises(SpecError) as raised:
        generate(request(tmp_path, spec))
    assert any(f.pointer == "/paths/~1oauth2~1revoke/post/parameters/0" for f in raised.value.findings)
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    spec.write_text(text.replace("maxLength: 191", "maxLength: 192", 1))  # valid again: a run as usual
    assert generate(request(tmp_path, spec)).report.written


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_a_run_reads_the_specs_root_once_and_parses_what_it_read(tmp_path, monkeypatch, suffix):
    """A run with a cache reads the spec's root to see whether its output is current, and
    loads from those bytes: one read and one digest (a 13 MB spec's 0.016 s), cold and
    after an edit (a YAML one starting from the last read kept, see
    :mod:`sdkforge.cache.kept_read`). The output is the one the edited spec makes."""
    import sdkforge.cache.carried as carried
    import sdkforge.cache.kept_read as kept_read
    import sdkforge.current as current
    import sdkforge.spec.load as load

    data = load_spec(SPEC).data
    spec = tmp_path / f"spec{suffix}"
    spec.write_text(json.dumps(data, indent=2))
    reads: list[str] = []
    read_spec_bytes = load.read_spec_bytes

    def counted(path):
        if os.getpid() == parent and path == spec.resolve():  # this process's: children read as they need
            reads.append(str(path))
        return read_spec_bytes(path)

    parent = os.getpid()
    for module in (load, current, pipeline, incremental, kept_read, carried):
        monkeypatch.setattr(module, "read_spec_bytes", counted, raising=False)
    generate(request(tmp_path, spec=spec))
    assert len(reads) == 1
    data["info"]["title"] = "Renamed"
    data["paths"].popitem()
    spec.write_text(json.dumps(data, indent=2))
    reads.clear()
    edited = generate(request(tmp_path, spec=spec))
    assert len(reads) == 1 and edited.report.written
    fresh = generate(GenerateRequest(spec=spec, out=tmp_path / "fresh", options=request(tmp_path).options))
    assert fresh.summary == edited.summary
    tree = {p.relative_to(tmp_path / "out"): p.read_bytes() for p in (tmp_path / "out").rglob("*") if p.is_file()}
    assert tree == {
        p.relative_to(tmp_path / "fresh"): p.read_bytes() for p in (tmp_path / "fresh").rglob("*") if p.is_file()
    }
