"""CPU and wall seconds of the files' keys after an edit, with the last run's kept
digests: this checkout's ``generator/model/subjects.py`` against another revision's.

    python bench/keys_after_edit_time.py SPEC EDITED [--against REV] [--rounds N]

Builds SPEC's model, makes every file's key once and keeps the digests (each module its
own :class:`~sdkforge.model.subjects.KeptDigests`), then builds EDITED's model and puts
back SPEC's very objects for the models, enums and operations equal to them, as a
replayed run has them (those are the reused types and operations; a replayed run
rebuilds more: the units that read an edited one). Then times, in turns, what ``_keys`` does for every
file of EDITED with each module, and checks that the keys are those made without kept
digests. Prints each one's CPU and wall seconds (min, median, max) and the ratio of the
two per round, with the collector off as in a run.
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import inspect
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from keys_time import module_at

from sdkforge.model import subjects
from sdkforge.model.build import build_api
from sdkforge.model.ir import Api
from sdkforge.pipeline import _made_from
from sdkforge.spec.load import load_spec
from sdkforge.spec.swagger2 import convert_spec
from sdkforge.targets import TargetOptions
from sdkforge.targets.registry import get_target


def _model(spec: Path) -> Api:
    loaded = load_spec(spec)
    return build_api(convert_spec(loaded) if loaded.version == "2.0" else loaded)[0]


def _as_last(op: Any, last: dict[tuple[str, str], Any]) -> Any:
    """The last model's operation at ``op``'s method and path if equal to it, else ``op``."""
    found = last.get((op.method, op.path))
    return found if found == op else op


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("spec", type=Path)
    parser.add_argument("edited", type=Path)
    parser.add_argument("--against", default="HEAD")
    parser.add_argument("--rounds", type=int, default=10)
    options = parser.parse_args()
    target = get_target("python")
    last = _model(options.spec)
    edited = _model(options.edited)
    gc.disable()  # as in a run (see sdkforge.current.no_collections)
    models = {k: last.models[k] if last.models.get(k) == v else v for k, v in edited.models.items()}
    enums = {k: last.enums[k] if last.enums.get(k) == v else v for k, v in edited.enums.items()}
    last_operations = {(op.method, op.path): op for group in last.groups for op in group.operations}
    groups = tuple(
        dataclasses.replace(group, operations=tuple(_as_last(op, last_operations) for op in group.operations))
        for group in edited.groups
    )
    carried = {id(op) for op in last_operations.values()}
    operations = frozenset(id(op) for group in groups for op in group.operations if id(op) in carried)
    api = dataclasses.replace(edited, models=models, enums=enums, groups=groups)
    reused = frozenset(k for k, v in (*models.items(), *enums.items()) if v is last.models.get(k, last.enums.get(k)))
    names_then = target.name(last)
    made_then = _made_from(target.plan(last, TargetOptions(package_name="x"), names_then, None))
    names = target.name(api)
    made_from = _made_from(target.plan(api, TargetOptions(package_name="x"), names, None))
    count = sum(len(group.operations) for group in groups)
    print(f"{len(api.models) + len(api.enums)} types, {len(reused)} reused; {len(operations)} of {count} operations")
    reference = {path: subjects.Fingerprints(api, names, "base").key(path, t, s) for path, t, s in made_from}
    with tempfile.TemporaryDirectory() as folder:
        modules = {options.against: module_at(options.against, Path(folder)), "this": subjects}
        kept: dict[str, Any] = {}
        for label, module in modules.items():
            first = module.Fingerprints(last, names_then, "base")
            for path, template, made_of in made_then:
                first.key(path, template, made_of)
            kept[label] = first.kept("stamp")
        seconds: dict[str, list[tuple[float, float]]] = {label: [] for label in modules}
        for round_ in range(options.rounds):
            for label in list(modules) if round_ % 2 == 0 else list(modules)[::-1]:
                cpu, wall = time.process_time(), time.perf_counter()
                takes = "operations" in inspect.signature(modules[label].Fingerprints).parameters
                more = {"operations": operations} if takes else {}  # a revision before kept group digests: none
                fingerprints = modules[label].Fingerprints(api, names, "base", kept[label], reused, **more)
                keys = {path: fingerprints.key(path, t, s) for path, t, s in made_from}
                seconds[label].append((time.process_time() - cpu, time.perf_counter() - wall))
                assert keys == reference
    for label, found in seconds.items():
        cpus, walls = [c for c, _ in found], [w for _, w in found]
        print(
            f"{label:8} CPU {min(cpus):.3f} - {max(cpus):.3f} s (median {statistics.median(cpus):.3f}),"
            f" wall {min(walls):.3f} - {max(walls):.3f} s (median {statistics.median(walls):.3f})"
        )
    then, now = ([c for c, _ in seconds[label]] for label in modules)
    ratios = sorted(b / a for a, b in zip(then, now, strict=True))
    median = statistics.median(ratios)
    print(f"this/{options.against} CPU per round: {ratios[0]:.2f} - {ratios[-1]:.2f}, median {median:.2f}")


if __name__ == "__main__":
    main()
