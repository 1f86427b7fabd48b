"""Spec names never hide the names generated code uses for itself.

A spec name becomes a class, a field, an enum member, a method, a parameter, a client
attribute, a credential parameter or a module, bound in a scope where generated code
looks names up: a field ``staticmethod`` would hide the decorator from the rest of the
class body, a parameter ``cast`` would hide ``typing.cast`` from the method body, a model
module ``importlib`` would replace the ``importlib`` that the models package imports.

Naming keeps one reserved set per kind (:mod:`sdkforge.targets.python.naming`). The
first tests read generated code (the golden SDK, and a spec made to use every template's
branches) with :mod:`ast` and check that each set holds every name the code uses in that
kind's scopes. The last generates a spec using each such name as a model, a field, a
tag, an operation, an enum value, a query parameter and a security scheme, and checks
that the SDK it gives imports, builds its models, makes every call to a real local
server and passes ``mypy --strict``.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
from generated_scopes import (
    body_names,
    class_scope_names,
    classes_of,
    functions_of,
    methods_of,
    module_names,
    parameters,
)
from project_paths import GOLDEN, SPEC
from robustness_support import RESERVED_NAMES, imported, render_raw, unique_package, write_spec

from sdkforge.pipeline import check_spec
from sdkforge.targets.python import naming
from sdkforge.targets.python.naming import PythonNames, credential_parameters, name_api, parameter_names

REF = "#/components/schemas/"


def _ok(schema_ref: str) -> dict[str, Any]:
    return {"description": "ok", "content": {"application/json": {"schema": {"$ref": REF + schema_ref}}}}


def every_branch_spec() -> dict[str, Any]:
    """A spec that takes every branch of the templates that chooses what code to write:
    dates, bytes, free-form values, lists, maps, unions, enums of both kinds, models with
    and without fields and required ones, every body and response kind, every parameter
    location and delimiter, deprecated calls, every credential kind, environments."""
    string = {"type": "string"}
    schemas: dict[str, Any] = {
        "Everything": {
            "type": "object",
            "required": ["when", "name"],
            "additionalProperties": {"type": "integer"},
            "properties": {
                "when": {"type": "string", "format": "date-time"},
                "day": {"type": "string", "format": "date"},
                "name": string,
                "blob": {"type": "string", "format": "binary"},
                "free": {},
                "count": {"type": "integer"},
                "ratio": {"type": "number"},
                "flag": {"type": "boolean"},
                "items": {"type": "array", "items": {"$ref": REF + "Leaf"}},
                "index": {"type": "object", "additionalProperties": {"$ref": REF + "Leaf"}},
                "either": {"oneOf": [{"$ref": REF + "Leaf"}, {"$ref": REF + "Other"}]},
                "maybe": {"anyOf": [{"$ref": REF + "Leaf"}, {"type": "null"}]},
                "colour": {"$ref": REF + "Colour"},
                "level": {"$ref": REF + "Level"},
                "old": {"type": "string", "deprecated": True},
                "secret": {"type": "string", "format": "password"},
                "dates": {"type": "array", "items": {"type": "string", "format": "date-time"}},
            },
        },
        "Leaf": {"type": "object", "properties": {"kind": {"type": "string"}}},
        "Other": {"type": "object", "required": ["size"], "properties": {"size": {"type": "integer"}}},
        "Empty": {"type": "object"},
        "Colour": {"type": "string", "enum": ["red", "green"], "x-enum-descriptions": {"red": "Red."}},
        "Level": {"type": "integer", "enum": [1, 2]},
        "Error": {"type": "object", "properties": {"code": string}},
        "ErrorResponse": {
            "type": "object",
            "properties": {"errors": {"type": "array", "items": {"$ref": REF + "Error"}}},
        },
    }
    parameters_ = [
        {"name": "id", "in": "path", "required": True, "schema": string},
        {"name": "q", "in": "query", "required": True, "schema": string},
        {"name": "since", "in": "query", "schema": {"type": "string", "format": "date-time"}},
        {"name": "colour", "in": "query", "schema": {"$ref": REF + "Colour"}},
        {
            "name": "tags",
            "in": "query",
            "style": "pipeDelimited",
            "explode": False,
            "schema": {"type": "array", "items": string},
        },
        {
            "name": "spaced",
            "in": "query",
            "style": "spaceDelimited",
            "explode": False,
            "schema": {"type": "array", "items": string},
        },
        {"name": "X-Trace", "in": "header", "schema": {"type": "integer"}},
        {"name": "session", "in": "cookie", "schema": string},
        {"name": "filter", "in": "query", "schema": {"type": "object", "additionalProperties": string}},
    ]
    json_body = {"required": True, "content": {"application/json": {"schema": {"$ref": REF + "Everything"}}}}
    form_body = {"content": {"application/x-www-form-urlencoded": {"schema": {"$ref": REF + "Leaf"}}}}
    multipart = {
        "content": {
            "multipart/form-data": {
                "schema": {"type": "object", "properties": {"file": {"type": "string", "format": "binary"}}}
            }
        }
    }
    raw_body = {"content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}}

    def op(operation_id: str, tag: str, **more: Any) -> dict[str, Any]:
        return {"operationId": operation_id, "tags": [tag], "responses": {"200": _ok("Leaf")}, **more}

    paths = {
        "/a/{id}": {
            "post": op(
                "everything",
                "alpha",
                parameters=parameters_,
                requestBody=json_body,
                deprecated=True,
                responses={"200": _ok("Everything"), "400": _ok("ErrorResponse")},
            ),
            "put": op(
                "form",
                "alpha",
                requestBody=form_body,
                security=[],
                parameters=[{"name": "id", "in": "path", "required": True, "schema": string}],
            ),
        },
        "/b": {
            "post": op(
                "upload",
                "beta",
                requestBody=multipart,
                responses={"200": {"description": "ok", "content": {"text/plain": {"schema": string}}}},
            ),
            "put": op(
                "raw",
                "beta",
                requestBody=raw_body,
                responses={
                    "200": {
                        "description": "ok",
                        "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}},
                    }
                },
            ),
            "delete": op("gone", "beta", responses={"204": {"description": "gone"}}, **{"x-release-status": "BETA"}),
            "get": op(
                "listing",
                "beta",
                responses={
                    "200": {
                        "description": "ok",
                        "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": REF + "Leaf"}}}},
                    }
                },
            ),
            "patch": op(
                "anything",
                "beta",
                responses={"200": {"description": "ok", "content": {"application/json": {"schema": {}}}}},
            ),
        },
        "/c": {
            "get": op(
                "union",
                "gamma",
                responses={
                    "200": {
                        "description": "ok",
                        "content": {
                            "application/json": {"schema": {"oneOf": [{"$ref": REF + "Leaf"}, {"$ref": REF + "Other"}]}}
                        },
                    }
                },
            ),
            "post": op(
                "colour",
                "gamma",
                responses={
                    "200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": REF + "Colour"}}}}
                },
            ),
            "put": op(
                "when",
                "gamma",
                responses={
                    "200": {
                        "description": "ok",
                        "content": {"application/json": {"schema": {"type": "string", "format": "date-time"}}},
                    }
                },
            ),
            "patch": op(
                "maybe",
                "gamma",
                responses={
                    "200": {
                        "description": "ok",
                        "content": {
                            "application/json": {"schema": {"anyOf": [{"$ref": REF + "Leaf"}, {"type": "null"}]}}
                        },
                    }
                },
            ),
        },
    }
    return {
        "openapi": "3.1.0",
        "info": {"title": "Branches", "version": "1"},
        "servers": [
            {"url": "https://one.example", "description": "one"},
            {"url": "https://two.example", "description": "two"},
        ],
        "security": [{"bearer": []}, {"basic": []}, {"header_key": [], "query_key": [], "cookie_key": []}],
        "tags": [{"name": "alpha", "description": "Alpha."}, {"name": "beta"}, {"name": "gamma"}],
        "paths": paths,
        "components": {
            "schemas": schemas,
            "securitySchemes": {
                "bearer": {"type": "http", "scheme": "bearer"},
                "basic": {"type": "http", "scheme": "basic"},
                "header_key": {"type": "apiKey", "in": "header", "name": "X-Key"},
                "query_key": {"type": "apiKey", "in": "query", "name": "key"},
                "cookie_key": {"type": "apiKey", "in": "cookie", "name": "key"},
            },
        },
    }


# ---- what generated code uses, scope by scope ------------------------------------------


def _snake_identifier(name: str) -> bool:
    return naming.identifier(naming.snake(name), "x", "n") == name


# Whether naming could give a spec name exactly this spelling, by kind: only those names
# can collide (no field is ever called ``TYPE_CHECKING``, no class ``cast``).
PRODUCIBLE: dict[str, Callable[[str], bool]] = {
    "class": lambda name: naming.identifier(naming.pascal(name), "X", "N") == name,
    "field": _snake_identifier,
    "enum member": lambda name: naming.identifier(naming.constant(name), "X", "VALUE_") == name,
    "method": _snake_identifier,
    "parameter": _snake_identifier,
    "client attribute": _snake_identifier,
    "credential": _snake_identifier,
    "model module": _snake_identifier,
    "group module": _snake_identifier,
}

RESERVED: dict[str, frozenset[str]] = {
    "class": naming.CLASS_RESERVED,
    "field": naming.FIELD_RESERVED,
    "enum member": naming.MEMBER_RESERVED,
    "method": naming.METHOD_RESERVED,
    "parameter": naming.PARAMETER_RESERVED,
    "client attribute": naming.ATTRIBUTE_RESERVED,
    "credential": naming.CREDENTIAL_RESERVED,
    "model module": naming.MODEL_MODULE_RESERVED,
    "group module": naming.GROUP_MODULE_RESERVED,
}


def spec_names(api: Any, names: PythonNames) -> dict[str, set[str]]:
    """The names naming gave the spec's own things, by kind."""
    operations = [op for group in api.groups for op in group.operations]
    return {
        "class": {n for t in names.types.values() for n in (t.class_name, t.builder) if n}
        | {
            n
            for g in names.groups.values()
            for n in (g.class_name, g.async_class_name, g.raw_class_name, g.async_raw_class_name)
        },
        "field": {a for t in names.types.values() for a in t.fields.values()},
        "enum member": {m for t in names.types.values() for m in t.members.values()},
        "method": {m for g in names.groups.values() for m in g.methods.values()},
        "parameter": {p for op in operations for p in parameter_names(op).values()},
        "client attribute": {g.attribute for g in names.groups.values()},
        "credential": set(credential_parameters(api.client_auth).values()),
        "model module": {t.module for t in names.types.values()},
        "group module": {g.module for g in names.groups.values()},
    }


