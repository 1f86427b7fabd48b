"""Legal but awkward specs generate working code.

One big spec holds every awkward thing at once: recursive and mutually recursive schemas
(directly, through arrays and through maps), names that are Python keywords, builtins,
typing names or the SDK's own member names, names that differ only by case or
punctuation, names with digits, dashes, dots, brackets, dollars, spaces, non-ASCII or
nothing at all, enum values that collide once converted, tags and schemas whose names
collide. The package it gives must import, pass ``mypy --strict`` and ``black --check``,
send every parameter under its wire name, and round-trip every field's wire name.

The names chosen are kept in ``snapshots/awkward_names.txt``: naming is deterministic,
and any change to it shows up there (``SDKFORGE_UPDATE_SNAPSHOTS=1`` to accept one).
"""

from __future__ import annotations

import json
import keyword
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import black
import httpx
import pytest
from robustness_support import AWKWARD_NAMES, Generated, generate, imported, naming_report, unique_package, write_spec

from sdkforge.pipeline import check_spec
from sdkforge.targets.python.format import black_mode
from sdkforge.targets.python.naming import name_api, parameter_names

SNAPSHOT = Path(__file__).parent / "snapshots" / "awkward_names.txt"

# Component names must match ^[a-zA-Z0-9._-]+$ (the validator says so); other awkward
# names reach schemas through inline schemas named after their property.
SCHEMA_NAMES = [
    *(n for n in AWKWARD_NAMES if n and all(c.isascii() and (c.isalnum() or c in "._-") for c in n)),
    "Model",
    "Builder",
    "ModelBuilder",
    "Client",
    "SdkError",
    "Settings",
    "ENVIRONMENTS",
    "con",
    "x" * 300,
]
TAGS = ["class", "self", "type", "List", "build", "close", "base_url", "httpx", "str", "../x", "/etc/x", ".."]
TAGS += ["foo bar", "foo-bar", "FooBar", "", "名前", "9tags", "Async", "AsyncFoo", "Foo", "Default", "y" * 300]
OPERATION_IDS = [n for n in AWKWARD_NAMES if n not in ("", "_")]
ENUM_VALUES = ["GMT0", "GMT-0", "gmt0", "gmt_0", "", "None", "class", "9", "-1", "名前", "a b", "EMPTY", "VALUE_9"]
PARAM_LOCATIONS = ("query", "header", "cookie")
HTTP_TOKEN = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")  # what a header or cookie name may be


def _string(description: str = "") -> dict[str, Any]:
    return {"type": "string", "description": description} if description else {"type": "string"}


def awkward_spec() -> dict[str, Any]:
    ref = "#/components/schemas/"
    schemas: dict[str, Any] = {name: {"type": "object", "properties": {"a": _string()}} for name in SCHEMA_NAMES}
    schemas["Holder"] = {
        "type": "object",
        "description": "Every awkward property name, and some of them required.",
        "required": ["class", "self", "from", "to_dict", "", "名前"],
        "properties": {name: _string(f"The {name!r} property.") for name in AWKWARD_NAMES},
    }
    # inline object schemas are hoisted under names made from their property's name
    for name in ("with space", "$dollar", "[bracket]", "名前", "class", "", "9lives"):
        schemas["Holder"]["properties"][f"inline {name}"] = {"type": "object", "properties": {name: _string()}}
    schemas["Tree"] = {
        "type": "object",
        "required": ["name"],
        "properties": {
            "name": _string(),
            "parent": {"$ref": ref + "Tree"},
            "children": {"type": "array", "items": {"$ref": ref + "Tree"}},
            "index": {"type": "object", "additionalProperties": {"$ref": ref + "Tree"}},
            "forest": {"$ref": ref + "Forest"},
        },
    }
    schemas["Forest"] = {
        "type": "object",
        "properties": {
            "trees": {"type": "array", "items": {"$ref": ref + "Tree"}},
            "groves": {"type": "object", "additionalProperties": {"type": "array", "items": {"$ref": ref + "Forest"}}},
            "nullable_tree": {"anyOf": [{"$ref": ref + "Tree"}, {"type": "null"}]},
        },
    }
    schemas["TimeZone"] = {"type": "string", "enum": ENUM_VALUES}
    schemas["Level"] = {"type": "integer", "enum": [1, -1, 0, 2]}
    schemas["Error"] = {"type": "object", "properties": {"code": _string(), "detail": _string()}}
    schemas["ErrorResponse"] = {
        "type": "object",
        "properties": {"errors": {"type": "array", "items": {"$ref": ref + "Error"}}},
    }
    parameters = [
        {"name": name, "in": location, "schema": {"type": "string"}}
        for location in PARAM_LOCATIONS
        for name in AWKWARD_NAMES
        if name and (location == "query" or HTTP_TOKEN.fullmatch(name))
    ]
    parameters.append({"name": "zone", "in": "query", "schema": {"$ref": ref + "TimeZone"}})
    paths: dict[str, Any] = {}
    for t, tag in enumerate(TAGS):
        for o, operation_id in enumerate(OPERATION_IDS if t == 0 else OPERATION_IDS[:3]):
            operation: dict[str, Any] = {
                "operationId": operation_id if t == 0 else f"{operation_id}{tag}",
                "tags": [tag],
                "responses": {
                    "200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": ref + "Tree"}}}},
                    "400": {
                        "description": "bad",
                        "content": {"application/json": {"schema": {"$ref": ref + "ErrorResponse"}}},
                    },
                },
            }
            if t == 0 and o == 0:
                operation["parameters"] = parameters
                operation["requestBody"] = {
                    "required": True,
                    "content": {"application/json": {"schema": {"$ref": ref + "Holder"}}},
                }
            paths[f"/t{t}/o{o}/{{id}}"] = {
                "post": operation,
                "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
            }
    return {
        "openapi": "3.1.0",
        "info": {"title": "Awkward", "version": "1"},
        "servers": [{"url": "https://a.example", "description": "class"}, {"url": "https://b.example"}],
        "security": [{"bearer": [], "class": [], "timeout": [], "self": []}],
        "tags": [{"name": tag, "description": f"The {tag!r} tag."} for tag in TAGS],
        "paths": paths,
        "components": {
            "schemas": schemas,
            "securitySchemes": {
                "bearer": {"type": "http", "scheme": "bearer"},
                "class": {"type": "apiKey", "in": "header", "name": "X-Class"},
                "timeout": {"type": "apiKey", "in": "query", "name": "timeout"},
                "self": {"type": "apiKey", "in": "cookie", "name": "self"},
            },
        },
    }


