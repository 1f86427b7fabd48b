"""Paths are safe, and output is never lost or half-written.

- Names like ``../x`` or ``/etc/x`` (tags, schemas, titles) become plain names: every
  file lands inside the output folder.
- On any error (a spec error, a template that fails, black refusing the output, the disk
  failing half-way through the moves) the output folder is byte for byte as before.
- Into a new or empty folder each file is staged as it is made: a failure after that
  (validation's verdict, a template, files of the user's coming in meanwhile) leaves the
  folder as it was, with no staging folder.
- A non-empty folder sdkforge did not generate is refused unless ``--force``; so is
  overwriting a file the manifest does not list; a manifest cannot make sdkforge delete
  anything outside the folder.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from robustness_support import write_spec

from sdkforge import pipeline
from sdkforge.changes.surface import SURFACE_FILE
from sdkforge.output import journal, write
from sdkforge.output.journal import JOURNAL, STAGING
from sdkforge.output.lock import LOCK
from sdkforge.output.write import MANIFEST

ESCAPING_NAMES = ["../x", "/etc/x", "..", ".", "a/../../b", "C:\\x", "\\\\server\\share", "~", "%2e%2e%2fx", "x\x00y"]


def small_spec(description: str = "A thing.", with_other: bool = True) -> dict[str, Any]:
    schemas: dict[str, Any] = {
        "Thing": {"type": "object", "description": description, "properties": {"name": {"type": "string"}}},
    }
    if with_other:
        schemas["Other"] = {"type": "object", "properties": {"thing": {"$ref": "#/components/schemas/Thing"}}}
    return {
        "openapi": "3.1.0",
        "info": {"title": "Small", "version": "1", "description": description},
        "servers": [{"url": "https://api.example"}],
        "paths": {
            "/things": {
                "get": {
                    "operationId": "listThings",
                    "tags": ["things"],
                    "description": description,
                    "responses": {
                        "200": {
                            "description": "ok",
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}},
                        }
                    },
                }
            }
        },
        "components": {"schemas": schemas},
    }


class OsWith:
    """The ``os`` module as :mod:`sdkforge.output.journal` sees it, with some functions replaced
    (only there: the cache and everything else keep the real ones)."""

    def __init__(self, **replaced: Any) -> None:
        self._replaced = replaced

    def __getattr__(self, name: str) -> Any:
        return self._replaced[name] if name in self._replaced else getattr(os, name)


def snapshot(folder: Path) -> dict[str, tuple[bytes, int] | str]:
    """Every file's bytes and modification time, and every folder, under ``folder``."""
    state: dict[str, tuple[bytes, int] | str] = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        state[rel] = (path.read_bytes(), path.stat().st_mtime_ns) if path.is_file() else "folder"
    return state


def contents(folder: Path) -> dict[str, bytes | str]:
    """Every file's bytes, and every folder, under ``folder``."""
    return {path: state[0] if isinstance(state, tuple) else state for path, state in snapshot(folder).items()}


@pytest.fixture
def project(tmp_path: Path, run_cli: Any) -> tuple[Path, Path]:
    """A spec and the SDK generated from it, as a user would have them."""
    spec = write_spec(tmp_path / "spec", small_spec())
    out = tmp_path / "sdk"
    result = run_cli("generate", spec, "--out", out, "--package-name", "small", "-q")
    assert result.code == 0, result.err
    (out / "NOTES.md").write_text("my own notes\n")  # a file of the user's, beside ours
    return spec, out


# ---- paths -------------------------------------------------------------------------


