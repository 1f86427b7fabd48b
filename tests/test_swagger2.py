"""Swagger 2.0 input is converted to the same model as OpenAPI 3."""

from __future__ import annotations

from pathlib import Path

import yaml

from sdkforge.model.ir import AuthKind, ParamLocation, TypeKind
from sdkforge.pipeline import check_spec

PETSTORE_V2 = {
    "swagger": "2.0",
    "info": {"title": "Pets", "version": "1"},
    "host": "pets.example.com",
    "basePath": "/v1",
    "schemes": ["https"],
    "consumes": ["application/json"],
    "produces": ["application/json"],
    "securityDefinitions": {
        "key": {"type": "apiKey", "in": "header", "name": "X-Key"},
        "login": {"type": "basic"},
    },
    "security": [{"key": []}],
    "paths": {
        "/pets/{pet_id}": {
            "parameters": [{"name": "pet_id", "in": "path", "required": True, "type": "string"}],
            "put": {
                "tags": ["Pets"],
                "operationId": "UpdatePet",
                "parameters": [
                    {"name": "body", "in": "body", "required": True, "schema": {"$ref": "#/definitions/Pet"}},
                    {"name": "tags", "in": "query", "type": "array", "items": {"type": "string"}},
                ],
                "responses": {"200": {"description": "ok", "schema": {"$ref": "#/definitions/Pet"}}},
            },
        },
        "/pets/{pet_id}/photo": {
            "post": {
                "tags": ["Pets"],
                "operationId": "UploadPhoto",
                "consumes": ["multipart/form-data"],
                "parameters": [
                    {"name": "pet_id", "in": "path", "required": True, "type": "integer", "format": "int64"},
                    {"name": "photo", "in": "formData", "type": "file", "required": True},
                    {"name": "caption", "in": "formData", "type": "string"},
                ],
                "responses": {"204": {"description": "stored"}},
            }
        },
    },
    "definitions": {
        "Pet": {
            "type": "object",
            "required": ["name"],
            "properties": {
                "name": {"type": "string"},
                "nickname": {"type": "string", "x-nullable": True},
                "kind": {"$ref": "#/definitions/Kind"},
            },
        },
        "Kind": {"type": "string", "enum": ["CAT", "DOG"]},
    },
}


def build(tmp_path: Path, spec: dict) -> tuple:
    path = tmp_path / "swagger.yaml"
    path.write_text(yaml.safe_dump(spec, sort_keys=False))
    return check_spec(path)


def test_servers_security_and_definitions_are_converted(tmp_path):
    api, warnings = build(tmp_path, PETSTORE_V2)
    assert [s.url for s in api.servers] == ["https://pets.example.com/v1"]
    assert [(s.name, s.kind) for s in api.client_auth] == [("key", AuthKind.API_KEY)]
    pet = api.models["Pet"]
    assert [(f.name, f.required, f.type.nullable) for f in pet.fields] == [
        ("name", True, False),
        ("nickname", False, True),
        ("kind", False, False),
    ]
    assert pet.fields[2].type.kind is TypeKind.ENUM and api.enums["Kind"].values[1].value == "DOG"
    assert warnings == []


def test_body_and_path_level_parameters_are_converted(tmp_path):
    api, _ = build(tmp_path, PETSTORE_V2)
    update = api.groups[0].operations[0]
    assert update.body is not None and update.body.type.name == "Pet" and update.body.required
    assert update.body.media_type == "application/json"
    assert [(p.name, p.location) for p in update.parameters] == [
        ("pet_id", ParamLocation.PATH),
        ("tags", ParamLocation.QUERY),
    ]
    assert update.parameters[1].type.kind is TypeKind.ARRAY
    assert update.success_response is not None and update.success_response.type.name == "Pet"


def test_form_data_becomes_a_multipart_body_with_a_binary_file(tmp_path):
    api, _ = build(tmp_path, PETSTORE_V2)
    upload = api.groups[0].operations[1]
    assert upload.body is not None and upload.body.media_type == "multipart/form-data"
    form = api.models[upload.body.type.name]
    photo = next(f for f in form.fields if f.name == "photo")
    assert (photo.type.kind, photo.type.format, photo.required) == (TypeKind.STRING, "binary", True)
    assert upload.parameters[0].type.format == "int64"


def test_findings_point_into_the_file_as_written(tmp_path):
    spec = dict(PETSTORE_V2)
    spec["definitions"] = {
        **PETSTORE_V2["definitions"],
        "Owner": {"type": "object", "properties": {"pet": {"$ref": "#/definitions/Missing"}}},
    }
    _, warnings = build(tmp_path, spec)
    assert any(w.pointer == "/definitions/Owner/properties/pet/$ref" and w.line for w in warnings)
