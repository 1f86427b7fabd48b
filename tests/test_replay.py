"""A replayed build of the model equals a full build of the same spec.

:func:`~generator.model.build.build_recorded` given the :class:`Built` of an earlier
spec replays each unit of the new spec (a ``/paths/<path>`` item, a
``/components/<kind>/<name>`` of the root file, each other file whole) whose inputs did
not change, and builds the rest. Whatever the edits between the two specs, the model and
the findings must be those :func:`~generator.model.build.build_api` gives: here specs
are edited at random (structure and prose), written as files, and both builds compared,
one edit after another, replaying from replayed builds too. The example tests check that
replay happens at all, so that always building cannot pass.
"""

from __future__ import annotations

import copy
import json
import random
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st
from project_paths import CONSTRUCTS_SPEC, SPEC, shared_path

from sdkforge.errors import Finding, SpecError
from sdkforge.model.build import build_api, build_recorded
from sdkforge.model.ir import Api
from sdkforge.model.replay import Built
from sdkforge.spec.load import load_spec

ROOT = "api"  # the root file's name, without its extension (.json or .yaml)
METHODS = ("get", "put", "post", "delete", "patch")
Files = dict[str, Any]  # a spec's files: ROOT -> the root document, "common.yaml" -> another file


# ---- the specs edited --------------------------------------------------------------


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _json_body(schema: dict[str, Any]) -> dict[str, Any]:
    return {"application/json": {"schema": schema}}


SHOP: dict[str, Any] = {
    "openapi": "3.0.3",
    "info": {"title": "Shop", "version": "1", "description": "Pets and their owners."},
    "servers": [{"url": "https://shop.example.com", "description": "Production"}],
    "security": [{"oauth": []}],
    "tags": [{"name": "pets", "description": "Pets."}, {"name": "owners"}],
    "paths": {
        "/pets": {
            "parameters": [{"$ref": "#/components/parameters/TraceId"}],
            "get": {
                "operationId": "listPets",
                "tags": ["pets"],
                "parameters": [
                    {"name": "cursor", "in": "query", "schema": {"type": "string"}},
                    {"$ref": "#/components/parameters/Limit"},
                    {"$ref": "#/components/parameters/Order"},
                ],
                "responses": {
                    "200": {"description": "a page", "content": _json_body(_ref("Page"))},
                    "404": {"$ref": "#/components/responses/NotFound"},
                },
            },
            "post": {
                "operationId": "createPet",
                "tags": ["pets"],
                "security": [{"api_key": []}],
                "requestBody": {"required": True, "content": _json_body(_ref("NewPet"))},
                "responses": {
                    "201": {"description": "made", "content": _json_body(_ref("Pet"))},
                    "409": {"$ref": "#/components/responses/Conflict"},
                },
            },
        },
        "/pets/{petId}": {
            "parameters": [{"name": "petId", "in": "path", "required": True, "schema": _ref("Name")}],
            "get": {
                "operationId": "getPet",
                "tags": ["pets"],
                "responses": {
                    "200": {"description": "the pet", "content": _json_body(_ref("Pet"))},
                    "default": {"$ref": "#/components/responses/NotFound"},
                },
            },
            "delete": {
                "operationId": "deletePet",
                "tags": ["pets"],
                "parameters": [{"name": "Idempotency-Key", "in": "header", "schema": {"type": "string"}}],
                "responses": {"204": {"description": "gone"}, "409": {"$ref": "#/components/responses/Conflict"}},
            },
        },
        "/owners/{ownerId}": {
            "get": {
                "operationId": "getOwner",
                "responses": {
                    "200": {
                        "description": "the owner",
                        "content": _json_body(
                            {
                                "type": "object",
                                "properties": {
                                    "owner": _ref("Owner"),
                                    "mood": {"type": "string", "enum": ["calm", "busy"]},
                                },
                            }
                        ),
                    }
                },
            }
        },
        "/owners": {
            "get": {
                "operationId": "list",
                "tags": ["owners"],
                "parameters": [
                    {"$ref": "#/components/parameters/Order"},
                    {"name": "cursor", "in": "query", "schema": {"type": "string"}},
                ],
                "responses": {"200": {"description": "owners", "content": _json_body(_ref("OwnerPage"))}},
            }
        },
        "/pets/search": {
            "get": {
                "operationId": "list",
                "tags": ["pets"],
                "parameters": [
                    {"name": "q", "in": "query", "schema": {"type": "string", "enum": ["a", "b"]}},
                    {"name": "Bad Header", "in": "header", "schema": {"type": "string"}},
                    {"$ref": "#/components/parameters/Legacy"},
                ],
                "responses": {
                    "200": {"description": "found", "content": _json_body({"type": "array", "items": _ref("Animal")})}
                },
            }
        },
        "/animals": {
            "get": {
                "operationId": "listAnimals",
                "tags": ["zoo"],
                "parameters": [{"$ref": "#/components/parameters/Order"}, {"$ref": "#/components/parameters/Legacy"}],
                "responses": {
                    "200": {"description": "animals", "content": _json_body({"oneOf": [_ref("Cat"), _ref("Dog")]})},
                    "400": {"$ref": "#/components/responses/Invalid"},
                },
            }
        },
        "/oauth/token": {
            "post": {
                "operationId": "obtainToken",
                "security": [],
                "requestBody": {
                    "content": _json_body(
                        {
                            "type": "object",
                            "required": ["grant_type"],
                            "properties": {
                                "grant_type": {"type": "string", "enum": ["client_credentials", "refresh_token"]},
                                "client_secret": {"type": "string"},
                            },
                        }
                    )
                },
                "responses": {"200": {"description": "a token", "content": _json_body(_ref("Token"))}},
            }
        },
    },
    "components": {
        "schemas": {
            "Owner": {
                "type": "object",
                "required": ["name"],
                "properties": {
                    "name": _ref("Name"),
                    "pet": _ref("Pet"),
                    "address": {"type": "object", "properties": {"city": {"type": "string"}}},
                    "kind": {"type": "string", "enum": ["person", "company"]},
                },
            },
            "Pet": {
                "type": "object",
                "description": "A pet.",
                "required": ["id", "name"],
                "properties": {
                    "id": {"type": "integer", "format": "int64"},
                    "name": _ref("Name"),
                    "kind": {"type": "string", "enum": ["cat", "dog"]},
                    "parent": _ref("Pet"),
                    "owner": _ref("Owner"),
                    "tags": {"type": "array", "items": {"type": "string"}},
                    "password": _ref("Secret"),
                },
            },
            "Pet_kind": {"type": "string", "enum": ["wild", "tame"]},
            "Name": {"type": "string", "maxLength": 40, "example": "Rex"},
            "Secret": {"type": "string", "format": "password"},
            "Cat": {
                "allOf": [
                    _ref("Pet"),
                    {"type": "object", "properties": {"lives": {"type": "integer"}, "name": {"type": "string"}}},
                ]
            },
            "Dog": {
                "allOf": [
                    _ref("Pet"),
                    {"type": "object", "properties": {"name": {"type": "integer"}, "good": {"type": "boolean"}}},
                ]
            },
            "Animal": {
                "oneOf": [_ref("Cat"), _ref("Dog")],
                "discriminator": {
                    "propertyName": "kind",
                    "mapping": {"cat": "#/components/schemas/Cat", "dog": "Dog"},
                },
            },
            "Page": {
                "type": "object",
                "properties": {
                    "items": {"type": "array", "items": _ref("Pet")},
                    "next_cursor": {"type": "string"},
                    "has_more": {"type": "boolean"},
                },
            },
            "OwnerPage": {
                "type": "object",
                "properties": {"owners": {"type": "array", "items": _ref("Owner")}},
            },
            "NewPet": {
                "type": "object",
                "properties": {
                    "name": _ref("Name"),
                    "idempotency_key": {"type": "string"},
                    "status": {"type": "string", "enum": ["new", "old"]},
                },
            },
            "Broken": {"type": "object", "properties": {"ghost": _ref("Missing")}},
            "Strict": {"type": "object", "properties": {"a": {"type": "string"}}, "not": {"required": ["a"]}},
            "Status": {"type": "string", "enum": ["a", "b", "a"]},
            "Token": {
                "type": "object",
                "properties": {"access_token": {"type": "string"}, "expires_in": {"type": "integer"}},
            },
            "Error": {"type": "object", "properties": {"message": {"type": "string"}, "code": _ref("Status")}},
        },
        "parameters": {
            "Limit": {"name": "limit", "in": "query", "schema": {"type": "integer", "maximum": 100}},
            "Order": {"name": "order", "in": "query", "schema": {"type": "string", "enum": ["asc", "desc"]}},
            "TraceId": {"name": "X-Trace-Id", "in": "header", "schema": {"type": "string"}},
            "Legacy": {"name": "Bad Name", "in": "header", "schema": {"type": "string"}},
        },
        "responses": {
            "NotFound": {"description": "not found", "content": _json_body(_ref("Error"))},
            "Conflict": {
                "description": "a conflict",
                "content": _json_body({"type": "string", "enum": ["taken", "locked"]}),
            },
            "Invalid": {
                "description": "invalid",
                "headers": {"Link": {"schema": {"type": "string"}}},
                "content": _json_body({"type": "object", "properties": {"field": {"type": "string"}}}),
            },
        },
        "securitySchemes": {
            "oauth": {
                "type": "oauth2",
                "flows": {"clientCredentials": {"tokenUrl": "https://shop.example.com/oauth/token", "scopes": {}}},
            },
            "api_key": {"type": "apiKey", "in": "header", "name": "X-Api-Key", "x-example": "key_123"},
            "bearer": {"type": "http", "scheme": "bearer"},
        },
    },
}
"""Most of what modelling does across units: forward and backward ``$ref``s, recursion,
hoisted names and a component taking one (``Pet_kind``), allOf parts agreeing and not,
a discriminated union, shared parameters and responses (with inline enums, with a warning), path-level
parameters, an operationId in two tags, paging, idempotency, three kinds of security, a
dangling ``$ref`` and warnings."""

