"""CPU time of the compiled check of a spec against its version's specification schema:
fastjsonschema's code as it compiles it, and as validation compiles it (no names of
values made before each call of a ``$ref``'s check, see
``sdkforge.spec.kept_checks.verdict_only``).

    python bench/validation_checks.py SPEC [ROUNDS]

Each round runs both checks once on the parsed spec, in turns; prints each one's CPU
seconds per round, and whether both gave the same verdict.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

import fastjsonschema

from sdkforge.spec import kept_checks, validate
from sdkforge.spec.load import load_spec


def verdict(check: Any, document: Any) -> tuple[bool, float]:
    """Whether ``check`` passes ``document``, and the CPU seconds it took."""
    start = time.process_time()
    try:
        check(document)
        passed = True
    except fastjsonschema.JsonSchemaException:
        passed = False
    return passed, time.process_time() - start


def main() -> None:
    spec = load_spec(Path(sys.argv[1]))
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    if spec.version not in ("2.0", "3.0"):
        raise SystemExit(f"a Swagger 2.0 or OpenAPI 3.0 spec, please: this one is {spec.version}")
    schema = validate._interpreted(spec.version).schema
    local = {scheme: validate._local_meta_schema for scheme in ("http", "https")}
    theirs = fastjsonschema.compile(
        schema, handlers=local, use_default=False, use_formats=False, detailed_exceptions=False
    )
    ours = kept_checks.compiled(schema, local, None).function
    times: dict[str, list[float]] = {"fastjsonschema's code": [], "validation's code": []}
    verdicts = set()
    for _ in range(rounds):
        for name, check in (("fastjsonschema's code", theirs), ("validation's code", ours)):
            passed, seconds = verdict(check, spec.data)
            verdicts.add(passed)
            times[name].append(seconds)
    for name, spent in times.items():
        print(f"{name:<24} {min(spent):.3f} - {max(spent):.3f} s CPU  ({', '.join(f'{s:.3f}' for s in spent)})")
    print("same verdict:", len(verdicts) == 1)


if __name__ == "__main__":
    main()
