"""CPU of the main process from the model built to the write, after an edit that replays
the last run's model: this sdkforge against another copy, alternating.

    python bench/after_build_time.py BASE EDITED [--against DIR] [--rounds N] [--profile]

Each round, for each sdkforge (this one, and the copy at ``--against``, a folder holding
an ``sdkforge`` package, as ``git archive REV generator templates`` made into one), a new
process generates BASE's SDK into a new folder with a new cache, then EDITED's into the
same folder, and gives, for the second run, the CPU seconds of its own process from the
end of ``build_recorded`` to the start of ``write_files`` (naming, planning, the keys,
rendering the few files an edit remakes), and its wall seconds. Prints each one's range
and median, and the ratio per round. With ``--profile``, one run of this sdkforge is
profiled over that span (cProfile timed by CPU), by own time then cumulative.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any


def one_run(base: Path, edited: Path, profile: bool) -> dict[str, float]:
    """Generate ``base``, then ``edited`` into the same folder: the second run's figures."""
    import sdkforge.pipeline as pipeline
    from sdkforge.pipeline import GenerateRequest, generate
    from sdkforge.targets import TargetOptions

    marks: dict[str, float] = {}
    profiler = cProfile.Profile(time.process_time)
    recorded, write = pipeline.build_recorded, pipeline.write_files

    def built(*args: Any, **kwargs: Any) -> Any:
        found = recorded(*args, **kwargs)
        marks["built"] = time.process_time()
        if profile and "armed" in marks:
            profiler.enable()
        return found

    def writing(*args: Any, **kwargs: Any) -> Any:
        if profile and "armed" in marks:
            profiler.disable()
        marks["write"] = time.process_time()
        return write(*args, **kwargs)

    pipeline.build_recorded = built  # type: ignore[assignment]
    pipeline.write_files = writing  # type: ignore[assignment]
    with tempfile.TemporaryDirectory() as scratch:
        out, cache = Path(scratch) / "out", Path(scratch) / "cache"
        options = TargetOptions(package_name="x")
        generate(GenerateRequest(base, out, options=options, cache_dir=cache), leave_to_exit=True)
        marks.clear()
        marks["armed"] = 0.0  # the edit's run: the one measured
        wall = time.perf_counter()
        generate(GenerateRequest(edited, out, options=options, cache_dir=cache), leave_to_exit=True)
        wall = time.perf_counter() - wall
    if profile:
        for order in ("tottime", "cumulative"):
            pstats.Stats(profiler, stream=sys.stderr).sort_stats(order).print_stats(90)
    return {"cpu": marks["write"] - marks["built"], "wall": wall}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("base", type=Path)
    parser.add_argument("edited", type=Path)
    parser.add_argument("--against", type=Path)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)  # a run, in its own process
    options = parser.parse_args()
    if options.one or options.profile:
        print(json.dumps(one_run(options.base, options.edited, options.profile)))
        return
    copies = {"this": None, "against": options.against} if options.against else {"this": None}
    found: dict[str, list[dict[str, float]]] = {label: [] for label in copies}
    for round_ in range(options.rounds):
        for label in list(copies) if round_ % 2 == 0 else list(copies)[::-1]:
            env = dict(os.environ)
            folder = copies[label]
            if folder is not None:
                env["PYTHONPATH"] = str(folder)
            command = [sys.executable, __file__, str(options.base), str(options.edited), "--one"]
            done = subprocess.run(command, check=True, capture_output=True, text=True, env=env)  # noqa: S603 - this file
            figures = json.loads(done.stdout.strip().splitlines()[-1])
            found[label].append(figures)
            print(f"{label:8} CPU {figures['cpu']:.3f} s  wall {figures['wall']:.3f} s", flush=True)
    for label, runs in found.items():
        for measure in ("cpu", "wall"):
            seconds = [run[measure] for run in runs]
            median = statistics.median(seconds)
            print(f"{label:8} {measure:4} {min(seconds):.3f} - {max(seconds):.3f} s, median {median:.3f}")
    if options.against:
        ratios = sorted(b["cpu"] / a["cpu"] for a, b in zip(found["against"], found["this"], strict=True))
        print(f"this/against CPU per round: {ratios[0]:.2f} - {ratios[-1]:.2f}, median {statistics.median(ratios):.2f}")


if __name__ == "__main__":
    main()
