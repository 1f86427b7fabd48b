"""Bad input gets a clear, located error and exit code 2: never a traceback, never a hang.

Each case is a tiny spec (or a few files) and the exact text ``sdkforge`` must print,
kept in ``snapshots/bad_input/<case>.txt``. To accept new texts after a deliberate change
of wording, run ``SDKFORGE_UPDATE_SNAPSHOTS=1 pytest tests/robustness/test_bad_input.py``
and review the diff.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sdkforge.errors import SpecError
from sdkforge.spec.load import MAX_DEPTH, MAX_FILE_BYTES, load_spec

SNAPSHOTS = Path(__file__).parent / "snapshots" / "bad_input"
UPDATE = os.environ.get("SDKFORGE_UPDATE_SNAPSHOTS") == "1"

VALID_TAIL = """info: {title: Tiny, version: "1"}
paths:
  /things:
    get:
      operationId: listThings
      responses:
        "200": {description: ok}
"""


def _post_with_body(ref: str) -> str:
    return f"""openapi: 3.1.0
info: {{title: Tiny, version: "1"}}
paths:
  /things:
    post:
      operationId: createThing
      requestBody:
        content:
          application/json:
            schema: {{$ref: '{ref}'}}
      responses:
        "200": {{description: ok}}
"""


def _components(*schemas: str) -> str:
    return "components:\n  schemas:\n" + "".join(f"    {schema}\n" for schema in schemas)


def _billion_laughs() -> str:
    lines = [
        "openapi: 3.1.0",
        VALID_TAIL.rstrip("\n"),
        'x-a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]',
    ]
    for i in range(1, 9):
        previous, name = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"x-{name}: &{name} [{', '.join(['*' + previous] * 9)}]")
    return "\n".join(lines) + "\n"


# case -> (files to write, the spec to pass, the command). The spec file is ``spec``'s value.
CASES: dict[str, tuple[dict[str, str | bytes], str, str]] = {
    "empty_file": ({"api.yaml": ""}, "api.yaml", "validate"),
    "only_comments": ({"api.yaml": "# nothing here yet\n\n"}, "api.yaml", "validate"),
    "invalid_yaml": ({"api.yaml": "openapi: 3.1.0\ninfo: {title: x\n  version: 1\n"}, "api.yaml", "validate"),
    "invalid_yaml_tab": ({"api.yaml": "openapi: 3.1.0\ninfo:\n\ttitle: x\n"}, "api.yaml", "validate"),
    "invalid_json": (
        {"api.json": '{"openapi": "3.1.0",\n "info": {"title": "x",, "version": "1"}}\n'},
        "api.json",
        "validate",
    ),
    "not_utf8": ({"api.yaml": b"openapi: 3.1.0\ninfo: {title: caf\xe9}\n"}, "api.yaml", "validate"),
    "not_openapi": ({"api.yaml": "hello: world\nlist: [1, 2]\n"}, "api.yaml", "validate"),
    "top_level_list": ({"api.yaml": "- openapi: 3.1.0\n"}, "api.yaml", "validate"),
    "unsupported_version": ({"api.yaml": "openapi: 4.0.0\n" + VALID_TAIL}, "api.yaml", "validate"),
    "swagger_key_with_openapi_version": ({"api.yaml": "swagger: 3.0.0\n" + VALID_TAIL}, "api.yaml", "validate"),
    "invalid_openapi": (
        {
            "api.yaml": """openapi: 3.1.0
info:
  title: Tiny
paths:
  /things:
    get:
      operationId: listThings
      parameters:
        - {name: limit, in: body}
      responses:
        "200": {description: 5}
