"""Spec strings are data, never code.

Every string a spec holds that is not a name (descriptions, summaries, titles, server
URLs, paths, enum values, defaults, examples, formats, patterns, header names...) is set
to a hostile text: quotes of every kind, backslashes, line and paragraph separators,
NUL, terminal escapes, ``{{ 7*7 }}`` and ``{% %}``, ``</script>``, code-fence markers,
and would-be Python (``"; import os; os.system(...) #``). Then:

- the generated Python parses, is black-formatted and passes ``mypy --strict``;
- no code token (anything but string literals, docstrings and comments) holds any of it,
  and with every such string replaced by plain text the code is token for token the same;
- the strings that the code uses come out as string literals of exactly their value;
- no template syntax in them was evaluated, in any file; the TOML still parses.
"""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
import threading
import tomllib
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import black
import pytest
from robustness_support import (
    HOSTILE,
    Generated,
    generate,
    imported,
    leaks,
    render_raw,
    skeleton,
    unique_package,
    write_spec,
)

from sdkforge.pipeline import check_spec
from sdkforge.render.english import the_title
from sdkforge.targets.python.format import black_mode
from sdkforge.targets.python.naming import name_api, parameter_names

MARK = "\u27e6"  # every hostile string starts with ⟦<n>: no name in the spec has it
EVAL = "\u27ea{{ 7*7 }}\u27eb"  # ⟪{{ 7*7 }}⟫: had a template evaluated it, ⟪49⟫ would show
HOSTILE_TEXT = "".join(HOSTILE) + EVAL


def hostile(i: int) -> str:
    return f"{MARK}{i}:{HOSTILE_TEXT}:{i}"


def plain(i: int) -> str:
    return f"plain text {i}"


def no_braces(text: str) -> str:
    """For a path: braces there are path templates."""
    return text.replace("{", "(").replace("}", ")")


ENUM_VALUES = [hostile(900), hostile(901), "plain", '"', "\\", "{{ 7*7 }}", "\n"]


def strings_spec(text: Callable[[int], str]) -> dict[str, Any]:
    """A spec whose every data string is ``text(n)``; names and enum values do not depend on it."""
    ref = "#/components/schemas/"
    return {
        "openapi": "3.1.0",
        "info": {"title": text(1), "version": text(2), "description": text(3), "summary": text(4)},
        "servers": [
            {"url": "https://one.example/" + text(5), "description": text(6)},
            {"url": text(7), "description": text(8)},
            {"url": text(9)},
        ],
        "security": [{"key": []}],
        "tags": [{"name": "things", "description": text(10)}],
        "paths": {
            "/things/{id}/" + no_braces(text(11)): {
                "summary": text(12),
                "parameters": [
                    {
                        "name": "id",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "string"},
                        "description": text(13),
                    }
                ],
                "post": {
                    "operationId": "makeThing",
                    "tags": ["things"],
                    "summary": text(14),
                    "description": text(15),
                    "deprecated": True,
                    "parameters": [
                        {
                            "name": "filter",
                            "in": "query",
                            "description": text(16),
                            "example": text(17),
                            "schema": {"type": "string", "default": text(18), "format": text(19)},
                        },
                        {"name": "X-Trace", "in": "header", "schema": {"type": "integer", "default": 7}},
                        {"name": "kind", "in": "query", "schema": {"$ref": ref + "Kind"}},
                    ],
                    "requestBody": {
                        "required": True,
                        "description": text(20),
                        "content": {
                            "application/json": {
                                "schema": {"$ref": ref + "Thing"},
                                "example": {text(21): [text(22), 1.5, None, True, {text(23): text(24)}]},
                            }
                        },
                    },
                    "responses": {
                        "200": {
                            "description": text(25),
                            "content": {"application/json": {"schema": {"$ref": ref + "Thing"}, "example": text(26)}},
                        },
                        "default": {"description": text(27)},
                    },
                },
                "get": {
                    "operationId": "listThings",
                    "tags": ["things"],
                    "description": text(28),
                    "responses": {
                        "200": {
                            "description": text(29),
                            "content": {
                                "application/json": {"schema": {"type": "array", "items": {"$ref": ref + "Thing"}}}
                            },
                        }
                    },
                },
            }
        },
        "components": {
            "securitySchemes": {
                "key": {
                    "type": "apiKey",
                    "in": "header",
                    "name": text(30),
                    "description": text(31),
                    "x-example": text(32),
                }
            },
            "schemas": {
                "Thing": {
                    "type": "object",
                    "title": text(33),
                    "description": text(34),
                    "required": ["name"],
                    "example": {text(35): text(36)},
                    "properties": {
                        "name": {
                            "type": "string",
                            "description": text(37),
                            "default": text(38),
                            "examples": [text(39)],
                            "pattern": re.escape(text(40)) + "|",
                            "format": text(41),
                            "maxLength": 10_000,
                        },
                        "secret": {"type": "string", "format": "password", "description": text(42)},
                        "kind": {"$ref": ref + "Kind"},
                        "ratio": {"type": "number", "default": float("inf"), "example": float("-inf")},
                        "tags": {
                            "type": "object",
                            "additionalProperties": {"type": "string"},
                            "example": {text(43): text(44)},
                        },
                        "nested": {
                            "type": "object",
                            "description": text(45),
                            "properties": {"deep": {"type": "string", "description": text(46), "enum": ENUM_VALUES}},
                        },
                    },
                },
                "Kind": {
                    "type": "string",
                    "description": text(47),
                    "enum": ENUM_VALUES,
                    "x-enum-descriptions": {value: text(50 + i) for i, value in enumerate(ENUM_VALUES)},
                },
            },
        },
    }


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Generated:
    folder = tmp_path_factory.mktemp("hostile")
    spec = write_spec(folder, strings_spec(hostile))
    return generate(spec, folder / "out", unique_package("hostile"))


