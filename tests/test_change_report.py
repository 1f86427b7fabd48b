"""``sdkforge diff``: what changed for an SDK's users, one spec pair per rule.

Each test writes an old and a new spec (a small pet API, edited once), runs the CLI and
reads its JSON report: the changes found (severity and kind) and the suggested bump.
"""

from __future__ import annotations

import copy
import json
import re
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from project_paths import SPEC, shared_path

from sdkforge.cli import main

Spec = dict[str, Any]


def base() -> Spec:
    """The old spec: pets are listed (query parameters) and created (a body users build);
    ``Pet`` is only read, ``NewPet`` only built, ``Owner`` both."""
    return {
        "openapi": "3.0.3",
        "info": {"title": "Pets", "version": "1"},
        "servers": [
            {"url": "https://api.pets.example", "description": "production"},
            {"url": "https://sandbox.pets.example", "description": "sandbox"},
        ],
        "security": [{"bearer": []}],
        "tags": [{"name": "Pets", "description": "Pets and their owners."}],
        "paths": {
            "/pets": {
                "get": {
                    "operationId": "ListPets",
                    "tags": ["Pets"],
                    "description": "Lists pets.",
                    "parameters": [
                        {"name": "kind", "in": "query", "required": True, "schema": {"type": "string"}},
                        {"name": "shelter", "in": "query", "required": True, "schema": {"type": "string"}},
                        {"name": "limit", "in": "query", "schema": {"type": "integer"}, "description": "At most."},
                    ],
                    "responses": {
                        "200": {
                            "description": "ok",
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/PetList"}}},
                        }
                    },
                },
                "post": {
                    "operationId": "CreatePet",
                    "tags": ["Pets"],
                    "requestBody": {
                        "required": True,
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/NewPet"}}},
                    },
                    "responses": {
                        "201": {
                            "description": "created",
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Pet"}}},
                        }
                    },
                },
            }
        },
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": {
                "PetList": {
                    "type": "object",
                    "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/Pet"}}},
                },
                "Pet": {
                    "type": "object",
                    "description": "A pet.",
                    "required": ["id"],
                    "properties": {
                        "id": {"type": "string"},
                        "name": {"type": "string", "description": "Its name."},
                        "color": {"$ref": "#/components/schemas/Color"},
                        "owner": {"$ref": "#/components/schemas/Owner"},
                    },
                },
                "NewPet": {
                    "type": "object",
                    "required": ["name"],
                    "properties": {
                        "name": {"type": "string"},
                        "age": {"type": "integer"},
                        "owner": {"$ref": "#/components/schemas/Owner"},
                    },
                },
                "Owner": {"type": "object", "properties": {"email": {"type": "string"}}},
                "Color": {"type": "string", "enum": ["red", "green"]},
            },
        },
    }


def diff(tmp_path: Path, old: Spec, new: Spec, *extra: str, version: str = "1.4.0") -> dict[str, Any]:
    (tmp_path / "old.json").write_text(json.dumps(old))
    (tmp_path / "new.json").write_text(json.dumps(new))
    return run_json(tmp_path / "old.json", tmp_path / "new.json", "--current-version", version, *extra)


def run_json(old: Path | str, new: Path | str, *extra: str) -> dict[str, Any]:
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["diff", str(old), str(new), "--format", "json", *extra])
    assert code == 0, out.getvalue()
    report: dict[str, Any] = json.loads(out.getvalue())
    return report


def found(report: dict[str, Any]) -> set[tuple[str, str]]:
    return {(c["severity"], c["kind"]) for c in report["changes"]}


def edited(change: Callable[[Spec], object]) -> Spec:
    spec = copy.deepcopy(base())
    change(spec)
    return spec


def op(spec: Spec, method: str = "get") -> dict[str, Any]:
    operation: dict[str, Any] = spec["paths"]["/pets"][method]
    return operation


def schema(spec: Spec, name: str) -> dict[str, Any]:
    found_schema: dict[str, Any] = spec["components"]["schemas"][name]
    return found_schema


def param(spec: Spec, name: str) -> dict[str, Any]:
    return next(p for p in op(spec)["parameters"] if p["name"] == name)