"""
        },
        "api.yaml",
        "validate",
    ),
    "missing_ref_target": ({"api.yaml": _post_with_body("#/components/schemas/Missing")}, "api.yaml", "validate"),
    "missing_ref_file": ({"api.yaml": _post_with_body("common.yaml#/Thing")}, "api.yaml", "validate"),
    "missing_ref_target_in_other_file": (
        {"api.yaml": _post_with_body("common.yaml#/Thing"), "common.yaml": "Other: {type: string}\n"},
        "api.yaml",
        "validate",
    ),
    "ref_backslashes": (
        {
            "api.yaml": _post_with_body(".\\schemas\\pet.yaml"),
            "schemas/pet.yaml": "type: object\nproperties: {name: {type: string}}\n",
        },
        "api.yaml",
        "validate",
    ),
    "ref_file_invalid_yaml": (
        {"api.yaml": _post_with_body("common.yaml#/Thing"), "common.yaml": "Thing: [unclosed\n"},
        "api.yaml",
        "validate",
    ),
    "ref_outside_folder": ({"api.yaml": _post_with_body("../secrets.yaml#/Thing")}, "api.yaml", "validate"),
    "ref_absolute_path": ({"api.yaml": _post_with_body("/etc/passwd#/x")}, "api.yaml", "validate"),
    "ref_remote": ({"api.yaml": _post_with_body("https://example.com/schemas.yaml#/Thing")}, "api.yaml", "validate"),
    "ref_nul_byte": ({"api.yaml": _post_with_body("a%00b.yaml#/Thing")}, "api.yaml", "validate"),
    "duplicate_operation_ids": (
        {
            "api.yaml": """openapi: 3.1.0
info: {title: Tiny, version: "1"}
paths:
  /things:
    get:
      operationId: getThing
      responses: {"200": {description: ok}}
  /others:
    get:
      operationId: getThing
      responses: {"200": {description: ok}}
"""
        },
        "api.yaml",
        "validate",
    ),
    "missing_file": ({}, "nope.yaml", "validate"),
    "folder_not_file": ({"specs/keep": ""}, "specs", "validate"),
    "unreadable_path": ({"file.yaml": "openapi: 3.1.0\n"}, "file.yaml/api.yaml", "validate"),
    "yaml_bomb": ({"api.yaml": _billion_laughs()}, "api.yaml", "validate"),
    "recursive_alias": (
        {"api.yaml": "openapi: 3.1.0\n" + VALID_TAIL + "x-loop: &loop [1, *loop]\n"},
        "api.yaml",
        "validate",
    ),
    "nested_too_deep_yaml": (
        {"api.yaml": "openapi: 3.1.0\n" + VALID_TAIL + "x-deep: " + "[" * 100 + "]" * 100 + "\n"},
        "api.yaml",
        "validate",
    ),
    "nested_too_deep_json": (
        {"api.json": '{"openapi": "3.1.0", "x-deep": ' + "[" * 100_000 + "]" * 100_000 + "}"},
        "api.json",
        "validate",
    ),
    "integer_too_long": (
        {"api.yaml": "openapi: 3.1.0\n" + VALID_TAIL + "x-big: " + "9" * 5000 + "\n"},
        "api.yaml",
        "validate",
    ),
    "control_characters_in_names": (
        {
            "api.yaml": """openapi: 3.1.0
info: {title: Tiny, version: "1"}
paths:
  "/x\\e[31mred\\u2028":
    get: {operationId: "a\\nb", responses: {"200": {description: 5}}}
