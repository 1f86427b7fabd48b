"""What C# cannot express as the spec says it (a union, a binary value) is a located
warning of the C# target, an error under --strict, and no concern of the Python target."""

from __future__ import annotations

from pathlib import Path

SPEC = """\
openapi: 3.0.3
info: {title: U, version: "1"}
paths:
  /pets:
    post:
      operationId: AddPet
      parameters:
        - {name: tag, in: query, schema: {oneOf: [{type: string}, {type: integer}]}}
      requestBody:
        content:
          application/octet-stream:
            schema: {type: string, format: binary}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                oneOf: [{$ref: "#/components/schemas/Cat"}, {$ref: "#/components/schemas/Dog"}]
components:
  schemas:
    Cat: {type: object, properties: {name: {type: string}}}
    Dog:
      type: object
      properties:
        friends: {type: array, items: {oneOf: [{type: string}, {type: integer}]}}
"""

EXPECTED = [
    "spec.yaml:8:11: warning: C# has no union type: parameter 'tag' of AddPet is an object holding its JSON value "
    "as it came (at /paths/~1pets/post/parameters/0)",
    "spec.yaml:12:21: warning: the C# SDK carries JSON text: the request body of AddPet (format: binary) is a string "
    "(at /paths/~1pets/post/requestBody/content/application~1octet-stream/schema)",
    "spec.yaml:15:11: warning: C# has no union type: the 200 response of AddPet is an object holding its JSON value "
    "as it came (at /paths/~1pets/post/responses/200)",
    "spec.yaml:26:18: warning: C# has no union type: field 'friends' of Dog is an object holding its JSON value as "
    "it came (at /components/schemas/Dog/properties/friends)",
]


def _warnings(err: str) -> list[str]:
    return sorted(line for line in err.splitlines() if ": warning: " in line or ": error: " in line)


def test_what_csharp_cannot_express_is_a_located_warning(tmp_path: Path, run_cli) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text(SPEC)
    result = run_cli("generate", spec, "--out", tmp_path / "cs", "--target", "csharp")
    assert result.code == 0, result.err
    assert _warnings(result.err) == sorted(EXPECTED)


def test_under_strict_they_are_errors_and_nothing_is_written(tmp_path: Path, run_cli) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text(SPEC)
    result = run_cli("generate", spec, "--out", tmp_path / "cs", "--target", "csharp", "--strict")
    assert result.code == 2
    assert _warnings(result.err) == sorted(line.replace(": warning: ", ": error: ") for line in EXPECTED)
    assert not (tmp_path / "cs").exists() or not any((tmp_path / "cs").iterdir())


def test_python_expresses_them_and_says_nothing(tmp_path: Path, run_cli) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text(SPEC)
    result = run_cli("generate", spec, "--out", tmp_path / "py", "--strict")
    assert result.code == 0, result.err