NAMES: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "Names", "version": "1"},
    "paths": {
        "/things": {
            "get": {
                "operationId": "Thing",
                "parameters": [
                    {"name": "status", "in": "query", "schema": {"type": "string", "enum": ["on", "off"]}},
                    {"$ref": "#/components/parameters/Status"},
                ],
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": _json_body(
                            {"type": "object", "properties": {"status": {"type": "string", "enum": ["x", "y"]}}}
                        ),
                    }
                },
            },
            "post": {
                "operationId": "makeThing",
                "requestBody": {"content": _json_body(_ref("Thing"))},
                "responses": {"200": {"description": "ok", "content": _json_body({"type": ["string", "null"]})}},
            },
        },
        "/others": {
            "get": {
                "operationId": "others",
                "parameters": [{"$ref": "#/components/parameters/Status"}],
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": _json_body({"type": "array", "items": {"$ref": "common.yaml#/Money"}}),
                    }
                },
            }
        },
    },
    "components": {
        "schemas": {
            "Thing": {
                "type": "object",
                "properties": {
                    "status": {"type": "string", "enum": ["a", "b"]},
                    "next": _ref("Thing"),
                    "price": {"$ref": "common.yaml#/Money"},
                    "chain": _ref("Later"),
                },
            },
            "Thing_status": {"type": "object", "properties": {"at": {"type": "string", "format": "date-time"}}},
            "Thing_status2": {"type": "string", "enum": ["one", "two"]},
            "Later": {"type": "array", "items": {"type": "array", "items": _ref("Thing_status")}},
            "Thing_response": {"type": "object", "properties": {"n": {"type": "integer"}}},
        },
        "parameters": {
            "Status": {"name": "state", "in": "query", "schema": {"type": "string", "enum": ["up", "down"]}},
        },
    },
}
"""Hoisted names that collide and get numbers, a recursive model, alias chains, and a
second file (``common.yaml``) whose schemas the root refers to."""

COMMON: dict[str, Any] = {
    "Money": {
        "type": "object",
        "properties": {
            "amount": {"type": "integer"},
            "currency": {"$ref": "#/Currency"},
            "kind": {"type": "string", "enum": ["cash", "card"]},
        },
    },
    "Currency": {"type": "string", "enum": ["EUR", "USD"]},
}


def _bases() -> dict[str, Files]:
    return {
        "shop": {ROOT: SHOP},
        "names": {ROOT: NAMES, "common.yaml": COMMON},
        "constructs": {ROOT: yaml.safe_load(CONSTRUCTS_SPEC.read_text())},
        "oauth": {ROOT: yaml.safe_load(SPEC.read_text())},
    }


BASES = _bases()


# ---- writing, loading and building -----------------------------------------------


def _write(folder: Path, files: Files, root_format: str, root_name: str = ROOT) -> Path:
    """Write ``files`` into ``folder`` (the root as JSON or YAML, named ``root_name``,
    others as their names say); returns the root file's path."""
    for name, document in files.items():
        if name == ROOT:
            continue
        (folder / name).write_text(yaml.safe_dump(_plain(document), sort_keys=False, allow_unicode=True))
    root = folder / f"{root_name}.{root_format}"
    if root_format == "json":
        root.write_text(json.dumps(_plain(files[ROOT]), indent=2))
    else:
        root.write_text(yaml.safe_dump(_plain(files[ROOT]), sort_keys=False, allow_unicode=True))
    return root