def test_names_that_look_like_paths_become_plain_names_inside_the_output_folder(tmp_path, run_cli):
    spec = small_spec()
    spec["info"]["title"] = "../../etc/passwd"
    for i, name in enumerate(ESCAPING_NAMES):
        spec["paths"][f"/p{i}"] = {
            "get": {"operationId": f"op{i}", "tags": [name], "responses": {"200": {"description": "ok"}}}
        }
        spec["components"]["schemas"]["Thing"]["properties"][name] = {
            "type": "object",
            "properties": {"a": {"type": "string"}},
        }
    for name in ("..", ".", "...", ".hidden", "-", "_", "..."):
        spec["components"]["schemas"][name] = {"type": "object", "properties": {"a": {"type": "string"}}}
    spec_path = write_spec(tmp_path / "spec", spec)
    out = tmp_path / "deep" / "sdk"
    before = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*"))

    result = run_cli("generate", spec_path, "--out", out)  # package name from the title

    assert result.code == 0, result.err
    after = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*"))
    assert all(p in before or p.startswith("deep") for p in after), "something was written outside --out"
    manifest = json.loads((out / MANIFEST).read_text())["files"]
    on_disk = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file() and p.name != MANIFEST)
    assert sorted(manifest) == on_disk
    for rel in manifest:
        if rel == SURFACE_FILE:  # sdkforge's own record, under a fixed name
            continue
        assert all(part and part[0] not in "./\\~" and "\\" not in part for part in rel.split("/")), rel
    assert (out / "etc_passwd").is_dir(), "the package is named from the title's words, not its path"


@pytest.mark.parametrize("bad", ["../x", "/etc/x", "x/y", "class", "name with space", "名前"])
def test_a_package_name_that_is_not_an_identifier_is_refused(bad, tmp_path, run_cli):
    spec = write_spec(tmp_path, small_spec())
    result = run_cli("generate", spec, "--out", tmp_path / "out", "--package-name", bad)
    assert result.code == 2
    assert "is not a valid Python identifier" in result.err
    assert not (tmp_path / "out").exists() and not (tmp_path.parent / "x").exists()


# ---- never lost, never half-written ------------------------------------------------


def test_a_spec_error_leaves_the_output_folder_as_it_was(project, run_cli):
    spec, out = project
    before = snapshot(out)
    broken = small_spec()
    broken["paths"]["/things"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]["$ref"] = "#/nope"
    write_spec(spec.parent, broken)
    result = run_cli("generate", spec, "--out", out, "--package-name", "small", "-q")
    assert result.code == 2
    assert snapshot(out) == before


@pytest.mark.parametrize(
    ("template", "code", "message"),
    [
        ("{{ no_such_value }}\n", 2, "template error: 'no_such_value' is undefined"),
        ("{% if %}\n", 2, "template error:"),
        ("{{ model.class_name }} = (\n", 2, "which is not valid Python: '(' was never closed"),
    ],
    ids=["undefined-value", "syntax-error", "invalid-python"],
)
def test_a_failing_template_leaves_the_output_folder_as_it_was(project, run_cli, tmp_path, template, code, message):
    spec, out = project
    write_spec(spec.parent, small_spec("A changed thing."))  # so that a good run would change files
    overrides = tmp_path / "templates"
    (overrides / "python" / "package" / "models").mkdir(parents=True)
    (overrides / "python" / "package" / "models" / "model.py.j2").write_text(template)
    before = snapshot(out)

    result = run_cli("generate", spec, "--out", out, "--package-name", "small", "--templates", overrides, "-q")

    assert result.code == code, result.err
    assert message in result.err
    assert "Traceback" not in result.err
    # the user's template is named (with its line, when the fault is in the template itself)
    assert f"{overrides / 'python' / 'package' / 'models' / 'model.py.j2'}:" in result.err
    assert snapshot(out) == before


class FailingReplace:
    """``os.replace`` that raises ``error`` on call number ``at`` (and, with
    ``and_after``, on every call after it); the other calls replace as usual."""

    def __init__(self, error: OSError, at: int, and_after: bool = False) -> None:
        self.error, self.at, self.and_after = error, at, and_after
        self.calls = 0
        self._replace = os.replace

    def __call__(self, src: Any, dst: Any) -> None:
        self.calls += 1
        if self.calls == self.at or (self.and_after and self.calls > self.at):
            raise self.error
        self._replace(src, dst)