RULES: list[tuple[str, Callable[[Spec], object], set[tuple[str, str]], str]] = [
    ("method removed", lambda s: s["paths"]["/pets"].pop("post"), {("breaking", "method-removed")}, "major"),
    (
        "method added",
        lambda s: s["paths"]["/pets"].__setitem__(
            "delete", {"operationId": "DeletePets", "tags": ["Pets"], "responses": {"204": {"description": "gone"}}}
        ),
        {("added", "method-added")},
        "minor",
    ),
    (
        "method deprecated",
        lambda s: op(s).__setitem__("deprecated", True),
        {("deprecated", "method-deprecated")},
        "minor",
    ),
    (
        "required parameter added",
        lambda s: op(s)["parameters"].append(
            {"name": "zone", "in": "query", "required": True, "schema": {"type": "string"}}
        ),
        {("breaking", "parameter-added")},
        "major",
    ),
    (
        "optional parameter added",
        lambda s: op(s)["parameters"].append({"name": "zone", "in": "query", "schema": {"type": "string"}}),
        {("added", "parameter-added")},
        "minor",
    ),
    ("parameter removed", lambda s: op(s)["parameters"].pop(2), {("breaking", "parameter-removed")}, "major"),
    (
        "parameter narrowed",
        lambda s: param(s, "limit").__setitem__("schema", {"type": "boolean"}),
        {("breaking", "parameter-retyped")},
        "major",
    ),
    (
        "parameter widened",
        lambda s: param(s, "limit").__setitem__("schema", {"oneOf": [{"type": "integer"}, {"type": "string"}]}),
        {("changed", "parameter-retyped")},
        "patch",
    ),
    (
        "parameter made required",
        lambda s: param(s, "limit").__setitem__("required", True),
        {("breaking", "parameter-required")},
        "major",
    ),
    (
        "parameter made optional",  # it was passed by position: now it must be passed by keyword
        lambda s: param(s, "shelter").__setitem__("required", False),
        {("changed", "parameter-optional"), ("breaking", "parameter-moved")},
        "major",
    ),
    (
        "positional parameters reordered",
        lambda s: op(s).__setitem__("parameters", [op(s)["parameters"][i] for i in (1, 0, 2)]),
        {("breaking", "parameter-moved")},
        "major",
    ),
    (
        "return type changed",
        lambda s: op(s)["responses"]["200"]["content"]["application/json"].__setitem__(
            "schema", {"$ref": "#/components/schemas/Pet"}
        ),
        {("breaking", "return-retyped")},
        "major",
    ),
    ("model removed", lambda s: schema(s, "Pet")["properties"].pop("owner") and None, set(), ""),  # replaced below
    (
        "optional field added to a model users read",
        lambda s: schema(s, "Pet")["properties"].__setitem__("tag", {"type": "string"}),
        {("added", "field-added")},
        "minor",
    ),
    (
        "required field added to a model users read",
        lambda s: (
            schema(s, "Pet")["properties"].__setitem__("tag", {"type": "string"}),
            schema(s, "Pet")["required"].append("tag"),
        ),
        {("added", "field-added")},
        "minor",
    ),
    (
        "required field added to a model users build",
        lambda s: (
            schema(s, "NewPet")["properties"].__setitem__("tag", {"type": "string"}),
            schema(s, "NewPet")["required"].append("tag"),
        ),
        {("breaking", "field-added")},
        "major",
    ),
    ("field removed", lambda s: schema(s, "Pet")["properties"].pop("name"), {("breaking", "field-removed")}, "major"),
    (
        "field widened on a model users read",
        lambda s: schema(s, "Pet")["properties"].__setitem__(
            "name", {"oneOf": [{"type": "string"}, {"type": "integer"}]}
        ),
        {("breaking", "field-retyped"), ("docs", "description")},
        "major",
    ),
    (
        "field widened on a model users build",
        lambda s: schema(s, "NewPet")["properties"].__setitem__(
            "age", {"oneOf": [{"type": "integer"}, {"type": "string"}]}
        ),
        {("changed", "field-retyped")},
        "patch",
    ),
    (
        "field narrowed on a model users read",
        lambda s: (
            schema(s, "Pet")["properties"]["color"].__setitem__("$ref", "#/components/schemas/Color")
            or schema(s, "Pet")["properties"].__setitem__("id", {"type": "string"})
        ),
        set(),
        "none",
    ),
    (
        "field retyped on a model users build and read",
        lambda s: schema(s, "Owner")["properties"].__setitem__("email", {"type": "integer"}),
        {("breaking", "field-retyped")},
        "major",
    ),
    (
        "field made nullable on a model users read",
        lambda s: schema(s, "Pet")["properties"]["name"].__setitem__("nullable", True),
        {("breaking", "field-nullable")},
        "major",
    ),
    (
        "field made nullable on a model users build",
        lambda s: schema(s, "NewPet")["properties"]["age"].__setitem__("nullable", True),
        {("changed", "field-nullable")},
        "patch",
    ),
    (
        "field made optional",
        lambda s: schema(s, "Pet").pop("required"),
        {("breaking", "field-optional")},
        "major",
    ),
    (
        "field made required on a model users only read",
        lambda s: schema(s, "Pet")["required"].append("name"),
        {("changed", "field-required")},
        "patch",
    ),
    ("enum value added", lambda s: schema(s, "Color")["enum"].append("blue"), {("added", "enum-value-added")}, "minor"),
    (
        "a string field made an enum (open: its values are strings still)",
        lambda s: schema(s, "Pet")["properties"].__setitem__("id", {"type": "string", "enum": ["a", "b"]}),
        {("changed", "field-retyped"), ("added", "enum-added")},
        "minor",
    ),
    ("enum value removed", lambda s: schema(s, "Color")["enum"].pop(), {("breaking", "enum-value-removed")}, "major"),
    ("environment removed", lambda s: s["servers"].pop(), {("breaking", "environment-removed")}, "major"),
    (
        "environment moved",
        lambda s: s["servers"][0].__setitem__("url", "https://v2.pets.example"),
        {("changed", "environment-changed")},
        "patch",
    ),
    (
        "credential added",
        lambda s: (
            s["components"]["securitySchemes"].__setitem__("key", {"type": "apiKey", "in": "header", "name": "X-Key"})
            or s["security"].append({"key": []})
        ),
        {("added", "credential-added")},
        "minor",
    ),
    ("description", lambda s: op(s).__setitem__("description", "Lists the pets."), {("docs", "description")}, "patch"),
    (
        "group description",
        lambda s: s["tags"][0].__setitem__("description", "Pets."),
        {("docs", "description")},
        "patch",
    ),
]
RULES = [rule for rule in RULES if rule[0] != "model removed"]
RULES.append(
    (
        "model removed and added",
        lambda s: (
            schema(s, "Pet")["properties"].__setitem__("owner", {"$ref": "#/components/schemas/Person"}),
            s["components"]["schemas"].__setitem__("Person", s["components"]["schemas"].pop("Owner")),
            schema(s, "NewPet")["properties"].__setitem__("owner", {"$ref": "#/components/schemas/Person"}),
        ),
        {("breaking", "model-removed"), ("added", "model-added"), ("breaking", "field-retyped")},
        "major",
    )
)


