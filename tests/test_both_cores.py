"""An SDK's files rendered by two processes come out as one process renders them."""

from __future__ import annotations

import json
import os
import signal
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from sdkforge import pipeline
from sdkforge.cache.incremental import file_hash
from sdkforge.output.write import StagedWrite, staged_write
from sdkforge.parallel import both_cores
from sdkforge.parallel.beside import Pending, beside
from sdkforge.parallel.both_cores import SideWork, render_on_both_cores
from sdkforge.render.engine import TemplateError
from sdkforge.render.job import RenderJob

parent = os.getpid()


def jobs(count: int) -> list[RenderJob]:
    return [RenderJob(f"pkg/f{n:05d}.py", "t.j2", {"n": n}, frozenset()) for n in range(count)]


def render_with_pid(batch: list[RenderJob]) -> dict[str, str]:
    time.sleep(0.001)  # long enough for the helper to start before this process is through
    return {job.path: f"{job.context['n']} by {os.getpid()}\n" for job in batch}


def finish(files: dict[str, str]) -> dict[str, str]:
    return {path: text.upper() for path, text in files.items()}


def texts_and_pids(files: dict[str, str]) -> tuple[list[str], set[int]]:
    numbers = [text.split(" BY ")[0] for text in files.values()]
    return numbers, {int(text.split(" BY ")[1]) for text in files.values()}


def test_both_processes_render_and_every_file_comes_back_once_in_order():
    planned = jobs(3000)
    paths = [job.path for job in planned]
    files = render_on_both_cores(planned, render_with_pid, finish)
    assert list(files) == paths
    numbers, pids = texts_and_pids(files)
    assert numbers == [str(n) for n in range(3000)]  # each rendered once, then finished
    assert parent in pids and len(pids) == 2, "the helper took a share"
    assert planned == [], "the jobs are let go of"


def test_few_files_are_rendered_here_alone():
    files = render_on_both_cores(jobs(both_cores.FROM - 1), render_with_pid, finish)
    assert texts_and_pids(files)[1] == {parent}


def test_the_helper_waits_for_work_already_running_in_a_child(tmp_path: Path):
    release = tmp_path / "release"

    def validation() -> str:
        while not release.exists():
            threading.Event().wait(0.01)
        return "valid"

    running = beside(validation)
    try:
        files = render_on_both_cores(jobs(600), render_with_pid, finish, wait_for=running)
        assert texts_and_pids(files)[1] == {parent}, "no third process while the other child works"
    finally:
        release.touch()
    assert running.result() == "valid"
    assert not running.running()


def test_a_helper_that_dies_leaves_its_files_to_this_process(tmp_path: Path):
    started = tmp_path / "started"

    def render_or_die(batch: list[RenderJob]) -> dict[str, str]:
        if os.getpid() != parent:
            started.touch()
            os._exit(3)  # killed with a batch taken, not rendered
        return render_with_pid(batch)

    files = render_on_both_cores(jobs(3000), render_or_die, finish)
    assert started.exists(), "the helper took a batch"
    numbers, pids = texts_and_pids(files)
    assert numbers == [str(n) for n in range(3000)] and pids == {parent}


@pytest.fixture
def helpers(monkeypatch: pytest.MonkeyPatch) -> list[int | None]:
    """The process ids of the helpers started (None: none forked), as they are started;
    ``beside`` itself does the work."""
    started: list[int | None] = []

    def recorded(work: Any, redo: Any = None) -> Pending[Any]:
        pending = beside(work, redo)
        started.append(pending.pid)
        return pending

    monkeypatch.setattr(both_cores, "beside", recorded)
    return started


def no_child_left(pid: int | None) -> bool:
    """Whether the helper's process has ended and been waited for."""
    assert pid is not None
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def test_an_error_in_the_helper_is_raised_here(helpers):
    def failing(batch: list[RenderJob]) -> dict[str, str]:
        if any(job.context["n"] == 2999 for job in batch):  # the last batch: the helper's, as often as not
            raise ValueError(f"template failed in {'this' if os.getpid() == parent else 'the helper'} process")
        return render_with_pid(batch)

    with pytest.raises(ValueError, match="template failed in this process"):
        render_on_both_cores(jobs(3000), failing, finish)
    assert len(helpers) == 1 and no_child_left(helpers[0])


def test_bad_input_the_helper_meets_is_raised_here_as_the_helper_said_it(helpers):
    # A user's template that fails is bad input, said with its file and line: the
    # helper's error comes back as it is, not lost to a redo of its batches here.
    def failing_in_the_helper(batch: list[RenderJob]) -> dict[str, str]:
        if os.getpid() != parent:
            raise TemplateError(f"/t/model.md.j2:3: template error: in process {os.getpid()}")
        return render_with_pid(batch)

    with pytest.raises(TemplateError, match=r"model\.md\.j2:3: template error: in process ") as raised:
        render_on_both_cores(jobs(3000), failing_in_the_helper, finish)
    assert len(helpers) == 1 and helpers[0] is not None and str(helpers[0]) in str(raised.value)
    assert no_child_left(helpers[0])


