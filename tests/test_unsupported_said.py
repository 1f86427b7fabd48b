"""What sdkforge does not generate is said, with where, never dropped in silence."""

from __future__ import annotations

import yaml

from sdkforge.pipeline import check_spec

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
