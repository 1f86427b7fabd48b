"""Secrets by name: a field or parameter whose name says it holds a secret is sensitive
(hidden in ``repr`` and ``str`` of the generated models) without ``x-sensitive``;
``x-sensitive: false`` opts out."""

from __future__ import annotations

import importlib
import json
import logging
import socket
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import ModuleType

import pytest
import yaml

from sdkforge.model.secret_names import names_a_secret
from sdkforge.pipeline import GenerateRequest, check_spec, generate
from sdkforge.targets import TargetOptions

SECRET_NAMES = [
    "access_token",
    "refresh_token",
    "id_token",
    "accessToken",
    "AccessToken",
    "ACCESS_TOKEN",
    "access-token",
    "token",
    "client_secret",
    "clientSecret",
    "password",
    "new_password",
    "api_key",
    "apiKey",
    "apikey",
    "X-API-Key",
    "Authorization",
    "credentials",
    "credential",
    "private_key",
    "privateKey",
    "secret_key",
    "webhook_signing_key",
    "passphrase",
]
NOT_SECRET_NAMES = [
    "token_type",
    "tokens_count",
    "tokenizer",
    "expires_at",
    "page_token",
    "next_page_token",
    "nextPageToken",
    "continuation_token",
    "idempotency_token",
    "idempotency_key",
    "key",
    "password_policy",
    "secretive",
    "client_id",
    "authorization_code",
    "",
]


@pytest.mark.parametrize("name", SECRET_NAMES)
def test_names_that_say_secret(name: str) -> None:
    assert names_a_secret(name)


@pytest.mark.parametrize("name", NOT_SECRET_NAMES)
def test_names_that_do_not(name: str) -> None:
    assert not names_a_secret(name)


SPEC = {
    "openapi": "3.0.3",
    "info": {"title": "Vault", "version": "1"},
    "paths": {
        "/login": {
            "post": {
                "operationId": "Login",
                "tags": ["Sessions"],
                "parameters": [
                    {"name": "X-API-Key", "in": "header", "schema": {"type": "string"}},
                    {"name": "X-Trace-Token", "in": "header", "x-sensitive": False, "schema": {"type": "string"}},
                    {"name": "page_token", "in": "query", "schema": {"type": "string"}},
                ],
                "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Login"}}}},
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Session"}}},
                    }
                },
            }
        },
        "/sessions/{sessionToken}/users/{user_id}": {
            "get": {
                "operationId": "GetSession",
                "tags": ["Sessions"],
                "parameters": [
                    {"name": "sessionToken", "in": "path", "required": True, "schema": {"type": "string"}},
                    {"name": "user_id", "in": "path", "required": True, "schema": {"type": "string"}},
                ],
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Session"}}},
                    }
                },
            }
        },
    },
    "components": {
        "schemas": {
            "Login": {
                "type": "object",
                "properties": {
                    "userName": {"type": "string"},
                    "password": {"type": "string"},
                    "apiKey": {"type": "string"},
                },
            },
            "Session": {
                "type": "object",
                "properties": {
                    "accessToken": {"type": "string"},
                    "token_type": {"type": "string"},
                    "revoke_only_access_token": {"type": "boolean"},
                    "public_token": {"type": "string", "x-sensitive": False},
                    "Client-Secret": {"$ref": "#/components/schemas/Opaque"},
                },
            },
            "Opaque": {"type": "string"},
        }
    },
}


@pytest.fixture(scope="module")
def vault(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    root = tmp_path_factory.mktemp("vault")
    (root / "vault.yaml").write_text(yaml.safe_dump(SPEC, sort_keys=False))
    generate(GenerateRequest(spec=root / "vault.yaml", out=root / "out", options=TargetOptions(package_name="vault")))
    sys.path.insert(0, str(root / "out"))
    try:
        importlib.import_module("vault.models")
        yield importlib.import_module("vault")
    finally:
        sys.path.remove(str(root / "out"))
        for name in [m for m in sys.modules if m == "vault" or m.startswith("vault.")]:
            del sys.modules[name]


def test_the_ir_marks_fields_and_parameters_by_name(tmp_path) -> None:
    path = tmp_path / "vault.yaml"
    path.write_text(yaml.safe_dump(SPEC, sort_keys=False))
    api, _ = check_spec(path)
    session = {f.name: f.sensitive for f in api.models["Session"].fields}
    assert session == {
        "accessToken": True,
        "token_type": False,
        "revoke_only_access_token": False,  # a boolean is never a secret
        "public_token": False,  # x-sensitive: false opts out
        "Client-Secret": True,
    }
    assert {f.name: f.sensitive for f in api.models["Login"].fields} == {
        "userName": False,
        "password": True,
        "apiKey": True,
    }
    params = {p.name: p.sensitive for p in api.groups[0].operations[0].parameters}
    params |= {p.name: p.sensitive for p in api.groups[0].operations[1].parameters}
    assert params == {
        "X-API-Key": True,
        "X-Trace-Token": False,
        "page_token": False,
        "sessionToken": True,
        "user_id": False,
    }


def test_repr_and_str_hide_secrets_by_name(vault: ModuleType) -> None:
    session = vault.models.Session.from_dict(
        {
            "accessToken": "tok-SECRET-1",
            "token_type": "bearer",
            "public_token": "pub-visible",
            "Client-Secret": "cs-SECRET-2",
        }
    )
    for text in (repr(session), str(session)):
        assert "tok-SECRET-1" not in text and "cs-SECRET-2" not in text
        assert "access_token='***'" in text
        assert "'bearer'" in text and "'pub-visible'" in text  # not secrets by name, or opted out
    login = vault.models.Login(user_name="ann", password="pw-SECRET-3", api_key="key-SECRET-4")
    assert "pw-SECRET-3" not in repr(login) and "key-SECRET-4" not in repr(login)
    assert "'ann'" in repr(login)


class _SessionHandler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        payload = json.dumps({"accessToken": "tok-x", "token_type": "bearer"}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server_url() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _SessionHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_a_secret_path_parameter_is_sent_but_never_logged(
    vault: ModuleType, server_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG, logger="vault"), vault.Client(base_url=server_url) as client:
        raw = client.sessions.with_raw_response.get_session("sess-SECRET-5", "user-7")
    assert raw.http_response.request.url.path == "/sessions/sess-SECRET-5/users/user-7"  # sent as it is
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "GET /sessions/***/users/user-7 -> 200" in logged
    assert "sess-SECRET-5" not in logged


def test_a_secret_path_parameter_is_not_in_a_connection_error(vault: ModuleType) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nothing listens there once the socket is closed
    with vault.Client(base_url=f"http://127.0.0.1:{port}", max_retries=0) as client:
        with pytest.raises(vault.ApiConnectionError) as caught:
            client.sessions.get_session("sess-SECRET-6", "user-8")
    assert "/sessions/***/users/user-8" in str(caught.value) and "sess-SECRET-6" not in str(caught.value)