def _plain(node: Any) -> Any:
    """``node`` as JSON holds it (a YAML key may be a number: a response's status), each
    object its own (YAML would write one used twice as an anchor and an alias)."""
    if isinstance(node, dict):
        return {str(k): _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    return node


FindingKey = tuple[str, str | None, str, str, int | None, int | None]


def _keys(findings: list[Finding]) -> list[FindingKey]:
    return [(str(f.file), f.pointer, f.message, f.severity.value, f.line, f.column) for f in findings]


def _full(path: Path) -> tuple[Api | None, list[FindingKey]]:
    """The model and findings of a full build of the spec at ``path`` (no model: it raised)."""
    try:
        api, findings = build_api(load_spec(path))
    except SpecError as error:
        return None, _keys(error.findings)
    return api, _keys(findings)


def _replayed(path: Path, last: Built | None) -> tuple[Built | None, list[FindingKey]]:
    """The Built and findings of a build of the spec at ``path`` replaying from ``last``."""
    try:
        built, findings = build_recorded(load_spec(path), last=last)
    except SpecError as error:
        return None, _keys(error.findings)
    return built, _keys(findings)


def _assert_same_api(got: Api, expected: Api) -> None:
    """The same model, part by part (for a readable failure), models and enums in the same order."""
    assert got.groups == expected.groups
    assert got.models == expected.models
    assert list(got.models) == list(expected.models)
    assert got.enums == expected.enums
    assert list(got.enums) == list(expected.enums)
    assert got.client_auth == expected.client_auth
    assert got.global_headers == expected.global_headers
    assert got.servers == expected.servers
    assert got == expected


def _assert_replay_equals_full(path: Path, last: Built | None) -> tuple[Built, Api] | None:
    """Build the spec at ``path`` both ways (replaying from ``last``) and assert they
    agree; the replayed Built and the full build's model, or None when both raised
    (loading too may raise, when an edit leaves a ``$ref`` outside a schema dangling)."""
    expected_api, expected_findings = _full(path)
    built, findings = _replayed(path, last)
    assert findings == expected_findings
    if expected_api is None:
        assert built is None, "the full build raised SpecError, the replayed one did not"
        return None
    assert built is not None, "the replayed build raised SpecError, the full one did not"
    _assert_same_api(built.api, expected_api)
    return built, expected_api


# ---- where to edit ----------------------------------------------------------------

Slot = tuple[str, Any, Any]  # (file, container, key): container[key] is the node


def _operations(document: Any) -> list[tuple[str, str, dict[str, Any]]]:
    """(path, method, operation) of each operation written in the root document's paths."""
    found = []
    for path, item in (document.get("paths") or {}).items():
        if isinstance(item, dict):
            found += [(path, m, item[m]) for m in METHODS if isinstance(item.get(m), dict)]
    return found


def _schema_slots(files: Files) -> list[Slot]:
    """Every schema of the spec: components, their properties, items and parts, and the
    schemas of parameters, bodies and responses."""
    slots: list[Slot] = []

    def schema(file: str, container: Any, key: Any, depth: int = 0) -> None:
        node = container[key]
        if not isinstance(node, dict) or depth > 8:
            return
        slots.append((file, container, key))
        properties = node.get("properties")
        for name in list(properties) if isinstance(properties, dict) else []:
            schema(file, properties, name, depth + 1)
        for keyword in ("items", "additionalProperties"):
            if isinstance(node.get(keyword), dict):
                schema(file, node, keyword, depth + 1)
        for keyword in ("allOf", "oneOf", "anyOf"):
            for i in range(len(node[keyword]) if isinstance(node.get(keyword), list) else 0):
                schema(file, node[keyword], i, depth + 1)

    def content(file: str, node: Any) -> None:
        for media in (node.get("content") or {}).values() if isinstance(node, dict) else ():
            if isinstance(media, dict) and "schema" in media:
                schema(file, media, "schema")

    def parameters(file: str, node: Any) -> None:
        for param in node.get("parameters") or [] if isinstance(node, dict) else []:
            if isinstance(param, dict) and "schema" in param:
                schema(file, param, "schema")

    root = files[ROOT]
    components = root.get("components") or {}
    for name in list(components.get("schemas") or {}):
        schema(ROOT, components["schemas"], name)
    for param in (components.get("parameters") or {}).values():
        if isinstance(param, dict) and "schema" in param:
            schema(ROOT, param, "schema")
    for response in (components.get("responses") or {}).values():
        content(ROOT, response)
    for item in (root.get("paths") or {}).values():
        parameters(ROOT, item)
    for _, _, op in _operations(root):
        parameters(ROOT, op)
        content(ROOT, op.get("requestBody"))
        for response in (op.get("responses") or {}).values():
            content(ROOT, response)
    for file, document in files.items():
        if file != ROOT:
            for name in list(document):
                schema(file, document, name)
    return slots


def _component_slots(files: Files) -> list[Slot]:
    """The named schemas: the root's components and the other files' top-level schemas."""
    slots: list[Slot] = [(ROOT, _schemas(files), name) for name in _schemas(files)]
    for file, document in files.items():
        if file != ROOT:
            slots += [(file, document, name) for name in document]
    return slots


def _schemas(files: Files) -> dict[str, Any]:
    return files[ROOT].setdefault("components", {}).setdefault("schemas", {})  # type: ignore[no-any-return]


def _refs(files: Files, file: str, rnd: random.Random) -> str:
    """A ``$ref`` text, valid in ``file``, to one of the spec's named schemas (now and
    then to one that does not exist)."""
    if rnd.random() < 0.05:
        return "#/components/schemas/Missing" if file == ROOT else "#/Missing"
    if file == ROOT:
        others = [f"{f}#/{n}" for f in files if f != ROOT for n in files[f]]
        local = [f"#/components/schemas/{n}" for n in _schemas(files)]
        return rnd.choice(local + others) if local + others else "#/components/schemas/Missing"
    return f"#/{rnd.choice(list(files[file]))}" if files[file] else "#/Missing"


def _a_schema(files: Files, file: str, rnd: random.Random) -> dict[str, Any]:
    """A schema of one of the kinds modelling tells apart."""
    choice = rnd.randrange(14)
    values = rnd.sample(["a", "b", "c", "asc", "desc", "on", "off"], rnd.randint(1, 3))
    if choice == 0:
        return {"type": "string"}
    if choice == 1:
        return {"type": "integer", "format": rnd.choice(["int32", "int64"])}
    if choice == 2:
        return {"type": "string", "maxLength": rnd.randint(1, 9), "example": "ex"}
    if choice in (3, 4):
        return {"$ref": _refs(files, file, rnd)}
    if choice == 5:
        return {"type": "string", "enum": values}
    if choice == 6:
        inner = {"type": "string", "enum": values}
        return {"type": "object", "properties": {"x": {"type": "string"}, "y": inner}}
    if choice == 7:
        return {"type": "array", "items": {"$ref": _refs(files, file, rnd)}}
    if choice == 8:
        return {"type": ["string", "null"]} if rnd.random() < 0.5 else {"type": "string", "nullable": True}
    if choice == 9:
        return {"oneOf": [{"$ref": _refs(files, file, rnd)}, {"$ref": _refs(files, file, rnd)}]}
    if choice == 10:
        return {"allOf": [{"$ref": _refs(files, file, rnd)}], "nullable": True}
    if choice == 11:
        return {"$ref": _refs(files, file, rnd), "description": "the one"}
    if choice == 12:
        return {"type": "string", "format": "password", "x-sensitive": rnd.random() < 0.5}
    return {"type": "object", "additionalProperties": {"type": "integer"}}


def _insert(mapping: dict[str, Any], key: str, value: Any, at: int) -> None:
    """Put ``key`` at position ``at`` of ``mapping`` (which keeps its identity)."""
    items = [(k, v) for k, v in mapping.items() if k != key]
    items.insert(min(at, len(items)), (key, value))
    mapping.clear()
    mapping.update(items)


def _with_properties(files: Files) -> list[Slot]:
    return [s for s in _schema_slots(files) if isinstance(s[1][s[2]].get("properties"), dict)]


def _property_slots(files: Files) -> list[Slot]:
    return [
        (f, node["properties"], name)
        for f, c, k in _with_properties(files)
        for node in [c[k]]
        for name in node["properties"]
    ]


def _hoist_hints(files: Files) -> list[str]:
    """Names that hoisting makes: a component taking one pushes a hoisted schema to a number."""
    hints = []
    for name, schema in _schemas(files).items():
        properties = schema.get("properties") if isinstance(schema, dict) else None
        hints += [f"{name}_{p}" for p in properties or {}]
    for _, method, op in _operations(files[ROOT]):
        op_id = op.get("operationId") or method
        hints += [f"{op_id}_response", f"{op_id}_request"]
    hints += [f"{name}_param" for name in _parameter_names(files)]
    return hints + [f"{h}2" for h in hints]


def _parameter_names(files: Files) -> list[str]:
    root = files[ROOT]
    params = list((root.get("components") or {}).get("parameters", {}).values())
    for _, _, op in _operations(root):
        params += op.get("parameters") or []
    return sorted({p["name"] for p in params if isinstance(p, dict) and isinstance(p.get("name"), str)}) or ["q"]


# ---- the edits --------------------------------------------------------------------
# Each changes ``files`` in place and says what it did (None: nothing to edit).

Edit = Callable[[Files, random.Random], str | None]


def add_property(files: Files, rnd: random.Random) -> str | None:
    slots = _with_properties(files)
    if not slots:
        return None
    file, container, key = rnd.choice(slots)
    properties = container[key]["properties"]
    name = rnd.choice(["added", "extra", "status", "name", "kind", "items"])
    _insert(properties, name, _a_schema(files, file, rnd), rnd.randint(0, len(properties)))
    return f"add property {name!r} to {key!r} in {file}"


def remove_property(files: Files, rnd: random.Random) -> str | None:
    slots = _property_slots(files)
    if not slots:
        return None
    file, properties, name = rnd.choice(slots)
    del properties[name]
    return f"remove property {name!r} in {file}"


def rename_property(files: Files, rnd: random.Random) -> str | None:
    slots = _property_slots(files)
    if not slots:
        return None
    file, properties, name = rnd.choice(slots)
    items = list(properties.items())
    new = rnd.choice(["renamed", "kind", "next_cursor", "idempotency_key", "id", name + "_x"])
    properties.clear()
    properties.update((new if k == name else k, v) for k, v in items)
    return f"rename property {name!r} to {new!r} in {file}"


def retype_property(files: Files, rnd: random.Random) -> str | None:
    slots = _property_slots(files)
    if not slots:
        return None
    file, properties, name = rnd.choice(slots)
    properties[name] = _a_schema(files, file, rnd)
    return f"retype property {name!r} in {file} as {properties[name]}"


def retarget_ref(files: Files, rnd: random.Random) -> str | None:
    slots = [s for s in _schema_slots(files) if isinstance(s[1][s[2]].get("$ref"), str)]
    if not slots:
        return None
    file, container, key = rnd.choice(slots)
    container[key]["$ref"] = _refs(files, file, rnd)
    return f"point the $ref at {key!r} in {file} to {container[key]['$ref']}"


def make_enum(files: Files, rnd: random.Random) -> str | None:
    slots = _component_slots(files)
    if not slots:
        return None
    file, container, key = rnd.choice(slots)
    container[key] = {"type": rnd.choice(["string", "integer"]), "enum": rnd.choice([["a", "b"], [1, 2], ["x"]])}
    return f"make {key!r} in {file} an enum"


def make_alias(files: Files, rnd: random.Random) -> str | None:
    slots = _component_slots(files)
    if not slots:
        return None
    file, container, key = rnd.choice(slots)
    kind = rnd.randrange(3)
    if kind == 0:
        container[key] = {"$ref": _refs(files, file, rnd)}
    elif kind == 1:
        container[key] = {"type": "array", "items": {"$ref": _refs(files, file, rnd)}}
    else:
        container[key] = {"type": "string", "minLength": 2, "example": "zz"}
    return f"make {key!r} in {file} an alias: {container[key]}"


def make_model(files: Files, rnd: random.Random) -> str | None:
    slots = _component_slots(files)
    if not slots:
        return None
    file, container, key = rnd.choice(slots)
    container[key] = {
        "type": "object",
        "required": ["id"],
        "properties": {"id": {"type": "string"}, "other": _a_schema(files, file, rnd)},
    }
    return f"make {key!r} in {file} a model"


def add_component(files: Files, rnd: random.Random) -> str | None:
    schemas = _schemas(files)
    elsewhere = [name for file in files if file != ROOT for name in files[file]]  # named at first use, after ours
    name = rnd.choice([*_hoist_hints(files), *elsewhere, "Extra", "Aaa", "Zzz"])
    value = _a_schema(files, ROOT, rnd)
    if rnd.random() < 0.5:
        value = {"type": "object", "properties": {"v": value}}
    _insert(schemas, name, value, rnd.randint(0, len(schemas)))
    return f"add component schema {name!r}: {value}"


def remove_component(files: Files, rnd: random.Random) -> str | None:
    slots = _component_slots(files)
    if not slots:
        return None
    file, container, key = rnd.choice(slots)
    del container[key]
    return f"remove schema {key!r} from {file}"


def _new_operation(files: Files, rnd: random.Random) -> dict[str, Any]:
    ids = [op.get("operationId") for _, _, op in _operations(files[ROOT]) if op.get("operationId")]
    op: dict[str, Any] = {
        "operationId": rnd.choice([*ids, "brandNew", "another"]) if ids else "brandNew",
        "responses": {"200": {"description": "ok", "content": _json_body(_a_schema(files, ROOT, rnd))}},
    }
    if rnd.random() < 0.5:
        name = rnd.choice(_parameter_names(files))
        op["parameters"] = [{"name": name, "in": "query", "schema": {"type": "string", "enum": ["p", "q"]}}]
    if rnd.random() < 0.3:
        op["tags"] = [rnd.choice(["pets", "owners", "new"])]
    if rnd.random() < 0.3:
        op["requestBody"] = {"content": _json_body(_a_schema(files, ROOT, rnd))}
    return op


def add_operation(files: Files, rnd: random.Random) -> str | None:
    paths = files[ROOT].get("paths") or {}
    if not paths:
        return None
    path = rnd.choice(list(paths))
    if not isinstance(paths[path], dict) or "$ref" in paths[path]:
        return None
    method = rnd.choice(METHODS)
    paths[path][method] = _new_operation(files, rnd)
    return f"add (or replace) {method.upper()} {path}: {paths[path][method]}"


def remove_operation(files: Files, rnd: random.Random) -> str | None:
    operations = _operations(files[ROOT])
    if not operations:
        return None
    path, method, _ = rnd.choice(operations)
    del files[ROOT]["paths"][path][method]
    return f"remove {method.upper()} {path}"


def add_path(files: Files, rnd: random.Random) -> str | None:
    paths = files[ROOT].setdefault("paths", {})
    path = rnd.choice(["/aaa", "/zzz/{id}", "/v2/new", "/oauth/token"])
    item: dict[str, Any] = {"get": _new_operation(files, rnd)}
    if "{id}" in path and rnd.random() < 0.7:
        item["parameters"] = [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}]
    _insert(paths, path, item, rnd.choice([0, len(paths), rnd.randint(0, len(paths))]))
    return f"add path {path}: {item}"


