"""Work done in a child process comes back as if it had been done here."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from processes import children_of, no_other_thread

from sdkforge import pipeline
from sdkforge.errors import Severity, SpecError
from sdkforge.parallel.beside import BACKGROUND_NICENESS, beside, beside_pair, beside_then, done
from sdkforge.spec.load import load_spec


@pytest.fixture(autouse=True)
def _no_other_thread():
    """These tests are about forking, which :func:`beside` refuses while other threads run
    (it then does the work here, and a test waiting for a child's file waits for ever)."""
    no_other_thread()


def test_the_work_runs_in_another_process_and_its_result_comes_back():
    pending = beside(lambda: (os.getpid(), [n * n for n in range(10_000)]))
    pid, squares = pending.result()
    assert pid != os.getpid()
    assert squares == [n * n for n in range(10_000)]  # 10,000 numbers: more than a pipe holds at once
    assert pending.result() is pending.result()


def test_a_background_child_runs_at_a_lower_priority_and_others_at_this_ones():
    """Work only the run's end waits for yields the cores to the rest of the run."""
    here = os.nice(0)
    assert beside(lambda: os.nice(0)).result() == here
    assert beside(lambda: os.nice(0), background=True).result() == min(here + BACKGROUND_NICENESS, 19)
    assert beside(lambda: os.getpid(), background=True).result() != os.getpid()


def test_a_child_that_dies_without_an_answer_leaves_the_work_to_this_process():
    pending = beside(lambda: os.getpid() if os.getpid() == parent else os._exit(3))
    assert pending.result() == parent


def test_work_that_raises_raises_here_too():
    def work() -> int:
        raise ValueError(f"raised in {'this' if os.getpid() == parent else 'the child'} process")

    with pytest.raises(ValueError, match="raised in this process"):
        beside(work).result()


def test_with_other_threads_running_the_work_is_done_here():
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        assert beside(os.getpid).result() == os.getpid()
    finally:
        release.set()
        other.join()


def test_a_discarded_child_is_waited_for_and_work_not_started_is_not_done(tmp_path):
    pending = beside(os.getpid)
    child = pending.pid
    assert child is not None
    pending.discard()
    with pytest.raises(ChildProcessError):  # reaped: no zombie left behind
        os.waitpid(child, os.WNOHANG)
    marker = tmp_path / "done"
    release = threading.Event()
    other = threading.Thread(target=release.wait)  # with a thread running, nothing is forked
    other.start()
    try:
        beside(marker.touch).discard()
    finally:
        release.set()
        other.join()
    assert not marker.exists()


def test_a_result_at_hand_is_simply_returned():
    assert done([1, 2]).result() == [1, 2]


def until_exists(path: Path) -> None:
    """Wait, a hundredth of a second at a time, for another process to make ``path``."""
    while not path.exists():
        threading.Event().wait(0.01)


def test_the_parent_goes_on_while_the_child_works(tmp_path):
    started = tmp_path / "started"
    release = tmp_path / "release"

    def work() -> str:
        started.touch()
        until_exists(release)
        return "finished"

    pending = beside(work)
    until_exists(started)
    release.touch()  # the parent got here while the child was still waiting for it
    assert pending.result() == "finished"


parent = os.getpid()


VALID = """openapi: 3.0.3
info: {title: T, version: "1"}
paths:
  /pets:
    get:
      responses: {"200": {description: ok}}
"""
INVALID = VALID + "      parameters: [{name: id, in: nowhere}]\n"


@pytest.mark.parametrize("beside_up_to", [0, pipeline.VALIDATE_BESIDE_UP_TO], ids=["here", "beside"])
def test_an_invalid_spec_is_reported_and_nothing_written_wherever_it_is_validated(
    beside_up_to: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline, "VALIDATE_BESIDE_UP_TO", beside_up_to)
    spec = tmp_path / "spec.yaml"
    spec.write_text(INVALID, encoding="utf-8")
    out = tmp_path / "out"
    with pytest.raises(SpecError) as raised:
        pipeline.generate(pipeline.GenerateRequest(spec=spec, out=out))
    assert any(f.pointer == "/paths/~1pets/get/parameters/0" for f in raised.value.findings)
    assert not out.exists()


def test_when_the_child_gives_no_answer_the_redo_is_done_here_not_the_work():
    def work() -> str:
        if os.getpid() != parent:
            os._exit(3)  # the child dies without an answer
        return "the work, done here"

    assert beside(work, redo=lambda: "done again").result() == "done again"


def test_a_child_still_at_work_is_running_until_it_answers(tmp_path: Path):
    release = tmp_path / "release"

    def work() -> str:
        until_exists(release)
        return "finished"

    pending = beside(work)
    assert pending.running()
    release.touch()
    assert pending.result() == "finished"
    assert not pending.running()


def test_a_pair_is_one_answer_not_running_once_made_and_its_child_waited_for():
    """What a cold run's validation child gives (its verdict and the spec's structure
    digest): the rendering helper starts once the first is not running, which must be as
    soon as the child has answered, before anything is read (two answers, the second
    unread, kept it running: the helper never started)."""
    first, second = beside_pair(lambda: (os.getpid(), "second"), redo=lambda: (0, "redo"))
    child = first.pid
    assert child is not None and child != os.getpid()
    deadline = time.monotonic() + 30
    while first.running() and time.monotonic() < deadline:
        time.sleep(0.01)
    assert not first.running() and not second.running()
    assert (first.result(), second.result()) == (child, "second")
    with pytest.raises(ChildProcessError):
        os.waitpid(child, os.WNOHANG)


def test_a_pair_whose_child_gives_no_answer_is_the_redos():
    first, second = beside_pair(lambda: os._exit(3), redo=lambda: ("done", "again"))
    assert (first.result(), second.result()) == ("done", "again")


def test_a_cancelled_child_is_stopped_and_waited_for():
    pending = beside(lambda: threading.Event().wait(60))
    child = pending.pid
    assert child is not None
    pending.cancel()
    with pytest.raises(ChildProcessError):
        os.waitpid(child, os.WNOHANG)


def test_validation_done_again_parses_the_spec_again_and_refuses_one_that_changed(tmp_path: Path):
    spec_path = tmp_path / "spec.yaml"
    spec_path.write_text(INVALID, encoding="utf-8")
    spec = load_spec(spec_path)
    again = pipeline._validate_again(spec.root, dict(spec.digests), None)
    assert again == pipeline._validate(spec, None)
    assert any(f.pointer == "/paths/~1pets/get/parameters/0" for f in again)

    spec_path.write_text(VALID, encoding="utf-8")  # edited while the first run went on
    changed = pipeline._validate_again(spec.root, dict(spec.digests), None)
    assert [(f.message, f.severity) for f in changed] == [
        ("the spec changed while sdkforge was running: run it again", Severity.ERROR)
    ]


def test_a_child_someone_else_reaped_still_gives_its_answer():
    pending = beside(lambda: "answered")
    assert pending.pid is not None
    os.waitpid(pending.pid, 0)  # a caller's own handler waited for every child
    assert pending.result() == "answered"


def test_the_first_of_two_results_comes_back_while_the_child_is_at_the_second(tmp_path: Path):
    """One child does two pieces of work in turn: the first's result is taken as soon as
    it is made (the second waits for this process to say so), the second's later; once
    both are read, the child is waited for."""
    release = tmp_path / "release"

    def second() -> tuple[int, str]:
        until_exists(release)
        return os.getpid(), "second"

    first, then = beside_then(lambda: (os.getpid(), "first"), second)
    child = first.pid
    assert child is not None and child != os.getpid()
    assert first.result() == (child, "first")
    assert then.running()
    release.touch()
    assert then.result() == (child, "second")
    with pytest.raises(ChildProcessError):  # reaped: no zombie left behind
        os.waitpid(child, os.WNOHANG)


def test_what_a_child_of_two_pieces_of_work_could_not_do_is_done_here(tmp_path: Path):
    def fails_there() -> int:
        if os.getpid() != parent:
            raise ValueError("not in the child")
        return os.getpid()

    first, then = beside_then(fails_there, os.getpid)  # the first fails there, the second does not
    assert first.result() == parent
    assert then.result() != parent
    release = tmp_path / "release"

    def dies_there() -> int:
        if os.getpid() != parent:
            until_exists(release)
            os._exit(3)  # the child dies without its second answer
        return os.getpid()

    first, then = beside_then(os.getpid, dies_there)
    assert first.result() != parent
    release.touch()
    assert then.result() == parent


def test_a_child_of_two_pieces_of_work_cancelled_is_stopped_and_the_second_is_done_here():
    first, then = beside_then(lambda: threading.Event().wait(60), os.getpid)
    child = first.pid
    assert child is not None
    first.cancel()
    with pytest.raises(ChildProcessError):
        os.waitpid(child, os.WNOHANG)
    assert then.result() == parent


# ---- a killed run leaves no child behind ---------------------------------------------


def _alive(pid: int) -> bool:
    """Whether ``pid`` is a running process (a zombie is one that has ended)."""
    try:
        stat = (Path("/proc") / str(pid) / "stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def _slow_to_validate(path: Path) -> None:
    """A valid spec whose validation takes some seconds: 20,000 models, 200,000 defaults."""
    properties = {f"p{j}": {"type": "string", "default": "x"} for j in range(10)}
    schemas = {f"Model{i}": {"type": "object", "properties": properties} for i in range(20_000)}
    operation = {"operationId": "getX", "responses": {"200": {"description": "ok"}}}
    spec = {
        "openapi": "3.0.3",
        "info": {"title": "Slow", "version": "1"},
        "paths": {"/x": {"get": operation}},
        "components": {"schemas": schemas},
    }
    path.write_text(json.dumps(spec), encoding="utf-8")


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc (Linux)")
def test_a_run_killed_while_its_child_validates_leaves_no_child_running(tmp_path: Path) -> None:
    spec = tmp_path / "slow.json"
    _slow_to_validate(spec)
    command = [sys.executable, "-m", "sdkforge", "generate", str(spec), "--out", str(tmp_path / "out"), "-q"]
    env = {**os.environ, "SDKFORGE_CACHE_DIR": str(tmp_path / "cache")}  # nothing validated before
    run = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    children: set[int] = set()
    try:
        give_up = time.monotonic() + 120
        while not children and run.poll() is None and time.monotonic() < give_up:
            children = children_of(run.pid)
            time.sleep(0.01)
        assert children, "the run forked no child to validate the spec"
        os.kill(run.pid, signal.SIGKILL)
        run.wait()
        give_up = time.monotonic() + 5
        while any(_alive(child) for child in children) and time.monotonic() < give_up:
            time.sleep(0.05)
        left = [child for child in children if _alive(child)]
        assert not left, f"the killed run's children {left} still run"
    finally:
        if run.poll() is None:
            run.kill()
            run.wait()
        for child in children:  # only if the test failed: they were started by this test's run
            if _alive(child):
                os.kill(child, signal.SIGKILL)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc (Linux)")
def test_where_the_kernel_does_not_kill_it_the_child_sees_its_parent_gone_and_ends(tmp_path: Path) -> None:
    # What the child does without prctl (not Linux): its own thread checks its parent.
    script = (
        "import os, sys, threading\n"
        "from sdkforge.parallel import beside\n"
        "beside._kill_me_when_parent_dies = lambda: False\n"
        "pending = beside.beside(lambda: threading.Event().wait(60))\n"
        "print(pending.pid, flush=True)\n"
        "os._exit(0)\n"  # gone without waiting for it
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True)
    child = int(out.stdout)
    give_up = time.monotonic() + 5
    while _alive(child) and time.monotonic() < give_up:
        time.sleep(0.05)
    if _alive(child):
        os.kill(child, signal.SIGKILL)
        pytest.fail("the child outlived its parent")