@pytest.mark.parametrize("fail_at", [1, 2, 5, 9])
def test_a_write_failing_half_way_puts_every_file_back(project, run_cli, monkeypatch, fail_at):
    spec, out = project
    write_spec(spec.parent, small_spec("A changed thing.", with_other=False))  # files change, and one goes
    before = snapshot(out)
    replace = FailingReplace(OSError(28, "No space left on device"), at=fail_at)

    monkeypatch.setattr(journal, "os", OsWith(replace=replace))
    result = run_cli("generate", spec, "--out", out, "--package-name", "small", "-q")

    assert result.code == 2
    assert result.err == f"sdkforge: error: cannot write {out}: No space left on device; nothing in it was changed\n"
    assert snapshot(out) == before
    assert replace.calls >= fail_at, "the failure must have struck"


def test_when_even_putting_files_back_fails_the_old_versions_are_kept_and_named(project, run_cli, monkeypatch):
    spec, out = project
    write_spec(spec.parent, small_spec("A changed thing.", with_other=False))
    before = snapshot(out)
    failing_from_the_fifth = FailingReplace(OSError(5, "Input/output error"), at=5, and_after=True)

    monkeypatch.setattr(journal, "os", OsWith(replace=failing_from_the_fifth))
    result = run_cli("generate", spec, "--out", out, "--package-name", "small", "-q")

    assert result.code == 2
    assert f"could not be put back; the next sdkforge run on {out} finishes or undoes this write first" in result.err
    kept = Path(result.err.split(" file(s) are in ")[1].split(": ")[0])
    stranded = result.err.strip().split(": ")[-1].split(", ")
    assert stranded
    for rel in stranded:
        assert (kept / rel).read_bytes() == before[rel][0]

    monkeypatch.undo()  # the disk is well again: the next run finishes the write, then finds it current
    fresh = spec.parent.parent / "fresh"
    assert run_cli("generate", spec, "--out", fresh, "--package-name", "small", "-q").code == 0
    assert run_cli("generate", spec, "--out", out, "--package-name", "small", "-q").code == 0
    assert contents(out) == {**contents(fresh), "NOTES.md": b"my own notes\n"}


FAILING_AT_THE_FOURTH_RENAME = """
import os, sys
from sdkforge.output import journal
from sdkforge.cli import main

class Os:  # os as sdkforge.output.journal sees it: the fourth rename finds the disk full
    calls = 0

    def __getattr__(self, name):
        return getattr(os, name)

    def replace(self, source, target):
        Os.calls += 1
        if Os.calls == 4:
            raise OSError(28, "No space left on device")
        os.replace(source, target)

journal.os = Os()
sys.exit(main(sys.argv[1:]))
"""


def test_a_run_killed_while_it_puts_files_back_is_undone_by_the_next(project):
    spec, out = project
    write_spec(spec.parent, small_spec("A changed thing.", with_other=False))
    before = snapshot(out)
    args = [str(spec), "--out", str(out), "--package-name", "small"]
    env = dict(os.environ, SDKFORGE_TEST_DIE_AT="undoing")  # the test hook: SIGKILL once the journal is turned round

    killed = subprocess.run([sys.executable, "-c", FAILING_AT_THE_FOURTH_RENAME, "generate", *args], env=env)

    assert killed.returncode == -signal.SIGKILL
    assert (out / JOURNAL).exists() and snapshot(out) != before, "killed half-way through putting files back"
    check = subprocess.run([sys.executable, "-m", "sdkforge", "generate", "--check", *args], capture_output=True)
    assert check.returncode == 1, "the write is undone, so the folder is not current"
    assert snapshot(out) == before, "every file is back, as it was (a rename keeps the time it was written)"


