"""Work done in a child process comes back as if it had been done here."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from sdkforge import pipeline
from sdkforge.beside import beside, done
from sdkforge.errors import Severity, SpecError
from sdkforge.load import load_spec


def test_the_work_runs_in_another_process_and_its_result_comes_back():
    pending = beside(lambda: (os.getpid(), [n * n for n in range(10_000)]))
    pid, squares = pending.result()
    assert pid != os.getpid()
    assert squares == [n * n for n in range(10_000)]  # 10,000 numbers: more than a pipe holds at once
    assert pending.result() is pending.result()


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
    child = pending._pid
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