"""
        },
        "api.yaml",
        "validate",
    ),
    "ref_cycle_schemas": (
        {
            "api.yaml": _post_with_body("#/components/schemas/A")
            + _components("A: {$ref: '#/components/schemas/B'}", "B: {$ref: '#/components/schemas/A'}")
        },
        "api.yaml",
        "validate",
    ),
    "ref_cycle_all_of": (
        {
            "api.yaml": _post_with_body("#/components/schemas/A")
            + _components("A: {allOf: [{$ref: '#/components/schemas/A'}, {properties: {x: {type: string}}}]}")
        },
        "api.yaml",
        "validate",
    ),
    "ref_cycle_parameter": (
        {
            "api.yaml": "openapi: 3.1.0\n"
            + VALID_TAIL.replace(
                "operationId: listThings",
                "operationId: listThings\n      parameters: [{$ref: '#/components/parameters/P'}]",
            )
            + "components:\n  parameters:\n    P: {$ref: '#/components/parameters/P'}\n"
        },
        "api.yaml",
        "validate",
    ),
    "generate_missing_ref": ({"api.yaml": _post_with_body("#/components/schemas/Missing")}, "api.yaml", "generate"),
}


def _write(folder: Path, files: dict[str, str | bytes]) -> None:
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


def _args(command: str, spec: str) -> list[str]:
    if command == "generate":
        return ["generate", spec, "--out", "out", "--package-name", "tiny", "--quiet"]
    return ["validate", spec]


def _check_snapshot(case: str, text: str) -> None:
    snapshot = SNAPSHOTS / f"{case}.txt"
    if UPDATE:
        snapshot.parent.mkdir(parents=True, exist_ok=True)
        snapshot.write_text(text, encoding="utf-8")
    assert snapshot.exists(), f"no snapshot {snapshot}: run with SDKFORGE_UPDATE_SNAPSHOTS=1 and review it"
    assert text == snapshot.read_text(encoding="utf-8")


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_gets_one_clear_located_message_and_exit_2(case, tmp_path, monkeypatch, run_cli):
    files, spec, command = CASES[case]
    _write(tmp_path, files)
    monkeypatch.chdir(tmp_path)
    started = time.monotonic()

    result = run_cli(*_args(command, spec))

    assert time.monotonic() - started < 10, "bad input must be refused quickly, not chewed on"
    assert result.code == 2, result.err
    assert result.out == ""
    assert "Traceback" not in result.err and "internal error" not in result.err
    shown_name = Path(spec).name
    for line in result.err.splitlines():
        assert line.startswith(shown_name) or line.startswith("common.yaml"), f"does not start with the file: {line}"
        assert line.isprintable(), f"unescaped control characters: {line!r}"
    _check_snapshot(case, result.err)
    assert not (tmp_path / "out").exists(), "nothing may be written for a bad spec"


@pytest.mark.parametrize("case", ["yaml_bomb", "generate_missing_ref", "nested_too_deep_json"])
def test_the_real_command_exits_2_without_a_traceback(case, tmp_path):
    files, spec, command = CASES[case]
    _write(tmp_path, files)
    result = subprocess.run(
        [sys.executable, "-m", "sdkforge", *_args(command, spec)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr == (SNAPSHOTS / f"{case}.txt").read_text(encoding="utf-8")


RECURSIVE_BUT_FINE = {
    "array_of_itself": "A: {type: array, items: {$ref: '#/components/schemas/A'}}",
    "map_of_itself": "A: {type: object, additionalProperties: {$ref: '#/components/schemas/A'}}",
    "union_with_itself": "A: {oneOf: [{$ref: '#/components/schemas/A'}, {type: string}]}",
    "property_of_itself": "A: {type: object, properties: {a: {$ref: '#/components/schemas/A'}}}",
    "all_of_a_recursive_model": (
        "A: {allOf: [{$ref: '#/components/schemas/B'}, {properties: {x: {type: string}}}]}\n"
        "    B: {type: object, properties: {a: {$ref: '#/components/schemas/A'}}}"
    ),
}


@pytest.mark.parametrize("case", sorted(RECURSIVE_BUT_FINE))
def test_recursion_through_items_maps_unions_and_properties_is_not_a_cycle(case, tmp_path, run_cli):
    spec = tmp_path / "api.yaml"
    spec.write_text(_post_with_body("#/components/schemas/A") + _components(RECURSIVE_BUT_FINE[case]))
    result = run_cli("generate", spec, "--out", tmp_path / "out", "--package-name", "fine", "-q")
    assert result.code == 0, result.err


def test_yaml_anchors_dates_and_binary_are_read_as_json_values(tmp_path, run_cli):
    spec = tmp_path / "api.yaml"
    spec.write_text(
        _post_with_body("#/components/schemas/A")
        + """components:
  responses:
    Shared: &shared {description: shared}
    Again: *shared
  schemas:
    A:
      type: object
      properties:
        when: {type: string, format: date, example: 2024-02-29, default: 2024-01-01}
        blob: {type: string, example: !!binary aGVsbG8=}
    C: &c {type: object, properties: {x: {type: string}}}
    D: *c
"""
    )
    result = run_cli("generate", spec, "--out", tmp_path / "out", "--package-name", "fine", "-q")
    assert result.code == 0, result.err
    model = (tmp_path / "out" / "fine" / "models" / "a.py").read_text()
    assert "class A(Model)" in model


def test_a_model_that_requires_itself_and_has_an_example_still_generates(tmp_path, run_cli):
    spec = tmp_path / "api.yaml"
    spec.write_text(
        """openapi: 3.1.0
info: {title: Tiny, version: "1"}
paths:
  /things:
    get:
      operationId: listThings
      parameters: [{name: c, in: query, schema: {$ref: '#/components/schemas/Chain'}}]
      responses: {"200": {description: ok}}
components:
  schemas:
    Chain:
      type: object
      required: [next]
      example: {}
      properties:
        next: {$ref: '#/components/schemas/Chain'}