def remove_path(files: Files, rnd: random.Random) -> str | None:
    paths = files[ROOT].get("paths") or {}
    if not paths:
        return None
    path = rnd.choice(list(paths))
    del paths[path]
    return f"remove path {path}"


def change_operation_id(files: Files, rnd: random.Random) -> str | None:
    operations = _operations(files[ROOT])
    if not operations:
        return None
    path, method, op = rnd.choice(operations)
    ids = [o.get("operationId") for _, _, o in operations if o.get("operationId")]
    new = rnd.choice([*ids, "renamedOp", None])
    if new is None:
        op.pop("operationId", None)
    else:
        op["operationId"] = new
    return f"operationId of {method.upper()} {path} -> {new}"


def change_tags(files: Files, rnd: random.Random) -> str | None:
    operations = _operations(files[ROOT])
    if not operations:
        return None
    path, method, op = rnd.choice(operations)
    declared = [t["name"] for t in files[ROOT].get("tags") or [] if isinstance(t, dict) and "name" in t]
    choice = rnd.choice([None, "fresh", *declared])
    if choice is None:
        op.pop("tags", None)
    else:
        op["tags"] = [choice]
    if rnd.random() < 0.3:
        files[ROOT]["tags"] = [*reversed(files[ROOT].get("tags") or []), {"name": "fresh", "description": "new"}]
    return f"tags of {method.upper()} {path} -> {choice} (tags list {files[ROOT].get('tags')})"