def used_names(files: dict[str, str], package: str, names: PythonNames) -> dict[str, set[str]]:
    """Every name the generated package uses where a spec name of each kind is bound."""
    trees = {
        path[len(package) + 1 :]: ast.parse(text)
        for path, text in files.items()
        if path.startswith(package + "/") and path.endswith(".py")
    }
    used: dict[str, set[str]] = {kind: set() for kind in PRODUCIBLE}
    model_modules = {f"models/{t.module}.py" for t in names.types.values() if t.builder}
    enum_modules = {f"models/{t.module}.py" for t in names.types.values() if not t.builder}
    group_modules = {f"api/{g.module}.py" for g in names.groups.values()}
    runtime = {c.name: c for c in classes_of(trees["_model.py"])}
    used["field"] |= set().union(*(_members(runtime, base) for base in ("Model", "Builder")))
    for path, tree in trees.items():
        if path.startswith(("models/", "api/")) or path == "_client.py":
            used["class"] |= module_names(tree)
        if path in model_modules:
            for cls in classes_of(tree):
                used["field"] |= class_scope_names(cls)
                fields = {a for t in names.types.values() for a in t.fields.values()}
                for method in methods_of(cls):
                    if set(parameters(method)) & fields:
                        used["field"] |= body_names(method)
        if path in enum_modules:
            used["enum member"] |= set().union(*(class_scope_names(cls) for cls in classes_of(tree)))
        if path in group_modules:
            methods = {m for g in names.groups.values() for m in g.methods.values()}
            for cls in classes_of(tree):
                used["method"] |= class_scope_names(cls)
                used["parameter"] |= set().union(*(body_names(m) for m in methods_of(cls) if m.name in methods))
            used["parameter"] |= set().union(*(body_names(f) for f in functions_of(tree)))
        if path == "_client.py":
            for cls in classes_of(tree):
                used["client attribute"] |= class_scope_names(cls)
                used["credential"] |= set().union(*(body_names(m) for m in methods_of(cls) if m.name == "__init__"))
            used["credential"] |= set().union(*(body_names(f) for f in functions_of(tree)))
        if path == "models/__init__.py":
            used["model module"] |= module_names(tree)
        if path == "api/__init__.py":
            used["group module"] |= module_names(tree)
    return used


