"""Whenever sdkforge dies, its output folder holds the old output or, after the next run,
the new one; and two runs on one folder never mix their outputs.

Real processes on a big real spec (Square's, 2,900 files): each is killed with SIGKILL,
at random moments after it says it is writing, and at chosen points of its write (the
test hook ``SDKFORGE_TEST_DIE_AT``, see :mod:`generator.output.journal`). A first
generation stages its files as it makes them: it is killed, and interrupted (Ctrl-C),
while it renders too. The old and the new
spec differ so that a write replaces files (one model's description in seven changes),
adds and removes them (two groups are renamed, one is gone).
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from project_paths import shared_path

from sdkforge.output.journal import JOURNAL, STAGING, SYNC_FROM
from sdkforge.output.lock import LOCK

SQUARE = ("corpus", "square", "api-2025-08-20.oas3.json")
OWN = (LOCK, JOURNAL, STAGING)  # what a killed run may leave of its own, besides the outputs

pytestmark = pytest.mark.slow


def tree(folder: Path, own: bool = True) -> dict[str, bytes | str]:
    """Every file's bytes and every folder under ``folder``; without sdkforge's own
    entries (staging, journal, lock) unless ``own``."""
    state: dict[str, bytes | str] = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if not own and rel.split("/")[0].startswith(OWN):
            continue
        state[rel] = path.read_bytes() if path.is_file() else "folder"
    return state


def edited(spec: dict[str, Any]) -> dict[str, Any]:
    """Square's spec, changed so that generating it rewrites, adds and removes files."""
    renamed = {"Labor": "Workforce", "Loyalty": "Rewards"}
    paths = {}
    for path, item in spec["paths"].items():
        operations = [op for op in item.values() if isinstance(op, dict) and "tags" in op]
        if any(op["tags"][0] == "Snippets" for op in operations):
            continue  # a group that is gone
        for op in operations:
            op["tags"] = [renamed.get(tag, tag) for tag in op["tags"]]
        paths[path] = item
    spec["paths"] = paths
    for schema in list(spec["components"]["schemas"].values())[::7]:
        schema["description"] = schema.get("description", "") + " Revised."
    return spec


@dataclass
class Square:
    specs: dict[str, Path]
    outputs: dict[str, dict[str, bytes | str]]
    base: Path


def generate(spec: Path, out: Path, *more: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "sdkforge", "generate", str(spec), "--out", str(out), "--package-name", "sq"]
    return subprocess.run([*command, *more], capture_output=True, text=True, env=env, timeout=300)


def start(spec: Path, out: Path, die_at: str | None = None, group: bool = False) -> subprocess.Popen[str]:
    """sdkforge generating ``spec`` into ``out``; ``group``: in a process group of its own
    (with its children), as a terminal runs a command. The run starts with SIGINT and
    SIGQUIT at their defaults, as a terminal starts it, whatever this process started
    with (a shell without job control starts its background jobs with both ignored, and
    an ignored signal stays ignored across exec: the interrupt tests would test nothing)."""
    env = dict(os.environ, SDKFORGE_TEST_DIE_AT=die_at) if die_at else None
    command = [sys.executable, "-m", "sdkforge", "generate", str(spec), "--out", str(out), "--package-name", "sq"]
    return subprocess.Popen(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        start_new_session=group,
        preexec_fn=signals_at_their_defaults,
    )


def signals_at_their_defaults() -> None:
    """Run in the child between fork and exec (``preexec_fn``)."""
    for number in (signal.SIGINT, signal.SIGQUIT):
        signal.signal(number, signal.SIG_DFL)


def kill_while_writing(
    spec: Path,
    out: Path,
    delay: float | None = None,
    die_at: str | None = None,
    stage: str = "write",
    how: signal.Signals = signal.SIGKILL,
) -> int:
    """Run sdkforge and kill it: ``delay`` seconds after it says it starts ``stage``, or
    where the test hook ``die_at`` says. Returns its exit code (0 if it finished first).
    ``how``: the signal sent after ``delay``, to the run's whole process group (as
    Ctrl-C on a terminal sends SIGINT)."""
    process = start(spec, out, die_at, group=True)
    assert process.stderr is not None
    if delay is not None:
        for line in process.stderr:  # one line per stage: stderr is a pipe
            if line.startswith(f"sdkforge: {stage}"):
                time.sleep(delay)
                with contextlib.suppress(ProcessLookupError):  # it may have finished meanwhile
                    os.killpg(process.pid, how)
                break
    process.communicate(timeout=300)
    if die_at is not None:
        expected = -signal.SIGINT if die_at.startswith("interrupt:") else -signal.SIGKILL
        assert process.returncode == expected, f"the test hook {die_at} was not reached"
    return process.returncode


