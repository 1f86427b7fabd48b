"""Cold runs of this sdkforge and of another commit's, alternating, as bench/run.py measures them.

    python bench/cold_against.py bench/.work/specs/github-base.json --against 010cd30 --rounds 6
    python bench/cold_against.py bench/.work/specs/github-base.json --edit bench/.work/specs/github-field.json \
        --against 010cd30 --rounds 6
    python bench/cold_against.py bench/.work/specs/github-base.json --target csharp --against 50bdcce --rounds 4

Exports ``generator`` and ``templates`` of the commit ``--against`` into a scratch folder
(as the package ``sdkforge``, compiled), then runs ``sdkforge generate`` of the spec with
each version in turn (which goes first alternating), each into a fresh folder with a fresh
cache; no folder is deleted until the last run (a deletion slows the next run's writes).
Prints each run's wall seconds and peak PSS of its process tree (bench/run.py's
``measure``), and the medians. With ``--edit``, each cold run is followed by a run of the
edited spec into the same folder with the same cache, as bench/run.py's edits are: its
wall seconds too, and its ratio to the cold run before it. ``--target`` picks the SDK's
language (``python`` unless given).
"""

from __future__ import annotations

import argparse
import compileall
import io
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import measure

ROOT = Path(__file__).resolve().parent.parent


def export(commit: str, into: Path) -> Path:
    """``commit``'s sdkforge, importable from ``into``."""
    command = ["git", "archive", commit, "generator", "templates"]
    archive = subprocess.run(command, cwd=ROOT, check=True, capture_output=True).stdout  # noqa: S603 - git, no shell
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    (into / "generator").rename(into / "sdkforge")
    (into / "templates").rename(into / "sdkforge" / "templates")
    compileall.compile_dir(into / "sdkforge", quiet=1)
    return into


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("spec", type=Path)
    parser.add_argument("--against", required=True, help="the commit to compare with")
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--edit", type=Path, help="the spec after an edit, run after each cold run")
    parser.add_argument("--target", default="python", help="the SDK's language")
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="sdkforge-against-"))
    compileall.compile_dir(ROOT / "generator", quiet=1)  # as bench/run.py does: no run compiles sdkforge
    versions = {args.against: str(export(args.against, scratch / "other")), "this": ""}
    found: dict[str, list[tuple[float, float]]] = {}
    edits: dict[str, list[tuple[float, float]]] = {}  # each edit's wall seconds and ratio to its cold run
    try:
        for round_no in range(args.rounds):
            order = list(versions.items()) if round_no % 2 == 0 else list(reversed(versions.items()))
            for name, path in order:
                folder = Path(tempfile.mkdtemp(dir=scratch))
                env = dict(os.environ, XDG_CACHE_HOME=str(folder / "cache"))
                env.pop("PYTHONPATH", None)
                if path:
                    env["PYTHONPATH"] = path
                cmd = [sys.executable, "-m", "sdkforge", "generate", "--out", str(folder / "out")]
                options = ["--package-name", "x", "--target", args.target, "--quiet"]
                wall, pss, *_ = measure(
                    [*cmd, str(args.spec.resolve()), *options], env=env, cwd=folder, log_path=folder / "log"
                )
                found.setdefault(name, []).append((wall, pss))
                line = f"{name:>10}  wall {wall:6.2f} s  peak PSS {pss:6.1f} MB"
                if args.edit is not None:
                    edit, *_ = measure(
                        [*cmd, str(args.edit.resolve()), *options], env=env, cwd=folder, log_path=folder / "log-edit"
                    )
                    edits.setdefault(name, []).append((edit, edit / wall))
                    line += f"  edit {edit:5.2f} s ({edit / wall:.2f} of cold)"
                print(line, flush=True)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    for name, runs in found.items():
        walls, pss = [w for w, _ in runs], [p for _, p in runs]
        print(
            f"{name:>10}  wall median {statistics.median(walls):.2f} s [{min(walls):.2f} - {max(walls):.2f}]"
            f"  peak PSS median {statistics.median(pss):.1f} MB [{min(pss):.1f} - {max(pss):.1f}]"
        )
        if name in edits:
            times, ratios = [t for t, _ in edits[name]], [r for _, r in edits[name]]
            print(
                f"{name:>10}  edit median {statistics.median(times):.2f} s [{min(times):.2f} - {max(times):.2f}]"
                f"  of cold: median {statistics.median(ratios):.2f} [{min(ratios):.2f} - {max(ratios):.2f}]"
            )


if __name__ == "__main__":
    main()
