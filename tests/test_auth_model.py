"""Which credentials go with a call: the client's own, a per-call one, or both."""

from __future__ import annotations

import yaml

from sdkforge.model.ir import Idempotency
from sdkforge.pipeline import check_spec


def op(security):
    return {"operationId": "Op", "tags": ["T"], "security": security, "responses": {"204": {"description": "ok"}}}


def test_an_alternative_that_needs_the_client_token_uses_it_even_beside_a_per_call_key(tmp_path):
    spec = {
        "openapi": "3.0.3",
        "info": {"title": "A", "version": "1"},
        "security": [{"bearer": []}],
        "paths": {
            "/both": {"get": {**op([{"bearer": [], "key": []}]), "operationId": "Both"}},
            "/key": {"get": {**op([{"key": []}]), "operationId": "KeyOnly"}},
            "/none": {"get": {**op([]), "operationId": "Open"}},
        },
        "components": {
            "securitySchemes": {
                "bearer": {"type": "http", "scheme": "bearer"},
                "key": {"type": "apiKey", "in": "header", "name": "X-Key"},
            }
        },
    }
    path = tmp_path / "a.yaml"
    path.write_text(yaml.safe_dump(spec, sort_keys=False))
    api, _ = check_spec(path)
    ops = {o.operation_id: o for g in api.groups for o in g.operations}
    assert [ops[n].uses_client_auth for n in ("Both", "KeyOnly", "Open")] == [True, False, False]
    assert [[p.name for p in ops[n].parameters if p.credential] for n in ("Both", "KeyOnly", "Open")] == [
        ["X-Key"],
        ["X-Key"],
        [],
    ]


def _check(tmp_path, spec):
    path = tmp_path / "a.yaml"
    path.write_text(yaml.safe_dump(spec, sort_keys=False))
    return check_spec(path)


def test_global_headers_merge_fern_and_additional_headers_and_refuse_unsendable_values(tmp_path):
    spec = {
        "openapi": "3.1.0",
        "info": {"title": "A", "version": "1"},
        "x-fern-global-headers": [
            {"header": "Api-Version", "name": "version", "type": 'literal<"2025-01-01">'},
            {"header": "X-Region", "name": "region", "optional": True, "type": "optional<string>"},
            {"header": "Bad Name", "name": "bad"},
            {"header": "X-Tenant", "name": "tenant", "optional": False, "type": "string"},
        ],
        "security": [{"oauth2": []}],
        "paths": {"/a": {"get": op([{"oauth2": []}])}},
        "components": {
            "securitySchemes": {
                "oauth2": {
                    "type": "oauth2",
                    "x-additional-headers": [
                        {"name": "api-version", "schema": {"default": "1999-01-01"}, "description": "Version."},
                        {"name": "X-Region", "schema": {"default": "eu"}},
                        {"name": "X-Note", "schema": {"default": "caf\u00e9"}},
                    ],
                    "flows": {"clientCredentials": {"tokenUrl": "https://auth.example.com/token", "scopes": {}}},
                }
            }
        },
    }
    api, findings = _check(tmp_path, spec)
    assert [(h.header, h.name, h.value, h.description, h.required) for h in api.global_headers] == [
        ("Api-Version", "version", "2025-01-01", "Version.", False),  # Fern's wins; the other fills the description
        ("X-Region", "region", "eu", "", False),  # Fern declares no value: the scheme's default fills it
        ("X-Tenant", "tenant", None, "", True),  # not optional, no value: a client must be given one
        ("X-Note", "X-Note", None, "", False),  # not ASCII: not sent by default
    ]
    messages = [f.message for f in findings]
    assert any("valid `header` name" in m for m in messages)
    assert any("not printable ASCII" in m for m in messages)
    [scheme] = api.client_auth
    assert (scheme.token_url, scheme.token_operation) == ("https://auth.example.com/token", None)


def test_idempotency_from_a_body_field_or_a_header_parameter(tmp_path):
    def post(operation_id, **extra):
        return {
            "post": {"operationId": operation_id, "tags": ["T"], "responses": {"204": {"description": "ok"}}, **extra}
        }

    def body(ref):
        return {"requestBody": {"content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{ref}"}}}}}

    header = {"parameters": [{"name": "Idempotency-Key", "in": "header", "schema": {"type": "string"}}]}
    spec = {
        "openapi": "3.1.0",
        "info": {"title": "A", "version": "1"},
        "paths": {
            "/a": post("Snake", **body("Snake")),
            "/b": post("Camel", **body("Camel")),
            "/c": post("Header", **header),
            "/d": post("Plain", **body("Plain")),
            "/e": {"put": {**post("Put", **body("Snake"))["post"]}},
        },
        "components": {
            "schemas": {
                "Snake": {"type": "object", "properties": {"idempotency_key": {"type": "string"}}},
                "Camel": {"type": "object", "properties": {"idempotencyKey": {"type": "string"}}},
                "Plain": {"type": "object", "properties": {"key": {"type": "string"}}},
            }
        },
    }
    api, _ = _check(tmp_path, spec)
    ops = {o.operation_id: o for g in api.groups for o in g.operations}
    assert {n: (o.retry_safe, o.idempotency) for n, o in ops.items()} == {
        "Snake": (True, Idempotency("idempotency_key", None)),
        "Camel": (True, Idempotency("idempotencyKey", None)),
        "Header": (True, Idempotency(None, "Idempotency-Key")),
        "Plain": (False, None),
        "Put": (False, Idempotency("idempotency_key", None)),  # a PUT is retried anyway
    }
