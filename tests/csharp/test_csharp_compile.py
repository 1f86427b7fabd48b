"""The generated .NET SDK compiles with Mono's mcs against the base class library alone,
without a warning, and so does the runtime copied into it; hostile names compile too."""

from __future__ import annotations

from pathlib import Path

import mdscan
from csharp_tools import compile_cs, sources_of
from project_paths import GOLDEN_CSHARP

from sdkforge.cli import main

HOSTILE_SPEC = """\
openapi: 3.0.3
info: {title: "class", version: "1"}
servers: [{url: "https://x.example.com/a\\"b"}]
paths:
  /things/{class}:
    get:
      tags: [namespace]
      operationId: get-things
      deprecated: true
      description: "Ends a comment */ and an XML doc </summary> & <b>, line\\nbreak \\u2028 here"
      parameters:
        - {name: class, in: path, required: true, schema: {type: string}, example: "a```b"}
        - {name: request, in: query, schema: {type: integer}}
        - {name: cancellationToken, in: query, schema: {type: array, items: {type: string}}}
        - {name: X-Int, in: header, schema: {type: integer, format: int64}}
      responses:
        "200":
          description: ok
          content: {application/json: {schema: {$ref: "#/components/schemas/Builder"}}}
    post:
      tags: [namespace]
      operationId: getThingsAsync
      requestBody:
        required: true
        content: {application/json: {schema: {$ref: "#/components/schemas/Task"}}}
      parameters:
        - {name: class, in: path, required: true, schema: {type: string}, example: "a```b"}
      responses:
        "204": {description: nothing}
  /file:
    get:
      tags: [namespace]
      operationId: download
      responses:
        "200":
          description: the bytes
          content: {application/octet-stream: {schema: {type: string, format: binary}}}
components:
  schemas:
    Builder:
      type: object
      required: [Builder, ToString]
      properties:
        Builder: {type: string, description: "a \\"quoted\\" value"}
        ToString: {type: integer}
        to_string: {type: integer}
        given: {type: boolean, nullable: true}
        value: {type: number}
        items: {type: array, items: {$ref: "#/components/schemas/Task"}}
        map: {type: object, additionalProperties: {type: array, items: {type: integer}}}
        any: {}
        choice: {oneOf: [{type: string}, {type: integer}]}
        kind: {$ref: "#/components/schemas/Kind"}
        big: {$ref: "#/components/schemas/Big"}
    Task:
      type: object
      properties:
        class: {type: string}
        self: {$ref: "#/components/schemas/Task"}
    Con: {type: object, properties: {x: {type: string}}}
    FooBar: {type: object, properties: {x: {type: string}}}
    Foobar: {type: object, properties: {x: {type: string}}}
    Kind:
      type: string
      enum: [a-b, A_B, "1st", "", "Kind"]
    Big:
      type: integer
      format: int64
      enum: [1, 3000000000]
"""


def test_the_golden_sdk_compiles_against_the_base_class_library_only(tmp_path: Path):
    output = compile_cs(sources_of(GOLDEN_CSHARP), tmp_path / "Square.OAuth.dll")
    assert "warning" not in output, output


def test_the_runtime_compiles_as_it_is(tmp_path: Path):
    runtime = Path(__file__).resolve().parents[2] / "generator" / "targets" / "csharp" / "runtime"
    compile_cs(sources_of(runtime), tmp_path / "runtime.dll")


def test_keywords_collisions_and_hostile_text_compile(tmp_path: Path):
    spec = tmp_path / "hostile.yaml"
    spec.write_text(HOSTILE_SPEC)
    out = tmp_path / "sdk"
    assert main(["generate", str(spec), "--out", str(out), "--target", "csharp", "-q"]) == 0
    compile_cs(sources_of(out), tmp_path / "hostile.dll")
    api = (out / "Class" / "Apis" / "NamespaceApi.cs").read_text()
    assert "string @class" in api and "GetThingsAsync(" in api and "GetThingsAsync2Async(" in api
    assert "public async Task<byte[]> DownloadAsync(" in api  # a binary body as it came, not as text
    models = sorted(p.name for p in (out / "Class" / "Models").glob("*.cs"))
    assert "Con_.cs" in models and "Con.cs" not in models  # a name Windows reserves
    assert len({m.lower() for m in models}) == len(models)  # FooBar.cs and Foobar2.cs: apart on any file system
    assert "/// Ends a comment */ and an XML doc &lt;/summary&gt; &amp; &lt;b&gt;, line" in api
    # a spec example holding a fence stays inside the README's code block
    readme = mdscan.read(out / "README.md")
    assert any(b.info == "csharp" and "a```b" in b.text for b in readme.code_blocks)
    assert "public const long Value3000000000 = 3000000000L;" in (out / "Class" / "Models" / "Big.cs").read_text()

    # Every Example Usage block of its docs compiles too, as a reader would use it.
    page = mdscan.read(out / "doc" / "api" / "namespace.md")
    intro, *examples = [b.text for b in page.code_blocks if b.info == "csharp" and not b.text.endswith(")")]
    assert len(examples) == 3 and "string @class = " in examples[0]
    methods = "\n".join(
        f"    static async Task Example{i}(ClassClient client)\n    {{\n        {intro}\n{_indent(code, 8)}\n    }}"
        for i, code in enumerate(examples)
    )
    program = tmp_path / "Examples.cs"
    program.write_text(EXAMPLES_HARNESS.replace("METHODS", methods))
    compile_cs(
        [program], tmp_path / "Examples.exe", library=False, references=(tmp_path / "hostile.dll",), warn_as_error=False
    )


EXAMPLES_HARNESS = """\
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Class;
using Class.Apis;
using Class.Exceptions;
using Class.Models;

public static class Program
{
    public static void Main()
    {
    }

METHODS
}
"""


def _indent(text: str, by: int) -> str:
    return "\n".join(" " * by + line if line else line for line in text.split("\n"))


def test_diff_speaks_in_the_csharp_names(tmp_path: Path, capsys):
    from project_paths import SPEC

    changed = tmp_path / "new.yaml"
    changed.write_text(SPEC.read_text().replace('type: [boolean, "null"]', 'type: [integer, "null"]', 1))
    assert main(["diff", str(SPEC), str(changed), "--target", "csharp"]) == 0
    out = capsys.readouterr().out
    assert "breaking   `ObtainTokenRequest.ShortLived` is `int?` (was `bool?`)" in out


def test_a_description_edit_makes_only_the_files_that_show_it_and_a_full_runs_output(tmp_path: Path, run_cli):
    from project_paths import SPEC
    from test_golden import tree

    spec = tmp_path / "oauth.yaml"
    spec.write_text(SPEC.read_text())
    out, fresh = tmp_path / "edited", tmp_path / "fresh"
    assert run_cli("generate", spec, "--out", out, "--target", "csharp", "-q").code == 0
    spec.write_text(SPEC.read_text().replace("description: Always `bearer`.", "description: Invariably `bearer`."))
    result = run_cli("generate", spec, "--out", out, "--target", "csharp")
    # the edited model's class and page, and the files made from everything (README, client...)
    assert result.code == 0 and "render   8 of 32 files" in result.err
    assert run_cli("generate", spec, "--out", fresh, "--target", "csharp", "-q", "--no-cache").code == 0
    assert tree(out) == tree(fresh)
