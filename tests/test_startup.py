"""What every run pays before and around its work: imports, compiling the templates."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import jinja2
import pytest
from processes import children_of, no_other_thread
from project_paths import SPEC, npm_spec

import sdkforge.pipeline as pipeline
from sdkforge.pipeline import GenerateRequest, generate
from sdkforge.render import engine
from sdkforge.targets import TargetOptions


def request(tmp_path, name):
    return GenerateRequest(
        spec=SPEC,
        out=tmp_path / f"out-{name}",
        options=TargetOptions(package_name="square_oauth"),
        cache_dir=tmp_path / f"cache-{name}",
    )


def tree(folder):
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def compiles(monkeypatch):
    """The templates Jinja compiles from here on (this process's)."""
    compiled: list[str | None] = []
    compile_ = jinja2.Environment.compile

    def counting(self, source, name=None, *args, **kwargs):
        compiled.append(name)
        return compile_(self, source, name, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    return compiled


def test_our_templates_compiled_once_serve_a_run_with_a_new_cache(tmp_path, monkeypatch):
    monkeypatch.setattr(engine, "BUILTIN_COMPILED", tmp_path / "beside")
    compiled = compiles(monkeypatch)
    generate(request(tmp_path, "first"))
    assert compiled, "the first run compiles the templates"
    assert any(p.is_file() for p in (tmp_path / "beside").rglob("*")), "and keeps them beside ours"
    compiled.clear()
    generate(request(tmp_path, "second"))  # a new cache
    assert compiled == []
    assert tree(tmp_path / "out-second") == tree(tmp_path / "out-first")
    # the new cache holds every template the run used, as a cache of its own would
    kept = {p.name for p in (tmp_path / "cache-second" / "jinja").rglob("*") if p.is_file()}
    assert kept == {p.name for p in (tmp_path / "beside" / "jinja").rglob("*") if p.is_file()}


def test_damaged_or_unwritable_compiled_templates_beside_ours_change_nothing(tmp_path, monkeypatch):
    beside = tmp_path / "beside"
    monkeypatch.setattr(engine, "BUILTIN_COMPILED", beside)
    first = generate(request(tmp_path, "first"))
    for path in (p for p in beside.rglob("*") if p.is_file()):
        path.write_bytes(path.read_bytes()[:-40] + b"\0" * 40)  # the checksum no longer holds
    compiled = compiles(monkeypatch)
    damaged = generate(request(tmp_path, "damaged"))
    assert compiled, "a damaged entry is a miss: compiled again"
    assert tree(tmp_path / "out-damaged") == tree(tmp_path / "out-first")
    # an installation the user may not write to: no warning, the same files
    monkeypatch.setattr(engine, "BUILTIN_COMPILED", tmp_path / "a-file")
    (tmp_path / "a-file").write_text("not a folder")
    unwritable = generate(request(tmp_path, "unwritable"))
    assert unwritable.cache_trouble is None and first.cache_trouble is None and damaged.cache_trouble is None
    assert tree(tmp_path / "out-unwritable") == tree(tmp_path / "out-first")


def imported_by(*code: str) -> set[str]:
    """The modules a fresh interpreter has imported after running ``code``."""
    script = "\n".join([*code, "import sys", "print('\\n'.join(sys.modules))"])
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    return set(run.stdout.split())


def test_the_version_imports_no_stage():
    modules = imported_by(
        "import sys, contextlib, io",
        "from sdkforge.cli import main",
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit): main(['--version'])",
    )
    stages = ("pipeline", "spec", "model", "render", "output")
    assert not {m for m in modules if m.startswith("sdkforge.") and m.split(".")[1] in stages}
    assert not {m for m in modules if m.startswith(("sdkforge.targets.python", "sdkforge.targets.csharp"))}


def test_a_run_imports_only_the_target_it_makes():
    modules = imported_by(
        "import tempfile, pathlib",
        "from sdkforge.cli import main",
        f"main(['generate', {str(SPEC)!r}, '--out', tempfile.mkdtemp() + '/out', '--no-cache', '-q'])",
    )
    assert "sdkforge.targets.python" in modules and "sdkforge.targets.csharp" not in modules


def _cold_run_imports(spec: Path, tmp_path: Path) -> set[str]:
    """The modules a cold run (a new cache) on ``spec`` imports, in its process or any
    forked helper: ``-X importtime`` lists them, and a forked helper inherits it."""
    command = ["generate", str(spec), "--out", str(tmp_path / "out"), "-q"]
    run = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "sdkforge.cli", *command],
        capture_output=True,
        text=True,
        env={**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")},
        check=True,
    )
    imported = {line.rsplit("|", 1)[-1].strip() for line in run.stderr.splitlines() if line.startswith("import time:")}
    assert "sdkforge.targets.python.format" in imported  # the format stage ran
    return imported