@pytest.mark.parametrize(("name", "change", "expected", "bump"), RULES, ids=[r[0] for r in RULES])
def test_each_rule(
    tmp_path: Path, name: str, change: Callable[[Spec], object], expected: set[tuple[str, str]], bump: str
) -> None:
    report = diff(tmp_path, base(), edited(change))
    assert found(report) == expected, report
    assert report["bump"] == bump


@pytest.mark.parametrize(("name", "change", "expected", "bump"), RULES, ids=[r[0] for r in RULES])
def test_a_record_compared_without_descriptions_finds_every_change_but_theirs(
    tmp_path: Path, name: str, change: Callable[[Spec], object], expected: set[tuple[str, str]], bump: str
) -> None:
    """A run compares the last run's surface record (which has no descriptions) with its
    surface, descriptions left out: it finds what ``sdkforge diff`` finds, but the
    description changes (the record's prose fingerprints count those)."""
    from sdkforge.changes.report import compare
    from sdkforge.changes.surface import from_json, to_json
    from sdkforge.pipeline import sdk_surface

    (tmp_path / "old.json").write_text(json.dumps(base()))
    (tmp_path / "new.json").write_text(json.dumps(edited(change)))
    old, new = sdk_surface(tmp_path / "old.json", "python"), sdk_surface(tmp_path / "new.json", "python")
    record = from_json(to_json(old, {}))
    assert record is not None
    full = compare(old, new, "1.4.0")
    assert compare(record.surface, new, "1.4.0", descriptions=False).changes == tuple(
        c for c in full.changes if c.kind != "description"
    )
    assert compare(record.surface, old, "1.4.0", descriptions=False).changes == ()


def test_the_same_spec_reordered_and_reformatted_reports_nothing(tmp_path: Path) -> None:
    old = base()
    new = edited(lambda s: None)
    new["components"]["schemas"] = dict(reversed(list(new["components"]["schemas"].items())))
    schema(new, "Pet")["properties"] = dict(reversed(list(schema(new, "Pet")["properties"].items())))
    new["paths"]["/pets"] = dict(reversed(list(new["paths"]["/pets"].items())))
    (tmp_path / "new.yaml").write_text(yaml.safe_dump(new, sort_keys=False))
    (tmp_path / "old.json").write_text(json.dumps(old, indent=4))
    report = run_json(tmp_path / "old.json", tmp_path / "new.yaml")
    assert report == {"bump": "none", "changes": []}