def hoist_early(files: Files, rnd: random.Random) -> str | None:
    """An inline enum before others with the same hint: the later ones' numbers shift."""
    root = files[ROOT]
    operations = _operations(root)
    enum = {"type": "string", "enum": ["e1", "e2"]}
    kind = rnd.randrange(3)
    if kind == 0 and operations:
        path, method, op = operations[0]
        name = rnd.choice(_parameter_names(files))
        op.setdefault("parameters", []).insert(0, {"name": name, "in": "query", "schema": enum})
        return f"inline enum parameter {name!r} first in {method.upper()} {path}"
    if kind == 1:
        schemas = _schemas(files)
        model = {"type": "object", "properties": {"status": enum, "kind": dict(enum)}}
        name = rnd.choice(["A", "Thing", "Pet", "Aaa"])
        _insert(schemas, name, model, 0)
        return f"component {name!r} with inline enums first"
    name = rnd.choice(_parameter_names(files))
    op = {
        "operationId": rnd.choice(["Thing", "early", "listPets"]),
        "parameters": [{"name": name, "in": "query", "schema": enum}],
        "responses": {
            "200": {"description": "ok", "content": _json_body({"type": "object", "properties": {"s": enum}})}
        },
    }
    _insert(root.setdefault("paths", {}), "/early", {"get": op}, 0)
    return f"path /early first, with an inline enum parameter {name!r}"


def change_shared_parameter(files: Files, rnd: random.Random) -> str | None:
    parameters = (files[ROOT].get("components") or {}).get("parameters") or {}
    if not parameters:
        return None
    key = rnd.choice(list(parameters))
    param = parameters[key]
    change = rnd.randrange(5)
    if change == 0:
        param["schema"] = _a_schema(files, ROOT, rnd)
    elif change == 1:
        param["name"] = rnd.choice(["cursor", "page", "Idempotency-Key", "limit", "order"])
    elif change == 2:
        param["in"] = rnd.choice(["query", "header", "cookie", "body"])
    elif change == 3:
        param["required"] = not param.get("required")
    else:
        param["description"] = "now described"
    return f"shared parameter {key!r} -> {param}"


def change_shared_response(files: Files, rnd: random.Random) -> str | None:
    responses = (files[ROOT].get("components") or {}).get("responses") or {}
    if not responses:
        return None
    key = rnd.choice(list(responses))
    response = responses[key]
    change = rnd.randrange(3)
    if change == 0:
        response["content"] = _json_body(_a_schema(files, ROOT, rnd))
    elif change == 1:
        response["headers"] = {"Link": {"schema": {"type": "string"}}}
    else:
        response["description"] = "said otherwise"
    return f"shared response {key!r} -> {response}"


def _described(node: Any, found: list[dict[str, Any]], depth: int = 0) -> None:
    if depth > 12:
        return
    if isinstance(node, dict):
        if isinstance(node.get("description"), str):
            found.append(node)
        for value in node.values():
            _described(value, found, depth + 1)
    elif isinstance(node, list):
        for value in node:
            _described(value, found, depth + 1)


def change_description(files: Files, rnd: random.Random) -> str | None:
    """Prose: a description changed, added (a line more before what follows) or removed."""
    file = rnd.choice(list(files))
    found: list[dict[str, Any]] = []
    _described(files[file], found)
    change = rnd.randrange(3)
    if change == 0 and found:
        node = rnd.choice(found)
        node["description"] = rnd.choice(["Changed.", "Two\nlines.", node["description"] + " More."])
        return f"description changed in {file}"
    if change == 1 and found:
        del rnd.choice(found)["description"]
        return f"description removed in {file}"
    slots = [s for s in _schema_slots(files) if s[0] == file]
    operations = [op for _, _, op in _operations(files[file])] if file == ROOT else []
    targets = [c[k] for _, c, k in slots] + operations
    if not targets:
        return None
    rnd.choice(targets)["description"] = "A new description."
    return f"description added in {file}"


def reorder(files: Files, rnd: random.Random) -> str | None:
    """Components, paths or properties in another order."""
    root = files[ROOT]
    kind = rnd.randrange(4)
    if kind == 0:
        mapping = _schemas(files)
    elif kind == 1:
        mapping = root.get("paths") or {}
    elif kind == 2:
        components = root.get("components") or {}
        kinds = [k for k in ("parameters", "responses", "securitySchemes") if components.get(k)]
        if not kinds:
            return None
        mapping = components[rnd.choice(kinds)]
    else:
        slots = _with_properties(files)
        if not slots:
            return None
        _, container, key = rnd.choice(slots)
        mapping = container[key]["properties"]
    items = list(mapping.items())
    rnd.shuffle(items)
    mapping.clear()
    mapping.update(items)
    return f"reorder to {list(mapping)}"


