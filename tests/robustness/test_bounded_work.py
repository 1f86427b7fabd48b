"""Hostile text costs time in proportion to its length: no regular expression of ours
backtracks on spec text, and the spec's own patterns are never run on its values.

Each case feeds a pathological input (100,000 characters and more, or a pattern known
for catastrophic backtracking) in a child process that must finish within a generous
timeout. The point is "does not hang", not a speed: a quadratic scan of 150,000
characters takes minutes, a linear one a fraction of a second.

The regular expressions of ``generator/`` that read spec text, and why each is linear:
the Markdown filters' scans (``render.py``: links, code spans, the pipe escape) were
not, and are replaced or fixed (tests below); the others match character classes, or
runs whose alternatives cannot both match one character (``_CONTROL``, the docstring
quote escape, the heading, setext and fence lines of ``md_text``, ``md_inline``,
``md_code``'s backtick runs, ``naming._WORD``, the anchor slug and ``_summary`` of
``docs.py``, ``build_ir``'s path parameters, tokens, version segments, Fern's
``literal<"...">`` type and global header values, ``load``'s
whitespace). ``validate``'s two message patterns read a message cut to 300 characters;
``format.py`` and ``layout.py`` read generated code, where spec text is only inside
string literals (whose quotes pair up) and docstrings (skipped).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from project_paths import SPEC

TIMEOUT = 10  # seconds, for a filter given one text: each finishes in well under one
GENERATE_TIMEOUT = 60  # seconds, for a whole run: each takes a few (a hang, minutes or more)


def finishes(code: str, timeout: float = TIMEOUT) -> str:
    """Run ``code`` (Python, with ``sdkforge`` importable) in a child; its output. Fails
    the test if the child is still running after ``timeout`` seconds."""
    try:
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"still running after {timeout} s: {code}")
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
        f"assert main(['generate', {str(spec)!r}, '--out', {str(out)!r}, '--no-cache', '-q']) == 0\n",
        GENERATE_TIMEOUT,
    )
    assert (out / "README.md").is_file()


def test_a_default_is_still_checked_against_the_rest_of_its_schema(tmp_path: Path) -> None:
    from sdkforge.spec.load import load_spec
    from sdkforge.spec.validate import validate_spec

    spec = tmp_path / "spec.json"
    schema = {"type": "string", "pattern": "^b$", "maxLength": 3, "default": "aaaa"}
    spec.write_text(json.dumps(_spec_with(schema)), encoding="utf-8")
    messages = [f.message for f in validate_spec(load_spec(spec))]
    assert any("is too long" in message for message in messages), messages
    assert not any("does not match" in message for message in messages), messages


def test_unique_items_of_a_big_default_are_checked_in_linear_time(tmp_path: Path) -> None:
    # jsonschema compares each element with every other when they cannot be sorted
    # (objects): 20,000 of them took minutes.
    schema = {"type": "array", "uniqueItems": True, "items": {"type": "object"}, "default": []}
    schema["default"] = [{"a": i} for i in range(20_000)]
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps(_spec_with(schema)), encoding="utf-8")
    finishes(
        "from sdkforge.cli import main\n"
        f"assert main(['generate', {str(spec)!r}, '--out', {str(tmp_path / 'out')!r}, '--no-cache', '-q']) == 0\n",
        GENERATE_TIMEOUT,
    )


@pytest.mark.parametrize(
    ("default", "unique"),
    [
        ([{"a": 1, "b": [1, 2]}, {"b": [1, 2.0], "a": 1.0}], False),  # key order and 1 == 1.0 do not count
        (["x", "x"], False),
        ([None, None], False),
        ([True, 1, "1", [1], [True], {"a": False}, {"a": 0}, None], True),  # true is not 1
    ],
)
def test_unique_items_are_judged_as_json_schema_judges_them(tmp_path: Path, default: list, unique: bool) -> None:
    from sdkforge.spec.load import load_spec
    from sdkforge.spec.validate import validate_spec

    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps(_spec_with({"type": "array", "uniqueItems": True, "default": default})), "utf-8")
    messages = [f.message for f in validate_spec(load_spec(spec))]
    assert any("has non-unique elements" in message for message in messages) is not unique, messages


# ---- our own scans of spec text: the Markdown filters -------------------------------------
# Each input was pathological for a regular expression or scan the filters used before:
# a link regex that backtracked over the rest of the text, a pipe escape that matched
# from inside a run of backslashes, a code-span scan that copied the rest of the line
# at every backtick run and searched it again for every run that closed nothing.

PATHOLOGICAL = {
    "unclosed link destination": '"[a](" + "x" * 150_000',
    "backslashes then a pipe": '"\\\\" * 150_000 + "x|"',
    "backtick runs each closed": '"` " * 250_000',
    "backtick runs of every length": '"".join("`" * k + "x" for k in range(1, 1415))',
    "links opened and never closed": '"[a](" * 40_000',
    "destinations cut by the next link": '"[a](x" * 30_000',
    "titles never closed": "'[a](http://x \"' * 12_000",
    "brackets": '"[" * 75_000 + "]" * 75_000',
    "code spans inside link texts": '"[`a`" * 40_000',
}


@pytest.mark.parametrize("expression", PATHOLOGICAL.values(), ids=PATHOLOGICAL.keys())
def test_the_markdown_filters_take_linear_time(expression: str) -> None:
    finishes(
        "from sdkforge.render.markdown import md_cell, md_inline, md_text\n"
        f"text = {expression}\n"
        "assert len(text) >= 100_000\n"
        "for escape in (md_text, md_cell, md_inline):\n"
        "    escape(text)\n"
    )


def test_a_spec_full_of_a_pathological_description_generates(tmp_path: Path) -> None:
    text = "[a](" + "x" * 150_000
    spec = _spec_with({"type": "string", "description": text, "default": text, "example": text})
    spec["info"]["description"] = text  # type: ignore[index]
    path = tmp_path / "spec.json"
    path.write_text(json.dumps(spec), encoding="utf-8")
    out = tmp_path / "out"
    finishes(
        "from sdkforge.cli import main\n"
        f"assert main(['generate', {str(path)!r}, '--out', {str(out)!r}, '--no-cache', '-q']) == 0\n",
        GENERATE_TIMEOUT,
    )
    assert "x" * 150_000 in (out / "README.md").read_text(encoding="utf-8")


# ---- names: one hint asked for again and again -----------------------------------------
# Microsoft Graph's spec asks build_ir for one name (an inline ``$select`` enum's,
# ``$select_param``) thousands of times: each request looked for a free variant from 2
# upwards, quadratic work that was 40 % of modelling that spec.

_NAMERS = {
    "model names": (
        "from pathlib import Path\nfrom sdkforge.model.build import _Builder\n"
        "from sdkforge.spec.load import load_spec\n"
        f"take = _Builder(load_spec(Path({str(SPEC)!r})))._unique"
    ),
    "member names": "from sdkforge.model.naming import UniqueNames\ntake = UniqueNames().take",
    "C# file names": "from sdkforge.targets.csharp.naming import FileNames\ntake = FileNames().take",
}


@pytest.mark.parametrize("namer", _NAMERS.values(), ids=_NAMERS.keys())
def test_one_name_asked_for_again_and_again_takes_linear_time(namer: str) -> None:
    # Looking from 2 upwards each time: 60,000 requests are 1.8 billion looks (minutes).
    out = finishes(f"{namer}\nnames = [take('Value') for _ in range(60_000)]\nprint(len(set(names)), names[-1])")
    assert out.split()[0] == "60000"


@pytest.mark.parametrize("namer", _NAMERS.values(), ids=_NAMERS.keys())
def test_a_name_is_the_first_free_variant_whatever_was_asked_before(namer: str) -> None:
    # Variants taken by other requests (``Value3`` asked for by name) are passed over;
    # the same requests in the same order give the same names as looking from 2 each time.
    requests = ["Value", "Value", "Value3", "Value_3", "Value", "Value", "Value2", "Value", "Other", "Value"]
    namespace: dict[str, object] = {}
    exec(namer, namespace)
    got = [namespace["take"](name) for name in requests]  # type: ignore[operator]
    sep = "_" if "UniqueNames" in namer else ""
    taken: set[str] = set()
    expected = []
    for name in requests:
        candidate, n = name, 2
        while candidate.lower() in taken:
            candidate, n = f"{name}{sep}{n}", n + 1
        taken.add(candidate.lower())
        expected.append(candidate)
    assert got == expected
