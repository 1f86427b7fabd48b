"""Which files each edit of a spec makes again, and the CPU its render stage takes.

    python bench/edit_render.py SPEC [EDITED_SPEC ...]

Generates SPEC's SDK into a new folder with a new cache, then each edited spec in turn
into the same folder (as a user regenerates after each edit), all in this process, and
prints for each edit the files its run rendered and the CPU seconds of its render stage
(rendering and formatting, in this process: too few files for a render helper). The
bench's edited copies (bench/.work/specs/github-base.json, github-description.json, ...)
make one chain. Run it with the interpreter of the sdkforge to measure.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import sdkforge.pipeline as pipeline
from sdkforge.pipeline import GenerateRequest, generate
from sdkforge.targets import TargetOptions


def main(specs: list[Path]) -> None:
    render = pipeline._render
    seen: list[tuple[list[str], float]] = []

    def measured(jobs: list[Any], *args: Any, **kwargs: Any) -> dict[str, str]:
        paths = [job.path for job in jobs]  # the jobs are let go of as they are rendered
        started = time.process_time()
        files = render(jobs, *args, **kwargs)
        seen.append((paths, time.process_time() - started))
        return files

    pipeline._render = measured  # type: ignore[assignment]
    with tempfile.TemporaryDirectory() as scratch:
        out, cache = Path(scratch) / "out", Path(scratch) / "cache"
        for spec in specs:
            seen.clear()
            generate(GenerateRequest(spec, out, options=TargetOptions(package_name="x"), cache_dir=cache))
            paths, cpu = seen[0] if seen else ([], 0.0)
            listed = ", ".join(paths) if len(paths) <= 12 else f"{len(paths)} files"
            print(f"{spec.name}: render {cpu:.3f} s CPU, {len(paths)} file(s): {listed}")


if __name__ == "__main__":
    main([Path(arg) for arg in sys.argv[1:]])
