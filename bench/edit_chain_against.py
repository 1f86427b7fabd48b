"""The bench's chain of edits, with this sdkforge and with another commit's, alternating.

    python bench/edit_chain_against.py --spec github --against 334cf8b --rounds 3
    python bench/edit_chain_against.py --spec square --format json --against HEAD --rounds 5

Exports the commit ``--against`` as bench/cold_against.py does. Each round, for each
version in turn (which goes first alternating), in a fresh folder with a fresh cache:
the JSON base spec's run, then, in the format asked for (YAML by default), the base
spec and each edit of bench/run.py's chain into the same folder, one after the other,
as the bench runs them (``SPEC-base``, ``-description``, ``-operation``, ``-field``,
``-model-removed`` in bench/.work/specs). Prints each timed run's wall seconds, then
each edit's median and range by version. This checkout runs as installed (the
editable install); the commit from its export, with ``PYTHONPATH``.
"""

from __future__ import annotations

import argparse
import os
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


def chain(spec: str, form: str, path: Path | None, folder: Path) -> dict[str, float]:
    """The chain's wall seconds, by edit, into ``folder`` (``path``: what imports the other version)."""
    env = {**os.environ, "XDG_CACHE_HOME": str(folder / "cache")}
    env.pop("PYTHONPATH", None)
    if path is not None:
        env["PYTHONPATH"] = str(path)
    runs = [("json", "base"), *((form, edit) for edit in CHAIN)]
    took: dict[str, float] = {}
    for kind, edit in runs:
        command = [sys.executable, "-m", "sdkforge", "generate", str(SPECS / f"{spec}-{edit}.{kind}")]
        started = time.perf_counter()
        subprocess.run([*command, "--out", str(folder / "out"), "--package-name", "x", "-q"], env=env, check=True)  # noqa: S603
        if kind == form:
            took[edit] = time.perf_counter() - started
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
    times: dict[str, dict[str, list[float]]] = {version: {edit: [] for edit in CHAIN} for version in versions}
    try:
        for round_no in range(args.rounds):
            order = list(versions) if round_no % 2 == 0 else list(versions)[::-1]
            for version in order:
                folder = Path(tempfile.mkdtemp(dir=work))
                took = chain(args.spec, args.format, versions[version], folder)
                print(f"round {round_no + 1} {version}: " + "  ".join(f"{e} {s:.3f}" for e, s in took.items()))
                for edit, seconds in took.items():
                    times[version][edit].append(seconds)
        for version, edits in times.items():
            spread = [f"{e} {statistics.median(s):.3f} [{min(s):.3f} - {max(s):.3f}]" for e, s in edits.items()]
            print(f"{version}: " + "  ".join(spread))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