def own_entries(out: Path) -> list[str]:
    return sorted(path.name for path in out.iterdir() if path.name.startswith(OWN)) if out.exists() else []


def staged_files(out: Path) -> int:
    return sum(1 for path in (out / STAGING).rglob("*") if path.is_file())


@pytest.fixture(scope="module")
def square(tmp_path_factory: pytest.TempPathFactory) -> Square:
    source = shared_path(*SQUARE)
    base = tmp_path_factory.mktemp("crash")
    specs = {"old": base / "old" / "square.json", "new": base / "new" / "square.json"}
    for spec in specs.values():
        spec.parent.mkdir()
    shutil.copy(source, specs["old"])
    specs["new"].write_text(json.dumps(edited(json.loads(source.read_text()))))
    outputs = {}
    for name, spec in specs.items():
        result = generate(spec, base / f"expected-{name}")
        assert result.returncode == 0, result.stderr[-2000:]
        outputs[name] = tree(base / f"expected-{name}")
    changed = outputs["old"].keys() & outputs["new"].keys()
    assert outputs["old"].keys() - outputs["new"].keys(), "some files must go"
    assert outputs["new"].keys() - outputs["old"].keys(), "some files must come"
    assert sum(outputs["old"][p] != outputs["new"][p] for p in changed) > 200, "many files must change"
    return Square(specs, outputs, base)


def test_a_run_killed_at_any_moment_of_its_write_leaves_the_old_output_or_the_next_run_finishes_the_new(square):
    out = square.base / "sdk"
    shutil.copytree(square.base / "expected-old", out)
    now = "old"
    seed = random.randrange(1 << 30)
    chance = random.Random(seed)
    kills: list[dict[str, Any]] = [
        {"die_at": "staged"},
        {"die_at": "moved:1"},
        {"die_at": "moved:300"},
        {"die_at": "applied"},
        *({"delay": chance.uniform(0.0, 1.0)} for _ in range(4)),
    ]
    for kill in kills:
        then = "new" if now == "old" else "old"
        what = f"{kill}, from the {now} output to the {then} (seed {seed})"
        code = kill_while_writing(square.specs[then], out, **kill)

        if not (out / JOURNAL).exists():  # killed before the write was decided, or after it was done
            assert tree(out, own=False) in (square.outputs[now], square.outputs[then]), what
        else:  # decided: any sdkforge run on the folder finishes it first, even --check
            assert code != 0, what
            check = generate(square.specs[then], out, "--check")
            assert check.returncode == 0, f"{what}: {check.stderr[-2000:]}"
            assert tree(out) == square.outputs[then], what
        result = generate(square.specs[then], out)
        assert result.returncode == 0, f"{what}: {result.stderr[-2000:]}"
        assert tree(out) == square.outputs[then], f"{what}: no staging, journal or lock is left either"
        now = then


@pytest.mark.parametrize("die_at", ["staged", "moved:1"])
def test_a_first_generation_killed_then_run_again_needs_no_force(square, die_at):
    out = square.base / f"first-{die_at.replace(':', '-')}"
    kill_while_writing(square.specs["new"], out, die_at=die_at)
    assert any(path.name.startswith(OWN) for path in out.iterdir())

    result = generate(square.specs["new"], out)

    assert result.returncode == 0, result.stderr[-2000:]
    assert tree(out) == square.outputs["new"]


def test_a_first_generation_killed_at_a_random_moment_then_run_again_needs_no_force(square):
    out = square.base / "first-random"
    kill_while_writing(square.specs["new"], out, delay=random.uniform(0.0, 0.6))
    result = generate(square.specs["new"], out)
    assert result.returncode == 0, result.stderr[-2000:]
    assert tree(out) == square.outputs["new"]


@pytest.fixture(scope="module")
def small_edit(square: Square) -> tuple[Path, dict[str, bytes | str]]:
    """Square's spec with one model's description changed (a few files to write: each
    is flushed by itself, see :data:`generator.output.journal.SYNC_FROM`), and its output."""
    spec = json.loads(square.specs["old"].read_text())
    schema = spec["components"]["schemas"]["CatalogCustomAttributeValue"]
    schema["description"] = "A custom attribute's value, revised."
    path = square.base / "small" / "square.json"
    path.parent.mkdir()
    path.write_text(json.dumps(spec))
    assert generate(path, square.base / "expected-small").returncode == 0
    expected = tree(square.base / "expected-small")
    changed = [p for p in expected if expected[p] != square.outputs["old"].get(p)]
    assert 0 < len(changed) < SYNC_FROM, changed
    return path, expected


