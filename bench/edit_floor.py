"""What an edit run pays before its work, against issue 21's budget for it: 0.3 of a cold run.

    python bench/edit_floor.py --spec square --rounds 5
    python bench/edit_floor.py --spec github --edit operation --rounds 3

Each round, in fresh folders with fresh caches and one run after the other:

- ``interpreter``: ``python -c pass``;
- ``imports``: a process that imports the modules of sdkforge that an edit run imports
  (found once, before the rounds, by a run of the edit that lists them), and nothing else;
- ``edit``: the command after an edit: ``sdkforge generate`` of the base spec (not timed),
  then of the edited one into the same folder, timed;
- ``edit in process``: the same two runs in one process whose modules are imported and
  whose first run has loaded what runs load (templates, validation's checks), the second
  timed: the work of an edit run, without a process's start, imports and loading;
- ``cold``: the command on the base spec into a fresh folder, timed.

The order of the three runs of sdkforge turns each round. Prints each figure, then
medians and ranges; then the budget (0.3 of the median cold run) and how much of it the
interpreter and the imports take. Specs as ``bench/run.py`` puts them in
``bench/.work/specs`` (``--specs`` for another folder): ``SPEC-base.json`` and
``SPEC-EDIT.json``.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPECS = ROOT / "bench" / ".work" / "specs"
SHARE = 0.3
"""Issue 21's target: an edit run at most this share of a cold run."""
RUNS = ("edit", "edit in process", "cold")


def wall(command: list[str], folder: Path | None = None) -> tuple[float, str]:
    """Wall seconds of ``command``, and its stdout; with ``folder``, its cache is in there."""
    env = dict(os.environ, XDG_CACHE_HOME=str(folder / "cache")) if folder is not None else None
    started = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)  # noqa: S603
    return time.perf_counter() - started, done.stdout


def generate(spec: Path, folder: Path) -> list[str]:
    """The command of a run of ``spec`` into ``folder``'s output folder."""
    out = ["--out", str(folder / "out")]
    return [sys.executable, "-m", "sdkforge", "generate", str(spec), *out, "--package-name", "x", "-q"]


def in_process(base: str, edited: str, folder: str, listing: str) -> None:
    """(The child's part.) Run ``base`` then ``edited`` into ``folder`` in this process, and
    print the second run's wall seconds; with ``listing``, print the modules of sdkforge
    imported instead."""
    started = time.perf_counter()
    from sdkforge.pipeline import GenerateRequest
    from sdkforge.pipeline import generate as run
    from sdkforge.targets import TargetOptions

    def request(spec: str) -> GenerateRequest:
        where = Path(folder)
        options = TargetOptions(package_name="x")
        return GenerateRequest(Path(spec), where / "out", options=options, cache_dir=where / "cache" / "sdkforge")

    if not listing:
        run(request(base))
        started = time.perf_counter()
    run(request(edited), leave_to_exit=True)
    took = time.perf_counter() - started
    ours = sorted(name for name in sys.modules if name == "sdkforge" or name.startswith("sdkforge."))
    sys.stdout.write(json.dumps(ours) if listing else f"{took:.4f}")
    sys.stdout.flush()
    os._exit(0)  # as the command ends: nothing freed


def edit_run_modules(base: Path, edited: Path, scratch: Path) -> list[str]:
    """The modules of sdkforge that a run after the edit imports (run after the base spec's)."""
    folder = Path(tempfile.mkdtemp(dir=scratch))
    wall(generate(base, folder), folder)
    me = [sys.executable, __file__, "--child", str(base), str(edited), str(folder)]
    _, listed = wall([*me, "list"])
    return list(json.loads(listed))


def spread(values: list[float]) -> str:
    return f"median {statistics.median(values):.3f} s [{min(values):.3f} - {max(values):.3f}]"


def main() -> None:
    if sys.argv[1:2] == ["--child"]:
        base, edited, folder, *listing = sys.argv[2:]
        in_process(base, edited, folder, listing[0] if listing else "")
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--spec", default="square", help="square or github (SPEC-base.json in --specs)")
    parser.add_argument("--edit", default="field", help="the edit: field, operation, model-removed, description")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--specs", type=Path, default=SPECS)
    args = parser.parse_args()
    base, edited = args.specs / f"{args.spec}-base.json", args.specs / f"{args.spec}-{args.edit}.json"
    compileall.compile_dir(ROOT / "generator", quiet=1)  # no run compiles sdkforge (a wheel's install did)
    scratch = Path(tempfile.mkdtemp(prefix="sdkforge-floor-"))
    found: dict[str, list[float]] = {}
    try:
        modules = edit_run_modules(base, edited, scratch)
        imports = [sys.executable, "-c", "import " + ", ".join(modules)]
        print(f"an edit run imports {len(modules)} modules of sdkforge", flush=True)
        for round_no in range(args.rounds):
            figures = {"interpreter": wall([sys.executable, "-c", "pass"])[0], "imports": wall(imports)[0]}
            turn = round_no % len(RUNS)
            for kind in RUNS[turn:] + RUNS[:turn]:
                folder = Path(tempfile.mkdtemp(dir=scratch))
                if kind == "cold":
                    figures[kind] = wall(generate(base, folder), folder)[0]
                elif kind == "edit":
                    wall(generate(base, folder), folder)
                    figures[kind] = wall(generate(edited, folder), folder)[0]
                else:
                    child = [sys.executable, __file__, "--child", str(base), str(edited), str(folder)]
                    figures[kind] = float(wall(child)[1])
            for name, value in figures.items():
                found.setdefault(name, []).append(value)
            print(f"round {round_no + 1}: " + "  ".join(f"{k} {v:.3f}" for k, v in figures.items()), flush=True)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    for name, values in found.items():
        print(f"{name:>16}  {spread(values)}")
    budget = SHARE * statistics.median(found["cold"])
    start = statistics.median(found["imports"])  # the interpreter's start is in it
    print(f"budget: {SHARE} of the cold run = {budget:.3f} s; interpreter and imports {start:.3f} s", end="")
    print(f" ({start / budget:.0%} of it); the edit in process {statistics.median(found['edit in process']):.3f} s")
    print(f"edit run / cold run: {statistics.median(found['edit']) / statistics.median(found['cold']):.2f}")


if __name__ == "__main__":
    main()
