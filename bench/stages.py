"""CPU and wall time of the stages a run pays again after a structural edit of a spec.

    python bench/stages.py SPEC

Loads the spec, models it (with the Python target's warnings), names and plans its
Python SDK, as ``sdkforge generate`` does them (and with its garbage collector
settings), and prints each stage's wall and CPU seconds. Nothing is rendered or
written. Run it with the interpreter of the sdkforge to measure, once per process.
"""

from __future__ import annotations

import gc
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sdkforge.pipeline import _build_chosen
from sdkforge.spec.load import load_spec
from sdkforge.targets import TargetOptions
from sdkforge.targets.registry import get_target


def measure(spec: Path) -> dict[str, tuple[float, float]]:
    """Each stage's (wall, CPU) seconds on ``spec``, in this process."""
    gc.set_threshold(50_000, 20, 20)  # as generator.pipeline runs
    times: dict[str, tuple[float, float]] = {}

    def stage(name: str, work: Callable[[], Any]) -> Any:
        wall, cpu = time.perf_counter(), time.process_time()
        done = work()
        times[name] = (time.perf_counter() - wall, time.process_time() - cpu)
        return done

    target = get_target("python")
    loaded = stage("load", lambda: load_spec(spec))
    api, _, _ = stage("model", lambda: _build_chosen(loaded, (), target))
    names = stage("name", lambda: target.name(api))
    stage("plan", lambda: target.plan(api, TargetOptions(), names, None))
    return times


def main(spec: str) -> None:
    times = measure(Path(spec))
    print(" ".join(f"{name} {wall:.3f}/{cpu:.3f}" for name, (wall, cpu) in times.items()), "(wall/CPU s)")


if __name__ == "__main__":
    main(sys.argv[1])