@pytest.mark.parametrize("die_at", ["staged", "journaled", "moved:1", "applied"])
def test_a_run_writing_a_few_files_killed_in_its_write_leaves_the_old_output_or_the_next_run_finishes(
    square, small_edit, die_at
):
    spec, expected = small_edit
    out = square.base / f"small-{die_at.replace(':', '-')}"
    shutil.copytree(square.base / "expected-old", out)

    kill_while_writing(spec, out, die_at=die_at)

    if die_at == "staged":  # before its journal: nothing was decided
        assert tree(out, own=False) == square.outputs["old"]
        assert not (out / JOURNAL).exists()
    else:  # decided: any run on the folder finishes it first
        assert (out / JOURNAL).exists()
    result = generate(spec, out)
    assert result.returncode == 0, result.stderr[-2000:]
    assert tree(out) == expected, "the new output, with no staging, journal or lock left"


def test_two_runs_on_one_folder_at_once_one_waits_for_the_other(square):
    out = square.base / "both"  # not there yet: each run makes its whole output, which takes seconds
    runs = {name: start(square.specs[name], out) for name in ("new", "old")}
    errors = {name: run.communicate(timeout=300)[1] for name, run in runs.items()}

    assert all(run.returncode == 0 for run in runs.values()), errors
    waited = [name for name, err in errors.items() if f"wait     for another sdkforge run on {out}" in err]
    assert len(waited) == 1, errors
    assert tree(out) == square.outputs[waited[0]], "the run that waited ran second, on what the first left"


# ---- a first generation, which stages each file as it is made ----------------------------


@pytest.mark.parametrize("there", [False, True], ids=["new-folder", "empty-folder"])
def test_a_first_generation_killed_while_it_renders_leaves_no_output_and_the_next_run_is_whole(square, there):
    out = square.base / f"mid-render-{there}"
    if there:
        out.mkdir()

    kill_while_writing(square.specs["new"], out, die_at="staging:400")

    assert tree(out, own=False) == {}, "no output: the folder is as it was"
    assert staged_files(out) >= 400, "killed with files staged, while others were still being made"
    assert not (out / JOURNAL).exists()
    result = generate(square.specs["new"], out)
    assert result.returncode == 0, result.stderr[-2000:]
    assert tree(out) == square.outputs["new"], "whole, with no staging, journal or lock left"


def test_a_first_generation_killed_at_random_moments_of_its_rendering_then_run_again_is_whole(square):
    seed = random.randrange(1 << 30)
    chance = random.Random(seed)
    for attempt in range(3):
        out = square.base / f"mid-render-random-{attempt}"
        delay = chance.uniform(0.0, 1.0)
        code = kill_while_writing(square.specs["new"], out, delay=delay, stage="render")
        what = f"killed {delay:.2f} s into rendering (seed {seed})"
        if not (out / JOURNAL).exists():  # killed before the write was decided, or after it was done
            assert tree(out, own=False) in ({}, square.outputs["new"]), what
        else:
            assert code != 0, what
        result = generate(square.specs["new"], out)
        assert result.returncode == 0, f"{what}: {result.stderr[-2000:]}"
        assert tree(out) == square.outputs["new"], what


def test_a_first_generation_interrupted_while_it_renders_leaves_no_folder(square):
    out = square.base / "interrupted"

    kill_while_writing(square.specs["new"], out, die_at="interrupt:400")  # as SIGINT to the main process alone

    assert not out.exists(), "the folder it made, with the files staged, is gone"


def test_ctrl_c_at_random_moments_of_a_first_generation_leaves_no_folder_or_the_whole_output(square):
    seed = random.randrange(1 << 30)
    chance = random.Random(seed)
    for attempt in range(3):
        out = square.base / f"ctrl-c-{attempt}"
        delay = chance.uniform(0.0, 1.0)
        code = kill_while_writing(square.specs["new"], out, delay=delay, stage="render", how=signal.SIGINT)
        what = f"Ctrl-C {delay:.2f} s into rendering (seed {seed}): exit code {code}"
        if code == 0:
            assert tree(out) == square.outputs["new"], what
        elif (out / JOURNAL).exists():  # interrupted while it moved the files in: the next run finishes
            result = generate(square.specs["new"], out)
            assert result.returncode == 0 and tree(out) == square.outputs["new"], what
        else:
            assert not out.exists(), what
