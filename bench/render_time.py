"""CPU time of the render stage over a cold run of one spec, in one process.

    python bench/render_time.py SPEC [--target python|csharp] [--profile FILE]

Generates the spec's SDK (Python, or the ``--target`` given) into a new folder with a new cache, every file rendered
in this process (no render helper), and prints the CPU seconds spent in rendering (the
jobs' values, worked out when first read, and the templates; not formatting). With
``--profile``, the rendering is profiled (cProfile) and the statistics saved in FILE.
Run it with the interpreter of the sdkforge to measure, once per process.
"""

from __future__ import annotations

import argparse
import cProfile
import tempfile
import time
from pathlib import Path
from typing import Any

import sdkforge.parallel.both_cores as both_cores
import sdkforge.render.engine as engine
from sdkforge.pipeline import GenerateRequest, generate


def render_seconds(spec: Path, profile: Path | None = None, target: str = "python") -> float:
    """The CPU seconds a cold run on ``spec`` spends rendering, in this process."""
    both_cores.FROM = 10**9  # every file rendered here, whatever their number
    spent = [0.0]
    profiler = cProfile.Profile() if profile is not None else None
    render_all = engine.render_all

    def timed(*args: Any, **kwargs: Any) -> dict[str, str]:
        start = time.process_time()
        if profiler is not None:
            profiler.enable()
        try:
            return render_all(*args, **kwargs)
        finally:
            if profiler is not None:
                profiler.disable()
            spent[0] += time.process_time() - start

    engine.render_all = timed  # type: ignore[assignment]
    with tempfile.TemporaryDirectory() as folder:
        generate(GenerateRequest(spec=spec, target=target, out=Path(folder) / "out", cache_dir=Path(folder) / "cache"))
    if profiler is not None and profile is not None:
        profiler.dump_stats(profile)
    return spent[0]


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("spec", type=Path)
    parser.add_argument("--profile", type=Path)
    parser.add_argument("--target", default="python")
    options = parser.parse_args()
    seconds = render_seconds(options.spec, options.profile, options.target)
    print(f"render: {seconds:.3f} s of CPU")