def test_a_run_waits_for_the_folder_and_plans_its_write_only_once_it_holds_it(project, run_cli, tmp_path):
    spec, out = project
    with_extra = small_spec()
    with_extra["components"]["schemas"]["Extra"] = {"type": "object", "properties": {"a": {"type": "string"}}}
    meanwhile, expected = tmp_path / "meanwhile", tmp_path / "expected"
    extra = write_spec(tmp_path / "extra", with_extra)
    assert run_cli("generate", extra, "--out", meanwhile, "--package-name", "small", "-q").code == 0
    write_spec(spec.parent, small_spec("A changed thing."))
    assert run_cli("generate", spec, "--out", expected, "--package-name", "small", "-q").code == 0

    held = os.open(out / LOCK, os.O_RDWR | os.O_CREAT)
    fcntl.flock(held, fcntl.LOCK_EX)  # as another sdkforge run would
    try:
        run = subprocess.Popen(
            [sys.executable, "-m", "sdkforge", "generate", spec, "--out", out, "--package-name", "small"],
            stderr=subprocess.PIPE,
            text=True,
        )
        assert run.stderr is not None
        assert run.stderr.readline().startswith(f"sdkforge: wait     for another sdkforge run on {out}  [")
        # Meanwhile the other run writes another output (one with more files) ...
        shutil.copytree(meanwhile, out, dirs_exist_ok=True)
    finally:
        os.close(held)
    _, err = run.communicate(timeout=120)

    # ... which the waiting run finds once it holds the folder: it removes what the
    # other run added, instead of applying a plan made from what the folder held before.
    assert run.returncode == 0, err
    assert "small/models/extra.py" in contents(meanwhile)
    assert contents(out) == {**contents(expected), "NOTES.md": b"my own notes\n"}


def _journal_text(written: list[str]) -> str:
    return json.dumps(
        {"journal": 1, "forward": True, "written": written, "replaced": [], "removed": [], "whole": [], "made": []}
    )


def test_a_journal_cannot_make_sdkforge_move_files_outside_the_folder(project, run_cli):
    spec, out = project
    victim = out.parent / "victim.txt"
    victim.write_text("precious\n")
    (out / STAGING / "new").mkdir(parents=True)
    (out / STAGING / "new" / "x.txt").write_text("theirs\n")
    (out / JOURNAL).write_text(_journal_text(["../victim.txt"]))

    result = run_cli("generate", spec, "--out", out, "--package-name", "small", "-q")

    assert result.code == 2
    assert f"{out / JOURNAL} (what an interrupted sdkforge run left to finish its write) is unreadable" in result.err
    assert "'../victim.txt' is not a plain path inside the output folder" in result.err
    assert victim.read_text() == "precious\n"


@pytest.mark.parametrize(("link", "written"), [("small", "small/a.py"), (STAGING, "a.py")])
def test_a_journal_cannot_lead_sdkforge_through_a_symbolic_link(project, run_cli, link, written):
    spec, out = project
    elsewhere = out.parent / "elsewhere"
    (elsewhere / "new").mkdir(parents=True)
    (elsewhere / "new" / "a.py").write_text("theirs\n")
    shutil.rmtree(out / link, ignore_errors=True)
    (out / link).symlink_to(elsewhere)  # the package folder, or the staging folder, leads elsewhere
    if link != STAGING:
        (out / STAGING / "new" / "small").mkdir(parents=True)
        (out / STAGING / "new" / "small" / "a.py").write_text("staged\n")
    (out / JOURNAL).write_text(_journal_text([written]))

    result = run_cli("generate", spec, "--out", out, "--package-name", "small", "-q")

    assert result.code == 2
    assert f"cannot finish the write an interrupted sdkforge run left in {out}" in result.err
    assert sorted(p.relative_to(elsewhere).as_posix() for p in elsewhere.rglob("*")) == ["new", "new/a.py"]
    assert (elsewhere / "new" / "a.py").read_text() == "theirs\n"


