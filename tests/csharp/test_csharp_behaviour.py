"""The generated .NET SDK keeps its promises (SdkBehaviour.cs, run with mono against a
local server): unset fields left out and null sent as null, copies of what builders get,
value equality, ToBuilder, secrets hidden by ToString, unknown response fields kept and
sent back, ApiException with status, headers and parsed errors, and no retry of a POST."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from csharp_tools import compile_cs, run_exe, sources_of
from project_paths import GOLDEN_CSHARP

HERE = Path(__file__).resolve().parent


class Recorder:
    """Answers each request with the next queued (status, headers, body); records requests."""

    def __init__(self) -> None:
        self.answers: list[tuple[int, dict[str, str], Any]] = []
        self.requests: list[tuple[str, dict[str, str], Any]] = []


@pytest.fixture
def recorder() -> Iterator[tuple[Recorder, str]]:
    state = Recorder()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            state.requests.append((self.path, {k.lower(): v for k, v in self.headers.items()}, json.loads(raw)))
            status, headers, body = state.answers.pop(0)
            data = json.dumps(body).encode()
            self.send_response(status)
            for name, value in {"Content-Type": "application/json", **headers}.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield state, f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_the_sdk_keeps_its_promises(recorder, tmp_path):
    state, url = recorder
    token = {
        "access_token": "ACCESS",
        "token_type": "bearer",
        "expires_at": "2006-01-02T15:04:05Z",
        "future_field": {"nested": [1, 2.5, True, None]},
    }
    errors = {"errors": [{"category": "AUTHENTICATION_ERROR", "code": "UNAUTHORIZED", "detail": "no"}]}
    state.answers = [(200, {}, token), (401, {"X-Request-Id": "req-1"}, errors), (503, {}, {}), (200, {}, token)]
    dll = tmp_path / "Square.OAuth.dll"
    compile_cs(sources_of(GOLDEN_CSHARP), dll)
    exe = tmp_path / "SdkBehaviour.exe"
    compile_cs([HERE / "SdkBehaviour.cs"], exe, library=False, references=(dll,))
    result = run_exe(exe, url)
    assert result.returncode == 0 and result.stdout == "all checks passed\n", result.stdout + result.stderr
    paths = [path for path, _, _ in state.requests]
    assert paths == ["/oauth2/token", "/oauth2/revoke", "/oauth2/token"]  # the 503 was not retried
    _, headers, body = state.requests[0]
    assert body["scopes"] == ["A"] and body["short_lived"] is False
    assert "authorization" not in headers  # ObtainToken needs no authentication: the client's token stays home
    assert state.requests[1][1]["authorization"] == "Client S"
