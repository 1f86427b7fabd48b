"""The side child's work after an edit, with this sdkforge and with another commit's, alternating.

    python bench/side_against.py bench/.work/specs/github-base.json bench/.work/specs/github-field.json \\
        --against 79cfe78 --rounds 4

Exports the commit ``--against`` as bench/cold_against.py does, runs each version once on
the first spec into a folder with a cache (kept as it was left), then, each round and each
version in turn (which goes first alternating), copies that folder and cache back into
place and runs the second spec into it under bench/trace_run.py. Prints, for each run, the
CPU seconds of the side child's ``_regeneration`` (the surface record) and ``carry``
(keeping the model), their sum, and when the run ended (seconds since it started); then
each one's range and median by version.
"""

from __future__ import annotations

import argparse
import compileall
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cold_against import export

ROOT = Path(__file__).resolve().parent.parent
TRACED = re.compile(r"TRACE\s+\d+\s+(\S+)\s+([\d.]+)(?:\s+->\s+[\d.]+\s+cpu\s+([\d.]+))?")


def prepared(version: str, path: Path | None, base: Path, work: Path) -> Path:
    """The folder of ``version``'s runs: its output folder and cache after a run of ``base``."""
    folder = work / version
    folder.mkdir()
    command = [sys.executable, "-m", "sdkforge", "generate", str(base), "--out", str(folder / "out")]
    subprocess.run([*command, "--package-name", "x"], env=environment(path, folder), check=True, capture_output=True)  # noqa: S603
    for part in ("out", "cache"):
        shutil.copytree(folder / part, folder / f"{part}-base", symlinks=True)
    return folder


def environment(path: Path | None, folder: Path) -> dict[str, str]:
    found = {**os.environ, "XDG_CACHE_HOME": str(folder / "cache"), "PYTHONDONTWRITEBYTECODE": "1"}
    found.pop("PYTHONPATH", None)
    if path is not None:
        found["PYTHONPATH"] = str(path)
    return found


def edited(path: Path | None, folder: Path, edit: Path) -> dict[str, float]:
    """The run of ``edit`` into ``folder``'s output as the first run left it, traced."""
    for part in ("out", "cache"):
        shutil.rmtree(folder / part)
        shutil.copytree(folder / f"{part}-base", folder / part, symlinks=True)
    command = [sys.executable, str(ROOT / "bench" / "trace_run.py"), "generate", str(edit)]
    command += ["--out", str(folder / "out"), "--package-name", "x"]
    done = subprocess.run(command, env=environment(path, folder), capture_output=True, text=True, check=True)  # noqa: S603
    found: dict[str, float] = {}
    for line in done.stderr.splitlines():
        match = TRACED.match(line)
        if match is not None and match[1] in ("_regeneration", "carry"):
            found[match[1]] = float(match[3])
        elif match is not None and match[1] == "END":
            found["end"] = float(match[2])
    found["child"] = found["_regeneration"] + found["carry"]
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base", type=Path)
    parser.add_argument("edit", type=Path)
    parser.add_argument("--against", required=True)
    parser.add_argument("--rounds", type=int, default=4)
    args = parser.parse_args()
    compileall.compile_dir(ROOT / "generator", quiet=1)
    with tempfile.TemporaryDirectory(prefix="sdkforge-side-against-") as scratch:
        work = Path(scratch)
        other = work / "against"
        export(args.against, other)
        compileall.compile_dir(other / "sdkforge", quiet=1)
        paths = {"this": None, args.against: other}
        folders = {version: prepared(version, path, args.base.resolve(), work) for version, path in paths.items()}
        runs: dict[str, list[dict[str, float]]] = {version: [] for version in paths}
        for round_ in range(args.rounds):
            order = list(paths) if round_ % 2 == 0 else list(reversed(paths))
            for version in order:
                found = edited(paths[version], folders[version], args.edit.resolve())
                runs[version].append(found)
                print(version, " ".join(f"{key} {value:.3f}" for key, value in found.items()), flush=True)
        for version, found in runs.items():
            parts = []
            for key in ("_regeneration", "carry", "child", "end"):
                values = [run[key] for run in found]
                parts.append(f"{key} {min(values):.3f} – {max(values):.3f} (median {statistics.median(values):.3f})")
            print(f"{version}: " + ", ".join(parts))


if __name__ == "__main__":
    main()