def _members(classes: dict[str, ast.ClassDef], name: str) -> set[str]:
    """Members of one of the runtime's classes, with those of its bases in the runtime."""
    cls = classes[name]
    found = set().union(*(_members(classes, b.id) for b in cls.bases if isinstance(b, ast.Name) and b.id in classes))
    return found | {n for s in cls.body for n in _bound_names(s)}


def _bound_names(statement: ast.stmt) -> set[str]:
    if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
        return {statement.name}
    return {n.id for n in ast.walk(statement) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}


def _unreserved(files: dict[str, str], package: str, api: Any) -> dict[str, list[str]]:
    names = name_api(api)
    own = spec_names(api, names)
    used = used_names(files, package, names)
    return {
        kind: sorted(n for n in used[kind] - own[kind] if PRODUCIBLE[kind](n) and n not in RESERVED[kind])
        for kind in PRODUCIBLE
    }


@pytest.fixture(scope="module")
def every_branch(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, str], str, Any]:
    spec = write_spec(tmp_path_factory.mktemp("branches"), every_branch_spec())
    api, _ = check_spec(spec)
    return render_raw(spec, "branches", api=api), "branches", api


def test_the_every_branch_spec_takes_the_branches_it_is_for(every_branch):
    files, package, _ = every_branch
    group_text = "\n".join(text for path, text in files.items() if "/api/" in path)
    model_text = "\n".join(text for path, text in files.items() if "/models/" in path)
    for needle in (
        "cast(",
        "warnings.warn(",
        "import datetime as _dt",
        "delimiters=",
        "cookies=",
        "form=",
        "multipart=",
        "content=",
        "expect=",
        "no_body",
        "json_body",
        "Any",
    ):
        assert needle in group_text, needle
    for needle in (
        "bytes",
        "DateTimeOf",
        "UnionOf",
        "MapOf",
        "ListOf",
        "EnumOf",
        "ModelOf",
        "IntEnum",
        "StrEnum",
        "_dt.date",
    ):
        assert needle in model_text, needle
    client = files[f"{package}/_client.py"]
    for needle in ("access_token", "basic_auth", "auth_query", "ENVIRONMENTS", "base64"):
        assert needle in client, needle


