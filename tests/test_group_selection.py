"""``--group``: the chosen groups keep every model and enum they reach, by any path."""

from __future__ import annotations

import importlib
import sys

import yaml
from project_paths import shared_path

from sdkforge.pipeline import GenerateRequest, generate
from sdkforge.targets import TargetOptions


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict) -> dict:
    return {"application/json": {"schema": schema}}


# The animals group reaches Cat and Dog only through a oneOf union, Colour only through a
# union member's field, Toy through an array in a member, and Tag through a map.
ZOO = {
    "openapi": "3.0.3",
    "info": {"title": "Zoo", "version": "1"},
    "servers": [{"url": "https://zoo.example.com"}],
    "paths": {
        "/pens": {
            "post": {
                "tags": ["animals"],
                "operationId": "CreatePen",
                "requestBody": {"required": True, "content": _json(_ref("Pen"))},
                "responses": {"200": {"description": "ok", "content": _json(_ref("Pen"))}},
            }
        },
        "/animals": {
            "put": {
                "tags": ["animals"],
                "operationId": "PutAnimal",
                "requestBody": {"required": True, "content": _json(_ref("Animal"))},
                "responses": {"200": {"description": "ok", "content": _json(_ref("Animal"))}},
            }
        },
        "/keepers": {
            "get": {
                "tags": ["keepers"],
                "operationId": "ListKeepers",
                "responses": {"200": {"description": "ok", "content": _json(_ref("Keeper"))}},
            }
        },
    },
    "components": {
        "schemas": {
            "Pen": {
                "type": "object",
                "properties": {
                    "occupant": _ref("Animal"),
                    "labels": {"type": "object", "additionalProperties": _ref("Tag")},
                },
            },
            "Animal": {
                "oneOf": [_ref("Cat"), _ref("Dog")],
                "discriminator": {"propertyName": "kind", "mapping": {"cat": _ref("Cat")["$ref"], "dog": "Dog"}},
            },
            "Cat": {
                "type": "object",
                "required": ["kind"],
                "properties": {"kind": {"type": "string"}, "colour": _ref("Colour")},
            },
            "Dog": {
                "type": "object",
                "required": ["kind"],
                "properties": {"kind": {"type": "string"}, "toys": {"type": "array", "items": _ref("Toy")}},
            },
            "Colour": {"type": "string", "enum": ["black", "tabby"]},
            "Toy": {"type": "object", "properties": {"name": {"type": "string"}}},
            "Tag": {"type": "object", "properties": {"text": {"type": "string"}}},
            "Keeper": {"type": "object", "properties": {"name": {"type": "string"}}},
        }
    },
}


def test_a_group_keeps_the_models_reached_through_unions_arrays_and_maps(tmp_path, run_cli):
    spec = tmp_path / "zoo.yaml"
    spec.write_text(yaml.safe_dump(ZOO, sort_keys=False))
    out = tmp_path / "sdk"
    generate(GenerateRequest(spec=spec, out=out, groups=("animals",), options=TargetOptions(package_name="zoo")))
    modules = sorted(p.stem for p in (out / "zoo" / "models").glob("*.py"))
    assert modules == ["__init__", "cat", "colour", "dog", "pen", "tag", "toy"]  # no Keeper
    sys.path.insert(0, str(out))
    try:
        models = importlib.import_module("zoo.models")
        zoo = importlib.import_module("zoo")
        assert hasattr(zoo.Client(), "animals") and not hasattr(zoo.Client(), "keepers")
        sent = {
            "occupant": {"kind": "dog", "toys": [{"name": "ball"}]},
            "labels": {"a": {"text": "friendly"}},
        }
        pen = models.Pen.from_dict(sent)
        assert isinstance(pen.occupant, models.Dog) and pen.occupant.toys[0].name == "ball"
        assert isinstance(pen.labels["a"], models.Tag)
        assert pen.to_dict() == sent
        cat = models.Pen.from_dict({"occupant": {"kind": "cat", "colour": "tabby"}}).occupant
        assert isinstance(cat, models.Cat) and cat.colour is models.Colour.TABBY
    finally:
        sys.path.remove(str(out))
        for name in [m for m in sys.modules if m == "zoo" or m.startswith("zoo.")]:
            del sys.modules[name]
    result = run_cli("generate", spec, "--out", tmp_path / "cli", "--group", "animals", "--quiet")
    assert (result.code, result.err) == (0, "")


# Orders has warnings in its operation (an undeclared path parameter, a key OpenAPI does
# not define), in a schema only it reaches, through another (a $ref to a missing schema),
# and in a component parameter only it uses (a header name HTTP cannot carry). Pets has none.
TWO_TAGS = {
    "openapi": "3.0.3",
    "info": {"title": "Shop", "version": "1"},
    "servers": [{"url": "https://shop.example.com"}],
    "paths": {
        "/pets": {
            "get": {
                "tags": ["Pets"],
                "operationId": "ListPets",
                "responses": {"200": {"description": "ok", "content": _json(_ref("Pet"))}},
            }
        },
        "/orders/{order_id}": {
            "get": {
                "tags": ["Orders"],
                "operationId": "GetOrder",
                "colour": "red",
                "parameters": [{"$ref": "#/components/parameters/Odd"}],
                "responses": {"200": {"description": "ok", "content": _json(_ref("Order"))}},
            }
        },
    },
    "components": {
        "parameters": {"Odd": {"name": "bad name", "in": "header", "schema": {"type": "string"}}},
        "schemas": {
            "Pet": {"type": "object", "properties": {"name": {"type": "string"}}},
            "Order": {"type": "object", "properties": {"line": _ref("Line")}},
            "Line": {"type": "object", "properties": {"sku": _ref("Sku")}},
        },
    },
}


def test_with_groups_chosen_only_their_warnings_count(tmp_path, run_cli):
    spec = tmp_path / "shop.yaml"
    spec.write_text(yaml.safe_dump(TWO_TAGS, sort_keys=False))
    clean = run_cli("generate", spec, "--out", tmp_path / "pets", "--group", "Pets", "--strict")
    assert clean.code == 0, clean.err
    assert ", 0 warnings;" in clean.err.splitlines()[-1]
    failed = run_cli("generate", spec, "--out", tmp_path / "orders", "--group", "Orders", "--strict")
    assert failed.code == 2 and not (tmp_path / "orders").exists()
    errors = sorted(line.split(": error: ")[1] for line in failed.err.splitlines() if ": error: " in line)
    assert errors == [
        "$ref target #/components/schemas/Sku does not exist; the value is generated as a free-form value"
        " (at /components/schemas/Line/properties/sku/$ref)",
        "'colour' does not match any of the regexes: '^x-' (at /paths/~1orders~1{order_id}/get)",
        "header name 'bad name' is not a valid HTTP token; parameter left out (at /components/parameters/Odd)",
        "path parameter 'order_id' is not declared; generated as a required string"
        " (at /paths/~1orders~1{order_id}/get)",
    ]
    everything = run_cli("generate", spec, "--out", tmp_path / "all", "--strict")
    assert everything.code == 2


def test_square_payments_alone_is_strict_clean(tmp_path, run_cli):
    square = shared_path("corpus", "square", "api-2025-08-20.oas3.json")
    assert run_cli("validate", square, "--strict").code == 2  # other groups' warnings, and the spec's own
    result = run_cli("generate", square, "--out", tmp_path / "sdk", "--group", "Payments", "--strict", "--no-cache")
    assert result.code == 0, result.err
    assert sorted(p.name for p in (tmp_path / "sdk" / "square" / "api").glob("*.py")) == ["__init__.py", "payments.py"]
