"""The bench's chain of edits, with this sdkforge and with another commit's, alternating.

    python bench/edit_chain_against.py --spec github --against 334cf8b --rounds 3
    python bench/edit_chain_against.py --spec square --format json --against HEAD --rounds 5

Exports the commit ``--against`` as bench/cold_against.py does. Each round, for each
version in turn (which goes first alternating), in a fresh folder with a fresh cache:
the JSON base spec's run, then, in the format asked for (YAML by default), the base
spec and each edit of bench/run.py's chain into the same folder, one after the other,
as the bench runs them (``SPEC-base``, ``-description``, ``-operation``, ``-field``,
``-model-removed`` in bench/.work/specs). Prints each timed run's wall seconds and CPU
seconds (user and system, of its process and the children it forked and waited for:
what the machine spent on it, less noisy than the wall), then each edit's medians and
the wall's range by version. This checkout runs as installed (the editable install);
the commit from its export, with ``PYTHONPATH``.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cold_against import export

ROOT = Path(__file__).resolve().parent.parent
SPECS = ROOT / "bench" / ".work" / "specs"
CHAIN = ("base", "description", "operation", "field", "model-removed")


def _cpu() -> float:
    """The CPU seconds of this process's children waited for so far."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def chain(spec: str, form: str, path: Path | None, folder: Path) -> dict[str, tuple[float, float]]:
    """The chain's wall and CPU seconds, by edit, into ``folder`` (``path``: what imports the other version)."""
    env = {**os.environ, "XDG_CACHE_HOME": str(folder / "cache")}
    env.pop("PYTHONPATH", None)
    if path is not None:
        env["PYTHONPATH"] = str(path)
    runs = [("json", "base"), *((form, edit) for edit in CHAIN)]
    took: dict[str, tuple[float, float]] = {}
    for kind, edit in runs:
        command = [sys.executable, "-m", "sdkforge", "generate", str(SPECS / f"{spec}-{edit}.{kind}")]
        started, cpu = time.perf_counter(), _cpu()
        subprocess.run([*command, "--out", str(folder / "out"), "--package-name", "x", "-q"], env=env, check=True)  # noqa: S603
        if kind == form:
            took[edit] = (time.perf_counter() - started, _cpu() - cpu)
    return took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--spec", default="github", help="square or github")
    parser.add_argument("--format", default="yaml", choices=("yaml", "json"))
    parser.add_argument("--against", required=True, help="the commit to compare with")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="sdkforge-chain-"))
    versions: dict[str, Path | None] = {"this": None, args.against: export(args.against, work / "against")}
    times: dict[str, dict[str, list[tuple[float, float]]]] = {version: {e: [] for e in CHAIN} for version in versions}
    try:
        for round_no in range(args.rounds):
            order = list(versions) if round_no % 2 == 0 else list(versions)[::-1]
            for version in order:
                folder = Path(tempfile.mkdtemp(dir=work))
                took = chain(args.spec, args.format, versions[version], folder)
                line = "  ".join(f"{e} {wall:.3f} (cpu {cpu:.3f})" for e, (wall, cpu) in took.items())
                print(f"round {round_no + 1} {version}: {line}", flush=True)
                for edit, seconds in took.items():
                    times[version][edit].append(seconds)
        for version, edits in times.items():
            spread = []
            for edit, runs in edits.items():
                walls, cpus = [wall for wall, _ in runs], [cpu for _, cpu in runs]
                wall = f"{statistics.median(walls):.3f} [{min(walls):.3f} - {max(walls):.3f}]"
                spread.append(f"{edit} {wall} cpu {statistics.median(cpus):.3f}")
            print(f"{version}: " + "  ".join(spread))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