def test_swagger_2_and_openapi_3_of_one_api_report_nothing(tmp_path: Path) -> None:
    swagger = {
        "swagger": "2.0",
        "info": {"title": "Pets", "version": "1"},
        "host": "api.pets.example",
        "schemes": ["https"],
        "consumes": ["application/json"],
        "produces": ["application/json"],
        "paths": {
            "/pets": {
                "get": {
                    "operationId": "ListPets",
                    "parameters": [{"name": "limit", "in": "query", "type": "integer"}],
                    "responses": {"200": {"description": "ok", "schema": {"$ref": "#/definitions/Pet"}}},
                }
            }
        },
        "definitions": {"Pet": {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}}}},
    }
    openapi = {
        "openapi": "3.0.3",
        "info": {"title": "Pets", "version": "1"},
        "servers": [{"url": "https://api.pets.example"}],
        "paths": {
            "/pets": {
                "get": {
                    "operationId": "ListPets",
                    "parameters": [{"name": "limit", "in": "query", "schema": {"type": "integer"}}],
                    "responses": {
                        "200": {
                            "description": "ok",
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Pet"}}},
                        }
                    },
                }
            }
        },
        "components": {
            "schemas": {"Pet": {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}}}}
        },
    }
    assert diff(tmp_path, swagger, openapi) == {"bump": "none", "changes": []}


def test_below_1_0_breaking_is_minor_and_the_rest_patch(tmp_path: Path) -> None:
    removed = edited(lambda s: s["paths"]["/pets"].pop("post"))
    assert diff(tmp_path, base(), removed, version="0.3.0")["bump"] == "minor"
    added = edited(lambda s: schema(s, "Color")["enum"].append("blue"))
    assert diff(tmp_path, base(), added, version="0.3.0")["bump"] == "patch"
    assert diff(tmp_path, base(), added, version="2.0.0")["bump"] == "minor"


def test_json_keys_are_absent_where_they_do_not_apply(tmp_path: Path) -> None:
    new = edited(lambda s: (op(s)["parameters"].pop(2), schema(s, "Color")["enum"].append("blue")))
    changes = {c["kind"]: c for c in diff(tmp_path, base(), new)["changes"]}
    assert changes["parameter-removed"] == {
        "severity": "breaking",
        "kind": "parameter-removed",
        "group": "pets",
        "method": "list_pets",
        "parameter": "limit",
        "message": "`client.pets.list_pets()`: parameter `limit` was removed",
    }
    assert set(changes["enum-value-added"]) == {"severity", "kind", "enum", "value", "message"}


def _cli(*args: str | Path) -> subprocess.CompletedProcess[str]:
    import sys

    return subprocess.run(
        [sys.executable, "-m", "sdkforge", *map(str, args)], capture_output=True, text=True, timeout=120
    )


def test_fail_on_breaking_exits_1_only_for_breaking_changes(tmp_path: Path) -> None:
    (tmp_path / "old.json").write_text(json.dumps(base()))
    (tmp_path / "removed.json").write_text(json.dumps(edited(lambda s: s["paths"]["/pets"].pop("post"))))
    (tmp_path / "added.json").write_text(json.dumps(edited(lambda s: schema(s, "Color")["enum"].append("blue"))))
    assert _cli("diff", tmp_path / "old.json", tmp_path / "removed.json").returncode == 0
    assert _cli("diff", tmp_path / "old.json", tmp_path / "removed.json", "--fail-on", "breaking").returncode == 1
    assert _cli("diff", tmp_path / "old.json", tmp_path / "added.json", "--fail-on", "breaking").returncode == 0


def test_text_and_markdown(tmp_path: Path) -> None:
    (tmp_path / "old.json").write_text(json.dumps(base()))
    new = edited(
        lambda s: (
            s["paths"]["/pets"].pop("post"),
            schema(s, "Color")["enum"].append("b`lue"),
            op(s).__setitem__("description", "x"),
        )
    )
    (tmp_path / "new.json").write_text(json.dumps(new))
    text = _cli("diff", tmp_path / "old.json", tmp_path / "new.json", "--current-version", "1.0.0")
    assert (
        text.stdout.splitlines()[0] == "bump: major, from 1.0.0 (1 breaking, 1 added, 0 deprecated, 0 changed, 1 docs)"
    )
    assert "breaking   `client.pets.create_pet()` was removed" in text.stdout
    markdown = _cli("diff", tmp_path / "old.json", tmp_path / "new.json", "--format", "markdown").stdout
    sections = re.findall(r"^### (.+)$", markdown, flags=re.M)
    assert sections == ["Breaking changes", "Added", "Docs"]
    assert "- `Color`: new value ``b`lue``" in markdown  # a value with a backtick stays one code span


def test_a_spec_that_does_not_load_is_a_located_error(tmp_path: Path) -> None:
    (tmp_path / "old.json").write_text(json.dumps(base()))
    (tmp_path / "bad.yaml").write_text(
        "openapi: 3.0.3\ninfo: {title: x, version: '1'}\npaths:\n  /a:\n    get:\n"
        "      responses: {200: {$ref: '#/nope'}}\n"
    )
    for args in ((tmp_path / "old.json", tmp_path / "bad.yaml"), (tmp_path / "bad.yaml", tmp_path / "old.json")):
        done = _cli("diff", *args)
        assert done.returncode == 2
        assert re.search(r"bad\.yaml:6:\d+: error: .*\(at /paths/~1a/get/responses/200", done.stderr), done.stderr
    assert _cli("diff", tmp_path / "old.json", tmp_path / "missing.yaml").returncode == 2


