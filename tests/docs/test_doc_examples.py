"""Every Example Usage block of the generated docs, and every Python block of the
README, runs against a real HTTP server.

The rule a reader follows, and so does this test: an Example Usage block runs after its
page's intro block (``o_auth_api = client.o_auth``), where ``client`` is a ``Client`` the
reader made as the README's "Client set-up" shows. Here that client is bound to a local
server (``Client(base_url="http://127.0.0.1:<port>", access_token=...)``); nothing else is
added, removed or edited in the blocks.

The server (stdlib ``http.server`` in a thread, on 127.0.0.1) implements each operation of
``spec/oauth.yaml`` far enough: it routes by method and path template, checks the JSON
body against the request model's required fields, checks the credential headers, and
answers 200 with the spec's example response. Each block must send exactly one request
to its own operation, with the spec's example values, and end with ``result`` holding the
parsed example response. Any exception, a wrong request or a missing result fails.

README blocks run whole, as printed, with the two substitutions the README itself
documents for a local test server: ``base_url="http://127.0.0.1:<port>"`` in place of the
``environment=...`` (or placeholder ``base_url=...``) argument, and our token in place of
the ``YOUR_...`` credential placeholder. A block that calls the API (the quick start,
the asyncio example) must send one request and print the parsed example response.
"""

from __future__ import annotations

import ast
import contextlib
import importlib
import inspect
import io
import json
import re
import subprocess
import sys
import threading
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import mdscan
import pytest
import yaml

from sdkforge.model.ir import Api, Operation, TypeKind
from sdkforge.model.naming import title
from sdkforge.pipeline import check_spec

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "generated" / "python"
SPEC = ROOT / "spec" / "oauth.yaml"
API_PAGES = sorted((GOLDEN / "doc" / "api").glob("*.md"))
CLIENT_TOKEN = "CLIENT-OWN-TOKEN"  # the client's own credential: must not go where no auth is needed

if str(GOLDEN) not in sys.path:
    sys.path.insert(0, str(GOLDEN))


@dataclass
class Received:
    operation: str
    path: str
    headers: dict[str, str]
    body: Any


@dataclass
class SpecServer:
    """Answers each operation of ``api`` with its example response; records every request."""

    api: Api
    spec: Any  # the spec's data, for its example responses
    received: list[Received] = field(default_factory=list)
    url: str = ""

    def operations(self) -> list[Operation]:
        return [op for group in self.api.groups for op in group.operations]

    def route(self, method: str, path: str) -> Operation | None:
        for op in self.operations():
            pattern = re.sub(r"\\\{[^{}]+\\\}", "[^/]+", re.escape(op.path))
            if op.method == method and re.fullmatch(pattern, path):
                return op
        return None

    def answer(self, method: str, path: str, headers: dict[str, str], raw: bytes) -> tuple[int, Any]:
        op = self.route(method, path)
        if op is None:
            return 404, {"errors": [{"category": "INVALID_REQUEST_ERROR", "code": "NOT_FOUND"}]}
        body = json.loads(raw) if raw else None
        self.received.append(Received(op.operation_id, path, headers, body))
        problems = self.problems(op, headers, body)
        if problems:
            detail = "; ".join(problems)
            return 400, {"errors": [{"category": "INVALID_REQUEST_ERROR", "code": "BAD_REQUEST", "detail": detail}]}
        return 200, self.example_response(op)

    def example_response(self, op: Operation) -> Any:
        """The example of ``op``'s success response the spec gives, else its model's."""
        success = op.success_response
        assert success is not None and success.type is not None and success.source is not None
        media = _node(self.spec, success.source.pointer).get("content", {}).get("application/json", {})
        return media["example"] if "example" in media else self.api.models[success.type.name or ""].example

    def problems(self, op: Operation, headers: dict[str, str], body: Any) -> list[str]:
        found = []
        for param in op.parameters:
            if param.location.value == "header" and param.required and not headers.get(param.name.lower()):
                found.append(f"missing header {param.name}")
        if not op.uses_client_auth and not any(p.credential for p in op.parameters):
            if CLIENT_TOKEN in headers.get("authorization", ""):
                found.append("the client's own token was sent to an operation that needs none")
        if op.body is not None and op.body.required:
            if not isinstance(body, dict):
                found.append("the body is not a JSON object")
            elif op.body.type.kind is TypeKind.MODEL:
                model = self.api.models[op.body.type.name or ""]
                for f in model.fields:
                    if f.required and (f.name not in body or (body[f.name] is None and not f.type.nullable)):
                        found.append(f"missing body field {f.name}")
        return found