@pytest.fixture(scope="module")
def awkward(tmp_path_factory: pytest.TempPathFactory) -> Generated:
    folder = tmp_path_factory.mktemp("awkward")
    spec = write_spec(folder, awkward_spec())
    return generate(spec, folder / "out", unique_package("awkward"))


def test_the_package_passes_black_and_mypy_strict(awkward, tmp_path):
    for path, text in awkward.files.items():
        if path.endswith(".py"):
            assert black.format_str(text, mode=black_mode()) == text, f"{path} is not black-formatted"
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path / "mypy"), awkward.package],
        cwd=awkward.out,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_field_keeps_its_wire_name_through_from_dict_and_to_dict(awkward):
    properties = awkward_spec()["components"]["schemas"]["Holder"]["properties"]
    data: dict[str, Any] = {name: f"value of {name!r}" for name in properties if not name.startswith("inline ")}
    for name in properties:
        if name.startswith("inline "):
            inner = next(iter(properties[name]["properties"]))
            data[name] = {inner: "inner", "unknown to the SDK": [1, 2]}
    data["a field the SDK does not know"] = {"kept": True}
    with imported(awkward.out, awkward.package) as package:
        holder_class = package.models.Holder
        holder = holder_class.from_dict(data)
        assert holder.to_dict() == data
        assert holder.to_builder().build() == holder
        for attr in (f.attr for f in holder_class._fields):
            assert attr.isidentifier() and not keyword.iskeyword(attr) and not keyword.issoftkeyword(attr)
        rebuilt = holder_class.from_dict(json.loads(json.dumps(holder.to_dict())))
        assert rebuilt == holder


def test_the_builder_takes_required_fields_and_sets_every_field_by_its_python_name(awkward):
    with imported(awkward.out, awkward.package) as package:
        holder_class = package.models.Holder
        required = [f for f in holder_class._fields if f.wire in ("class", "self", "from", "to_dict", "", "名前")]
        builder = holder_class.builder(*[f"r-{f.wire}" for f in required])
        for f in holder_class._fields:
            if f.wire not in ("class", "self", "from", "to_dict", "", "名前") and not f.wire.startswith("inline "):
                builder = getattr(builder, f.attr)(f"s-{f.wire}")
        wire = builder.build().to_dict()
        assert {k: v for k, v in wire.items() if v.startswith("r-")} == {f.wire: f"r-{f.wire}" for f in required}
        assert wire["type"] == "s-type" and wire["build"] == "s-build" and wire["extra_fields"] == "s-extra_fields"


def test_recursive_and_mutually_recursive_models_round_trip(awkward):
    tree = {
        "name": "root",
        "parent": {"name": "up", "parent": {"name": "further up"}},
        "children": [{"name": "a", "children": [{"name": "a.1", "children": []}]}, {"name": "b"}],
        "index": {"first": {"name": "i", "index": {"deeper": {"name": "j"}}}},
        "forest": {
            "trees": [{"name": "t", "forest": {"trees": []}}],
            "groves": {"g": [{"trees": [{"name": "u"}]}, {"groves": {}}]},
            "nullable_tree": None,
        },
    }
    with imported(awkward.out, awkward.package) as package:
        models = package.models
        parsed = models.Tree.from_dict(tree)
        assert parsed.to_dict() == tree
        assert isinstance(parsed.children[0].children[0], models.Tree)
        assert isinstance(parsed.index["first"].index["deeper"], models.Tree)
        assert isinstance(parsed.forest.groves["g"][0].trees[0], models.Tree)