def test_a_failed_first_generation_leaves_no_folder_behind(tmp_path, run_cli, monkeypatch):
    spec = write_spec(tmp_path / "spec", small_spec())

    def failing_replace(src: Any, dst: Any) -> None:
        raise OSError(13, "Permission denied")

    monkeypatch.setattr(journal, "os", OsWith(replace=failing_replace))
    result = run_cli("generate", spec, "--out", tmp_path / "new" / "sdk", "--package-name", "small", "-q")
    assert result.code == 2 and "Permission denied" in result.err
    assert not (tmp_path / "new").exists()


@pytest.mark.parametrize("fail_at", [2, 3, 4])
def test_a_first_generation_failing_after_some_folders_moved_in_leaves_no_folder_behind(
    tmp_path, run_cli, monkeypatch, fail_at
):
    # In a fresh output folder each top-level folder is staged whole and moves in with
    # one rename; a failure after some did must take those away again.
    spec = write_spec(tmp_path / "spec", small_spec())
    replace = FailingReplace(OSError(28, "No space left on device"), at=fail_at)

    monkeypatch.setattr(journal, "os", OsWith(replace=replace))
    result = run_cli("generate", spec, "--out", tmp_path / "new" / "sdk", "--package-name", "small", "-q")
    assert result.code == 2 and "No space left on device" in result.err
    assert replace.calls >= fail_at, "the failure must have struck"
    assert not (tmp_path / "new").exists()


def test_a_fresh_output_folder_gets_every_file(tmp_path, run_cli):
    spec = write_spec(tmp_path / "spec", small_spec())
    fresh, existing = tmp_path / "fresh", tmp_path / "existing"
    assert run_cli("generate", spec, "--out", existing, "--package-name", "small", "-q").code == 0
    shutil.rmtree(existing / "doc")  # a top-level folder that is missing now: it moves in whole
    assert run_cli("generate", spec, "--out", existing, "--package-name", "small", "-q").code == 0
    assert run_cli("generate", spec, "--out", fresh, "--package-name", "small", "-q").code == 0

    assert contents(fresh) == contents(existing)
    assert "small/models/other.py" in contents(fresh) and contents(fresh)["doc/api"] == "folder"


def test_after_a_successful_run_only_what_changed_is_rewritten(project, run_cli):
    spec, out = project
    before = snapshot(out)
    write_spec(spec.parent, small_spec("A changed thing.", with_other=False))
    assert run_cli("generate", spec, "--out", out, "--package-name", "small", "-q").code == 0
    after = snapshot(out)
    assert after["NOTES.md"] == before["NOTES.md"]
    assert "small/models/other.py" in before and "small/models/other.py" not in after
    assert after["small/_http.py"] == before["small/_http.py"], "an unchanged file must not be rewritten"
    assert not [p for p in out.iterdir() if p.name.startswith(".sdkforge-staging")]


# ---- a new folder: each file staged as it is made ---------------------------------------


def staging_seen(monkeypatch: pytest.MonkeyPatch, meanwhile: Any = None, pids: Path | None = None) -> list[int]:
    """After each batch this process stages (the real :meth:`StagedWrite.put` runs), how
    many files the staging folder holds; ``meanwhile(out)`` is called after each. The id
    of each process that stages a batch (this one, or the render helper) is added to the
    file ``pids``."""
    seen: list[int] = []
    put = write.StagedWrite.put

    def counting(self: write.StagedWrite, files: dict[str, str]) -> None:
        put(self, files)
        seen.append(sum(1 for path in (self.out / STAGING / "new").rglob("*") if path.is_file()))
        if meanwhile is not None:
            meanwhile(self.out)
        if pids is not None:
            with pids.open("a") as stream:
                stream.write(f"{os.getpid()}\n")

    monkeypatch.setattr(write.StagedWrite, "put", counting)
    return seen