def change_security(files: Files, rnd: random.Random) -> str | None:
    root = files[ROOT]
    schemes = root.setdefault("components", {}).setdefault("securitySchemes", {})
    names = [*schemes, "nowhere"]
    change = rnd.randrange(6)
    if change == 0:
        root["security"] = rnd.choice([[], [{rnd.choice(names): []}], [{}, {rnd.choice(names): []}]])
        return f"root security -> {root['security']}"
    if change == 1:
        root.pop("security", None)
        return "root security removed"
    operations = _operations(root)
    if change == 2 and operations:
        path, method, op = rnd.choice(operations)
        op["security"] = rnd.choice([[], [{rnd.choice(names): []}]])
        return f"security of {method.upper()} {path} -> {op['security']}"
    if change == 3:
        name = rnd.choice(["bearer", "basic", "key2"])
        schemes[name] = rnd.choice(
            [
                {"type": "http", "scheme": "bearer"},
                {"type": "http", "scheme": "basic"},
                {"type": "apiKey", "in": "query", "name": "key"},
                {"type": "mutualTLS"},
            ]
        )
        return f"scheme {name!r} -> {schemes[name]}"
    if change == 4 and schemes:
        name = rnd.choice(list(schemes))
        del schemes[name]
        return f"scheme {name!r} removed"
    oauth = [s for s in schemes.values() if isinstance(s, dict) and s.get("type") == "oauth2"]
    paths = list(root.get("paths") or {})
    if not oauth or not paths:
        return None
    flow = next(iter(oauth[0].get("flows", {}).values()), None)
    if not isinstance(flow, dict):
        return None
    flow["tokenUrl"] = f"https://example.com{rnd.choice(paths)}"
    return f"tokenUrl -> {flow['tokenUrl']}"


def add_paging_field(files: Files, rnd: random.Random) -> str | None:
    """A field that paging or idempotency reads, added to or removed from a model."""
    slots = _with_properties(files)
    if not slots:
        return None
    _, container, key = rnd.choice(slots)
    properties = container[key]["properties"]
    name = rnd.choice(["next_cursor", "cursor", "has_more", "idempotency_key", "starting_after", "data"])
    if name in properties:
        del properties[name]
        return f"remove paging field {name!r} from {key!r}"
    properties[name] = {"type": "array", "items": {"type": "string"}} if name == "data" else {"type": "string"}
    return f"add paging field {name!r} to {key!r}"


def change_constraint(files: Files, rnd: random.Random) -> str | None:
    """What a field referring to a schema copies from it: constraints, example, secrecy."""
    slots = [s for s in _schema_slots(files) if "properties" not in s[1][s[2]]]
    named = [s for s in _component_slots(files) if "properties" not in s[1][s[2]]]
    slots = named if named and rnd.random() < 0.5 else slots  # a named one: what $refs copy from
    if not slots:
        return None
    file, container, key = rnd.choice(slots)
    node = container[key]
    keyword, value = rnd.choice(
        [("maxLength", rnd.randint(1, 50)), ("example", "sample"), ("x-sensitive", True), ("format", "password")]
    )
    if keyword in node:
        del node[keyword]
        return f"remove {keyword} at {key!r} in {file}"
    node[keyword] = value
    return f"{keyword} = {value!r} at {key!r} in {file}"


EDITS: dict[str, Edit] = {
    edit.__name__: edit
    for edit in (
        add_property,
        remove_property,
        rename_property,
        retype_property,
        retarget_ref,
        make_enum,
        make_alias,
        make_model,
        add_component,
        remove_component,
        add_operation,
        remove_operation,
        add_path,
        remove_path,
        change_operation_id,
        change_tags,
        hoist_early,
        change_shared_parameter,
        change_shared_response,
        change_description,
        reorder,
        change_security,
        add_paging_field,
        change_constraint,
    )
}

ACROSS_UNITS = (
    "add_component",
    "change_constraint",
    "retarget_ref",
    "make_alias",
    "make_model",
    "hoist_early",
    "add_paging_field",
    "change_security",
    "change_shared_parameter",
    "change_operation_id",
)
"""Edits whose effect most often reaches units they do not touch: drawn twice as often."""
AN_EDIT = st.tuples(st.sampled_from(sorted(EDITS) + sorted(ACROSS_UNITS)), st.integers(0, 2**32 - 1))
SOME_EDITS = st.lists(AN_EDIT, min_size=1, max_size=4)


def _apply(files: Files, edits: list[tuple[str, int]]) -> None:
    for name, seed in edits:
        said = EDITS[name](files, random.Random(seed))
        note(f"{name}({seed}): {said or 'nothing to edit'}")


def _units(files: Files) -> set[str]:
    """The units of the root file a build makes one after the other: each path item and
    each component schema (one that a schema before it reaches is made with that one)."""
    root = files[ROOT]
    units = {"/paths/" + p.replace("~", "~0").replace("/", "~1") for p in root.get("paths") or {}}
    return units | {f"/components/schemas/{name}" for name in (root.get("components") or {}).get("schemas") or {}}


# ---- replay equals a full build -----------------------------------------------------


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    base=st.sampled_from(sorted(BASES)),
    first=SOME_EDITS,
    second=SOME_EDITS,
    root_format=st.sampled_from(["json", "json", "yaml"]),
    renamed=st.booleans(),
)
def test_a_replayed_build_equals_a_full_build_after_any_edits(
    base: str, first: list[tuple[str, int]], second: list[tuple[str, int]], root_format: str, renamed: bool
) -> None:
    """``renamed``: each spec's root file has a name of its own (as the bench's variants
    have), which findings and each part's source show."""
    files = copy.deepcopy(BASES[base])
    with tempfile.TemporaryDirectory() as temp:
        path = _write(Path(temp), files, root_format)
        last = _assert_replay_equals_full(path, None)
        for step, edits in enumerate((first, second)):  # the second replays from the first's replayed build
            _apply(files, edits)
            path = _write(Path(temp), files, root_format, f"{ROOT}-{step}" if renamed else ROOT)
            made = _assert_replay_equals_full(path, last[0] if last else None)
            note(f"built: {made is not None}")
            if last is not None:  # replaying from a Built leaves it as it was
                _assert_same_api(last[0].api, last[1])
            last = made or last


@pytest.mark.parametrize("old", sorted(BASES))
def test_a_replay_from_the_build_of_another_spec_equals_a_full_build(old: str, tmp_path: Path) -> None:
    built = _assert_replay_equals_full(_write(tmp_path, copy.deepcopy(BASES[old]), "json"), None)
    assert built is not None
    for new in sorted(set(BASES) - {old}):
        path = _write(tmp_path, copy.deepcopy(BASES[new]), "json")
        assert _assert_replay_equals_full(path, built[0]) is not None