def python_files(files: dict[str, str]) -> dict[str, str]:
    return {path: text for path, text in files.items() if path.endswith(".py")}


def test_generated_python_parses_and_is_black_formatted(generated):
    assert python_files(generated.files)
    for path, text in python_files(generated.files).items():
        ast.parse(text, filename=path)
        assert black.format_str(text, mode=black_mode()) == text, path


def test_no_spec_string_reaches_code_outside_literals_docstrings_and_comments(generated):
    for path, text in python_files(generated.files).items():
        found = leaks(text, (MARK, "pwned", "alert(", "import os", "{{", "\x1b"))
        assert not found, f"{path}: spec text in code: {found}"


def test_with_plain_strings_the_code_is_token_for_token_the_same(generated, tmp_path):
    plain_spec = write_spec(tmp_path, strings_spec(plain))
    benign = render_raw(plain_spec, generated.package)
    assert set(benign) == set(generated.raw)
    for path, text in python_files(generated.raw).items():
        assert skeleton(text) == skeleton(benign[path]), f"{path}: what the code does depends on spec text"


def literals(files: dict[str, str]) -> set[str]:
    """Every string constant in the generated Python (docstrings included)."""
    found = set()
    for text in python_files(files).values():
        found.update(
            n.value for n in ast.walk(ast.parse(text)) if isinstance(n, ast.Constant) and isinstance(n.value, str)
        )
    return found


def test_strings_the_code_uses_arrive_as_exact_literals(generated):
    spec = strings_spec(hostile)
    found = literals(generated.files)
    expected = [server["url"] for server in spec["servers"]]
    expected += list(spec["paths"])
    expected += ENUM_VALUES
    expected.append(spec["components"]["securitySchemes"]["key"]["name"])
    missing = [value for value in expected if value not in found]
    assert not missing


def test_the_package_imports_and_keeps_every_value(generated):
    spec = strings_spec(hostile)
    with imported(generated.out, generated.package) as package:
        assert list(package.ENVIRONMENTS.values()) == [server["url"] for server in spec["servers"]]
        kind = package.models.Kind
        assert [member.value for member in kind] == ENUM_VALUES
        thing = package.models.Thing.from_dict({"name": hostile(1000), "kind": hostile(900), "tags": {"\n": "\x00"}})
        assert thing.to_dict() == {"name": hostile(1000), "kind": hostile(900), "tags": {"\n": "\x00"}}
        assert thing.kind is kind(hostile(900))
        assert hostile(34).split("\n")[0][:20] in (package.models.Thing.__doc__ or "")


def test_the_package_passes_mypy_strict(generated, tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path / "mypy"), generated.package],
        cwd=generated.out,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_template_syntax_in_a_spec_is_ever_evaluated(generated):
    for path, text in generated.files.items():
        assert "\u27ea49\u27eb" not in text, f"{path}: a template expression from the spec was evaluated"
    assert any(EVAL in text for text in python_files(generated.files).values()), "the text itself must survive"
    for path in generated.out.rglob("*"):
        assert path.resolve().is_relative_to(generated.out.resolve())


