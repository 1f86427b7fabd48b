"""CPU time of modelling a spec (``build_api``), which a run pays cold and after every edit.

    python bench/model_time.py SPEC [ROUNDS]

Loads the spec anew for each round (untimed: a run's spec has remembered no look-up yet),
models it with the cycle collector off, as ``sdkforge generate`` runs, and prints the
rounds' CPU seconds, sorted. Run it with the interpreter of the sdkforge to measure, and
alternate it with the code to compare it with (that code's folder, holding an
``sdkforge`` package, first on ``PYTHONPATH``).
"""

from __future__ import annotations

import gc
import sys
import time
from pathlib import Path

from sdkforge.model.build import build_api
from sdkforge.spec.load import load_spec


def model_seconds(spec: Path, rounds: int) -> list[float]:
    """The CPU seconds of each of ``rounds`` models of ``spec``, sorted."""
    gc.disable()
    spent: list[float] = []
    for _ in range(rounds):
        loaded = load_spec(spec)
        start = time.process_time()
        build_api(loaded)
        spent.append(time.process_time() - start)
        del loaded
        gc.collect()
    return sorted(spent)


if __name__ == "__main__":
    seconds = model_seconds(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 5)
    print(" ".join(f"{s:.3f}" for s in seconds), f"(median {seconds[len(seconds) // 2]:.3f} s CPU)")