"""
    )
    result = run_cli("generate", spec, "--out", tmp_path / "out", "--package-name", "chain", "-q")
    assert result.code == 0, result.err


@pytest.mark.parametrize("where", ["schema", "example", "x-extension"])
def test_json_nested_past_the_limit_is_refused_wherever_it_stands(tmp_path, where):
    """The depth check walks with the $ref search, which skips literal data: a value too
    deep inside an example or an extension is refused all the same, located."""
    deep: object = {"type": "string"}
    for _ in range(MAX_DEPTH):
        deep = {"items": deep}
    schema = {"schema": deep, "example": {"type": "object", "example": deep}, "x-extension": {"x-deep": deep}}[where]
    spec = tmp_path / "api.json"
    spec.write_text(
        json.dumps(
            {
                "openapi": "3.0.3",
                "info": {"title": "t", "version": "1"},
                "paths": {},
                "components": {"schemas": {"A": schema}},
            }
        )
    )
    with pytest.raises(SpecError) as raised:
        load_spec(spec)
    (finding,) = raised.value.findings
    assert finding.message == f"the document is nested more than {MAX_DEPTH} levels deep"
    assert finding.pointer is not None and finding.pointer.startswith("/components/schemas/A/")
    shallow = json.loads(spec.read_text())
    shallow["components"]["schemas"]["A"] = {"items": {"type": "string"}}
    spec.write_text(json.dumps(shallow))
    assert load_spec(spec).data["components"]["schemas"]["A"]["items"] == {"type": "string"}


def _sdkforge(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``sdkforge ARGS`` in ``folder``, in a process of its own: a hang fails the test
    (after a while) instead of stopping the run."""
    return subprocess.run(
        [sys.executable, "-m", "sdkforge", *args],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


REF_SITE = "api.yaml:10:28"  # where _post_with_body's $ref stands
REF_POINTER = "/paths/~1things/post/requestBody/content/application~1json/schema/$ref"


def _make_fifo(path: Path) -> None:
    os.mkfifo(path)


def _make_socket(path: Path) -> None:
    import socket

    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))  # left bound: the file stays a socket until the test's folder goes


NOT_FILES = {"fifo": (_make_fifo, "a FIFO"), "socket": (_make_socket, "a socket")}


@pytest.mark.parametrize("kind", sorted(NOT_FILES))
def test_a_ref_to_a_fifo_or_socket_is_refused_at_the_ref_without_waiting(kind, tmp_path):
    """Opening a FIFO waits for a writer, and reading one waits for data: a ``$ref`` to
    one hung sdkforge for good. Now what is not a regular file is not opened for reading."""
    make, shown = NOT_FILES[kind]
    (tmp_path / "api.yaml").write_text(_post_with_body("other.yaml#/Thing"))
    make(tmp_path / "other.yaml")

    result = _sdkforge(tmp_path, "validate", "api.yaml")

    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        f"{REF_SITE}: error: $ref 'other.yaml#/Thing': other.yaml: is {shown}, not a regular file: not read"
        f" (at {REF_POINTER})\n"
    )


def test_a_fifo_as_the_spec_is_refused_without_waiting(tmp_path):
    os.mkfifo(tmp_path / "api.yaml")
    result = _sdkforge(tmp_path, "validate", "api.yaml")
    assert (result.returncode, result.stderr) == (2, "api.yaml: error: is a FIFO, not a regular file: not read\n")


@pytest.mark.parametrize("referenced", [True, False], ids=["referenced", "root"])
def test_a_file_past_the_size_limit_is_refused_unread(referenced, tmp_path, run_cli, monkeypatch):
    """A sparse file (it takes no disk) one byte past :data:`MAX_FILE_BYTES`: refused from
    its size, before a byte of it is read."""
    big = tmp_path / ("other.yaml" if referenced else "api.yaml")
    with big.open("wb") as stream:
        stream.truncate(MAX_FILE_BYTES + 1)
    if referenced:
        (tmp_path / "api.yaml").write_text(_post_with_body("other.yaml#/Thing"))
    monkeypatch.chdir(tmp_path)

    result = run_cli("validate", "api.yaml")

    message = "is 268,435,457 bytes, more than the 256 MB (268,435,456 bytes) sdkforge reads: not read"
    assert MAX_FILE_BYTES == 256 * 2**20
    if referenced:
        expected = f"{REF_SITE}: error: $ref 'other.yaml#/Thing': other.yaml: {message} (at {REF_POINTER})\n"
    else:
        expected = f"api.yaml: error: {message}\n"
    assert (result.code, result.err) == (2, expected)


