"""The model of each bench edit of a spec, built whole and replayed from the build before it.

    python bench/replay_time.py bench/.work/specs/github --rounds 3

Reads ``<prefix>-base.json`` and the bench's variants (``-description``, ``-operation``,
``-field``, ``-model-removed``: each one edit more than the one before, as
``prepare_variants`` in bench/run.py writes them), loads each once, then, each round:
builds the base whole and recorded (``build_api``, ``build_recorded``: what recording
costs a cold run), and each variant whole and replayed from the variant before it,
alternating which goes first. Prints CPU seconds (the cycle collector off, as a run
has it) per scenario: the median and the range, and how many units were replayed.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import time
from pathlib import Path

from sdkforge.model.build import build_api, build_recorded
from sdkforge.spec.load import load_spec

EDITS = ("description", "operation", "field", "model-removed")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("prefix", help="the variants' path without -base.json, e.g. bench/.work/specs/github")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    gc.disable()
    specs = {name: load_spec(Path(f"{args.prefix}-{name}.json")) for name in ("base", *EDITS)}
    took: dict[str, list[float]] = {}
    replayed: dict[str, str] = {}
    for round_no in range(args.rounds):
        order = (False, True) if round_no % 2 == 0 else (True, False)
        for recorded in order:
            started = time.process_time()
            last, _ = build_recorded(specs["base"]) if recorded else (None, build_api(specs["base"]))
            took.setdefault("base recorded" if recorded else "base whole", []).append(time.process_time() - started)
        last, _ = build_recorded(specs["base"])
        for name in EDITS:
            for replaying in order:
                started = time.process_time()
                if replaying:
                    built, _ = build_recorded(specs[name], last)
                else:
                    build_api(specs[name])
                took.setdefault(f"{name} {'replayed' if replaying else 'whole'}", []).append(
                    time.process_time() - started
                )
            replayed[name] = f"{len(built.replayed)} of {len(built.record.units)} units replayed"
            last = built
    for scenario, values in took.items():
        note = replayed.get(scenario.split()[0], "") if scenario.endswith("replayed") else ""
        print(f"{scenario:26} median {statistics.median(values):.3f} s [{min(values):.3f} - {max(values):.3f}]  {note}")


if __name__ == "__main__":
    main()