@pytest.mark.parametrize("there", [False, True], ids=["new-folder", "empty-folder"])
def test_a_spec_error_found_once_files_were_staged_leaves_no_output_and_no_staging(
    tmp_path, run_cli, monkeypatch, there
):
    broken = small_spec()
    del broken["paths"]["/things"]["get"]["responses"]["200"]["description"]  # only validation minds
    spec = write_spec(tmp_path / "spec", broken)
    out = tmp_path / "new" / "sdk"
    if there:
        out.mkdir(parents=True)
    seen = staging_seen(monkeypatch)

    result = run_cli("generate", spec, "--out", out, "--package-name", "small", "-q")

    assert result.code == 2
    assert "error: 'description' is a required property" in result.err
    assert seen and seen[-1] > 10, "the files were staged before validation's verdict was taken"
    if there:
        assert list(out.iterdir()) == [], "no staging folder, no lock, no manifest"
    else:
        assert not (tmp_path / "new").exists()


MANY = 300  # models: with their pages, more files than a render helper takes a share from


def many_things() -> dict[str, Any]:
    spec = small_spec()
    for n in range(MANY):
        spec["components"]["schemas"][f"Thing{n}"] = {"type": "object", "properties": {"n": {"type": "integer"}}}
    return spec


def test_a_template_failing_once_both_processes_staged_files_leaves_no_folder(tmp_path, run_cli, monkeypatch):
    spec = write_spec(tmp_path / "spec", many_things())
    overrides = tmp_path / "templates"
    (overrides / "python" / "package" / "models").mkdir(parents=True)
    (overrides / "python" / "package" / "models" / "model.py.j2").write_text(
        '{% if model.class_name == "Thing299" %}{{ no_such_value }}{% endif %}{{ model.class_name }} = 1\n'
    )
    out = tmp_path / "new" / "sdk"
    pids = tmp_path / "pids"
    staging_seen(monkeypatch, pids=pids)
    # Validated first: the render helper starts at once (it waits for validation in a
    # child), not after this process is through with most of so small an SDK.
    monkeypatch.setattr(pipeline, "VALIDATE_BESIDE_UP_TO", 0)

    result = run_cli("generate", spec, "--out", out, "--package-name", "small", "--templates", overrides, "-q")

    assert result.code == 2
    assert "template error: 'no_such_value' is undefined" in result.err
    assert len(set(pids.read_text().split())) == 2, "both processes staged files before the template failed"
    assert not (tmp_path / "new").exists()


def test_a_fresh_folder_made_on_both_cores_is_the_folder_made_file_by_file(tmp_path, run_cli, monkeypatch):
    spec = write_spec(tmp_path / "spec", many_things())
    assert run_cli("generate", spec, "--out", tmp_path / "usual", "--package-name", "small", "-q").code == 0
    (tmp_path / "usual" / "doc").rename(tmp_path / "doc")  # one file is compared, the rest written as usual
    assert run_cli("generate", spec, "--out", tmp_path / "usual", "--package-name", "small", "-q").code == 0
    seen = staging_seen(monkeypatch)

    assert run_cli("generate", spec, "--out", tmp_path / "staged", "--package-name", "small", "-q").code == 0

    assert seen, "the files were staged as they were made"
    assert contents(tmp_path / "staged") == contents(tmp_path / "usual")
    assert len(contents(tmp_path / "staged")) > 2 * MANY


def test_files_of_the_users_that_come_into_a_new_folder_meanwhile_are_kept(tmp_path, run_cli, monkeypatch):
    spec = write_spec(tmp_path / "spec", small_spec())
    fresh, out = tmp_path / "fresh", tmp_path / "sdk"
    assert run_cli("generate", spec, "--out", fresh, "--package-name", "small", "-q").code == 0

    def users_files(out: Path) -> None:  # written while sdkforge renders, once a run
        if not (out / "NOTES.md").exists():
            (out / "NOTES.md").write_text("my own notes\n")
            (out / "README.md").write_text("my own readme\n")

    staging_seen(monkeypatch, meanwhile=users_files)
    refused = run_cli("generate", spec, "--out", out, "--package-name", "small", "-q")

    assert refused.code == 2
    assert f"{out} is not empty and was not generated by sdkforge" in refused.err
    assert contents(out) == {"NOTES.md": b"my own notes\n", "README.md": b"my own readme\n"}
    shutil.rmtree(out)  # the user writes them again while a run with --force renders
    forced = run_cli("generate", spec, "--out", out, "--package-name", "small", "--force", "-q")
    assert forced.code == 0, forced.err
    assert contents(out) == {**contents(fresh), "NOTES.md": b"my own notes\n"}, "--force overwrites README.md"