def test_naming_reserves_every_name_the_every_branch_sdk_uses(every_branch):
    files, package, api = every_branch
    assert _unreserved(files, package, api) == {kind: [] for kind in PRODUCIBLE}


def test_naming_reserves_every_name_the_golden_sdk_uses():
    files = {str(p.relative_to(GOLDEN)): p.read_text(encoding="utf-8") for p in GOLDEN.rglob("*.py")}
    api, _ = check_spec(SPEC)
    assert _unreserved(files, "square_oauth", api) == {kind: [] for kind in PRODUCIBLE}


# ---- every reserved name, used as every kind of spec name ------------------------------


def reserved_names_spec() -> dict[str, Any]:
    """Each reserved name as a schema, a property, an enum value, a tag, an operationId,
    a query parameter and an API key scheme."""
    string = {"type": "string"}
    holder = {
        "type": "object",
        "properties": {
            **{name: string for name in RESERVED_NAMES},
            "blob": {"type": "string", "format": "binary"},
            "when": {"type": "string", "format": "date-time"},
            "word": {"$ref": REF + "Words"},
            "more": {"type": "array", "items": {"$ref": REF + "Holder"}},
        },
    }
    schemas: dict[str, Any] = {name: {"type": "object", "properties": {"a": string}} for name in RESERVED_NAMES}
    schemas |= {"Holder": holder, "Words": {"type": "string", "enum": RESERVED_NAMES}}
    returns_holder = {"200": _ok("Holder")}
    paths: dict[str, Any] = {
        "/all": {
            "post": {
                "operationId": "everything",
                "tags": ["calls"],
                "deprecated": True,  # the method body warns
                "parameters": [{"name": name, "in": "query", "schema": string} for name in RESERVED_NAMES],
                "requestBody": {"content": {"application/json": {"schema": {"$ref": REF + "Holder"}}}},
                "responses": {  # a list of models: the method body casts
                    "200": {
                        "description": "ok",
                        "content": {
                            "application/json": {"schema": {"type": "array", "items": {"$ref": REF + "Holder"}}}
                        },
                    }
                },
            }
        }
    }
    for i, name in enumerate(RESERVED_NAMES):
        paths[f"/calls/{i}"] = {"get": {"operationId": name, "tags": ["calls"], "responses": returns_holder}}
        paths[f"/tags/{i}"] = {"get": {"operationId": f"in tag {i}", "tags": [name], "responses": returns_holder}}
    return {
        "openapi": "3.1.0",
        "info": {"title": "Reserved", "version": "1"},
        "security": [{name: [] for name in RESERVED_NAMES}],
        "paths": paths,
        "components": {
            "schemas": schemas,
            "securitySchemes": {
                name: {"type": "apiKey", "in": "query", "name": f"key-{name}"} for name in RESERVED_NAMES
            },
        },
    }


