"""CPU time of what the main process does with a spec before anything else can start:
loading it, modelling it, naming and planning (the garbage collector off, as in a run).

    python bench/critical_path.py SPEC [ROUNDS]

Runs the four stages ROUNDS times (3 unless given) in this process and prints each one's
least CPU seconds. To compare two commits, run it alternately with each one's code.
"""

from __future__ import annotations

import gc
import itertools
import sys
import time
from pathlib import Path

from sdkforge.pipeline import _build_chosen
from sdkforge.spec.load import load_spec
from sdkforge.targets import TargetOptions
from sdkforge.targets.registry import get_target

STAGES = ("load", "model", "name", "plan")


def one_round(spec_path: Path) -> list[float]:
    """The CPU seconds of each stage, once."""
    target = get_target("python")
    marks = [time.process_time()]
    spec = load_spec(spec_path)
    marks.append(time.process_time())
    api, _, _ = _build_chosen(spec, (), target)
    marks.append(time.process_time())
    names = target.name(api)
    marks.append(time.process_time())
    target.plan(api, TargetOptions(package_name="sdk"), names, None)
    marks.append(time.process_time())
    return [end - start for start, end in itertools.pairwise(marks)]


def main() -> None:
    spec_path = Path(sys.argv[1])
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    gc.disable()
    least = [min(spent) for spent in zip(*(one_round(spec_path) for _ in range(rounds)), strict=True)]
    print("  ".join(f"{stage} {seconds:.3f}" for stage, seconds in zip(STAGES, least, strict=True)), "s CPU")


if __name__ == "__main__":
    main()
