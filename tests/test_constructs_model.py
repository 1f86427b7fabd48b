"""Constructs of real specs, checked in the model sdkforge builds and in the SDK it makes:
allOf, typed maps, integer enums, $refs to every component kind, several responses,
formats, named environments."""

from __future__ import annotations

import importlib
import sys

import yaml

from sdkforge.model.ir import ParamLocation, TypeKind
from sdkforge.pipeline import GenerateRequest, check_spec, generate
from sdkforge.targets import TargetOptions

SPEC = {
    "openapi": "3.1.0",
    "info": {"title": "Parts", "version": "1"},
    "servers": [
        {"url": "https://api.example.com", "description": "Production"},
        {"url": "https://eu.example.com", "description": "Production"},
    ],
    "paths": {
        "/parts/{part_id}": {"$ref": "#/components/pathItems/Part"},
        "/parts": {
            "post": {
                "operationId": "CreatePart",
                "tags": ["Parts"],
                "parameters": [{"$ref": "#/components/parameters/Trace"}],
                "requestBody": {"$ref": "#/components/requestBodies/NewPart"},
                "responses": {
                    "201": {"$ref": "#/components/responses/PartCreated"},
                    "200": {
                        "description": "already there",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Part"}}},
                    },
                    "default": {
                        "description": "an error",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Problem"}}},
                    },
                },
            }
        },
    },
    "components": {
        "pathItems": {
            "Part": {
                "parameters": [
                    {
                        "name": "part_id",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "integer", "format": "int64"},
                    }
                ],
                "get": {
                    "operationId": "GetPart",
                    "tags": ["Parts"],
                    "responses": {
                        "200": {
                            "description": "ok",
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Part"}}},
                        }
                    },
                },
            }
        },
        "parameters": {"Trace": {"name": "X-Trace", "in": "header", "schema": {"type": "string", "format": "byte"}}},
        "requestBodies": {
            "NewPart": {
                "required": True,
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Part"}}},
            }
        },
        "responses": {
            "PartCreated": {
                "description": "made",
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Part"}}},
            }
        },
        "schemas": {
            "Named": {
                "type": "object",
                "required": ["name", "password"],
                "properties": {"name": {"type": "string"}, "password": {"type": "string", "writeOnly": True}},
            },
            "Part": {
                "allOf": [
                    {"$ref": "#/components/schemas/Named"},
                    {
                        "type": "object",
                        "properties": {
                            "size": {"$ref": "#/components/schemas/Size"},
                            "stock": {"type": "object", "additionalProperties": {"type": "integer"}},
                        },
                    },
                ]
            },
            "Size": {"type": "integer", "enum": [1, 2, 3]},
            "Problem": {"type": "object", "properties": {"detail": {"type": "string"}}},
        },
    },
}


def test_the_model_resolves_every_component_kind_and_merges_all_of(tmp_path):
    path = tmp_path / "parts.yaml"
    path.write_text(yaml.safe_dump(SPEC, sort_keys=False))
    api, _ = check_spec(path)
    ops = {op.operation_id: op for g in api.groups for op in g.operations}
    get, create = ops["GetPart"], ops["CreatePart"]
    assert [(p.name, p.location, p.type.format) for p in get.parameters] == [("part_id", ParamLocation.PATH, "int64")]
    assert [(p.name, p.location, p.type.format) for p in create.parameters] == [
        ("X-Trace", ParamLocation.HEADER, "byte")
    ]
    assert create.body is not None and create.body.required and create.body.type.name == "Part"
    assert create.success_response is not None and create.success_response.status == "200"  # the lowest 2xx
    assert {r.status for r in create.responses} == {"200", "201", "default"}
    part = api.models["Part"]
    assert [(f.name, f.required) for f in part.fields] == [
        ("name", True),
        ("password", True),
        ("size", False),
        ("stock", False),
    ]
    assert part.fields[1].write_only
    assert part.fields[3].type.kind is TypeKind.MAP and part.fields[3].type.item.kind is TypeKind.INTEGER
    assert api.enums["Size"].base is TypeKind.INTEGER
    assert [s.name for s in api.servers] == ["production", "production_2"]


def test_the_sdk_round_trips_merged_models_maps_and_integer_enums(tmp_path):
    path = tmp_path / "parts.yaml"
    path.write_text(yaml.safe_dump(SPEC, sort_keys=False))
    generate(GenerateRequest(spec=path, out=tmp_path / "sdk", options=TargetOptions(package_name="parts")))
    sys.path.insert(0, str(tmp_path / "sdk"))
    try:
        models = importlib.import_module("parts.models")
        parts = importlib.import_module("parts")
        part = models.Part.from_dict({"name": "bolt", "size": 2, "stock": {"paris": 4}, "colour": "red"})
        assert part.size is models.Size.VALUE_2 and part.stock == {"paris": 4}
        assert part.to_dict() == {"name": "bolt", "size": 2, "stock": {"paris": 4}, "colour": "red"}
        assert models.Part.from_dict({"name": "nut", "size": 7}).size == 7  # an open enum; no password: write-only
        sent = models.Part.builder("washer").password("s3cret").build().to_dict()
        assert sent == {"name": "washer", "password": "s3cret"}
        assert dict(parts.ENVIRONMENTS) == {
            "production": "https://api.example.com",
            "production_2": "https://eu.example.com",
        }
    finally:
        sys.path.remove(str(tmp_path / "sdk"))
        for name in [m for m in sys.modules if m == "parts" or m.startswith("parts.")]:
            del sys.modules[name]