_DEEP_MESSAGE = f"the document is nested more than {MAX_DEPTH} levels deep"
_DEEP_JSON_HEAD = '{"openapi": "3.1.0",\n "x-deep": {"a": [1, '
NESTED_TOO_DEEP = {
    # far past what the json module parses: found by reading the text
    "json_past_the_parser": (
        "api.json",
        _DEEP_JSON_HEAD + "[" * 100_000 + "]" * 100_000 + "]}}",
        f"api.json:2:84: error: {_DEEP_MESSAGE} (at /x-deep/a/1{'/0' * 62})\n",
    ),
    # parsed, then refused by the depth check: located the same
    "json_parsed": (
        "api.json",
        _DEEP_JSON_HEAD + "[" * 100 + "]" * 100 + "]}}",
        f"api.json:2:84: error: {_DEEP_MESSAGE} (at /x-deep/a/1{'/0' * 62})\n",
    ),
    # refused from the event stream, before a value is built
    "yaml": (
        "api.yaml",
        "openapi: 3.1.0\nx-deep:\n  a:\n  - 1\n  - " + "[" * 100 + "]" * 100 + "\n",
        f"api.yaml:5:66: error: {_DEEP_MESSAGE} (at /x-deep/a/1{'/0' * 61})\n",
    ),
}


@pytest.mark.parametrize("case", sorted(NESTED_TOO_DEEP))
def test_nesting_too_deep_is_refused_with_line_column_and_pointer(case, tmp_path, run_cli, monkeypatch):
    name, text, expected = NESTED_TOO_DEEP[case]
    (tmp_path / name).write_text(text)
    monkeypatch.chdir(tmp_path)
    result = run_cli("validate", name)
    assert (result.code, result.err) == (2, expected)


def _one_schema(version: str, schema: str) -> str:
    return f"""# one schema, checked alone
openapi: {version}
info: {{title: Tiny, version: "1"}}
paths: {{}}
components:
  schemas:
    Mixed:
{schema}"""


def test_a_check_of_one_schema_is_located_at_that_schema_not_the_root(tmp_path, run_cli, monkeypatch):
    """The validator checks each schema against JSON Schema's meta-schema, and its
    ``default`` against it, and reports paths relative to that schema: ``/enum`` was
    shown at the document's top, 2:1."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "api.yaml").write_text(_one_schema("3.0.3", "      type: string\n      enum: []\n"))
    result = run_cli("validate", "api.yaml")
    assert (result.code, result.err) == (
        2,
        "api.yaml:8:7: error: {'type': 'string', 'enum': []} is not valid under any of the given schemas"
        " (at /components/schemas/Mixed)\n"
        "api.yaml:9:13: error: [] should be non-empty (at /components/schemas/Mixed/enum)\n",
    )

    (tmp_path / "api.yaml").write_text(_one_schema("3.1.0", "      type: string\n      default: 5\n"))
    result = run_cli("validate", "api.yaml")
    assert (result.code, result.err) == (
        0,
        "api.yaml:9:16: warning: 5 is not of type 'string' (at /components/schemas/Mixed/default)\napi.yaml: valid\n",
    )


@pytest.mark.parametrize("version", ["3.0.3", "3.1.0"])
def test_the_validators_own_findings_are_located(version, tmp_path, run_cli, monkeypatch):
    """A parameter twice and a ``required`` name no ``allOf`` part defines: the validator
    says what, and not where; they were shown at the document's top."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "api.yaml").write_text(
        f"""openapi: {version}
info: {{title: Tiny, version: "1"}}
paths:
  /things:
    get:
      operationId: listThings
      parameters:
        - {{name: id, in: query, schema: {{type: integer}}}}
        - {{name: id, in: query, schema: {{type: integer}}}}
      responses: {{"200": {{description: ok}}}}
components:
  schemas:
    Pet:
      allOf: [{{type: object, properties: {{id: {{type: integer}}}}}}]
      required: [id, undefined]
"""
    )
    result = run_cli("validate", "api.yaml")
    assert result.code == 2
    assert "api.yaml:8:9: error: Duplicate parameter 'id' (at /paths/~1things/get/parameters)\n" in result.err
    assert (
        "api.yaml:14:7: error: Required list has not defined properties: ['undefined'] (at /components/schemas/Pet)\n"
        in result.err
    )