# ---- folders that are not ours -----------------------------------------------------


def test_a_non_empty_folder_sdkforge_did_not_generate_is_refused_unless_forced(tmp_path, run_cli):
    spec = write_spec(tmp_path / "spec", small_spec())
    out = tmp_path / "project"
    out.mkdir()
    (out / "main.py").write_text("print('mine')\n")
    before = snapshot(out)

    refused = run_cli("generate", spec, "--out", out, "--package-name", "small", "-q")

    assert refused.code == 2
    assert refused.err == (
        f"sdkforge: error: {out} is not empty and was not generated by sdkforge (no {MANIFEST}); "
        "use --force to generate into it anyway (files we do not generate are kept)\n"
    )
    assert snapshot(out) == before
    forced = run_cli("generate", spec, "--out", out, "--package-name", "small", "--force", "-q")
    assert forced.code == 0, forced.err
    assert (out / "main.py").read_text() == "print('mine')\n"
    assert (out / "small" / "__init__.py").exists()


def test_overwriting_a_file_the_manifest_does_not_list_is_refused_unless_forced(project, run_cli):
    spec, out = project
    (out / "small" / "models" / "widget.py").write_text("# my own widget\n")
    spec_data = small_spec()
    spec_data["components"]["schemas"]["Widget"] = {"type": "object", "properties": {"a": {"type": "string"}}}
    write_spec(spec.parent, spec_data)
    before = snapshot(out)

    refused = run_cli("generate", spec, "--out", out, "--package-name", "small", "-q")

    assert refused.code == 2
    assert "widget.py exists and sdkforge did not generate it" in refused.err
    assert snapshot(out) == before
    assert run_cli("generate", spec, "--out", out, "--package-name", "small", "-q", "--force").code == 0
    assert (out / "small" / "models" / "widget.py").read_text() != "# my own widget\n"


def test_an_output_path_that_is_a_file_is_refused(tmp_path, run_cli):
    spec = write_spec(tmp_path / "spec", small_spec())
    target = tmp_path / "sdk"
    target.write_text("a file, not a folder\n")
    result = run_cli("generate", spec, "--out", target, "--package-name", "small", "-q")
    assert result.code == 2
    assert result.err == f"sdkforge: error: {target} is not a folder\n"
    assert target.read_text() == "a file, not a folder\n"


@pytest.mark.parametrize("listed", ["../victim.txt", "/tmp/victim.txt", "small/../../victim.txt"])
def test_a_manifest_cannot_make_sdkforge_delete_outside_the_folder(project, run_cli, listed):
    spec, out = project
    victim = out.parent / "victim.txt"
    victim.write_text("precious\n")
    manifest = json.loads((out / MANIFEST).read_text())
    manifest["files"].append(listed.replace("/tmp/victim.txt", str(victim)))
    (out / MANIFEST).write_text(json.dumps(manifest))
    before = snapshot(out)

    result = run_cli("generate", spec, "--out", out, "--package-name", "small", "-q")

    assert result.code == 2
    assert "not a plain path inside the output folder" in result.err
    assert victim.read_text() == "precious\n"
    assert snapshot(out) == before


def test_a_folder_where_a_file_goes_is_refused_before_anything_is_written(project, run_cli):
    spec, out = project
    write_spec(spec.parent, small_spec("A changed thing."))
    (out / "small" / "models" / "thing.py").unlink()
    (out / "small" / "models" / "thing.py").mkdir()
    before = snapshot(out)
    result = run_cli("generate", spec, "--out", out, "--package-name", "small", "-q")
    assert result.code == 2
    assert "is a folder" in result.err
    assert snapshot(out) == before