@pytest.fixture(scope="module")
def server() -> Iterator[SpecServer]:
    api, _ = check_spec(SPEC)
    with serve(api, SPEC) as spec_server:
        yield spec_server


def _node(spec: Any, pointer: str) -> dict[str, Any]:
    """The node of ``spec`` at ``pointer``, its reference followed if it is one."""
    node = spec
    for part in pointer.lstrip("/").split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    ref = node.get("$ref") if isinstance(node, dict) else None
    return _node(spec, ref.removeprefix("#")) if isinstance(ref, str) else node


@contextlib.contextmanager
def serve(api: Api, spec: Path) -> Iterator[SpecServer]:
    """A :class:`SpecServer` for ``api``, the model of ``spec``, listening on 127.0.0.1 in a thread."""
    spec_server = SpecServer(api, yaml.safe_load(spec.read_text(encoding="utf-8")))

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self._handle()

        def do_GET(self) -> None:
            self._handle()

        def _handle(self) -> None:
            raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            headers = {k.lower(): v for k, v in self.headers.items()}
            status, payload = spec_server.answer(self.command, self.path.split("?")[0], headers, raw)
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:  # quiet
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    spec_server.url = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield spec_server
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


@dataclass(frozen=True)
class Example:
    page: Path
    method_title: str
    intro: str
    code: str

    def __str__(self) -> str:
        return f"{self.page.name}::{self.method_title}"


def examples() -> list[Example]:
    """Every Example Usage block of every API group page, with its page's intro block."""
    found = []
    for page_path in API_PAGES:
        page = mdscan.read(page_path)
        intro = next(b for b in page.code_blocks if b.info == "python")
        headings = page.headings
        for i, heading in enumerate(headings):
            if heading.level == 2 and heading.text == "Example Usage":
                method = next(h for h in reversed(headings[:i]) if h.level == 1)
                end = next((h.line for h in headings[i + 1 :]), 10**9)
                blocks = [b for b in page.code_blocks if heading.line < b.line < end]
                assert len(blocks) == 1 and blocks[0].info == "python", f"{page_path.name}: {method.text}"
                found.append(Example(page_path, method.text, intro.text, blocks[0].text))
    return found


EXAMPLES = examples()


def test_every_method_has_an_example():
    api, _ = check_spec(SPEC)
    documented = {e.method_title for e in EXAMPLES}
    assert documented == {title(op.operation_id) for g in api.groups for op in g.operations}


@dataclass
class Run:
    namespace: dict[str, Any]
    requests: list[Received]
    printed: str
    warnings: list[warnings.WarningMessage]


def run(example: Example, code: str, server: SpecServer) -> Run:
    """Run ``code`` as the reader would: after the page's intro, with ``client`` made for us."""
    from square_oauth import Client

    before = len(server.received)
    with Client(base_url=server.url, access_token=CLIENT_TOKEN, max_retries=0) as client:
        namespace: dict[str, Any] = {"client": client, "__name__": "__example__"}
        out = io.StringIO()
        with warnings.catch_warnings(record=True) as caught, contextlib.redirect_stdout(out):
            warnings.simplefilter("always")
            exec(compile(example.intro, f"{example}:intro", "exec"), namespace)
            exec(compile(code, f"{example}:example", "exec"), namespace)
    return Run(namespace, server.received[before:], out.getvalue(), caught)


def operation_of(example: Example, server: SpecServer) -> Operation:
    return next(op for op in server.operations() if title(op.operation_id) == example.method_title)


@pytest.mark.parametrize("example", EXAMPLES, ids=str)
def test_example_usage_runs_against_a_local_server(example: Example, server: SpecServer):
    from square_oauth import models as sdk_models

    op = operation_of(example, server)
    outcome = run(example, example.code, server)

    assert [r.operation for r in outcome.requests] == [op.operation_id], outcome.printed
    assert "result" in outcome.namespace, f"the call raised ApiError; the example printed: {outcome.printed}"

    # The example sends the spec's example values, and shows the ones it makes up.
    request = outcome.requests[0]
    if op.body is not None and op.body.has_example:
        assert request.body == op.body.example
    for param in op.parameters:
        if param.location.value == "header" and param.has_example:
            assert request.headers[param.name.lower()] == param.example
    template = re.sub(r"\\\{([^{}]+)\\\}", r"(?P<\1>[^/]+)", re.escape(op.path))
    path_values = re.fullmatch(template, request.path)
    assert path_values, request.path
    shown = {n.value for n in ast.walk(ast.parse(example.code)) if isinstance(n, ast.Constant)}
    assert set(path_values.groupdict().values()) <= shown

    # ...and ends with the documented response, parsed.
    success = op.success_response
    assert success is not None and success.type is not None
    response_class = getattr(sdk_models, success.type.name or "")
    expected = server.example_response(op)
    assert outcome.namespace["result"] == response_class.from_dict(expected)
    assert outcome.printed.startswith(f"{response_class.__name__}(")

    # A deprecated operation warns, as its page says.
    deprecation = [w for w in outcome.warnings if issubclass(w.category, DeprecationWarning)]
    assert bool(deprecation) == op.deprecated


