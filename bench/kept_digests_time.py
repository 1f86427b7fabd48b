"""The output files' keys with the last run's type digests, against without them.

    python bench/kept_digests_time.py SPEC [--target python] [--rounds N]

Builds the spec's model, the target's names and its plan once, makes every file's key
once to have the digests to keep (:class:`~sdkforge.model.subjects.KeptDigests`), then
times, in turns, what the pipeline's ``_keys`` does for every file: without kept
digests, and with them for every model and enum (as after an edit that left them all as
they were); then keeping them in a cache folder and recalling them. Prints CPU and wall
seconds (min, median, max) of each, with the collector off as in a run.

Last, the model is carried as a run carries it (pickled, then unpickled in this process
and in a new one) and named again, as a replayed run has it: how many files' keys
differ from the first run's, made anew and with the kept digests.
"""

from __future__ import annotations

import argparse
import gc
import pickle
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from sdkforge.cache import carried
from sdkforge.cache.kept_digests import keep_digests, recall_digests
from sdkforge.cache.store import Cache
from sdkforge.model.build import build_api
from sdkforge.model.subjects import Fingerprints
from sdkforge.pipeline import _made_from
from sdkforge.spec.load import load_spec
from sdkforge.spec.swagger2 import convert_spec
from sdkforge.targets import TargetOptions
from sdkforge.targets.registry import get_target


def timed(work: Callable[[], Any]) -> tuple[Any, float, float]:
    """What ``work`` gives, with its CPU and wall seconds."""
    cpu, wall = time.process_time(), time.perf_counter()
    found = work()
    return found, time.process_time() - cpu, time.perf_counter() - wall


def _same(fingerprints: Fingerprints) -> Fingerprints:
    return fingerprints


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("spec", type=Path)
    parser.add_argument("--target", default="python")
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--replayed", type=Path, help=argparse.SUPPRESS)  # the last part, in a new process
    options = parser.parse_args()
    if options.replayed is not None:
        _replayed(options.replayed, options.target, "in a new process")
        return
    loaded = load_spec(options.spec)
    api, _ = build_api(convert_spec(loaded) if loaded.version == "2.0" else loaded)
    del loaded
    gc.disable()  # as in a run (see sdkforge.current.no_collections)
    target = get_target(options.target)
    names = target.name(api)
    made_from = _made_from(target.plan(api, TargetOptions(package_name="x"), names, None))
    types = frozenset(api.models.keys() | api.enums.keys())
    print(f"{len(api.models)} models, {len(api.enums)} enums, {len(made_from)} files")

    def keys(fingerprints: Callable[[], Fingerprints]) -> Callable[[], dict[str, str]]:
        def work() -> dict[str, str]:
            made = fingerprints()
            return {path: made.key(path, template, subjects) for path, template, subjects in made_from}

        return work

    first = Fingerprints(api, names, "base")
    reference = keys(partial(_same, first))()
    kept = first.kept("stamp")
    made = {
        "without": keys(lambda: Fingerprints(api, names, "base")),
        "with": keys(lambda: Fingerprints(api, names, "base", kept=kept, reused=types)),
    }
    seconds: dict[str, list[tuple[float, float]]] = {label: [] for label in (*made, "keep", "recall")}
    with tempfile.TemporaryDirectory() as folder:
        cache = Cache(Path(folder))
        for round_ in range(options.rounds):
            for label in list(made) if round_ % 2 == 0 else list(made)[::-1]:
                found, cpu, wall = timed(made[label])
                assert found == reference
                seconds[label].append((cpu, wall))
            fresh = Fingerprints(api, names, "base")
            keys(partial(_same, fresh))()
            stored, cpu, wall = timed(partial(keep_digests, cache, "folder", "stamp", fresh))
            assert stored
            seconds["keep"].append((cpu, wall))
            recalled, cpu, wall = timed(partial(recall_digests, cache, "folder", "stamp"))
            assert recalled == kept
            seconds["recall"].append((cpu, wall))
    without, with_kept = ([c for c, _ in seconds[label]] for label in made)
    ratios = sorted(b / a for a, b in zip(without, with_kept, strict=True))
    print(f"with/without CPU per round: {ratios[0]:.2f} - {ratios[-1]:.2f}, median {statistics.median(ratios):.2f}")
    for label, found in seconds.items():
        cpus, walls = [c for c, _ in found], [w for _, w in found]
        print(
            f"{label:8} CPU {min(cpus):.3f} - {max(cpus):.3f} s (median {statistics.median(cpus):.3f}),"
            f" wall {min(walls):.3f} - {max(walls):.3f} s (median {statistics.median(walls):.3f})"
        )
    with tempfile.TemporaryDirectory() as folder:
        with (Path(folder) / "model").open("wb") as stream:
            carried._pickler(stream).dump(api)
        (Path(folder) / "first").write_bytes(pickle.dumps((reference, kept)))
        print("the model carried and named again (files whose key is not the first run's):")
        _replayed(Path(folder), options.target, "in this process")
        command = [sys.executable, __file__, str(options.spec), "--target", options.target, "--replayed", folder]
        subprocess.run(command, check=True)  # noqa: S603 - this script, no shell


def _replayed(folder: Path, target_name: str, where: str) -> None:
    """Print how many files' keys differ from the first run's (kept in ``folder``, with
    the carried model) when made anew from the model carried and named again, and when
    made with the kept digests."""
    with (folder / "model").open("rb") as stream:
        api = carried._Unpickler(stream).load()
    reference, kept = pickle.loads((folder / "first").read_bytes())  # noqa: S301 - written by this script
    target = get_target(target_name)
    names = target.name(api)
    made_from = _made_from(target.plan(api, TargetOptions(package_name="x"), names, None))
    types = frozenset(api.models.keys() | api.enums.keys())
    differ = {}
    for label, fingerprints in (
        ("made anew", Fingerprints(api, names, "base")),
        ("with the kept digests", Fingerprints(api, names, "base", kept=kept, reused=types)),
    ):
        keys = {path: fingerprints.key(path, template, subjects) for path, template, subjects in made_from}
        differ[label] = sum(keys[path] != key for path, key in reference.items())
    print(f"  {where}: " + ", ".join(f"{n} {label}" for label, n in differ.items()))


if __name__ == "__main__":
    main()
