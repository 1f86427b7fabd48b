"""Hostile text costs time in proportion to its length: no regular expression of ours
backtracks on spec text, and the spec's own patterns are never run on its values.

Each case feeds a pathological input (100,000 characters and more, or a pattern known
for catastrophic backtracking) in a child process that must finish within a generous
timeout. The point is "does not hang", not a speed: a quadratic scan of 150,000
characters takes minutes, a linear one a fraction of a second.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

TIMEOUT = 10  # seconds; every case here finishes in well under one


def finishes(code: str) -> str:
    """Run ``code`` (Python, with ``sdkforge`` importable) in a child; its output. Fails
    the test if the child is still running after :data:`TIMEOUT` seconds."""
    try:
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, timeout=TIMEOUT, check=False
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"still running after {TIMEOUT} s: {code}")
    assert done.returncode == 0, done.stderr
    return done.stdout


# ---- the spec's own patterns ------------------------------------------------------------

CATASTROPHIC = "^(a+)+$"  # exponential on "aaa...a!" in a backtracking engine such as Python's
NOT_MATCHING = "a" * 40 + "!"


def _spec_with(schema: dict[str, object], version: str = "3.0.3") -> dict[str, object]:
    parameter = {"name": "q", "in": "query", "schema": schema}
    operation = {"operationId": "getX", "parameters": [parameter], "responses": {"200": {"description": "ok"}}}
    return {"openapi": version, "info": {"title": "T", "version": "1"}, "paths": {"/x": {"get": operation}}}


@pytest.mark.parametrize(
    ("version", "schema"),
    [
        ("3.0.3", {"type": "string", "pattern": CATASTROPHIC, "default": NOT_MATCHING}),
        ("3.1.0", {"type": "string", "pattern": CATASTROPHIC, "default": NOT_MATCHING}),
        (
            "3.1.0",  # the keys of a default object, matched against patternProperties
            {
                "type": "object",
                "patternProperties": {CATASTROPHIC: {"type": "string"}},
                "additionalProperties": False,
                "default": {NOT_MATCHING: "x"},
            },
        ),
        ("3.0.3", {"type": "array", "items": {"type": "string", "pattern": CATASTROPHIC}, "default": [NOT_MATCHING]}),
    ],
    ids=["pattern-3.0", "pattern-3.1", "patternProperties-3.1", "pattern-of-items-3.0"],
)
def test_a_default_is_not_matched_against_the_specs_pattern(tmp_path: Path, version: str, schema: dict) -> None:
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps(_spec_with(schema, version)), encoding="utf-8")
    out = tmp_path / "out"
    finishes(
        "from sdkforge.cli import main\n"
        f"assert main(['generate', {str(spec)!r}, '--out', {str(out)!r}, '--no-cache', '-q']) == 0\n"
    )
    assert (out / "README.md").is_file()


def test_a_default_is_still_checked_against_the_rest_of_its_schema(tmp_path: Path) -> None:
    from sdkforge.load import load_spec
    from sdkforge.validate import validate_spec

    spec = tmp_path / "spec.json"
    schema = {"type": "string", "pattern": "^b$", "maxLength": 3, "default": "aaaa"}
    spec.write_text(json.dumps(_spec_with(schema)), encoding="utf-8")
    messages = [f.message for f in validate_spec(load_spec(spec))]
    assert any("is too long" in message for message in messages), messages
    assert not any("does not match" in message for message in messages), messages
