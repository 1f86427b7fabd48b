"""CPU time of the format stage over a cold run of one spec, and whether it imported black.

    python bench/format_time.py SPEC

Generates the spec's Python SDK into a new folder with a new cache, every file rendered
and formatted in this process (no render helper), and prints the CPU seconds spent in
the target's ``format`` (black's layout for the files that need it). Run it with the
interpreter of the sdkforge to measure, once per process.
"""

from __future__ import annotations

import dataclasses
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import sdkforge.parallel.both_cores as both_cores
import sdkforge.pipeline as pipeline
from sdkforge.pipeline import GenerateRequest, generate


def format_seconds(spec: Path) -> float:
    """The CPU seconds a cold run on ``spec`` spends formatting, in this process."""
    both_cores.FROM = 10**9  # every file rendered here, whatever their number
    spent = [0.0]
    get_target = pipeline.get_target

    def timed_target(name: str) -> Any:
        target = get_target(name)

        def timed(files: dict[str, str], cache: Any = None) -> dict[str, str]:
            start = time.process_time()
            try:
                return target.format(files, cache)
            finally:
                spent[0] += time.process_time() - start

        return dataclasses.replace(target, format=timed)

    pipeline.get_target = timed_target
    with tempfile.TemporaryDirectory() as folder:
        generate(GenerateRequest(spec=spec, out=Path(folder) / "out", cache_dir=Path(folder) / "cache"))
    return spent[0]


if __name__ == "__main__":
    seconds = format_seconds(Path(sys.argv[1]))
    print(f"format: {seconds:.3f} s of CPU; black imported: {'black' in sys.modules}")