def _black_modules(imported: set[str]) -> set[str]:
    return {module for module in imported if module.split(".")[0] in ("black", "blib2to3")}


def test_squares_cold_run_imports_no_black(tmp_path):
    """Every line of Square's SDK is laid out as black lays it out, or is one black
    leaves as it is: a cold run (a new cache) never needs black, a tenth of a second to
    import."""
    assert not _black_modules(_cold_run_imports(npm_spec("square"), tmp_path))


LONG = "Organization" * 4
"""A name part that takes GitHub's and Microsoft Graph's shapes past black's line length."""


def _long_names_spec() -> dict[str, Any]:
    """A spec with the shapes of GitHub's and Microsoft Graph's long names: a long title (the
    user agent), a long tag (the group's classes, the client's property for it), a paged
    list of a union of three models (``-> AsyncPager[AsyncItems[A | B | C], A | B | C]``,
    ``AsyncItems.parser(ListOf(UnionOf((...))).decode)``), a body of one of two models
    (``body: A | B``), a union returned (``-> (A | B | C):``), an operation without
    parameters (``def _x_request() -> (Request):``)."""
    ref = {
        f"{LONG}{n}": {"$ref": f"#/components/schemas/{LONG}{n}"} for n in ("Event1", "Event2", "Event3", "One", "Two")
    }
    events = {"oneOf": [ref[f"{LONG}Event{i}"] for i in (1, 2, 3)]}
    tag = [f"{LONG}TeamsAndSettings"]
    listing = {
        "operationId": f"list{LONG}Events",
        "tags": tag,
        "parameters": [{"name": name, "in": "query", "schema": {"type": "integer"}} for name in ("per_page", "page")],
        "responses": {
            "200": {
                "description": "The events.",
                "content": {"application/json": {"schema": {"type": "array", "items": events}}},
            }
        },
    }
    body = {"oneOf": [ref[f"{LONG}One"], ref[f"{LONG}Two"]]}
    creation = {
        "operationId": f"create{LONG}EventsForTheAuthenticatedUser",
        "tags": tag,
        "requestBody": {"required": True, "content": {"application/json": {"schema": body}}},
        "responses": {"201": {"description": "Created.", "content": {"application/json": {"schema": events}}}},
    }
    download = {
        "operationId": f"download{LONG}ConflictingPackagesForTheAuthenticatedUserRequest",
        "tags": tag,
        "responses": {"204": {"description": "Done."}},
    }
    model = {"type": "object", "properties": {"id": {"type": "integer"}}, "required": ["id"]}
    return {
        "openapi": "3.0.3",
        "info": {"title": "An API whose title makes a user agent string too long for its line", "version": "1"},
        "servers": [{"url": "https://api.example.com"}],
        "paths": {
            f"/{LONG.lower()}/events": {"get": listing, "post": creation},
            f"/{LONG.lower()}/download": {"get": download},
        },
        "components": {"schemas": dict.fromkeys(ref, model)},
    }


def test_a_cold_run_on_long_names_imports_no_black(tmp_path):
    """GitHub's and Microsoft Graph's long names make lines that black splits: the layout
    functions split them as black would (and the lines too long that are left are ones
    black leaves), so a cold run needs no black, and what it writes is black's layout."""
    spec = tmp_path / "long-names.json"
    spec.write_text(json.dumps(_long_names_spec()))
    assert not _black_modules(_cold_run_imports(spec, tmp_path))
    import black

    from sdkforge.targets.python.format import black_mode

    written = {path: path.read_text() for path in (tmp_path / "out").rglob("*.py")}
    assert any(len(line) > 88 for text in written.values() for line in text.splitlines())
    assert all(black.format_str(text, mode=black_mode()) == text for text in written.values())


def imported_by_a_run_and_one_with_nothing_to_do(spec, tmp_path):
    """The modules a process imports that generates from ``spec`` into ``tmp_path/out``
    with a cache, then runs again with nothing to do."""
    run = f"main(['generate', {str(spec)!r}, '--out', {str(tmp_path / 'out')!r}, '-q'])"
    return imported_by(
        "import os",
        f"os.environ['XDG_CACHE_HOME'] = {str(tmp_path / 'cache')!r}",
        "from sdkforge.cli import main",
        run,
        run,  # with nothing to do
    )


