"""The generated SDK's runtime is code in sdkforge (``generator/targets/python/runtime/``),
copied into every SDK as it is; what differs per SDK is its ``_sdk`` module.

tests/test_quality.py lints and type-checks the runtime with the rest of sdkforge; here:
it is in black's layout as it ships, each SDK holds it byte for byte, copying bypasses
Jinja, every ``_sdk`` module gives what ``_sdk.pyi`` says the runtime reads, and an SDK
whose ``_sdk`` takes the branches the golden SDKs do not (global headers, a form-encoded
token request with space-separated scopes) type-checks and works against a real server.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import pytest
import yaml
from project_paths import GOLDEN, GOLDEN_CONSTRUCTS, ROOT

from sdkforge.pipeline import GenerateRequest, generate
from sdkforge.render.engine import make_environment, render_all
from sdkforge.render.job import RenderJob
from sdkforge.targets import TargetOptions
from sdkforge.targets.python.plan import RUNTIME_MODULES

RUNTIME = ROOT / "generator" / "targets" / "python" / "runtime"
PAGING_SPEC = ROOT / "tests" / "sdk" / "paging" / "paging.yaml"

# Global headers (a default and an override per call), an OAuth 2 token endpoint with no
# operation of its own (RFC 6749: form-encoded, scopes space-separated), no error model.
VARIANT_SPEC: dict[str, Any] = {
    "openapi": "3.0.3",
    "info": {"title": "Variant", "version": "1"},
    "x-fern-global-headers": [{"header": "Api-Version", "name": "version", "type": 'literal<"2025-01-01">'}],
    "security": [{"oauth2": []}],
    "paths": {
        "/things": {
            "get": {
                "operationId": "getThing",
                "tags": ["Things"],
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {
                            "application/json": {
                                "schema": {"type": "object", "properties": {"name": {"type": "string"}}}
                            }
                        },
                    }
                },
            }
        }
    },
    "components": {
        "securitySchemes": {
            "oauth2": {
                "type": "oauth2",
                "flows": {"clientCredentials": {"tokenUrl": "https://auth.example.com/token", "scopes": {"a": "A"}}},
            }
        }
    },
}


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, *args], cwd=cwd, capture_output=True, text=True)


@pytest.fixture(scope="module")
def variant(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("variant")
    (folder / "variant.yaml").write_text(yaml.safe_dump(VARIANT_SPEC, sort_keys=False))
    generate(GenerateRequest(spec=folder / "variant.yaml", out=folder / "out", options=TargetOptions("variant")))
    return folder / "out"


@pytest.fixture(scope="module")
def paging(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("paging") / "out"
    generate(GenerateRequest(spec=PAGING_SPEC, out=out, options=TargetOptions("paging")))
    return out


def test_the_runtime_is_in_blacks_layout_as_it_ships() -> None:
    """The SDK is black's layout; the runtime is copied unformatted, so it must be already."""
    result = _run("-m", "black", "--check", "--diff", "--quiet", str(RUNTIME), cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_runtime_module_is_copied_into_the_sdks_that_use_it(variant: Path, paging: Path) -> None:
    sdks = {
        GOLDEN / "square_oauth": {"_auth", "_http", "_model", "errors"},
        GOLDEN_CONSTRUCTS / "shop": {"_http", "_model", "errors"},
        variant / "variant": {"_auth", "_http", "_model", "errors"},
        paging / "paging": {"_http", "_model", "_pagination", "errors"},
    }
    for package, modules in sdks.items():
        assert {m for m in RUNTIME_MODULES if (package / f"{m}.py").exists()} == modules, package
        for module in modules:
            shipped = (RUNTIME / f"{module}.py").read_bytes()
            assert (package / f"{module}.py").read_bytes() == shipped, f"{package.name}/{module}.py"


def test_a_copied_file_is_written_as_it_is_not_rendered() -> None:
    text = '"""{{ not_a_value }} {% if x %}"""\n'
    job = RenderJob("pkg/_copied.py", "runtime/_copied.py", {}, frozenset(), text)
    assert render_all([job], "python", make_environment()) == {"pkg/_copied.py": text}


def _names(tree: ast.Module) -> set[str]:
    """The names a module binds at its top level, ``if TYPE_CHECKING:`` imports included."""
    names: set[str] = set()
    statements = [s for node in tree.body for s in (node.body if isinstance(node, ast.If) else [node])]
    for node in statements:
        if isinstance(node, ast.ClassDef | ast.FunctionDef):
            names.add(node.name)
        elif isinstance(node, ast.AnnAssign | ast.Assign):
            targets = [node.target] if isinstance(node, ast.AnnAssign) else node.targets
            names |= {t.id for t in targets if isinstance(t, ast.Name)}
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("models."):
            names |= {alias.asname or alias.name for alias in node.names}
    return names


def test_every_sdk_module_gives_what_the_runtime_reads_from_it(variant: Path, paging: Path) -> None:
    declared = _names(ast.parse((RUNTIME / "_sdk.pyi").read_text()))
    token = {name for name in declared if name.startswith("TOKEN_")}
    for package in (GOLDEN / "square_oauth", GOLDEN_CONSTRUCTS / "shop", variant / "variant", paging / "paging"):
        tree = ast.parse((package / "_sdk.py").read_text())
        wanted = declared if (package / "_auth.py").exists() else declared - token
        defined = _names(tree) - {"__all__"}
        assert defined == wanted, package.name
        [exports] = [n.value for n in tree.body if isinstance(n, ast.Assign) and ast.unparse(n.targets[0]) == "__all__"]
        assert set(ast.literal_eval(exports)) == wanted, package.name


def test_an_sdk_taking_the_other_branches_of_its_sdk_module_passes_mypy_strict(variant: Path, tmp_path: Path) -> None:
    sdk = (variant / "variant" / "_sdk.py").read_text()
    assert "TOKEN_JSON: Final = False" in sdk and "TOKEN_SCOPES_AS_LIST: Final = False" in sdk
    assert '"version": "Api-Version"' in sdk
    result = _run("-m", "mypy", "--strict", "--cache-dir", str(tmp_path), "variant", cwd=variant)
    assert result.returncode == 0, result.stdout


class _Recorder(BaseHTTPRequestHandler):
    """A token endpoint (``POST /token``) and the API (``GET /things``), recording each request."""

    requests: list[tuple[str, dict[str, str], str]]

    def _answer(self, body: dict[str, Any]) -> None:
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"])).decode()
        self.requests.append((self.path, dict(self.headers), body))
        self._answer({"access_token": "tok-1", "expires_in": 3600})

    def do_GET(self) -> None:
        self.requests.append((self.path, dict(self.headers), ""))
        self._answer({"name": "thing"})

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def recorder() -> Iterator[tuple[str, list[tuple[str, dict[str, str], str]]]]:
    requests: list[tuple[str, dict[str, str], str]] = []
    handler = type("Handler", (_Recorder,), {"requests": requests})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", requests
    finally:
        server.shutdown()
        server.server_close()


def test_the_sdk_module_drives_the_runtime_global_headers_and_a_form_token_request(
    variant: Path, recorder: tuple[str, list[tuple[str, dict[str, str], str]]]
) -> None:
    url, requests = recorder
    script = (
        "import sys, variant\n"
        "url = sys.argv[1]\n"
        "manager = variant.TokenManager('app', 'secret', scopes=['a', 'b'], token_url=url + '/token')\n"
        "with variant.Client(base_url=url, access_token=manager) as client:\n"
        "    assert client.things.get_thing().name == 'thing'\n"
        "    client.things.get_thing(request_options={'version': '2024-06-01'})\n"
    )
    result = _run("-c", script, url, cwd=variant)
    assert result.returncode == 0, result.stderr
    (token_path, token_headers, token_body), first, second = requests
    assert token_path == "/token"
    assert token_headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert parse_qs(token_body) == {
        "client_id": ["app"],
        "client_secret": ["secret"],
        "grant_type": ["client_credentials"],
        "scope": ["a b"],
    }
    assert first[1]["Authorization"] == "Bearer tok-1"
    assert (first[1]["Api-Version"], second[1]["Api-Version"]) == ("2025-01-01", "2024-06-01")