class _Echo(BaseHTTPRequestHandler):
    """Records each request and answers with a Holder (a list of one for ``/all``)."""

    server: EchoServer

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length)
        parts = urlsplit(self.path)
        self.server.requests.append((self.command, parts.path, parse_qsl(parts.query), body))
        holder = {"str": "echo", "more": [{"cast": "inner"}]}
        payload = json.dumps([holder] if parts.path == "/all" else holder).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    do_GET = do_POST = _answer

    def log_message(self, *args: object) -> None:
        pass


class EchoServer(ThreadingHTTPServer):
    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Echo)
        self.requests: list[tuple[str, str, list[tuple[str, str]], bytes]] = []


@pytest.fixture
def echo_server() -> Iterator[EchoServer]:
    server = EchoServer()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture(scope="module")
def reserved_sdk(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, Any]:
    folder = tmp_path_factory.mktemp("reserved")
    spec = write_spec(folder, reserved_names_spec())
    package = unique_package("reserved")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sdkforge",
            "generate",
            str(spec),
            "--out",
            str(folder / "out"),
            "--package-name",
            package,
            "-q",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return folder / "out", package, check_spec(spec)[0]


def test_every_reserved_name_as_every_kind_of_name_gives_models_that_work(reserved_sdk):
    out, package, api = reserved_sdk
    names = name_api(api)
    with imported(out, package) as sdk:
        models = sdk.models
        for name in RESERVED_NAMES:
            model = getattr(models, names.of_type(name).class_name)
            built = model.builder().a("x").build()
            assert built.to_dict() == {"a": "x"} and model.from_dict({"a": "x"}) == built
        holder_names = names.of_type("Holder")
        data: dict[str, Any] = {name: f"value of {name}" for name in RESERVED_NAMES}
        data |= {"when": "2024-01-02T03:04:05+00:00", "word": "cast", "more": [{"staticmethod": "inner"}]}
        holder = models.Holder.from_dict(data)
        assert holder.to_dict() == data
        builder = models.Holder.builder()
        for name in RESERVED_NAMES:
            builder = getattr(builder, holder_names.fields[name])(f"value of {name}")
        assert {k: v for k, v in builder.build().to_dict().items()} == {n: f"value of {n}" for n in RESERVED_NAMES}
        assert [member.value for member in models.Words] == RESERVED_NAMES
        assert models.Words("importlib") is getattr(models.Words, names.of_type("Words").members["importlib"])


def test_every_reserved_name_as_every_kind_of_name_gives_calls_that_work(reserved_sdk, echo_server):
    out, package, api = reserved_sdk
    names = name_api(api)
    credentials = credential_parameters(api.client_auth)
    base_url = f"http://127.0.0.1:{echo_server.server_address[1]}"
    with imported(out, package) as sdk:
        keys = {credentials[name]: f"k-{name}" for name in RESERVED_NAMES}
        with sdk.Client(base_url=base_url, **keys) as client:
            calls = names.groups["calls"]
            group = getattr(client, calls.attribute)
            for name in RESERVED_NAMES:
                assert getattr(group, calls.methods[name])().str_ == "echo", name
            for name in RESERVED_NAMES:
                tag = names.groups[name]
                assert (
                    getattr(getattr(client, tag.attribute), tag.methods[f"in tag {RESERVED_NAMES.index(name)}"])().str_
                    == "echo"
                )
            op = next(o for g in api.groups for o in g.operations if o.operation_id == "everything")
            python = parameter_names(op)
            arguments = {python[f"query:{name}"]: f"v-{name}" for name in RESERVED_NAMES}
            body = sdk.models.Holder.builder().cast("c").build()
            with pytest.warns(DeprecationWarning):
                answer = getattr(group, calls.methods["everything"])(**arguments, body=body)
            assert [h.more[0].cast for h in answer] == ["inner"]
    assert len(echo_server.requests) == 2 * len(RESERVED_NAMES) + 1
    for _, path, query, _ in echo_server.requests:
        keys_sent = sorted(pair for pair in query if pair[0].startswith("key-"))
        assert keys_sent == sorted((f"key-{n}", f"k-{n}") for n in RESERVED_NAMES), path
    method, path, query, sent = echo_server.requests[-1]
    assert (method, path) == ("POST", "/all")
    assert {k: v for k, v in query if not k.startswith("key-")} == {n: f"v-{n}" for n in RESERVED_NAMES}
    assert json.loads(sent) == {"cast": "c"}


def test_every_reserved_name_as_every_kind_of_name_passes_mypy_strict(reserved_sdk, tmp_path):
    out, package, _ = reserved_sdk
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path / "mypy"), package],
        cwd=out,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr
