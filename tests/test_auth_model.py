"""Which credentials go with a call: the client's own, a per-call one, or both."""

from __future__ import annotations

import yaml

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