def _shop_edit(edit: Callable[[Any], None]) -> Callable[[Files], None]:
    return lambda files: edit(files[ROOT])


def _add_component_at_end(name: str, schema: dict[str, Any]) -> Callable[[Files], None]:
    return _shop_edit(lambda root: root["components"]["schemas"].update({name: schema}))


def _add_first_path(root: Any) -> None:
    enum = {"type": "string", "enum": ["x", "y"]}
    op = {"operationId": "early", "parameters": [{"name": "order", "in": "query", "schema": enum}], "responses": {}}
    _insert(root["paths"], "/early", {"get": op}, 0)


def _set(node: Any, key: str, value: Any) -> None:
    node[key] = value


CROSS_UNIT_EDITS: dict[str, Callable[[Files], None]] = {
    # A component taking the name an unchanged schema's inline object was hoisted under.
    "component_takes_a_hoisted_name": _add_component_at_end("Owner_address", {"type": "string"}),
    # An operation earlier in the spec hoisting under the hint of a shared parameter's enum.
    "earlier_hoist_renumbers_later_ones": _shop_edit(_add_first_path),
    # A next cursor in the response: listing owners, which takes a cursor, pages.
    "cursor_field_makes_an_operation_page": _shop_edit(
        lambda root: root["components"]["schemas"]["OwnerPage"]["properties"].update(
            {"next_cursor": {"type": "string"}}
        )
    ),
    # The idempotency key of a body model removed: createPet is no longer idempotent.
    "idempotency_field_removed": _shop_edit(
        lambda root: root["components"]["schemas"]["NewPet"]["properties"].pop("idempotency_key")
    ),
    # The API-wide security changed: which credentials the client holds, for every operation.
    "root_security_changed": _shop_edit(lambda root: _set(root, "security", [{"api_key": []}])),
    # A security scheme used by one operation only: whether the client holds it.
    "scheme_used_by_one_operation": _shop_edit(
        lambda root: _set(root["paths"]["/animals"]["get"], "security", [{"bearer": []}])
    ),
    # The token operation's id, which the oauth scheme names.
    "token_operation_renamed": _shop_edit(
        lambda root: _set(root["paths"]["/oauth/token"]["post"], "operationId", "getToken")
    ),
    # Two operations with one id in one tag now: an error in the unit that did not change.
    "duplicate_operation_id": _shop_edit(lambda root: _set(root["paths"]["/owners"]["get"], "tags", ["pets"])),
    "first_of_a_duplicate_removed": _shop_edit(lambda root: root["paths"].pop("/owners")),
    # What fields referring to Name copy from it: its constraints and example.
    "referred_primitive_constrained": _shop_edit(
        lambda root: _set(root["components"]["schemas"]["Name"], "maxLength", 3)
    ),
    "referred_primitive_made_secret": _shop_edit(
        lambda root: _set(root["components"]["schemas"]["Name"], "x-sensitive", True)
    ),
    # An allOf part another schema reads: Cat's fields and Dog's disagreement.
    "all_of_part_changed": _shop_edit(
        lambda root: _set(root["components"]["schemas"]["Pet"]["properties"], "name", {"type": "boolean"})
    ),
    # A schema referred to by $ref alone becoming an alias: its referrers' types change.
    "referred_model_made_an_alias": _shop_edit(
        lambda root: _set(root["components"]["schemas"], "Owner", {"type": "array", "items": {"type": "string"}})
    ),
    "referred_schema_removed": _shop_edit(lambda root: root["components"]["schemas"].pop("Status")),
    # A description added near the top: every finding after it moves down a line.
    "lines_shift_below_an_edit": _shop_edit(lambda root: _set(root["info"], "description", "One.\nTwo.\nThree.")),
    "findings_of_a_unit_move_down": _shop_edit(
        lambda root: _set(root["components"]["schemas"]["Owner"], "description", "Now described.")
    ),
    # Groups: the declared tags' order, and a tag's description.
    "tags_reordered": _shop_edit(lambda root: root["tags"].reverse()),
    # A shared parameter with a warning, its first user gone: the warning comes later.
    "first_user_of_a_shared_warning_removed": _shop_edit(
        lambda root: (
            _set(root["components"]["parameters"]["Order"], "in", "nowhere"),
            root["paths"]["/owners"]["get"].pop("parameters"),
        )
    ),
    # A shared parameter's warning is said once, by its first user: either user edited.
    "first_user_of_a_shared_warning_edited": _shop_edit(
        lambda root: _set(root["paths"]["/pets/search"]["get"], "summary", "Search.")
    ),
    "later_user_of_a_shared_warning_edited": _shop_edit(
        lambda root: _set(root["paths"]["/animals"]["get"], "summary", "Animals.")
    ),
    # The discriminator's mapping names a schema by its name.
    "mapped_schema_renamed": _shop_edit(
        lambda root: _set(root["components"]["schemas"]["Animal"]["discriminator"]["mapping"], "dog", "Cat")
    ),
    # Components in another order: models in another order, forward $refs made backward.
    "components_reordered": _shop_edit(
        lambda root: _set(root["components"], "schemas", dict(reversed(list(root["components"]["schemas"].items()))))
    ),
}
CROSS_UNIT_EDITS_OF_NAMES: dict[str, Callable[[Files], None]] = {
    # A root component taking the name of another file's schema, named at its first use after ours.
    "other_files_schema_renumbered": _add_component_at_end("Money", {"type": "string"}),
    # The other file edited: the root's units referring to it by $ref alone did not change.
    "other_file_edited": lambda files: _set(files["common.yaml"]["Money"]["properties"], "note", {"type": "string"}),
    # An earlier operation's inline enum parameter named as a shared parameter's: its enum renumbered.
    "shared_parameters_enum_renumbered": lambda files: _set(
        files[ROOT]["paths"]["/things"]["get"]["parameters"][0], "name", "state"
    ),
}
"""Edits of the names spec (hoisted names that collide, another file) read by unchanged units."""


@pytest.mark.parametrize(
    ("base", "edit"),
    [("shop", name) for name in sorted(CROSS_UNIT_EDITS)]
    + [("names", name) for name in sorted(CROSS_UNIT_EDITS_OF_NAMES)],
)
@pytest.mark.parametrize("root_format", ["json", "yaml"])
def test_an_edit_read_by_unchanged_units_gives_the_full_build(
    base: str, edit: str, root_format: str, tmp_path: Path
) -> None:
    """Edits whose effect reaches units that did not change, each made once for sure."""
    files = copy.deepcopy(BASES[base])
    path = _write(tmp_path, files, root_format)
    first = _assert_replay_equals_full(path, None)
    assert first is not None
    again = _assert_replay_equals_full(path, first[0])  # a replayed build, to replay from
    assert again is not None
    before = _full(path)
    (CROSS_UNIT_EDITS | CROSS_UNIT_EDITS_OF_NAMES)[edit](files)
    _write(tmp_path, files, root_format)
    assert _full(path) != before, "the edit changes nothing the build makes"
    _assert_replay_equals_full(path, again[0])