def test_a_broken_example_is_caught(server: SpecServer):
    # The harness must see a failing example fail: here the server rejects the request
    # (a required body field is missing), the example catches ApiError and prints it.
    example = next(e for e in EXAMPLES if e.method_title == "Obtain Token")
    broken = example.code.replace('"authorization_code"', "None")
    assert broken != example.code
    outcome = run(example, broken, server)
    assert "result" not in outcome.namespace
    assert outcome.printed.startswith("400 ")
    with pytest.raises(TypeError):  # an example that does not even call the SDK right
        run(example, example.code.replace("(body)", "(body, body, body)"), server)


def test_every_python_block_in_the_docs_is_valid_python():
    pages = [GOLDEN / "README.md", *sorted((GOLDEN / "doc").rglob("*.md"))]
    checked = 0
    for page_path in pages:
        for block in mdscan.read(page_path).code_blocks:
            if block.info != "python":
                continue
            code = block.text + (": ..." if block.text.startswith("def ") else "")  # signatures have no body
            ast.parse(code, f"{page_path.name}:{block.line}")
            assert not unused_imports(code), f"{page_path.name}:{block.line}"
            checked += 1
    assert checked >= 10


def test_json_examples_on_model_pages_are_valid_json_and_parse_into_the_model():
    from square_oauth import models as sdk_models

    for page_path in sorted((GOLDEN / "doc" / "models").glob("*.md")):
        page = mdscan.read(page_path)
        blocks = [b for b in page.code_blocks if b.info == "json"]
        if not blocks:
            continue  # an enum page
        structure = mdscan.sections(page, 2)["Structure"]
        class_name = re.search(r"`(\w+)`", structure)
        assert class_name, page_path.name
        model = getattr(sdk_models, class_name.group(1))
        data = json.loads(blocks[0].text)
        assert model.from_dict(data).to_dict() == data, page_path.name


# ---- the README's blocks -------------------------------------------------------------


def unused_imports(code: str) -> set[str]:
    """Names a block imports and never uses (a sign it does not do what it shows)."""
    tree = ast.parse(code)
    imported = {
        alias.asname or alias.name.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    }
    return imported - {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}


@dataclass(frozen=True)
class ReadmeBlock:
    section: str  # the level-2 heading the block is under
    code: str

    def __str__(self) -> str:
        return self.section


def readme_blocks(readme: Path) -> list[ReadmeBlock]:
    page = mdscan.read(readme)
    return [
        ReadmeBlock(next(h.text for h in reversed(page.headings) if h.level == 2 and h.line < b.line), b.text)
        for b in page.code_blocks
        if b.info == "python"
    ]


README_BLOCKS = readme_blocks(GOLDEN / "README.md")
SERVER_ARGUMENT = re.compile(r'\b(?:environment|base_url)="[^"\\]*",')
CREDENTIAL_PLACEHOLDER = re.compile(r'"YOUR_[A-Z0-9_]+"')


def bound_to(code: str, url: str) -> str:
    """``code`` with the documented substitutions: the local server's ``base_url`` for the
    client's server argument, our token for the credential placeholder."""
    code = SERVER_ARGUMENT.sub(f"base_url={json.dumps(url)},", code)
    return CREDENTIAL_PLACEHOLDER.sub(json.dumps(CLIENT_TOKEN), code)


def run_block(code: str, server: SpecServer) -> Run:
    """Run a README block whole, as a script; clients it leaves open are closed after."""
    before = len(server.received)
    namespace: dict[str, Any] = {"__name__": "__main__"}
    out = io.StringIO()
    with warnings.catch_warnings(record=True) as caught, contextlib.redirect_stdout(out):
        warnings.simplefilter("always")
        try:
            exec(compile(code, "README", "exec"), namespace)
        finally:
            for value in list(namespace.values()):
                if type(value).__name__ == "Client":
                    value.close()
    return Run(namespace, server.received[before:], out.getvalue(), caught)