def test_pyproject_is_valid_toml_with_a_one_line_summary(generated):
    project = tomllib.loads(generated.files["pyproject.toml"])["project"]
    assert project["description"] == " ".join(f"Python SDK for {the_title(hostile(1))}".split())
    assert project["name"] == generated.package.replace("_", "-")


def test_markdown_gets_no_headings_from_spec_text(generated, tmp_path):
    plain_spec = write_spec(tmp_path, strings_spec(plain))
    benign = render_raw(plain_spec, generated.package)
    for path, text in generated.raw.items():
        if path.endswith(".md"):
            headings = [line for line in text.splitlines() if re.match(r" {0,3}#{1,6}(\s|$)", line)]
            plain_headings = [line for line in benign[path].splitlines() if re.match(r" {0,3}#{1,6}(\s|$)", line)]
            assert len(headings) == len(plain_headings), f"{path}: spec text made a heading"


def test_environment_names_and_urls_from_x_environments_stay_data(tmp_path):
    spec = strings_spec(hostile)
    spec["x-environments"] = {hostile(70): hostile(71), "plain": "https://plain.example", "": hostile(72)}
    path = write_spec(tmp_path, spec)
    generated = generate(path, tmp_path / "out", unique_package("environments"))
    for file, text in python_files(generated.files).items():
        assert not leaks(text, (MARK,)), file
    with imported(generated.out, generated.package) as package:
        assert dict(package.ENVIRONMENTS) == spec["x-environments"]
        client = package.Client(environment=hostile(70))
        assert client.base_url == hostile(71)
        client.close()


# What generated code may import: the standard library and httpx, but nothing that runs
# commands or code (an injected ``import os; os.system(...)`` would need one of these).
ALLOWED_IMPORTS = (set(sys.stdlib_module_names) | {"__future__", "httpx"}) - {
    "os",
    "subprocess",
    "sys",
    "shutil",
    "socket",
    "pty",
    "ctypes",
    "pickle",
    "marshal",
    "builtins",
    "code",
    "codeop",
    "runpy",
}


def test_hostile_names_become_identifiers_and_import_nothing(tmp_path):
    """Names (tags, operationIds, schemas, properties, parameters, security schemes) are
    made into identifiers; whatever they hold, the package imports only what it always does."""
    spec = strings_spec(hostile)
    evil = '"); import os; os.system("echo pwned"); ("'
    operation = spec["paths"]["/things/{id}/" + no_braces(hostile(11))]["post"]
    operation["operationId"] = evil
    operation["tags"] = [evil + "\n" + EVAL]
    operation["parameters"].append({"name": evil, "in": "query", "schema": {"type": "string"}})
    spec["components"]["schemas"]["Thing"]["properties"][evil] = {"type": "string"}
    spec["components"]["schemas"]["os.system"] = {"type": "object", "properties": {evil: {"type": "object"}}}
    spec["components"]["securitySchemes"]["class.os-system"] = {"type": "apiKey", "in": "header", "name": evil}
    spec["security"] = [{"key": [], "class.os-system": []}]
    generated = generate(write_spec(tmp_path, spec), tmp_path / "out", unique_package("names"))
    for path, text in python_files(generated.files).items():
        tree = ast.parse(text)
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                assert {alias.name.split(".")[0] for alias in node.names} <= ALLOWED_IMPORTS, path
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                # the client reads its credential's environment variable: os.environ, nothing else of os
                environ_only = node.module == "os" and [a.name for a in node.names] == ["environ"]
                assert environ_only or (node.module or "").split(".")[0] in ALLOWED_IMPORTS, path
            elif isinstance(node, ast.Attribute):
                assert node.attr != "system", path
    with imported(generated.out, generated.package) as package:
        thing = package.models.Thing.from_dict({"name": "n", evil: "kept under its wire name"})
        assert thing.to_dict() == {"name": "n", evil: "kept under its wire name"}


# ---- text no UTF-8 file can hold, and controls in names --------------------------------
#
# A JSON spec can hold a lone surrogate (``"\ud800"``); UTF-8 cannot. In prose (docstrings,
# Markdown, comments, TOML) it becomes U+FFFD or is dropped; in a string literal it stays,
# escaped; a name or value the SDK would send or receive with one is refused, located.

LONE = ("\ud800", "\udfff", "\udc00\ud800")  # high, low, and a pair in the wrong order


ON_THE_WIRE = {5, 7, 9, 11, 30}  # in strings_spec: server URLs, the path, the API key's name


