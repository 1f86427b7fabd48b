"""CPU time of validation (``sdkforge.pipeline._validate``) as a run's validation child makes it.

    python bench/validation_cpu.py SPEC [EDITED_SPEC] [ROUNDS]

Each round, each in a new process (the cycle collector off, as in a run):

- ``cold``: a new cache (the compiled checks kept beside the package, if any, are used,
  as in a user's run with a new cache);
- ``checks kept``: a cache holding only the compiled checks (a spec that cache never saw);
- ``edit``: ``EDITED_SPEC`` with the cache of the cold run of ``SPEC`` (a structural edit).

Prints each one's CPU seconds, whether openapi-spec-validator was imported, and a digest
of the findings (the same in every row: the verdict does not depend on the cache).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

_ONE = """
import gc, hashlib, sys, time
from pathlib import Path
from sdkforge import pipeline
from sdkforge.cache.store import Cache
from sdkforge.spec.load import load_spec
spec = load_spec(Path(sys.argv[1]))
gc.disable()
gc.freeze()
start = time.process_time()
findings = pipeline._validate(spec, Cache(Path(sys.argv[2])))
spent = time.process_time() - start
shown = repr([(str(f.file), f.pointer, f.message, f.severity.value, f.line, f.column) for f in findings])
imported = "openapi_spec_validator" in sys.modules
digest = hashlib.sha256(shown.encode()).hexdigest()[:12]
print(f"{spent:.3f} s CPU, validator imported: {imported!s:<5}, findings {digest}")
"""


def _run(spec: Path, cache: Path) -> str:
    command = [sys.executable, "-c", _ONE, str(spec), str(cache)]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout.strip()  # noqa: S603 - our code


def main() -> None:
    spec = Path(sys.argv[1])
    edited = Path(sys.argv[2]) if len(sys.argv) > 2 and not sys.argv[2].isdigit() else None
    rounds = int(sys.argv[-1]) if sys.argv[-1].isdigit() else 3
    for _ in range(rounds):
        with tempfile.TemporaryDirectory() as folder:
            cold, kept = Path(folder) / "cold", Path(folder) / "kept"
            print(f"{'cold':<12}", _run(spec, cold))
            if (cold / "validate-compiled").is_dir():
                shutil.copytree(cold / "validate-compiled", kept / "validate-compiled")
            print(f"{'checks kept':<12}", _run(spec, kept))
            if edited is not None:
                print(f"{'edit':<12}", _run(edited, cold))


if __name__ == "__main__":
    main()
