"""Compile sdkforge's own templates and validation checks beside the package, before any run.

A run keeps what it compiled of them beside the package (see
:data:`generator.render.engine.BUILTIN_COMPILED` and :data:`generator.spec.kept_checks.BESIDE`),
so only the first run after an install compiles them. A wheel's build runs this module on
the package it puts in the wheel (see ``setup.py``), as pip compiles the modules when it
installs one: the first run after installing the wheel compiles nothing. They are made by
the functions a run makes them with, under the same keys; an installation whose Jinja,
Python or validator differs from the build's finds none of them, and compiles its own.

    python -B -m sdkforge.prepare
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from .cache.store import Cache
from .render.engine import BUILTIN_TEMPLATES, make_environment
from .spec.load import load_spec
from .spec.validate import KEPT_CHECKS_VERSIONS, validate_spec
from .targets.registry import TARGET_NAMES, get_target


def _smallest(version: str) -> dict[str, object]:
    """A valid spec of ``version`` with nothing in it: validating it compiles and keeps its checks."""
    head = {"swagger": "2.0"} if version == "2.0" else {"openapi": f"{version}.0"}
    return {**head, "info": {"title": "t", "version": "1"}, "paths": {}}


def prepare() -> None:
    """Compile every template of every target, and the checks of every version kept, as a run would."""
    with tempfile.TemporaryDirectory() as scratch:
        cache = Cache(Path(scratch) / "cache")  # a run keeps them beside the package only with a cache
        for name in TARGET_NAMES:
            target = get_target(name)
            env = make_environment(None, cache, target.filters, target.globals)
            for template in sorted((BUILTIN_TEMPLATES / name).rglob("*.j2")):
                env.get_template(template.relative_to(BUILTIN_TEMPLATES).as_posix())
        for version in sorted(KEPT_CHECKS_VERSIONS):
            spec = Path(scratch) / f"openapi-{version}.json"
            spec.write_text(json.dumps(_smallest(version)), encoding="utf-8")
            validate_spec(load_spec(spec), cache)


if __name__ == "__main__":
    prepare()
