"""CPU time of a target's naming and planning of one spec, each as a run's first call.

    python bench/name_plan_time.py SPEC [RUNS] [--target python|csharp] [--profile name|plan]

Each run is a new process (the interpreter running this file): it builds the spec's
model, then times ``target.name(api)`` and ``target.plan(api, options, names, None)``
once each, with the cycle collector off as in a run (see ``generator.pipeline``), and
prints their CPU seconds; last, the range and median of each over the RUNS (default 5).
A first call is what a run pays: the caches of words and names start empty. With
``--profile``, one run's naming or planning is profiled (cProfile, by own time).
Run it with the interpreter of the sdkforge to measure (an old copy first on
``PYTHONPATH`` measures that one); alternate old and new on a shared machine.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import json
import pstats
import statistics
import subprocess
import sys
import time
from contextlib import nullcontext
from pathlib import Path


def one_run(spec: Path, target_name: str, profile: str | None) -> dict[str, float]:
    """Build the model of ``spec``, then name and plan it once: CPU seconds of each."""
    from sdkforge.model.build import build_api
    from sdkforge.spec.load import load_spec
    from sdkforge.targets import TargetOptions
    from sdkforge.targets.registry import get_target

    api, _ = build_api(load_spec(spec))
    target = get_target(target_name)
    gc.disable()
    profiler = cProfile.Profile()
    start = time.process_time()
    with profiler if profile == "name" else nullcontext():
        names = target.name(api)
    named = time.process_time()
    with profiler if profile == "plan" else nullcontext():
        target.plan(api, TargetOptions(package_name="x"), names, None)
    planned = time.process_time()
    if profile is not None:
        pstats.Stats(profiler, stream=sys.stderr).sort_stats("tottime").print_stats(25)
    return {"name": named - start, "plan": planned - named}


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("spec", type=Path)
    parser.add_argument("runs", type=int, nargs="?", default=5)
    parser.add_argument("--target", default="python")
    parser.add_argument("--profile", choices=["name", "plan"])
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)  # a run, in its own process
    options = parser.parse_args()
    if options.one or options.profile:
        print(json.dumps(one_run(options.spec, options.target, options.profile)))
        sys.exit(0)
    found: dict[str, list[float]] = {"name": [], "plan": []}
    for _ in range(options.runs):
        command = [sys.executable, __file__, str(options.spec), "--one", "--target", options.target]
        done = subprocess.run(command, check=True, capture_output=True, text=True)  # noqa: S603 - this file, no shell
        times = json.loads(done.stdout)
        print(f"name {times['name']:.3f} s  plan {times['plan']:.3f} s of CPU", flush=True)
        for stage, seconds in times.items():
            found[stage].append(seconds)
    for stage, seconds in found.items():
        print(f"{stage}: {min(seconds):.3f} - {max(seconds):.3f} s, median {statistics.median(seconds):.3f}")