def lone(i: int) -> str:
    """A prose string with a lone surrogate (strings sent on the wire stay plain: see below)."""
    return f"text {i} end" if i in ON_THE_WIRE else f"text {i} {LONE[i % 3]} end"


def write_escaped_json(folder: Path, spec: dict[str, Any]) -> Path:
    """The spec as ASCII JSON: lone surrogates written as ``\\ud800`` escapes, as JSON allows."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "spec.json"
    path.write_text(json.dumps(spec, indent=1), encoding="ascii")
    return path


def generate_with_the_cli(spec: Path, out: Path, package: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sdkforge", "generate", str(spec), "--out", str(out), "--package-name", package, "-q"],
        capture_output=True,
        text=True,
        check=False,
    )


def test_lone_surrogates_in_prose_and_in_names_made_identifiers_give_a_working_sdk(tmp_path):
    spec = strings_spec(lone)  # every description, summary, title, example, default...
    spec["tags"][0]["name"] = "things" + LONE[0]
    spec["tags"].append({"name": "other" + LONE[1], "description": lone(60)})
    operation = spec["paths"][next(iter(spec["paths"]))]["post"]
    operation["tags"], operation["operationId"] = ["other" + LONE[1]], "make" + LONE[2] + "Thing"
    spec["components"]["schemas"]["Kind"]["description"] = lone(61)
    spec["components"]["schemas"]["Thing"]["description"] = lone(62)
    out, package = tmp_path / "out", unique_package("lone")
    result = generate_with_the_cli(write_escaped_json(tmp_path, spec), out, package)
    assert result.returncode == 0, result.stderr
    for path in out.rglob("*"):
        if path.is_file():
            text = path.read_text(encoding="utf-8")  # every file is UTF-8
            assert not any("\ud800" <= char <= "\udfff" for char in text)
    with imported(out, package) as sdk:
        models = sdk.models
        assert "\ufffd" in (models.Thing.__doc__ or "") and "\ufffd" in (models.Kind.__doc__ or "")
        thing = models.Thing.builder(name="n").build()
        assert models.Thing.from_dict(thing.to_dict()) == thing
        groups = [getattr(sdk.Client(), name) for name in dir(sdk.Client) if not name.startswith("_")]
        assert any("\ufffd" in (type(group).__doc__ or "") for group in groups if hasattr(group, "_http"))
    mypy = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path / "mypy"), package],
        cwd=out,
        capture_output=True,
        text=True,
        check=False,
    )
    assert mypy.returncode == 0, mypy.stdout + mypy.stderr


def _plain_spec() -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {"title": "Wire", "version": "1"},
        "paths": {
            "/things/{id}": {
                "get": {
                    "operationId": "getThing",
                    "parameters": [
                        {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}},
                        {"name": "q", "in": "query", "schema": {"type": "string"}},
                    ],
                    "responses": {
                        "200": {
                            "description": "ok",
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}},
                        }
                    },
                }
            }
        },
        "components": {
            "schemas": {
                "Thing": {
                    "type": "object",
                    "properties": {"name": {"type": "string"}, "kind": {"$ref": "#/components/schemas/Kind"}},
                },
                "Kind": {"type": "string", "enum": ["a", "b"]},
            },
            "securitySchemes": {"key": {"type": "apiKey", "in": "query", "name": "key"}},
        },
        "security": [{"key": []}],
    }


def _with_property(spec: dict[str, Any], name: str) -> str:
    spec["components"]["schemas"]["Thing"]["properties"][name] = {"type": "string"}
    return f"/components/schemas/Thing/properties/{name}"


def _with_enum_value(spec: dict[str, Any], value: str) -> str:
    spec["components"]["schemas"]["Kind"]["enum"].append(value)
    return "/components/schemas/Kind/enum/2"


def _with_parameter(location: str) -> Callable[[dict[str, Any], str], str]:
    def add(spec: dict[str, Any], name: str) -> str:
        spec["paths"]["/things/{id}"]["get"]["parameters"].append(
            {"name": name, "in": location, "schema": {"type": "string"}}
        )
        return "/paths/~1things~1{id}/get/parameters/2/name"

    return add


def _with_path(spec: dict[str, Any], text: str) -> str:
    spec["paths"]["/other" + text] = spec["paths"]["/things/{id}"]
    return "/paths/~1other" + text


def _with_key_name(spec: dict[str, Any], text: str) -> str:
    spec["components"]["securitySchemes"]["key"]["name"] = text
    return "/components/securitySchemes/key/name"


def _with_server(spec: dict[str, Any], text: str) -> str:
    spec["servers"] = [{"url": "https://one.example"}, {"url": "https://two.example/" + text}]
    return "/servers/1/url"


WIRE_PLACES: dict[str, Callable[[dict[str, Any], str], str]] = {
    "server URL": _with_server,
    "property name": _with_property,
    "enum value": _with_enum_value,
    "query parameter name": _with_parameter("query"),
    "header parameter name": _with_parameter("header"),
    "cookie parameter name": _with_parameter("cookie"),
    "path": _with_path,
    "API key name": _with_key_name,
}


@pytest.mark.parametrize("surrogate", LONE[:2], ids=["high", "low"])
@pytest.mark.parametrize("place", sorted(WIRE_PLACES))
def test_a_lone_surrogate_in_a_name_or_value_on_the_wire_is_a_located_error(place, surrogate, tmp_path):
    spec = _plain_spec()
    pointer = WIRE_PLACES[place](spec, "x" + surrogate)
    path = write_escaped_json(tmp_path, spec)
    result = generate_with_the_cli(path, tmp_path / "out", unique_package("refused"))
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    escaped = pointer.replace(surrogate, f"\\u{ord(surrogate):04x}")
    line = result.stderr.strip()
    assert re.fullmatch(rf"spec\.json:\d+:\d+: error: {place} .*lone surrogate.* \(at {re.escape(escaped)}\)", line), (
        line
    )
    number = int(line.split(":")[1])
    assert f"x\\u{ord(surrogate):04x}" in path.read_text(encoding="ascii").splitlines()[number - 1]
    assert not (tmp_path / "out").exists()


CONTROLS = ("\x00", "\x1b[31m", "\x7f", "\u2028", "\t")


class _Recorder(ThreadingHTTPServer):
    """A real local server: records each request's query, answers with ``reply``."""

    def __init__(self, reply: dict[str, Any]) -> None:
        super().__init__(("127.0.0.1", 0), _RecordingHandler)
        self.reply = json.dumps(reply).encode()
        self.queries: list[list[tuple[str, str]]] = []