def test_with_other_threads_running_every_file_is_rendered_here():
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        files = render_on_both_cores(jobs(1000), render_with_pid, finish)
    finally:
        release.set()
        other.join()
    numbers, pids = texts_and_pids(files)
    assert numbers == [str(n) for n in range(1000)] and pids == {parent}


def test_an_error_here_stops_the_helper_and_waits_for_it(helpers):
    rendered_here = []

    def failing_here(batch: list[RenderJob]) -> dict[str, str]:
        if os.getpid() == parent:
            rendered_here.append(batch)
            if len(rendered_here) == 10:
                raise ValueError("failed here, with the helper at work")
        return render_with_pid(batch)

    with pytest.raises(ValueError, match="failed here"):
        render_on_both_cores(jobs(3000), failing_here, finish)
    assert len(helpers) == 1 and no_child_left(helpers[0])


def many_models_spec(models: int) -> dict[str, Any]:
    """A spec whose SDK has more files than :data:`both_cores.FROM`: models that refer to
    each other, an enum each, and operations in several groups using them."""
    schemas: dict[str, Any] = {}
    paths: dict[str, Any] = {}
    for n in range(models):
        schemas[f"Thing{n}"] = {
            "type": "object",
            "description": f"Thing number {n}.",
            "required": ["id"],
            "properties": {
                "id": {"type": "string"},
                "kind": {"$ref": f"#/components/schemas/Kind{n}"},
                "next": {"$ref": f"#/components/schemas/Thing{(n + 1) % models}"},
            },
        }
        schemas[f"Kind{n}"] = {"type": "string", "enum": ["a", "b"]}
        paths[f"/things{n}/{{id}}"] = {
            "get": {
                "operationId": f"GetThing{n}",
                "tags": [f"Group{n % 5}"],
                "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
                "responses": {
                    "200": {
                        "description": "The thing.",
                        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/Thing{n}"}}},
                    }
                },
            }
        }
    return {
        "openapi": "3.0.3",
        "info": {"title": "Many", "version": "1"},
        "paths": paths,
        "components": {"schemas": schemas},
    }


def test_an_sdk_made_on_both_cores_is_the_one_made_on_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, helpers: list[int | None]
):
    spec = tmp_path / "many.json"
    spec.write_text(json.dumps(many_models_spec(120)), encoding="utf-8")
    split_from = both_cores.FROM
    # Validated first: a helper waits for validation in a child, and on a spec this small
    # this process would be through first.
    monkeypatch.setattr(pipeline, "VALIDATE_BESIDE_UP_TO", 0)
    both = pipeline.generate(pipeline.GenerateRequest(spec=spec, out=tmp_path / "both"))
    assert len(helpers) == 1 and helpers[0] is not None and both.summary.models == 120

    monkeypatch.setattr(both_cores, "FROM", 10**9)
    one = pipeline.generate(pipeline.GenerateRequest(spec=spec, out=tmp_path / "one"))
    assert len(helpers) == 1

    def tree(root: Path) -> dict[str, bytes]:
        return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}

    made = tree(tmp_path / "both")
    assert len(made) > 2 * split_from
    assert made == tree(tmp_path / "one")
    assert both.warnings == one.warnings


def test_two_jobs_for_one_path_are_refused_whichever_process_would_render_them():
    planned = jobs(1000)
    planned.append(RenderJob(planned[3].path, "t.j2", {"n": 1000}, frozenset()))
    with pytest.raises(RuntimeError, match=r"two output files for one path: 'pkg/f00003\.py'"):
        render_on_both_cores(planned, render_with_pid, finish)


def side_work(record: Path) -> SideWork:
    """Side work that notes which process did it."""

    def work() -> bool:
        with record.open("a") as stream:
            stream.write(f"{os.getpid()}\n")
        return True

    return SideWork(work)


def done_by(record: Path) -> list[int]:
    return [int(line) for line in record.read_text().split()] if record.exists() else []


def test_the_helper_does_the_side_work_once_while_this_process_renders(tmp_path: Path):
    record = tmp_path / "record"
    side = side_work(record)
    files = render_on_both_cores(jobs(3000), render_with_pid, finish, side=side)
    assert len(texts_and_pids(files)[1]) == 2
    (by,) = done_by(record)
    assert by != parent
    assert side.result() is True
    assert done_by(record) == [by], "not done again here"


def test_without_a_helper_the_side_work_is_done_here_when_asked_for(tmp_path: Path):
    record = tmp_path / "record"
    side = side_work(record)
    render_on_both_cores(jobs(both_cores.FROM - 1), render_with_pid, finish, side=side)
    assert done_by(record) == []
    assert side.result() is True
    assert done_by(record) == [parent]


