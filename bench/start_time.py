"""What a run pays to start, this sdkforge against another copy: runs of Square's spec, and their imports.

    python bench/start_time.py --against /tmp/base --rounds 6
    python bench/start_time.py --against /tmp/base --rounds 6 --target csharp --specs /elsewhere/specs

``--against`` is a folder that imports another revision as ``sdkforge`` (made with
``git archive REV generator templates``, ``generator`` renamed ``sdkforge`` and
``templates`` moved into it). Three kinds of run of ``sdkforge generate``, each with a
fresh output folder and cache: a cold run of the base spec; a run after an edit (the
base spec, then the edited one into the same folder, which is the one timed); a run
with nothing to do (the base spec twice, the second timed). Each round runs both
versions, which goes first alternating. Prints each timed run's wall seconds and CPU
seconds (its process and the children it forked), then medians and ranges; then, for
each kind, the import time of what the timed run imports (``-X importtime``: the sum
of every module's own time, and that of sdkforge's modules, in the process and its
forked children), alternating too.
"""

from __future__ import annotations

import argparse
import compileall
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPECS = ROOT / "bench" / ".work" / "specs"
"""Where bench/run.py puts the specs it downloads (``--specs`` for another folder)."""
KINDS = ("cold", "edit", "no change")


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(command: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """Wall and CPU seconds of ``command`` (with the processes it forks), and its stderr."""
    cpu, wall = children_cpu(), time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)  # noqa: S603
    return time.perf_counter() - wall, children_cpu() - cpu, done.stderr


def timed_run(
    kind: str, path: str, folder: Path, base: Path, edited: Path, target: str, python_flags: list[str]
) -> tuple[float, float, str]:
    """Make ``folder`` ready for a run of ``kind`` (untimed), then time that run."""
    env = dict(os.environ, XDG_CACHE_HOME=str(folder / "cache"))
    env.pop("PYTHONPATH", None)
    if path:
        env["PYTHONPATH"] = path

    def command(spec: Path, flags: list[str]) -> list[str]:
        generate = ["-m", "sdkforge", "generate", str(spec), "--out", str(folder / "out")]
        return [sys.executable, *flags, *generate, "--package-name", "x", "--target", target, "-q"]

    if kind != "cold":
        run(command(base, []), env)
    return run(command(edited if kind == "edit" else base, python_flags), env)


def import_times(stderr: str) -> tuple[float, float]:
    """The sum of the modules' own import times (ms), all and sdkforge's, from ``-X importtime``."""
    total = ours = 0.0
    for line in stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        self_us, _, name = line[len("import time:") :].split("|")
        total += int(self_us) / 1000
        if name.strip().startswith("sdkforge"):
            ours += int(self_us) / 1000
    return total, ours


def spread(values: list[float], unit: str = "s", digits: int = 3) -> str:
    return f"median {statistics.median(values):.{digits}f} {unit} [{min(values):.{digits}f} - {max(values):.{digits}f}]"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", required=True, type=Path, help="a folder that imports the other sdkforge")
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--specs", type=Path, default=SPECS, help="holds square-base.json, square-field.json")
    parser.add_argument("--target", default="python")
    args = parser.parse_args()
    base, edited = args.specs / "square-base.json", args.specs / "square-field.json"
    compileall.compile_dir(ROOT / "generator", quiet=1)  # no run compiles sdkforge
    compileall.compile_dir(args.against / "sdkforge", quiet=1)
    versions = {"against": str(args.against.resolve()), "this": ""}  # "": this checkout's install
    scratch = Path(tempfile.mkdtemp(prefix="sdkforge-start-"))
    found: dict[tuple[str, str], list[tuple[float, float]]] = {}
    imports: dict[tuple[str, str], list[tuple[float, float]]] = {}
    try:
        for round_no in range(args.rounds):
            order = list(versions.items()) if round_no % 2 == 0 else list(reversed(versions.items()))
            for kind in KINDS:
                for name, path in order:
                    folder = Path(tempfile.mkdtemp(dir=scratch))
                    wall, cpu, _ = timed_run(kind, path, folder, base, edited, args.target, [])
                    found.setdefault((kind, name), []).append((wall, cpu))
                    print(f"{kind:>9} {name:>8}  wall {wall:.3f} s  cpu {cpu:.3f} s", flush=True)
                    folder = Path(tempfile.mkdtemp(dir=scratch))
                    flags = ["-X", "importtime"]
                    *_, stderr = timed_run(kind, path, folder, base, edited, args.target, flags)
                    imports.setdefault((kind, name), []).append(import_times(stderr))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    for kind in KINDS:
        for name in versions:
            runs = found[(kind, name)]
            walls, cpus = [w for w, _ in runs], [c for _, c in runs]
            print(f"{kind:>9} {name:>8}  wall {spread(walls)}  cpu {spread(cpus)}")
    for kind in KINDS:
        for name in versions:
            runs = imports[(kind, name)]
            every, ours = [t for t, _ in runs], [o for _, o in runs]
            print(f"{kind:>9} {name:>8}  imports {spread(every, 'ms', 1)}  sdkforge's {spread(ours, 'ms', 1)}")


if __name__ == "__main__":
    main()
