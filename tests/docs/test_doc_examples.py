"""Every Example Usage block of the generated docs runs, against a real HTTP server.

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
"""

from __future__ import annotations

import ast
import contextlib
import io
import json
import re
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

from sdkforge.ir import Api, Operation, TypeKind
from sdkforge.naming import title
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
        success = op.success_response
        assert success is not None and success.type is not None
        if success.has_example:
            return 200, success.example
        return 200, self.api.models[success.type.name or ""].example

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
    spec_server = SpecServer(api)

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
    expected = success.example if success.has_example else server.api.models[success.type.name or ""].example
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
