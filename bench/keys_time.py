"""CPU time of the output files' keys, this sdkforge's against another revision's, in one process.

    python bench/keys_time.py SPEC [--against REV] [--rounds N]

Builds the spec's model, the Python target's names and its plan once, then times what
``_FolderRun.keys`` does after an edit (``Fingerprints`` and ``key`` over every file)
with this checkout's ``generator/model/subjects.py`` and with REV's (``git show``; default
``HEAD``), one round of each in turn, and prints each one's CPU seconds (min, median, max)
and the ratio of the two per round. Both see the same model: only the module differs.
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType

from sdkforge.model import subjects
from sdkforge.model.build import build_api
from sdkforge.spec.load import load_spec
from sdkforge.spec.swagger2 import convert_spec
from sdkforge.targets import TargetOptions
from sdkforge.targets.registry import get_target

ROOT = Path(__file__).resolve().parent.parent


def module_at(revision: str, folder: Path) -> ModuleType:
    """``generator/model/subjects.py`` as it was at ``revision``, beside the installed one."""
    command = ["git", "show", f"{revision}:generator/model/subjects.py"]
    text = subprocess.run(command, cwd=ROOT, check=True, capture_output=True).stdout  # noqa: S603 - git, no shell
    path = folder / "subjects_then.py"
    path.write_bytes(text)
    spec = importlib.util.spec_from_file_location("sdkforge.model._subjects_then", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its relative imports are the installed package's
    spec.loader.exec_module(module)
    return module


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("spec", type=Path)
    parser.add_argument("--against", default="HEAD")
    parser.add_argument("--rounds", type=int, default=10)
    options = parser.parse_args()
    loaded = load_spec(options.spec)
    api, _ = build_api(convert_spec(loaded) if loaded.version == "2.0" else loaded)
    target = get_target("python")
    names = target.name(api)
    jobs = target.plan(api, TargetOptions(package_name="x"), names, None)
    with tempfile.TemporaryDirectory() as folder:
        modules = {options.against: module_at(options.against, Path(folder)), "this": subjects}
        seconds: dict[str, list[float]] = {label: [] for label in modules}
        for _ in range(options.rounds):
            for label, module in modules.items():
                made = [(job.path, job.template, job.subjects) for job in jobs]
                gc.collect()
                start = time.process_time()
                fingerprints = module.Fingerprints(api, names, "base")
                for path, template, made_of in made:
                    fingerprints.key(path, template, made_of)
                seconds[label].append(time.process_time() - start)
    for label, found in seconds.items():
        print(f"{label}: {min(found):.3f} s min, {statistics.median(found):.3f} median, {max(found):.3f} max")
    then, now = seconds.values()
    ratios = sorted(b / a for a, b in zip(then, now, strict=True))
    median = statistics.median(ratios)
    print(f"this/{options.against} per round: {ratios[0]:.2f} - {ratios[-1]:.2f}, median {median:.2f}")


if __name__ == "__main__":
    main()