def test_side_work_a_dying_helper_did_not_do_is_done_here(tmp_path: Path):
    record = tmp_path / "record"

    def render_or_die(batch: list[RenderJob]) -> dict[str, str]:
        if os.getpid() != parent:
            os._exit(3)
        return render_with_pid(batch)

    side = side_work(record)
    render_on_both_cores(jobs(3000), render_or_die, finish, side=side)
    assert side.result() is True
    assert done_by(record)[-1] == parent


# ---- files staged for the write by the process that made them ------------------------------


STAGED = 1000
"""Files of the runs that stage them: enough for the helper to take a share."""


def staging(out: Path, planned: list[RenderJob]) -> tuple[StagedWrite, Any]:
    """A staged write of ``planned``'s files into ``out``, and a ``finish`` that stages each
    batch and gives its hashes (as a run into a new folder does, see ``pipeline._staging``)."""
    staged = staged_write(out, [job.path for job in planned])
    assert staged is not None
    keep = pipeline._staging(staged, hashed=True)
    return staged, lambda files: keep(finish(files))


def folder(out: Path) -> dict[str, str]:
    """Every file in ``out`` but the notes of what forked processes staged (see StagedWrite)."""
    files = (p for p in sorted(out.rglob("*")) if p.is_file() and not p.name.startswith("seen-"))
    return {p.relative_to(out).as_posix(): p.read_text() for p in files}


def test_files_staged_by_the_process_that_made_them_come_back_as_their_hashes(tmp_path: Path):
    planned = jobs(STAGED)
    staged, finish_and_stage = staging(tmp_path / "out", planned)

    hashes = render_on_both_cores(planned, render_with_pid, finish_and_stage)
    staged.commit({})

    made = {path: text for path, text in folder(tmp_path / "out").items() if path.startswith("pkg/")}
    assert hashes == {path: file_hash(text) for path, text in made.items()}, "no text comes back"
    numbers, pids = texts_and_pids(made)
    assert sorted(numbers, key=int) == [str(n) for n in range(STAGED)]
    assert parent in pids and len(pids) == 2, "each process staged the files it made"


def test_a_helper_that_dies_after_staging_some_files_leaves_them_to_this_process(tmp_path: Path):
    planned = jobs(STAGED)
    staged, finish_and_stage = staging(tmp_path / "out", planned)
    taken = tmp_path / "taken"

    def render_or_die(batch: list[RenderJob]) -> dict[str, str]:
        if os.getpid() != parent:
            with taken.open("a") as stream:
                stream.write("batch\n")
            if len(taken.read_text().split()) > 3:
                os._exit(3)  # three batches staged, a fourth taken and not rendered
        return render_with_pid(batch)

    hashes = render_on_both_cores(planned, render_or_die, finish_and_stage)
    staged.commit({})

    assert len(taken.read_text().split()) == 4
    made = folder(tmp_path / "out")
    assert hashes == {path: file_hash(made[path]) for path in hashes}
    numbers, pids = texts_and_pids({path: made[path] for path in hashes})
    assert sorted(numbers, key=int) == [str(n) for n in range(STAGED)]
    assert pids == {parent}, "the helper's files were made and staged again here"


def test_bad_input_met_once_both_processes_staged_files_leaves_the_folder_as_it_was(tmp_path: Path, helpers):
    planned = jobs(STAGED)
    out = tmp_path / "out"
    out.mkdir()
    staged, finish_and_stage = staging(out, planned)

    def failing_late(batch: list[RenderJob]) -> dict[str, str]:
        if any(job.context["n"] >= STAGED - 10 for job in batch):
            raise TemplateError("/t/model.py.j2:1: template error: late")
        return render_with_pid(batch)

    with pytest.raises(TemplateError, match="late"):
        try:
            render_on_both_cores(planned, failing_late, finish_and_stage)
        finally:
            assert no_child_left(helpers[0]), "the helper is done before its staging is removed"
            whole = [text for text in folder(out).values() if text.endswith("\n")]  # one may be cut short
            assert len({int(text.split(" BY ")[1]) for text in whole}) == 2, "both processes staged files"
            staged.abandon()
    assert list(out.iterdir()) == []


def test_ctrl_c_while_waiting_for_the_helper_stops_it(helpers):
    def slow_in_the_helper(batch: list[RenderJob]) -> dict[str, str]:
        if os.getpid() != parent:
            time.sleep(6)
        return render_with_pid(batch)

    def interrupt(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    before = signal.signal(signal.SIGALRM, interrupt)
    start = time.monotonic()
    try:
        signal.setitimer(signal.ITIMER_REAL, 2.0)  # this process is through by then, waiting for the helper
        with pytest.raises(KeyboardInterrupt):
            render_on_both_cores(jobs(3000), slow_in_the_helper, finish)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, before)
    assert len(helpers) == 1 and no_child_left(helpers[0]), "the helper was stopped and waited for"
    assert time.monotonic() - start < 5, "not left to finish its batch"