# ---- replay happens --------------------------------------------------------------


def test_an_unchanged_spec_is_replayed_whole(tmp_path: Path) -> None:
    path = _write(tmp_path, copy.deepcopy(BASES["shop"]), "json")
    first = _assert_replay_equals_full(path, None)
    assert first is not None
    assert first[0].replayed == frozenset()
    again = _assert_replay_equals_full(path, first[0])
    assert again is not None
    assert again[0].replayed == set(again[0].record.units)
    assert {unit for unit in _units(BASES["shop"]) if unit.startswith("/paths/")} <= again[0].replayed


def _many_schemas() -> Files:
    """A model no other unit reads, then twenty models, a few operations using some of
    them, and warnings throughout."""
    schemas: dict[str, Any] = {"Lone": {"type": "object", "properties": {"x": {"type": "string"}}}}
    for i in range(20):
        properties: dict[str, Any] = {"id": {"type": "string"}, "size": {"type": "integer"}}
        if i % 4 == 0:
            properties["state"] = {"type": "string", "enum": ["on", "off", "on"]}  # a warning
        if i > 0:
            properties["previous"] = _ref(f"S{i - 1:02}")
        schemas[f"S{i:02}"] = {"type": "object", "properties": properties, "not": {"required": ["id"]}}
    paths = {
        f"/s{i}": {
            "get": {
                "operationId": f"getS{i}",
                "responses": {"200": {"description": "ok", "content": _json_body(_ref(f"S{i:02}"))}},
            }
        }
        for i in range(0, 20, 3)
    }
    return {
        ROOT: {
            "openapi": "3.0.3",
            "info": {"title": "Many", "version": "1"},
            "paths": paths,
            "components": {"schemas": schemas},
        }
    }


@pytest.mark.parametrize("root_format", ["json", "yaml"])
def test_a_description_edit_replays_every_unit_but_the_edited_schema(root_format: str, tmp_path: Path) -> None:
    files = _many_schemas()
    path = _write(tmp_path, files, root_format)
    first = _assert_replay_equals_full(path, None)
    assert first is not None
    _, before = _full(path)
    # Added, the description takes a line of its own: the findings of the units below move.
    files[ROOT]["components"]["schemas"]["Lone"]["description"] = "Stands alone."
    _write(tmp_path, files, root_format)
    _, after = _full(path)
    assert [f[:4] for f in after] == [f[:4] for f in before] and after != before
    edited = _assert_replay_equals_full(path, first[0])
    assert edited is not None
    assert edited[1].models["Lone"].description == "Stands alone."
    assert "/components/schemas/Lone" not in edited[0].replayed
    assert _units(files) - {"/components/schemas/Lone"} <= edited[0].replayed


def test_a_field_added_to_a_referred_schema_replays_the_schemas_that_refer_to_it_by_ref_alone(
    tmp_path: Path,
) -> None:
    files = copy.deepcopy(BASES["shop"])
    path = _write(tmp_path, files, "json")
    first = _assert_replay_equals_full(path, None)
    assert first is not None
    files[ROOT]["components"]["schemas"]["Pet"]["properties"]["nickname"] = {"type": "string"}
    _write(tmp_path, files, "json")
    edited = _assert_replay_equals_full(path, first[0])
    assert edited is not None
    assert "nickname" in [f.name for f in edited[1].models["Pet"].fields]
    assert "/components/schemas/Pet" not in edited[0].replayed
    # Page's items are Pets, by $ref alone: it is replayed. (Owner, before Pet, made Pet
    # when it met its $ref, so it is made again; the operations answering with a Pet or
    # a Page of them read their fields, to see whether they page.)
    assert "/components/schemas/Page" in edited[0].replayed
    assert "/components/schemas/Owner" not in edited[0].replayed


def _square_edits(data: dict[str, Any]) -> list[tuple[str, Callable[[dict[str, Any]], None]]]:
    """The bench's kinds of edit (see ``prepare_variants`` in bench/run.py), each made on
    the spec as the one before left it."""
    schemas = data["components"]["schemas"]
    text = json.dumps(data)
    uses = {name: text.count(f'"#/components/schemas/{name}"') for name in schemas}
    wide = max((name for name in schemas if isinstance(schemas[name].get("properties"), dict)), key=uses.__getitem__)
    unused = next(name for name in schemas if uses[name] == 0)
    path, item = next((p, i) for p, i in data["paths"].items() if isinstance(i.get("post"), dict))

    def describe(spec: dict[str, Any]) -> None:
        op = spec["paths"][path]["post"]
        op["description"] = f"{op.get('description', '')} Changed by the test."

    def add_operation(spec: dict[str, Any]) -> None:
        copied = copy.deepcopy(item["post"])
        copied["operationId"] = f"{copied.get('operationId', 'post')}Copy"
        spec["paths"][path.rstrip("/") + "/copy"] = {"post": copied}

    def add_field(spec: dict[str, Any]) -> None:
        spec["components"]["schemas"][wide]["properties"]["added_by_the_test"] = {"type": "string"}

    def remove_model(spec: dict[str, Any]) -> None:
        del spec["components"]["schemas"][unused]

    return [("description", describe), ("operation", add_operation), ("field", add_field), ("removed", remove_model)]


def test_a_replay_of_the_bench_edits_of_square_equals_a_full_build(tmp_path: Path) -> None:
    """Square's spec, edited as the bench edits it, one edit after another, each build
    replaying from the one before (replayed, after the first), each spec under a name of
    its own (as the bench's variants are)."""
    data = json.loads(shared_path("corpus", "square", "api-2025-08-20.oas3.json").read_text())
    path = tmp_path / "square-base.json"
    path.write_text(json.dumps(data, indent=2))
    last = _assert_replay_equals_full(path, None)
    assert last is not None
    for name, edit in _square_edits(data):
        edit(data)
        path = tmp_path / f"square-{name}.json"
        path.write_text(json.dumps(data, indent=2))
        made = _assert_replay_equals_full(path, last[0])
        assert made is not None
        assert len(made[0].replayed) > len(made[0].record.units) * 0.9, name
        last = made


def test_two_members_named_alike_make_a_unit_no_record_holds_for(tmp_path: Path) -> None:
    """A YAML map may have the keys ``1`` and ``"1"``: both are the unit
    ``/components/schemas/1``, whose digest is new at every run, so neither is replayed
    as the other."""
    from sdkforge.model.replay import unit_digests

    path = tmp_path / "clash.yaml"
    path.write_text(
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n"
        "    1: {type: object, properties: {a: {type: string}}}\n"
        "    '1': {type: object, properties: {b: {type: integer}}}\n"
        "    Other: {type: string}\n"
    )
    spec = load_spec(path)
    first, second = unit_digests(spec), unit_digests(spec)
    assert first["/components/schemas/1"] != second["/components/schemas/1"]
    assert first["/components/schemas/Other"] == second["/components/schemas/Other"]
