"""CPU time of rendering some files of one spec's SDK, against another commit's, alternating.

    python bench/file_render_time.py bench/.work/specs/github-base.json --against c69f273 \
        --files README.md x/models/__init__.py --rounds 5 [--target csharp]

Each round runs this checkout's sdkforge and the commit's (exported as cold_against.py
exports it), which goes first alternating, each in a process of its own. The process
builds the model, plans the SDK (package name ``x``) and loads the files' templates, then,
with the cycle collector off as in a run, times by CPU each file's values worked out and
its template rendered, once: what a run after an edit pays for it, its remembered filters
new. Prints each process's milliseconds (view + template) and each file's range.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cold_against import export


def child(spec: Path, target: str, files: list[str]) -> None:
    """Print each file's CPU milliseconds (view, template) as JSON, in this process."""
    from sdkforge.model.build import build_api
    from sdkforge.render.engine import make_environment
    from sdkforge.render.job import Deferred
    from sdkforge.spec.load import load_spec
    from sdkforge.targets import TargetOptions
    from sdkforge.targets.registry import get_target

    api, _ = build_api(load_spec(spec))
    chosen = get_target(target)
    env = make_environment(None, None, chosen.filters, chosen.globals)
    jobs = {job.path: job for job in chosen.plan(api, TargetOptions(package_name="x"))}
    templates = {path: env.get_template(f"{target}/{jobs[path].template}") for path in files}
    gc.disable()
    found = {}
    for path in files:
        start = time.process_time()
        context = jobs[path].context  # a plain mapping, or one worked out when first read
        values = context.worked_out() if isinstance(context, Deferred) else context
        middle = time.process_time()
        templates[path].render(values)
        found[path] = ((middle - start) * 1000, (time.process_time() - middle) * 1000)
    print(json.dumps(found))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("spec", type=Path)
    parser.add_argument("--against", required=True, help="the commit to compare with")
    parser.add_argument("--files", nargs="+", default=["README.md"])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--target", default="python")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.spec, args.target, args.files)
        return
    scratch = Path(tempfile.mkdtemp(prefix="sdkforge-render-against-"))
    try:
        versions = {args.against: str(export(args.against, scratch / "other")), "this": ""}
        totals: dict[str, dict[str, list[float]]] = {}
        for round_no in range(args.rounds):
            order = list(versions.items()) if round_no % 2 == 0 else list(reversed(versions.items()))
            for name, path in order:
                env = dict(os.environ)
                env.pop("PYTHONPATH", None)
                if path:
                    env["PYTHONPATH"] = path
                command = [sys.executable, __file__, str(args.spec.resolve()), "--child", "--against", args.against]
                command += ["--target", args.target, "--files", *args.files]
                out = subprocess.run(command, env=env, check=True, capture_output=True, text=True).stdout  # noqa: S603
                found = json.loads(out)
                parts = "  ".join(f"{p}: {v:.0f} + {t:.0f} ms" for p, (v, t) in found.items())
                print(f"{name:>10}  {parts}", flush=True)
                for p, (v, t) in found.items():
                    totals.setdefault(name, {}).setdefault(p, []).append(v + t)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    for name, by_file in totals.items():
        for p, ms in by_file.items():
            print(f"{name:>10}  {p}: {min(ms):.0f} - {max(ms):.0f} ms (view + template)")


if __name__ == "__main__":
    main()
