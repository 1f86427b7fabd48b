"""What sdkforge does not generate is said, with where, never dropped in silence."""

from __future__ import annotations

import importlib
import sys
import typing
from typing import Any

import yaml

from sdkforge.model.ir import TypeKind
from sdkforge.pipeline import GenerateRequest, check_spec, generate
from sdkforge.targets import TargetOptions

SPEC = {
    "openapi": "3.1.0",
    "info": {"title": "Hooks", "version": "1"},
    "webhooks": {"ping": {"post": {"responses": {"200": {"description": "ok"}}}}},
    "paths": {
        "/subscribe": {
            "post": {
                "operationId": "Subscribe",
                "callbacks": {
                    "event": {"{$request.body#/url}": {"post": {"responses": {"200": {"description": "ok"}}}}}
                },
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Mixed"}}},
                    }
                },
            }
        }
    },
    "components": {
        "schemas": {
            "Mixed": {
                "type": "object",
                "properties": {"id": {"type": "string"}},
                "oneOf": [{"required": ["id"]}, {"required": ["name"]}],
            }
        }
    },
}


def test_webhooks_callbacks_and_mixed_unions_are_warned_with_their_pointer(tmp_path):
    path = tmp_path / "hooks.yaml"
    path.write_text(yaml.safe_dump(SPEC, sort_keys=False))
    api, warnings = check_spec(path)
    said = {(w.pointer, w.message.split(":")[0]) for w in warnings}
    assert ("/webhooks", "webhooks are not generated") in said
    assert ("/paths/~1subscribe/post", "callbacks are not generated") in said
    assert ("/components/schemas/Mixed", "oneOf beside properties is not modelled") in said
    assert all(w.line for w in warnings)
    assert [f.name for f in api.models["Mixed"].fields] == ["id"]
    assert [op.operation_id for g in api.groups for op in g.operations] == ["Subscribe"]


def test_a_header_or_cookie_parameter_whose_name_http_cannot_carry_is_left_out_and_said(tmp_path):
    spec = {
        "openapi": "3.0.3",
        "info": {"title": "H", "version": "1"},
        "paths": {
            "/x": {
                "get": {
                    "operationId": "GetX",
                    "parameters": [
                        {"name": "X-Fine", "in": "header", "schema": {"type": "string"}},
                        {"name": "bad name", "in": "header", "schema": {"type": "string"}},
                        {"name": "a;b=c", "in": "cookie", "schema": {"type": "string"}},
                    ],
                    "responses": {"204": {"description": "ok"}},
                }
            }
        },
    }
    path = tmp_path / "h.yaml"
    path.write_text(yaml.safe_dump(spec, sort_keys=False))
    api, warnings = check_spec(path)
    assert [p.name for p in api.groups[0].operations[0].parameters] == ["X-Fine"]
    assert sorted((w.pointer, w.message) for w in warnings) == [
        ("/paths/~1x/get/parameters/1", "header name 'bad name' is not a valid HTTP token; parameter left out"),
        ("/paths/~1x/get/parameters/2", "cookie name 'a;b=c' is not a valid HTTP token; parameter left out"),
    ]


# Line numbers matter: the warnings below name them.
UNENFORCED = """\
openapi: 3.0.3
info: {title: Unenforced, version: "1"}
servers: [{url: "https://u.example.com"}]
paths:
  /things/{id}:
    get:
      operationId: GetThing
      parameters:
        - {name: id, in: path, required: true, schema: {type: string, not: {enum: [me]}}}
      responses:
        "200":
          description: ok
          links:
            self: {operationId: GetThing, parameters: {id: $response.body#/code}}
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Thing'}
components:
  schemas:
    Base:
      type: object
      properties:
        a: {type: string}
        n: {type: number}
        u: {oneOf: [{type: string}, {type: integer}]}
    Thing:
      allOf:
        - $ref: '#/components/schemas/Base'
        - type: object
          properties:
            a: {type: integer, maximum: 4}
            n: {type: integer}
            u: {type: string}
          not: {required: [secret]}
"""

UNENFORCED_WARNINGS = [
    "unenforced.yaml:34:16: warning: `not` is not enforced: the schema's other keywords type the value"
    " (at /components/schemas/Thing/allOf/1/not)",
    "unenforced.yaml:9:76: warning: `not` is not enforced: the schema's other keywords type the value"
    " (at /paths/~1things~1{id}/get/parameters/0/schema/not)",
    "unenforced.yaml:14:13: warning: links are not generated: the response is returned without following its links"
    " (at /paths/~1things~1{id}/get/responses/200/links)",
    "unenforced.yaml:27:7: warning: allOf parts disagree on the type of 'a' (string in /components/schemas/Base,"
    " integer in /components/schemas/Thing/allOf/1): the field is typed Any (at /components/schemas/Thing)",
]


def test_links_not_and_all_of_parts_that_disagree_are_warned_with_where_and_what_is_done(tmp_path):
    path = tmp_path / "unenforced.yaml"
    path.write_text(UNENFORCED)
    api, warnings = check_spec(path)
    assert sorted(w.format() for w in warnings) == sorted(UNENFORCED_WARNINGS)
    fields = {f.name: f for f in api.models["Thing"].fields}
    assert fields["a"].type.kind is TypeKind.ANY and fields["a"].constraints == ()  # not `int`, the last part's
    assert fields["n"].type.kind is TypeKind.INTEGER  # an integer is a number: the parts agree
    assert fields["u"].type.kind is TypeKind.STRING  # a string is one of the union's: the parts agree


def test_under_strict_links_not_and_disagreeing_all_of_parts_are_errors(tmp_path, run_cli):
    path = tmp_path / "unenforced.yaml"
    path.write_text(UNENFORCED)
    result = run_cli("generate", path, "--out", tmp_path / "sdk", "--strict", "--quiet")
    assert result.code == 2 and not (tmp_path / "sdk").exists()
    errors = sorted(line for line in result.err.splitlines() if ": error: " in line)
    assert errors == sorted(w.replace(": warning: ", ": error: ") for w in UNENFORCED_WARNINGS)
    assert run_cli("validate", path, "--strict").code == 2


def test_a_field_whose_all_of_parts_disagree_takes_either_value(tmp_path):
    path = tmp_path / "unenforced.yaml"
    path.write_text(UNENFORCED)
    out = tmp_path / "sdk"
    generate(GenerateRequest(spec=path, out=out, options=TargetOptions(package_name="unenforced")))
    sys.path.insert(0, str(out))
    try:
        models = importlib.import_module("unenforced.models")
        assert Any in typing.get_args(typing.get_type_hints(models.Thing)["a"])
        for value in ("seven", 7, 70):  # 70: the integer part's maximum is not checked either
            assert models.Thing.from_dict({"a": value}).to_dict() == {"a": value}
    finally:
        sys.path.remove(str(out))
        for name in [m for m in sys.modules if m == "unenforced" or m.startswith("unenforced.")]:
            del sys.modules[name]
