"""Square's vendor extensions mean something to an SDK user, and sdkforge says so."""

from __future__ import annotations

import yaml

from sdkforge.pipeline import GenerateRequest, check_spec, generate
from sdkforge.targets import TargetOptions

SPEC = {
    "openapi": "3.0.3",
    "info": {"title": "Ext", "version": "1"},
    "paths": {
        "/new": {
            "post": {
                "tags": ["Things"],
                "operationId": "TryNew",
                "x-release-status": "BETA",
                "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}},
                "responses": {"200": {"description": "ok"}},
            }
        },
        "/old": {
            "get": {
                "tags": ["Things"],
                "operationId": "UseOld",
                "x-is-deprecated": True,
                "responses": {"200": {"description": "ok"}},
            }
        },
    },
    "components": {
        "schemas": {
            "Thing": {
                "type": "object",
                "properties": {
                    "id": {"type": "string", "x-read-only": True},
                    "shiny": {"type": "boolean", "x-is-beta": True},
                    "state": {"$ref": "#/components/schemas/State"},
                },
            },
            "State": {
                "type": "string",
                "enum": ["ON", "OFF"],
                "x-enum-elements": [
                    {"name": "ON", "description": "Running."},
                    {"name": "OFF", "description": "Stopped."},
                ],
            },
        }
    },
}


def test_release_status_read_only_and_enum_descriptions_are_honoured(tmp_path):
    path = tmp_path / "ext.yaml"
    path.write_text(yaml.safe_dump(SPEC, sort_keys=False))
    api, _ = check_spec(path)
    new, old = api.groups[0].operations
    assert (new.beta, new.deprecated, old.beta, old.deprecated) == (True, False, False, True)
    fields = {f.name: f for f in api.models["Thing"].fields}
    assert fields["id"].read_only and fields["shiny"].beta and not fields["state"].beta
    assert [(v.value, v.description) for v in api.enums["State"].values] == [("ON", "Running."), ("OFF", "Stopped.")]

    generate(GenerateRequest(spec=path, out=tmp_path / "sdk", options=TargetOptions(package_name="ext")))
    code = (tmp_path / "sdk" / "ext" / "api" / "things.py").read_text()
    assert code.count("Beta: the API may still change this operation.") == 2  # blocking and asyncio
    assert code.count("DeprecationWarning") == 4  # blocking and asyncio, plain and with_raw_response
    page = (tmp_path / "sdk" / "doc" / "api" / "things.md").read_text()
    assert "**This endpoint is in beta: the API may still change it.**" in page
    assert "**This endpoint is deprecated.**" in page
    model_page = (tmp_path / "sdk" / "doc" / "models" / "thing.md").read_text()
    assert "Optional, Beta" in model_page and "Optional, Read-only" in model_page
    assert "Running." in (tmp_path / "sdk" / "doc" / "models" / "state.md").read_text()