def test_a_run_and_a_run_with_nothing_to_do_import_no_package_metadata_reader(tmp_path):
    """``importlib.metadata`` brings ``email``, ``csv`` and ``zipfile`` (10 to 20 ms): the
    versions in cache keys are read from the names of the ``.dist-info`` folders, the
    runtime's modules by their path; a thread pool is started (and imported) only to
    stage many files; and the TOML parser only to read a pyproject.toml."""
    modules = imported_by_a_run_and_one_with_nothing_to_do(SPEC, tmp_path)
    assert "sdkforge.targets.python.plan" in modules
    assert not {"importlib.metadata", "importlib.resources", "email", "zipfile", "concurrent.futures"} & modules
    assert "tomllib" not in modules  # a run given its spec and output reads no pyproject.toml


def test_a_run_with_nothing_to_do_imports_no_stage(tmp_path):
    """A run whose output folder is as the last run left it stops before parsing the spec
    (see ``sdkforge.current``): in a process of its own, it imports neither the pipeline
    nor the stages it would run (the model, the change report, the forked helpers, the
    target's own modules, Jinja), 70 to 90 ms of a run that takes 0.2 s."""
    run = f"assert main(['generate', {str(SPEC)!r}, '--out', {str(tmp_path / 'out')!r}, '-q']) == 0"
    cache = f"os.environ['XDG_CACHE_HOME'] = {str(tmp_path / 'cache')!r}"
    setup = ["import os", cache, "from sdkforge.cli import main"]
    first = imported_by(*setup, run)
    assert "sdkforge.pipeline" in first and (tmp_path / "out" / "README.md").is_file()
    modules = imported_by(*setup, run)  # with nothing to do
    assert "sdkforge.current" in modules
    stages = ("pipeline", "model", "changes", "parallel", "prepare")
    assert not {m for m in modules if m.startswith("sdkforge.") and m.split(".")[1] in stages}
    assert not {m for m in modules if m.startswith(("sdkforge.targets.python", "sdkforge.targets.csharp", "jinja2"))}


def test_a_run_given_its_spec_imports_only_what_it_uses(tmp_path):
    """A run given its spec reads no settings (``sdkforge.config``), shows no diff (that is
    ``--check``'s: ``difflib``), on a spec with no uuid field makes no uuid (``uuid`` brings
    ``platform``), after an edit as before it: each a millisecond or two of every run. (It
    keeps its model for the next run, whose build replays it: ``sdkforge.cache.carried``.)"""
    spec = tmp_path / "oauth.yaml"
    spec.write_text(SPEC.read_text(encoding="utf-8"), encoding="utf-8")
    run = f"assert main(['generate', {str(spec)!r}, '--out', {str(tmp_path / 'out')!r}, '-q']) == 0"
    edit = "p.write_text(p.read_text().replace('type: object', 'type: object\\n      title: Edited', 1))"
    modules = imported_by(
        "import os, pathlib",
        f"os.environ['XDG_CACHE_HOME'] = {str(tmp_path / 'cache')!r}",
        f"p = pathlib.Path({str(spec)!r})",
        "from sdkforge.cli import main",
        run,
        edit,
        run,
    )
    assert "sdkforge.targets.python.plan" in modules and "Edited" in spec.read_text()
    assert not {"sdkforge.config", "difflib", "uuid", "platform"} & modules
    assert "sdkforge.cache.carried" in modules


def test_a_run_on_a_spec_in_json_imports_no_yaml_parser(tmp_path):
    """PyYAML is imported to read YAML (5 to 10 ms): a spec in JSON, Square's say, does
    without it, with nothing to do as with a new output."""
    import json

    import yaml

    spec = tmp_path / "oauth.json"
    spec.write_text(json.dumps(yaml.safe_load(SPEC.read_text(encoding="utf-8"))), encoding="utf-8")
    modules = imported_by_a_run_and_one_with_nothing_to_do(spec, tmp_path)
    assert "sdkforge.spec.load" in modules and (tmp_path / "out" / "README.md").is_file()
    assert not {module for module in modules if module.split(".")[0] in ("yaml", "_yaml")}
    assert "sdkforge.spec.yaml_fast" not in modules


def test_validate_imports_neither_templates_nor_targets(tmp_path):
    modules = imported_by(
        "import contextlib, io",
        "from sdkforge.cli import main",
        f"with contextlib.redirect_stderr(io.StringIO()): main(['validate', {str(SPEC)!r}])",
    )
    assert "sdkforge.pipeline" in modules
    assert not {m for m in modules if m.startswith(("sdkforge.render.engine", "sdkforge.targets.python"))}
    assert "jinja2" not in modules


