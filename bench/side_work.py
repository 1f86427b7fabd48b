"""CPU time of a run's side work: the file keys, keeping the model, the surface record.

    python bench/side_work.py SPEC [--rounds N]

Loads and models the spec, names and plans its Python SDK as ``sdkforge generate`` does
(with its garbage collector settings, and with the objects made so far out of the
collector's reach, as in the child that does the side work), then times each piece of
side work ``N`` times (5 by default) and prints the least CPU seconds of each: the file
keys (:func:`generator.pipeline._keys`), keeping the model for the next run
(:func:`generator.cache.carried.carry`, into a temporary cache), and the surface record
(:func:`generator.pipeline._regeneration`) with no record in the output folder (a cold
run), with the record of a surface one model larger (a structural edit) and with this
surface's own record (an edit to prose alone). Nothing is rendered. Run it with the
interpreter of the sdkforge to measure, once per process.
"""

from __future__ import annotations

import argparse
import gc
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sdkforge.cache.carried import SpecFiles, carry, new_stamps, prose_origins
from sdkforge.cache.prose import prose_fingerprints
from sdkforge.cache.store import Cache
from sdkforge.changes.surface import SURFACE_FILE, ModelShape, to_json
from sdkforge.model.build import build_api
from sdkforge.pipeline import GenerateRequest, _files_base, _keys, _regeneration
from sdkforge.spec.load import load_spec
from sdkforge.targets import TargetOptions
from sdkforge.targets.registry import get_target


def measure(spec_path: Path, rounds: int) -> dict[str, float]:
    """The least CPU seconds of each piece of side work on ``spec_path``, in this process."""
    work = Path(tempfile.mkdtemp(prefix="sdkforge-side-work-"))
    try:
        return _measure(spec_path, rounds, work)
    finally:
        shutil.rmtree(work)


def _measure(spec_path: Path, rounds: int, work: Path) -> dict[str, float]:
    gc.set_threshold(50_000, 20, 20)  # as generator.pipeline runs
    spec = load_spec(spec_path)
    api, _ = build_api(spec)
    target = get_target("python")
    names = target.name(api)
    files, origins = SpecFiles.of(spec), prose_origins(spec)
    gc.freeze()  # as generator.parallel.beside's child does
    request = GenerateRequest(spec=spec_path, out=work / "out", options=TargetOptions(package_name="sdk"))
    request.out.mkdir()
    jobs = target.plan(api, request.options, names, None)
    made_from = [(job.path, job.template, tuple(job.subjects)) for job in jobs]
    cache = Cache(work / "cache")

    def least(piece: Callable[[], Any]) -> float:
        best = float("inf")
        for _ in range(rounds):
            cpu = time.process_time()
            piece()
            best = min(best, time.process_time() - cpu)
        return best

    times = {
        "keys": least(lambda: _keys(api, names, _files_base(request), list(made_from))),
        "carry": least(lambda: carry(cache, "folder", new_stamps(), files, api, names, origins)),
        "record, cold": least(lambda: _regeneration(request, target, api, names)),
    }
    surface = target.surface(api, names)
    extra = ModelShape("SideWorkExtra", {}, next(iter(surface.models.values())).flow, False, "")
    larger = surface._replace(models={**surface.models, extra.name: extra})
    (request.out / SURFACE_FILE).write_text(to_json(larger, prose_fingerprints(api)), encoding="utf-8")
    times["record, after a structural edit"] = least(lambda: _regeneration(request, target, api, names))
    (request.out / SURFACE_FILE).write_text(_regeneration(request, target, api, names).record, encoding="utf-8")
    times["record, after a prose edit"] = least(lambda: _regeneration(request, target, api, names))
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("spec", type=Path)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    times = measure(args.spec, args.rounds)
    print(", ".join(f"{name} {cpu:.3f}" for name, cpu in times.items()), "(least CPU s)")


if __name__ == "__main__":
    main()