def check_readme_block(block: ReadmeBlock, server: SpecServer, package: str) -> None:
    """The block runs; one that calls the API sends one request and prints the parsed answer."""
    code = bound_to(block.code, server.url)
    if "Client(" in block.code:
        assert code != block.code, "a client made for no server: nothing to substitute"
    outcome = run_block(code, server)
    if "result = " not in block.code:
        assert outcome.requests == [], block
        return
    assert len(outcome.requests) == 1, outcome.printed
    op = next(op for op in server.operations() if op.operation_id == outcome.requests[0].operation)
    success = op.success_response
    assert success is not None and success.type is not None
    expected = server.example_response(op)
    response_class = getattr(importlib.import_module(f"{package}.models"), success.type.name or "")
    parsed = f"{response_class.from_dict(expected)!r}\n"
    if block.section == "Raw responses":  # the status and a header, then the parsed result
        assert outcome.printed == f"200 application/json\n{parsed}", outcome.printed
    else:
        assert outcome.printed == parsed


@pytest.mark.parametrize("block", README_BLOCKS, ids=str)
def test_readme_blocks_run_against_a_local_server(block: ReadmeBlock, server: SpecServer):
    check_readme_block(block, server, "square_oauth")


def test_the_readme_calls_the_api_blocking_and_with_asyncio(server: SpecServer):
    assert {b.section for b in README_BLOCKS if "result = " in b.code} == {"Quick start", "Asyncio", "Raw responses"}
    (block,) = [b for b in README_BLOCKS if b.section == "Asyncio"]
    outcome = run_block(bound_to(block.code, server.url), server)
    assert inspect.iscoroutinefunction(outcome.namespace["main"])
    assert "AsyncClient" in outcome.namespace and not unused_imports(block.code)
    assert [r.operation for r in outcome.requests] == ["RevokeToken"]


KENNEL = {
    "openapi": "3.1.0",
    "info": {"title": "Kennel", "version": "1"},
    "components": {
        "securitySchemes": {"basic": {"type": "http", "scheme": "basic"}},
        "schemas": {
            "Pet": {
                "oneOf": [{"$ref": "#/components/schemas/Cat"}, {"$ref": "#/components/schemas/Dog"}],
                "discriminator": {"propertyName": "kind"},
            },
            "Cat": {"type": "object", "required": ["kind"], "properties": {"kind": {"type": "string"}}},
            "Dog": {"type": "object", "required": ["kind"], "properties": {"kind": {"type": "string"}}},
            "Pen": {
                "type": "object",
                "required": ["name"],
                "properties": {
                    "name": {"type": "string", "example": "north"},
                    "tags": {"type": "array", "items": {"type": "string"}, "example": ["dry"]},
                    "occupant": {"$ref": "#/components/schemas/Pet"},
                },
            },
        },
    },
    "security": [{"basic": []}],
    "paths": {
        "/pens": {
            "post": {
                "operationId": "CreatePen",
                "tags": ["Pens"],
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Pen"}}},
                },
                "responses": {
                    "200": {
                        "description": "the pen",
                        "content": {
                            "application/json": {
                                "schema": {"$ref": "#/components/schemas/Pen"},
                                "example": {"name": "north", "tags": ["dry"], "occupant": {"kind": "Cat"}},
                            }
                        },
                    }
                },
            }
        }
    },
}


@pytest.fixture(scope="module")
def kennel(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Api]]:
    """The SDK of another API (no servers, basic auth, a union) generated and importable."""
    root = tmp_path_factory.mktemp("kennel")
    (root / "kennel.yaml").write_text(yaml.safe_dump(KENNEL, sort_keys=False))
    out = root / "out"
    command = [sys.executable, "-m", "sdkforge", "generate", str(root / "kennel.yaml"), "--out", str(out), "-q"]
    subprocess.run(command, check=True)
    api, _ = check_spec(root / "kennel.yaml")
    sys.path.insert(0, str(out))
    try:
        yield out, api
    finally:
        sys.path.remove(str(out))
        for name in [m for m in sys.modules if m == "kennel" or m.startswith("kennel.")]:
            del sys.modules[name]


def test_another_apis_readme_and_docs_parse_and_its_readme_runs(kennel: tuple[Path, Api]):
    out, api = kennel
    for page_path in [out / "README.md", *sorted((out / "doc").rglob("*.md"))]:
        for block in mdscan.read(page_path).code_blocks:
            if block.info == "python":
                code = block.text + (": ..." if block.text.startswith("def ") else "")
                ast.parse(code, f"{page_path.name}:{block.line}")
                assert not unused_imports(code), f"{page_path.name}:{block.line}"
    blocks = readme_blocks(out / "README.md")
    assert {b.section for b in blocks if "result = " in b.code} == {"Quick start", "Asyncio", "Raw responses"}
    with serve(api, out.parent / "kennel.yaml") as spec_server:
        for block in blocks:
            check_readme_block(block, spec_server, "kennel")
        assert [r.operation for r in spec_server.received] == ["CreatePen", "CreatePen", "CreatePen"]