def test_enum_values_that_collide_after_conversion_stay_distinct(awkward):
    with imported(awkward.out, awkward.package) as package:
        zone = package.models.TimeZone
        assert [member.value for member in zone] == ENUM_VALUES
        assert len({member.name for member in zone}) == len(ENUM_VALUES)
        assert zone("GMT-0") is not zone("GMT0")
        level = package.models.Level
        assert sorted(member.value for member in level) == [-1, 0, 1, 2]


def test_every_parameter_is_sent_under_its_wire_name(awkward):
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"name": "ok"})

    spec = awkward_spec()
    operation = spec["paths"]["/t0/o0/{id}"]["post"]
    wire_params = [(p["in"], p["name"]) for p in operation["parameters"] if p["name"] != "zone"]
    with imported(awkward.out, awkward.package) as package:
        api = awkward.api
        op = next(o for g in api.groups for o in g.operations if o.operation_id == OPERATION_IDS[0])
        python = parameter_names(op)
        kwargs = {python[f"{location}:{name}"]: f"v-{location}-{name}" for location, name in wire_params}
        kwargs[python["query:zone"]] = package.models.TimeZone("GMT-0")
        body = package.models.Holder.builder(*["r"] * 6).build()
        http = httpx.Client(transport=httpx.MockTransport(handler))
        with package.Client(
            access_token="T", class_="C", timeout_="Q", self_="S", base_url="https://api.test", http_client=http
        ) as client:
            group = getattr(client, name_api(api).groups[TAGS[0]].attribute)
            method = getattr(group, name_api(api).groups[TAGS[0]].methods[OPERATION_IDS[0]])
            tree = method("the id", body, **kwargs)
    assert tree.name == "ok"
    request = seen[0]
    assert request.url.path == "/t0/o0/the id"
    for location, name in wire_params:
        value = f"v-{location}-{name}"
        if location == "query":
            assert request.url.params.get_list(name) == [value], name
        elif location == "header":  # names are case-insensitive: "self" and "Self" both arrive as "self"
            same = [f"v-header-{n}" for loc, n in wire_params if loc == "header" and n.lower() == name.lower()]
            assert request.headers.get_list(name) == same, name
    cookies = {k: unquote(v) for k, v in (part.split("=", 1) for part in request.headers["cookie"].split("; "))}
    for location, name in wire_params:
        if location == "cookie":
            assert cookies[name] == f"v-cookie-{name}", name
    assert request.url.params["zone"] == "GMT-0"
    assert request.headers["Authorization"] == "Bearer T" and request.headers["X-Class"] == "C"
    assert request.url.params["timeout"] == "Q"
    assert json.loads(request.content) == body.to_dict()


def test_a_cookie_credential_is_sent_along_with_cookie_parameters(awkward):
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"name": "ok"})

    api = awkward.api
    group_names = name_api(api).groups[TAGS[0]]
    op = next(o for g in api.groups for o in g.operations if o.operation_id == OPERATION_IDS[0])
    cookie_param = parameter_names(op)["cookie:value"]
    with imported(awkward.out, awkward.package) as package:
        http = httpx.Client(transport=httpx.MockTransport(handler))
        with package.Client(self_="S", base_url="https://api.test", http_client=http) as client:
            method = getattr(getattr(client, group_names.attribute), group_names.methods[OPERATION_IDS[0]])
            method("id", package.models.Holder.builder(*["r"] * 6).build(), **{cookie_param: "V"})
    assert sorted(seen[0].headers["cookie"].split("; ")) == ["self=S", "value=V"]


def test_names_are_deterministic_and_as_recorded(awkward):
    text = naming_report(awkward.api)
    assert naming_report(check_spec(awkward.spec)[0]) == text, "naming the same spec twice must agree"
    if os.environ.get("SDKFORGE_UPDATE_SNAPSHOTS") == "1":
        SNAPSHOT.write_text(text, encoding="utf-8")
    assert text == SNAPSHOT.read_text(encoding="utf-8")


def test_names_do_not_depend_on_the_hash_seed(awkward):
    script = (
        "import sys; from pathlib import Path; from sdkforge.pipeline import check_spec; "
        "from robustness_support import naming_report; "
        "sys.stdout.write(naming_report(check_spec(Path(sys.argv[1]))[0]))"
    )
    for seed in ("0", "4242"):
        result = subprocess.run(
            [sys.executable, "-c", script, str(awkward.spec)],
            env={**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(Path(__file__).parent)},
            capture_output=True,
            text=True,
            check=True,
        )
        assert result.stdout == naming_report(awkward.api), f"names differ with PYTHONHASHSEED={seed}"


def test_every_file_name_is_plain_short_and_inside_the_output_folder(awkward):
    root = awkward.out.resolve()
    for path in awkward.out.rglob("*"):
        assert path.resolve().is_relative_to(root)
        assert not path.is_symlink()
        if path.is_file() and path.name != ".sdkforge-manifest.json":
            assert re.fullmatch(r"[A-Za-z0-9_][A-Za-z0-9_-]*(\.[a-z]+)?", path.name), path
            assert len(path.name) <= 70, path
            assert path.name.split(".")[0].lower() not in {"con", "nul", "prn", "aux"}, path