class _RecordingHandler(BaseHTTPRequestHandler):
    server: _Recorder

    def do_GET(self) -> None:
        self.server.queries.append(parse_qsl(urlsplit(self.path).query, keep_blank_values=True))
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(self.server.reply)))
        self.end_headers()
        self.wfile.write(self.server.reply)

    def log_message(self, *args: object) -> None:
        pass


def test_controls_in_names_and_values_on_the_wire_keep_them_exactly(tmp_path):
    spec = _plain_spec()
    for i, control in enumerate(CONTROLS):
        _with_property(spec, f"p{i}{control}")
        spec["components"]["schemas"]["Kind"]["enum"].append(f"v{i}{control}")
        _with_parameter("query")(spec, f"q{i}{control}")
    out, package = tmp_path / "out", unique_package("controls")
    result = generate_with_the_cli(write_escaped_json(tmp_path, spec), out, package)
    assert result.returncode == 0, result.stderr
    reply = {f"p{i}{c}": f"value {i}{c}" for i, c in enumerate(CONTROLS)} | {"kind": f"v0{CONTROLS[0]}"}
    server = _Recorder(reply)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        with imported(out, package) as sdk:
            kind = sdk.models.Kind
            assert [m.value for m in kind] == ["a", "b", *(f"v{i}{c}" for i, c in enumerate(CONTROLS))]
            api = check_spec(out.parent / "spec.json")[0]
            python = parameter_names(api.groups[0].operations[0])
            arguments = {python[f"query:q{i}{c}"]: f"sent {i}{c}" for i, c in enumerate(CONTROLS)}
            with sdk.Client(key="k", base_url=f"http://127.0.0.1:{server.server_address[1]}") as client:
                thing = getattr(client, name_api(api).groups[api.groups[0].name].attribute).get_thing("id", **arguments)
            assert thing.to_dict() == reply and thing.kind is kind(f"v0{CONTROLS[0]}")
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
    assert dict(server.queries[0]) == {"key": "k"} | {f"q{i}{c}": f"sent {i}{c}" for i, c in enumerate(CONTROLS)}
    mypy = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path / "mypy"), package],
        cwd=out,
        capture_output=True,
        text=True,
        check=False,
    )
    assert mypy.returncode == 0, mypy.stdout + mypy.stderr