FORKS = pytest.mark.skipif(
    not hasattr(os, "fork") or not os.path.isdir("/proc"), reason="children are forked, and seen in /proc, on Linux"
)


@FORKS
def test_a_cold_run_validates_while_it_reads_the_target(tmp_path, monkeypatch):
    # with no record of a last run into the folder, validation starts once the spec is
    # loaded: its child is at work when the target is looked up (children of this
    # process that earlier tests' fixtures started, servers say, are not counted)
    no_other_thread()
    before = children_of(os.getpid())
    seen: list[set[int]] = []
    get_target = pipeline.get_target
    monkeypatch.setattr(
        pipeline, "get_target", lambda name: seen.append(children_of(os.getpid()) - before) or get_target(name)
    )
    generate(request(tmp_path, "cold"))
    assert seen and seen[0]
    assert not children_of(os.getpid()) - before


@FORKS
def test_a_run_that_fails_before_modelling_leaves_no_child(tmp_path):
    no_other_thread()
    before = children_of(os.getpid())
    with pytest.raises(KeyError):
        generate(replace(request(tmp_path, "unknown"), target="no-such-target"))
    assert not children_of(os.getpid()) - before


@FORKS
def test_after_an_edit_the_side_work_runs_beside_planning(tmp_path, monkeypatch):
    # a run into a folder whose last run left keys remakes few files as a rule: the
    # surface record and the kept model (which need only the model and the names) are
    # made in a child while this process plans, keys and renders, not after
    no_other_thread()
    first = request(tmp_path, "edit")
    generate(first)
    edited = tmp_path / "oauth.yaml"
    edited.write_text(SPEC.read_text().replace("ObtainToken", "ObtainTokenAgain", 1))
    marker = tmp_path / "surface-started"
    regeneration = pipeline._regeneration

    def noted(*args):
        if os.getpid() != parent:
            marker.touch()
        return regeneration(*args)

    parent = os.getpid()
    seen: list[bool] = []
    get_target = pipeline.get_target

    def watched(name: str):
        target = get_target(name)

        def plan(*args):  # waits (10 s at most) for the side work to start in a child
            deadline = time.monotonic() + 10
            while not marker.exists() and time.monotonic() < deadline:
                time.sleep(0.01)
            seen.append(marker.exists())
            return target.plan(*args)

        return replace(target, plan=plan)

    monkeypatch.setattr(pipeline, "_regeneration", noted)
    monkeypatch.setattr(pipeline, "get_target", watched)
    result = generate(replace(first, spec=edited))
    assert seen == [True], "the side work had not started in a child while the edited spec's files were planned"
    monkeypatch.setattr(pipeline, "get_target", get_target)
    cold = replace(first, spec=edited, out=tmp_path / "cold", cache_dir=tmp_path / "cold-cache")
    generate(cold)
    assert tree(first.out) == tree(cold.out)  # the same files as a run from nothing
    assert result.changes is not None


VIEW_MODULES = (
    "sdkforge.targets.doc_structure",
    "sdkforge.targets.python.views",
    "sdkforge.targets.python.docs",
    "sdkforge.targets.python.examples",
    "sdkforge.targets.csharp.views",
    "sdkforge.targets.csharp.docs",
)


@pytest.mark.parametrize("module", VIEW_MODULES)
def test_the_views_templates_receive_make_no_methods_but_init(module):
    """A view is read by the templates and compared by identity: its class compiles only an
    ``__init__`` (a frozen data class compiles a ``__setattr__`` and a ``__delattr__``
    too, and sets each field of each object through ``object.__setattr__``; mypy checks
    that none is changed, see ``sdkforge.targets.view``)."""
    import dataclasses
    import importlib

    classes = [c for c in vars(importlib.import_module(module)).values() if dataclasses.is_dataclass(c)]
    views = [c for c in classes if c.__module__ == module and not c.__name__.startswith("_")]  # its own, public
    assert views
    for cls in views:
        made = {name for name in ("__eq__", "__repr__", "__setattr__", "__delattr__", "__hash__") if name in vars(cls)}
        assert made == set(), f"{cls.__name__} makes {sorted(made)}"
        fields = dataclasses.fields(cls)
        one = cls(*[None] * len([f for f in fields if f.init]))  # any values: only identity is compared
        assert one != cls(*[None] * len([f for f in fields if f.init]))