def test_specs_from_git_revisions(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / "spec").mkdir(parents=True)

    def git(*args: str) -> None:
        subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)

    git("init", "-q")
    git("config", "user.email", "t@example.com")
    git("config", "user.name", "t")
    (repo / "spec" / "api.json").write_text(json.dumps(base()))
    git("add", ".")
    git("commit", "-qm", "one")
    (repo / "spec" / "api.json").write_text(json.dumps(edited(lambda s: s["paths"]["/pets"].pop("post"))))
    git("commit", "-qam", "two")
    done = subprocess.run(
        [
            __import__("sys").executable,
            "-m",
            "sdkforge",
            "diff",
            "git:HEAD~1:spec/api.json",
            "spec/api.json",
            "--format",
            "json",
        ],
        cwd=repo,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert found(json.loads(done.stdout)) == {("breaking", "method-removed")}
    (repo / "spec" / "api.json").write_text("{")
    git("commit", "-qam", "three")
    bad = subprocess.run(
        [__import__("sys").executable, "-m", "sdkforge", "diff", "git:HEAD:spec/api.json", "git:HEAD~1:spec/api.json"],
        cwd=repo,
        capture_output=True,
        text=True,
    )
    assert bad.returncode == 2
    assert bad.stderr.startswith("git:HEAD:spec/api.json:1:"), bad.stderr
    for wrong in ("git:nope:spec/api.json", "git:HEAD:spec/none.json", "git:HEAD", "git:--output=x:spec/api.json"):
        done = subprocess.run(
            [__import__("sys").executable, "-m", "sdkforge", "diff", wrong, "spec/api.json"],
            cwd=repo,
            capture_output=True,
            text=True,
        )
        assert done.returncode == 2 and "sdkforge: error:" in done.stderr, (wrong, done.stderr)


OAUTH_EDITS: list[tuple[str, Callable[[Spec], object], str, set[tuple[str, str]]]] = [
    (
        "a new optional field",
        lambda s: s["components"]["schemas"]["ObtainTokenResponse"]["properties"].__setitem__(
            "region", {"type": "string"}
        ),
        "minor",
        {("added", "field-added")},
    ),
    ("a removed operation", lambda s: s["paths"].pop("/oauth2/revoke"), "major", {("breaking", "method-removed")}),
    (
        "a new required parameter",
        lambda s: (
            s["paths"]["/oauth2/token"]["post"]
            .setdefault("parameters", [])
            .append({"name": "region", "in": "query", "required": True, "schema": {"type": "string"}})
        ),
        "major",
        {("breaking", "parameter-added")},
    ),
    (
        "a description",
        lambda s: s["paths"]["/oauth2/token"]["post"].__setitem__("description", "Returns a token."),
        "patch",
        {("docs", "description")},
    ),
]


@pytest.mark.parametrize(("name", "change", "bump", "expected"), OAUTH_EDITS, ids=[e[0] for e in OAUTH_EDITS])
def test_our_oauth_spec_one_edit_at_a_time(
    tmp_path: Path, name: str, change: Callable[[Spec], object], bump: str, expected: set[tuple[str, str]]
) -> None:
    old = yaml.safe_load(SPEC.read_text())
    new = copy.deepcopy(old)
    change(new)
    (tmp_path / "new.yaml").write_text(yaml.safe_dump(new, sort_keys=False))
    report = run_json(SPEC, tmp_path / "new.yaml", "--current-version", "1.0.0")
    assert report["bump"] == bump
    assert {(c["severity"], c["kind"]) for c in report["changes"]} >= expected
    if name != "a removed operation":  # removing an operation may orphan its models: reported too
        assert found(report) == expected


def _operations(spec: Spec) -> dict[str, bool]:
    """operationId -> deprecated, read straight from a spec (2.0 or 3.x), independently of sdkforge."""
    ops: dict[str, bool] = {}
    for item in spec["paths"].values():
        for method, operation in item.items():
            if (
                method in ("get", "put", "post", "delete", "patch", "head", "options", "trace")
                and "operationId" in operation
            ):
                # Square's 2022 file says deprecated with its own extensions, as the model reads it
                ops[operation["operationId"]] = bool(
                    operation.get("deprecated")
                    or operation.get("x-is-deprecated")
                    or operation.get("x-release-status") == "DEPRECATED"
                )
    return ops


def _plain(name: str) -> str:
    """A name without case or underscores: ``V1ListOrders`` and ``v1_list_orders`` alike."""
    return name.replace("_", "").lower()


@pytest.mark.slow
def test_square_2022_to_2025_lists_every_operation_removed_added_and_deprecated(tmp_path: Path) -> None:
    old_path = shared_path("corpus", "square")
    files = sorted(p for p in old_path.iterdir() if p.suffix in (".json", ".yaml"))
    old_file = next(p for p in files if "2022" in p.name or "swagger" in p.name.lower())
    new_file = next(p for p in files if "2025" in p.name)
    old, new = _operations(json.loads(old_file.read_text())), _operations(json.loads(new_file.read_text()))
    report = run_json(old_file, new_file, "--current-version", "1.0.0")
    by_kind: dict[str, set[str]] = {}
    for change in report["changes"]:
        if "method" in change:
            by_kind.setdefault(change["kind"], set()).add(_plain(change["method"]))
    removed = {_plain(o) for o in old.keys() - new.keys()}
    added = {_plain(o) for o in new.keys() - old.keys()}
    deprecated = {_plain(o) for o in new.keys() & old.keys() if new[o] and not old[o]}
    assert removed <= by_kind.get("method-removed", set()), removed
    assert added <= by_kind.get("method-added", set()), added
    assert deprecated <= by_kind.get("method-deprecated", set()), deprecated
    assert report["bump"] == ("major" if removed else "minor")


# ---- sdkforge generate: the change report of a regeneration ---------------------------


def _generate(
    spec: Path, out: Path, *extra: str, cwd: Path | None = None, cache: Path | None = None
) -> subprocess.CompletedProcess[str]:
    import os
    import sys

    env = {**os.environ, "SDKFORGE_CACHE_DIR": str(cache or out.parent / "cache")}
    args = [sys.executable, "-m", "sdkforge", "generate"]
    args += [str(spec), "--out", str(out), "--package-name", "pets"] if spec.name != "pyproject.toml" else []
    return subprocess.run([*args, *extra], capture_output=True, text=True, timeout=300, cwd=cwd, env=env)


def _said(done: subprocess.CompletedProcess[str]) -> list[str]:
    assert done.returncode == 0, done.stderr
    return [line for line in done.stderr.splitlines() if "for SDK users" in line or "package-version" in line]


def test_generate_says_what_changed_for_users_since_the_last_run(tmp_path: Path) -> None:
    spec, out = tmp_path / "api.json", tmp_path / "sdk"
    spec.write_text(json.dumps(base()))
    assert _said(_generate(spec, out, "--package-version", "1.0.0")) == []  # a first run: nothing to compare with
    spec.write_text(
        json.dumps(edited(lambda s: (s["paths"]["/pets"].pop("post"), schema(s, "Color")["enum"].append("blue"))))
    )
    said = _said(_generate(spec, out, "--package-version", "1.0.0"))
    assert said == [
        "sdkforge: for SDK users: 1 breaking, 1 added, 0 deprecated, 0 changed, 0 docs; suggested bump: major"
    ]
    assert _said(_generate(spec, out, "--package-version", "1.0.0")) == []  # nothing changed on disk: nothing said


@pytest.mark.parametrize("suffix", [".json", ".yaml"])
def test_a_description_edit_is_reported_alike_with_and_without_the_cache(tmp_path: Path, suffix: str) -> None:
    """With the cache, a JSON spec's edit goes the carried way, a YAML one's the prose way;
    without it, the full way: each says one description changed, a patch."""
    spec = tmp_path / f"api{suffix}"
    dump = (lambda d: json.dumps(d, indent=1)) if suffix == ".json" else (lambda d: yaml.safe_dump(d, sort_keys=False))
    expected = ["sdkforge: for SDK users: 0 breaking, 0 added, 0 deprecated, 0 changed, 1 docs; suggested bump: patch"]
    for cached in (True, False):
        out = tmp_path / f"sdk-{cached}"
        spec.write_text(dump(base()))
        _said(_generate(spec, out, "--package-version", "1.0.0"))
        spec.write_text(dump(edited(lambda s: op(s).__setitem__("description", "Lists every pet."))))
        extra = () if cached else ("--no-cache",)
        done = _generate(spec, out, "--package-version", "1.0.0", *extra)
        assert _said(done) == expected, (cached, done.stderr)
        full = tmp_path / f"full-{cached}"
        _generate(spec, full, "--package-version", "1.0.0", "--no-cache")
        assert (out / ".sdkforge-surface.json").read_text() == (full / ".sdkforge-surface.json").read_text()


def test_changelog_and_bump_from_the_project_settings(tmp_path: Path) -> None:
    (tmp_path / "api.json").write_text(json.dumps(base()))
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(
        '[tool.sdkforge]\nspec = "api.json"  # kept\nout = "sdk"\npackage-name = "pets"\n'
        'package-version = "1.4.2"\n\n[tool.x]\ny = 1\n'
    )
    assert _generate(pyproject, tmp_path / "sdk", cwd=tmp_path).returncode == 0
    (tmp_path / "api.json").write_text(json.dumps(edited(lambda s: schema(s, "Color")["enum"].append("blue"))))
    said = _said(_generate(pyproject, tmp_path / "sdk", "--bump", "--changelog", cwd=tmp_path))
    assert said[-1].startswith("sdkforge: package-version 1.4.2 -> 1.5.0 (minor); written to")
    assert pyproject.read_text().splitlines()[1:5] == [
        'spec = "api.json"  # kept',
        'out = "sdk"',
        'package-name = "pets"',
        'package-version = "1.5.0"',
    ]
    assert 'version = "1.5.0"' in (tmp_path / "sdk" / "pyproject.toml").read_text()  # the SDK has the new version
    (tmp_path / "api.json").write_text(
        json.dumps(edited(lambda s: (schema(s, "Color")["enum"].append("blue"), s["paths"]["/pets"].pop("post"))))
    )
    said = _said(_generate(pyproject, tmp_path / "sdk", "--bump", "--changelog", cwd=tmp_path))
    assert said[-1].startswith("sdkforge: package-version 1.5.0 -> 2.0.0 (major)")
    changelog = (tmp_path / "sdk" / "CHANGELOG.md").read_text()
    assert re.findall(r"^#+ .*$", changelog, flags=re.M) == [
        "# Changelog",
        "## 2.0.0",
        "### Breaking changes",
        "## 1.5.0",
        "### Added",
    ]
    assert "- `client.pets.create_pet()` was removed" in changelog
    # the changelog is the user's file: the next run leaves it, and --check does not count it
    check = _generate(pyproject, tmp_path / "sdk", "--check", cwd=tmp_path)
    assert check.returncode == 0, check.stdout


def test_changelog_to_a_file_of_ones_choice_unreleased_without_bump(tmp_path: Path) -> None:
    spec, out = tmp_path / "api.json", tmp_path / "sdk"
    spec.write_text(json.dumps(base()))
    _generate(spec, out)
    spec.write_text(json.dumps(edited(lambda s: schema(s, "Color")["enum"].append("blue"))))
    done = _generate(spec, out, f"--changelog={tmp_path / 'NOTES.md'}")
    assert done.returncode == 0, done.stderr
    assert (
        (tmp_path / "NOTES.md")
        .read_text()
        .startswith("# Changelog\n\n## Unreleased\n\n### Added\n\n- `Color`: new value `blue`\n")
    )
    assert not (out / "CHANGELOG.md").exists()


def test_bump_refuses_a_version_it_cannot_raise_and_check_refuses_both(tmp_path: Path) -> None:
    spec, out = tmp_path / "api.json", tmp_path / "sdk"
    spec.write_text(json.dumps(base()))
    _generate(spec, out)
    spec.write_text(json.dumps(edited(lambda s: s["paths"]["/pets"].pop("post"))))
    done = _generate(spec, out, "--bump", "--package-version", "2025-08-20")
    assert done.returncode == 2 and "MAJOR.MINOR.PATCH" in done.stderr
    assert _generate(spec, out, "--check", "--bump").returncode == 2
    assert _generate(spec, out, "--check", "--changelog").returncode == 2


def test_a_damaged_record_is_no_record(tmp_path: Path) -> None:
    spec, out = tmp_path / "api.json", tmp_path / "sdk"
    spec.write_text(json.dumps(base()))
    _generate(spec, out, "--no-cache")
    record = out / ".sdkforge-surface.json"
    good = record.read_text()
    record.write_text(good[: len(good) // 2])
    spec.write_text(json.dumps(edited(lambda s: s["paths"]["/pets"].pop("post"))))
    done = _generate(spec, out, "--no-cache", "--force")
    assert _said(done) == []
    assert record.read_text() != good[: len(good) // 2]
    assert json.loads(record.read_text())["format"] == 1


@pytest.mark.parametrize(
    "change",
    [
        lambda s: op(s).__setitem__("description", "Lists the pets."),
        lambda s: s["paths"]["/pets"].pop("post"),
        lambda s: None,
        *(rule[1] for rule in RULES),
    ],
    ids=["prose", "structure", "nothing", *(rule[0] for rule in RULES)],
)
def test_a_regeneration_reports_what_the_whole_record_compared_reports(
    tmp_path: Path, change: Callable[[Spec], object]
) -> None:
    """A run reads only the prose fingerprints of a last record whose structure is written
    as its own, and compares only the groups, models and enums written otherwise: it
    reports what comparing the whole record reports, whatever the change (each rule's);
    a record whose fingerprints cannot be read is no record."""
    from sdkforge.cache.prose import prose_changed, prose_fingerprints
    from sdkforge.changes.release import regenerate
    from sdkforge.changes.report import compare, with_descriptions
    from sdkforge.changes.surface import SURFACE_FILE, from_json, to_json
    from sdkforge.pipeline import check_spec
    from sdkforge.targets.registry import get_target

    def model(spec: Spec, name: str) -> tuple[Any, dict[str, str]]:
        (tmp_path / name).write_text(json.dumps(spec))
        api, _ = check_spec(tmp_path / name)
        return get_target("python").surface(api, None), prose_fingerprints(api)

    (old, old_prose), (new, new_prose) = model(base(), "old.json"), model(edited(change), "new.json")
    out = tmp_path / "out"
    out.mkdir()
    record = to_json(old, old_prose)
    (out / SURFACE_FILE).write_text(record)
    last = from_json(record)
    assert last is not None
    whole = compare(last.surface, new, "1.4.0", descriptions=False)
    expected = with_descriptions(whole, prose_changed(last.prose, new_prose))
    assert regenerate(new, new_prose, out, "1.4.0").changes == expected
    (out / SURFACE_FILE).write_text(record[: record.index('"prose":{') + 12])  # the fingerprints cut short
    assert regenerate(new, new_prose, out, "1.4.0").changes is None


def _surface_of(tmp_path: Path, spec: Spec) -> Any:
    from sdkforge.pipeline import check_spec
    from sdkforge.targets.registry import get_target

    (tmp_path / "spec.json").write_text(json.dumps(spec))
    api, _ = check_spec(tmp_path / "spec.json")
    return get_target("python").surface(api, None)


def _pet_aged(spec: Spec) -> None:
    schema(spec, "Pet")["properties"]["age"] = {"type": "integer"}


def test_a_regeneration_compares_only_the_parts_written_otherwise(tmp_path: Path) -> None:
    """After a change to one model, only that model is read from the last record and
    compared (GitHub's spec has 3,800 models): the groups, models and enums written as
    before are left out of both sides."""
    from sdkforge.changes.surface import Rows, changed_parts, from_json, to_json

    old = _surface_of(tmp_path, base())
    new = _surface_of(tmp_path, edited(_pet_aged))
    record = to_json(old, {"k": "v/1"})
    whole, parts = from_json(record), changed_parts(record, new, Rows.of(new))
    assert whole is not None and parts is not None
    last, now = parts
    assert (set(last.surface.groups), set(last.surface.models), set(last.surface.enums)) == (set(), {"Pet"}, set())
    assert (set(now.groups), set(now.models), set(now.enums)) == (set(), {"Pet"}, set())
    assert last.surface.models["Pet"] == whole.surface.models["Pet"]
    assert now.models["Pet"] == new.models["Pet"]
    assert (last.surface.environments, last.surface.credentials, last.prose) == (
        whole.surface.environments,
        whole.surface.credentials,
        {"k": "v/1"},
    )


@pytest.mark.parametrize(
    "damage",
    [
        lambda r: r.replace('"types":[\n', '"types":[\n["Unknown",[]],\n', 1),  # a harmless extra type
        lambda r: re.sub(r'\n\["str",\["str"\]\],?', "", r, count=1),  # a type an unchanged row names, gone
        lambda r: r.replace('"models":[\n', '"models":[\n["Pet",[],"output",false],\n', 1),  # a name twice
        lambda r: r.replace('"models":[\n', '"models":[\n["Other",[],"sideways",false],\n', 1),  # no flow
        lambda r: r.replace('"format":1', '"format":2', 1),
        lambda r: r.replace('"environments":', '"environments":[],"x":', 1),
        lambda r: r.replace('["Owner",[["email"', '[ "Owner",[["email"', 1),  # the same row, written otherwise
        lambda r: r.replace('["Owner",[["email"', '["Owner",\n[["email"', 1),  # a row over two lines
        lambda r: r.replace('"credentials":', '"models":[],\n"credentials":', 1),  # models again, read last
        lambda r: r.replace('"types":[\n', '"types":[\n{"x":[\n', 1).replace('\n],\n"env', '\n}],\n"env', 1),
    ],
    ids=[
        "extra type",
        "type gone",
        "name twice",
        "bad row",
        "format",
        "environments",
        "row spaced",
        "row split",
        "models again",
        "parts inside a type",
    ],
)
def test_a_damaged_record_reads_as_from_json_reads_it(tmp_path: Path, damage: Callable[[str], str]) -> None:
    """Leaving out the parts written as before changes nothing of how a record is read: a
    record from_json cannot read is no record, and one it can is compared as read."""
    from sdkforge.changes.report import compare
    from sdkforge.changes.surface import Rows, changed_parts, from_json, to_json

    old = _surface_of(tmp_path, base())
    new = _surface_of(tmp_path, edited(_pet_aged))
    record = damage(to_json(old, {}))
    assert record != to_json(old, {})
    whole = from_json(record)
    parts = changed_parts(record, new, Rows.of(new))
    assert (parts is None) == (whole is None)
    if whole is not None and parts is not None:
        read = compare(parts[0].surface, parts[1], descriptions=False)
        assert read == compare(whole.surface, new, descriptions=False)
