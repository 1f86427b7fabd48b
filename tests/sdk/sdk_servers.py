"""Real HTTP servers on 127.0.0.1 for the SDK tests (standard library only).

- :class:`OAuthServer`: a stateful imitation of Square's OAuth API, with the semantics
  ``spec/oauth.yaml`` describes (single-use, expiring authorization codes; 30-day access
  tokens; RenewToken until 15 days after expiry; RevokeToken for every token of a merchant
  and application; ``Authorization: Client <secret>``), driven by a :class:`TestClock`.
- :class:`ScriptedServer`: answers with the replies a test scripts (slow, 429/503 with
  Retry-After, HTML pages, malformed JSON, dropped connections...) and records every
  request it gets, so tests can count attempts on the server side.

Both run ``ThreadingHTTPServer`` in a thread on port 0; use them as context managers.
"""

from __future__ import annotations

import json
import re
import secrets
import sys
import threading
import time
from collections import deque
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self
from urllib.parse import unquote

ACCESS_TOKEN_LIFETIME = timedelta(days=30)
SHORT_LIVED_TOKEN_LIFETIME = timedelta(hours=24)
RENEW_GRACE = timedelta(days=15)
CODE_LIFETIME = timedelta(minutes=5)


# --------------------------------------------------------------------------- plumbing


@dataclass(frozen=True)
class RecordedRequest:
    """One request as the server received it."""

    method: str
    raw_path: str  # the request target exactly as sent, percent-encoding included
    headers: list[tuple[str, str]]
    body: bytes
    received_at: float  # time.monotonic() when the request was read

    def header(self, name: str) -> str | None:
        values = self.header_values(name)
        return values[0] if values else None

    def header_values(self, name: str) -> list[str]:
        return [v for k, v in self.headers if k.lower() == name.lower()]

    def json(self) -> Any:
        return json.loads(self.body)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, like a real server
    server: _Server

    def _handle(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        recorded = RecordedRequest(self.command, self.path, list(self.headers.items()), body, time.monotonic())
        self.server.owner._record(recorded)
        self.server.owner._respond(self, recorded)

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = _handle

    def send(self, status: int, body: bytes, headers: Mapping[str, str] | None = None) -> None:
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass  # quiet: the tests look at recorded requests instead


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    owner: _BaseServer

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that gave up (a timeout test) closes the connection under our feet:
        # expected here, and not worth a traceback on stderr.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class _BaseServer:
    """A ThreadingHTTPServer on 127.0.0.1:0 in a thread, recording the requests it gets."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._requests: list[RecordedRequest] = []
        self.stopping = threading.Event()  # set on shutdown: ends deliberate delays early
        self._httpd = _Server(("127.0.0.1", 0), _Handler)
        self._httpd.owner = self
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def requests(self) -> list[RecordedRequest]:
        with self._lock:
            return list(self._requests)

    def clear_requests(self) -> None:
        with self._lock:
            self._requests.clear()

    def _record(self, request: RecordedRequest) -> None:
        with self._lock:
            self._requests.append(request)

    def _respond(self, handler: _Handler, request: RecordedRequest) -> None:
        raise NotImplementedError

    def start(self) -> Self:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on (just now)."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# --------------------------------------------------------------------------- scripted server


@dataclass(frozen=True)
class Reply:
    """What :class:`ScriptedServer` answers to one request."""

    status: int = 200
    body: bytes | str | Mapping[str, Any] | list[Any] = b"{}"
    headers: Mapping[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds to wait before answering (a slow server)
    drop: bool = False  # close the connection without answering at all

    def encoded(self) -> tuple[bytes, dict[str, str]]:
        headers = dict(self.headers)
        if isinstance(self.body, bytes):
            body = self.body
        elif isinstance(self.body, str):
            body = self.body.encode()
        else:
            body = json.dumps(self.body).encode()
            headers.setdefault("Content-Type", "application/json")
        headers.setdefault("Content-Type", "application/json")
        return body, headers


def html_502() -> Reply:
    return Reply(
        502,
        "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>",
        {"Content-Type": "text/html"},
    )


class ScriptedServer(_BaseServer):
    """Answers each request with the next scripted :class:`Reply`, then with ``default``."""

    def __init__(self, default: Reply | None = None) -> None:
        super().__init__()
        self.default = default or Reply(200, {})
        self._script: deque[Reply] = deque()

    def script(self, *replies: Reply) -> None:
        """Answer the next requests with these replies, in order (then with ``default``)."""
        with self._lock:
            self._script = deque(replies)
            self._requests.clear()

    def _next(self) -> Reply:
        with self._lock:
            return self._script.popleft() if self._script else self.default

    def _respond(self, handler: _Handler, request: RecordedRequest) -> None:
        reply = self._next()
        if reply.delay and self.stopping.wait(reply.delay):  # a deliberate delay, cut short on shutdown
            handler.close_connection = True
            return
        if reply.drop:
            handler.close_connection = True
            return
        body, headers = reply.encoded()
        handler.send(reply.status, body, headers)


# --------------------------------------------------------------------------- OAuth server


class TestClock:
    """The OAuth server's notion of now; tests move it forward instead of sleeping."""

    __test__ = False  # not a pytest test class

    def __init__(self, start: datetime | None = None) -> None:
        self._now = start or datetime(2026, 1, 1, tzinfo=UTC)
        self._lock = threading.Lock()

    def now(self) -> datetime:
        with self._lock:
            return self._now

    def advance(self, delta: timedelta | None = None, **kwargs: float) -> datetime:
        """Move the clock forward by ``delta`` or by ``timedelta(**kwargs)``; returns the new now."""
        step = delta if delta is not None else timedelta(**kwargs)
        if step < timedelta(0):
            raise ValueError("the clock only moves forward")
        with self._lock:
            self._now += step
            return self._now


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class Application:
    client_id: str
    client_secret: str
    redirect_uri: str | None = None


@dataclass
class AuthorizationCode:
    code: str
    client_id: str
    merchant_id: str
    expires_at: datetime
    redeemed: bool = False


@dataclass
class AccessToken:
    token: str
    client_id: str
    merchant_id: str
    expires_at: datetime
    revoked: bool = False
    short_lived: bool = False


@dataclass
class RefreshToken:
    token: str
    client_id: str
    merchant_id: str
    revoked: bool = False


class OAuthError(Exception):
    """An error answer in Square's shape: ``{"errors": [{"category", "code", "detail", "field"?}]}``."""

    def __init__(self, status: int, category: str, code: str, detail: str, field: str | None = None) -> None:
        super().__init__(detail)
        self.status = status
        self.error: dict[str, str] = {"category": category, "code": code, "detail": detail}
        if field is not None:
            self.error["field"] = field


def _missing(name: str) -> OAuthError:
    return OAuthError(
        400, "INVALID_REQUEST_ERROR", "MISSING_REQUIRED_PARAMETER", f"Missing required parameter `{name}`.", name
    )


def _unauthorized(detail: str) -> OAuthError:
    return OAuthError(401, "AUTHENTICATION_ERROR", "UNAUTHORIZED", detail)


_RENEW_PATH = re.compile(r"^/oauth2/clients/([^/]+)/access-token/renew$")


class OAuthServer(_BaseServer):
    """Square's OAuth API as the spec describes it, in memory, on a :class:`TestClock`."""

    def __init__(self, clock: TestClock | None = None) -> None:
        super().__init__()
        self.clock = clock or TestClock()
        self.applications: dict[str, Application] = {}
        self.codes: dict[str, AuthorizationCode] = {}
        self.access_tokens: dict[str, AccessToken] = {}
        self.refresh_tokens: dict[str, RefreshToken] = {}
        self._state = threading.Lock()

    # ---- set-up helpers for tests

    def register_application(self, client_id: str, client_secret: str, redirect_uri: str | None = None) -> Application:
        app = Application(client_id, client_secret, redirect_uri)
        with self._state:
            self.applications[client_id] = app
        return app

    def authorize(self, client_id: str, merchant_id: str, lifetime: timedelta = CODE_LIFETIME) -> str:
        """What the seller's "Allow" on the authorize page does: a fresh authorization code."""
        code = AuthorizationCode(
            "sq0cgp-CODE-" + secrets.token_hex(12), client_id, merchant_id, self.clock.now() + lifetime
        )
        with self._state:
            self.codes[code.code] = code
        return code.code

    def token_status(self, access_token: str) -> str:
        """``active``, ``expired``, ``revoked`` or ``unknown``."""
        with self._state:
            token = self.access_tokens.get(access_token)
            if token is None:
                return "unknown"
            if token.revoked:
                return "revoked"
            return "expired" if self.clock.now() >= token.expires_at else "active"

    def issued_secrets(self) -> list[str]:
        """Every code, access token and refresh token this server has handed out."""
        with self._state:
            return [*self.codes, *self.access_tokens, *self.refresh_tokens]

    # ---- HTTP

    def _respond(self, handler: _Handler, request: RecordedRequest) -> None:
        path = request.raw_path.split("?", 1)[0]
        try:
            if request.method != "POST":
                raise OAuthError(405, "INVALID_REQUEST_ERROR", "METHOD_NOT_ALLOWED", "Only POST is supported.")
            body = self._json_body(request)
            with self._state:
                if path == "/oauth2/token":
                    status, answer = 200, self._obtain_token(body)
                elif path == "/oauth2/revoke":
                    status, answer = 200, self._revoke_token(body, request.header("Authorization"))
                elif match := _RENEW_PATH.match(path):
                    client_id = unquote(match.group(1))
                    status, answer = 200, self._renew_token(client_id, body, request.header("Authorization"))
                else:
                    raise OAuthError(404, "INVALID_REQUEST_ERROR", "NOT_FOUND", f"No endpoint at {path}.")
        except OAuthError as exc:
            status, answer = exc.status, {"errors": [exc.error]}
        handler.send(status, json.dumps(answer).encode(), {"Content-Type": "application/json"})

    @staticmethod
    def _json_body(request: RecordedRequest) -> dict[str, Any]:
        content_type = request.header("Content-Type") or ""
        if not content_type.startswith("application/json"):
            raise OAuthError(415, "INVALID_REQUEST_ERROR", "INVALID_CONTENT_TYPE", "Send a JSON body.")
        try:
            body = json.loads(request.body)
        except ValueError:
            raise OAuthError(400, "INVALID_REQUEST_ERROR", "BAD_REQUEST", "The body is not valid JSON.") from None
        if not isinstance(body, dict):
            raise OAuthError(400, "INVALID_REQUEST_ERROR", "BAD_REQUEST", "The body must be a JSON object.")
        return body

    @staticmethod
    def _string(body: Mapping[str, Any], name: str, *, required: bool = False) -> str | None:
        value = body.get(name)
        if value is None:
            if required:
                raise _missing(name)
            return None
        if not isinstance(value, str):
            raise OAuthError(400, "INVALID_REQUEST_ERROR", "INVALID_VALUE", f"`{name}` must be a string.", name)
        if required and not value:
            raise _missing(name)
        return value

    def _application(self, client_id: str, secret: str | None) -> Application:
        app = self.applications.get(client_id)
        # compare_digest: constant time, as a real server would
        if app is None or secret is None or not secrets.compare_digest(app.client_secret, secret):
            raise _unauthorized("The client credentials are not valid.")
        return app

    def _application_from_header(self, client_id: str, authorization: str | None) -> Application:
        scheme, _, secret = (authorization or "").partition(" ")
        if scheme != "Client" or not secret:
            raise _unauthorized("The Authorization header must be `Client APPLICATION_SECRET`.")
        return self._application(client_id, secret)

    def _issue(
        self, client_id: str, merchant_id: str, short_lived: bool, refresh: RefreshToken | None
    ) -> dict[str, Any]:
        now = self.clock.now()
        access = AccessToken(
            "EAAA-ACCESS-" + secrets.token_hex(16),
            client_id,
            merchant_id,
            now + (SHORT_LIVED_TOKEN_LIFETIME if short_lived else ACCESS_TOKEN_LIFETIME),
            short_lived=short_lived,
        )
        self.access_tokens[access.token] = access
        if refresh is None:
            refresh = RefreshToken("EQAA-REFRESH-" + secrets.token_hex(16), client_id, merchant_id)
            self.refresh_tokens[refresh.token] = refresh
        answer: dict[str, Any] = {
            "access_token": access.token,
            "token_type": "bearer",
            "expires_at": iso(access.expires_at),
            "merchant_id": merchant_id,
            "refresh_token": refresh.token,
        }
        if short_lived:
            answer["short_lived"] = True
        return answer

    def _obtain_token(self, body: Mapping[str, Any]) -> dict[str, Any]:
        client_id = self._string(body, "client_id", required=True)
        client_secret = self._string(body, "client_secret", required=True)
        grant_type = self._string(body, "grant_type", required=True)
        assert client_id is not None and grant_type is not None
        app = self._application(client_id, client_secret)
        short_lived = body.get("short_lived") is True
        if grant_type == "authorization_code":
            code_value = self._string(body, "code", required=True)
            assert code_value is not None
            code = self.codes.get(code_value)
            if code is None or code.client_id != app.client_id:
                raise _unauthorized("The authorization code is not valid.")
            if code.redeemed:
                raise _unauthorized("The authorization code has already been redeemed.")
            if self.clock.now() >= code.expires_at:
                raise _unauthorized("The authorization code has expired.")
            redirect_uri = self._string(body, "redirect_uri")
            if redirect_uri is not None and redirect_uri != app.redirect_uri:
                raise OAuthError(
                    400,
                    "INVALID_REQUEST_ERROR",
                    "INVALID_VALUE",
                    "The redirect_uri does not match the application's.",
                    "redirect_uri",
                )
            code.redeemed = True  # single use
            return self._issue(app.client_id, code.merchant_id, short_lived, None)
        if grant_type == "refresh_token":
            refresh_value = self._string(body, "refresh_token", required=True)
            assert refresh_value is not None
            refresh = self.refresh_tokens.get(refresh_value)
            if refresh is None or refresh.client_id != app.client_id:
                raise _unauthorized("The refresh token is not valid.")
            if refresh.revoked:
                raise OAuthError(401, "AUTHENTICATION_ERROR", "ACCESS_TOKEN_REVOKED", "The refresh token was revoked.")
            return self._issue(app.client_id, refresh.merchant_id, short_lived, refresh)
        raise OAuthError(
            400, "INVALID_REQUEST_ERROR", "INVALID_VALUE", f"Unsupported grant_type {grant_type!r}.", "grant_type"
        )

    def _renew_token(self, client_id: str, body: Mapping[str, Any], authorization: str | None) -> dict[str, Any]:
        app = self._application_from_header(client_id, authorization)
        value = self._string(body, "access_token", required=True)
        assert value is not None
        token = self.access_tokens.get(value)
        if token is None or token.client_id != app.client_id:
            raise _unauthorized("The access token is not valid.")
        if token.revoked:
            raise OAuthError(401, "AUTHENTICATION_ERROR", "ACCESS_TOKEN_REVOKED", "The access token was revoked.")
        if self.clock.now() > token.expires_at + RENEW_GRACE:
            raise OAuthError(
                401,
                "AUTHENTICATION_ERROR",
                "ACCESS_TOKEN_EXPIRED",
                "The access token expired more than 15 days ago; authorize again.",
            )
        token.revoked = True  # replaced by the renewed one
        now = self.clock.now()
        renewed = AccessToken(
            "EAAA-ACCESS-" + secrets.token_hex(16), app.client_id, token.merchant_id, now + ACCESS_TOKEN_LIFETIME
        )
        self.access_tokens[renewed.token] = renewed
        return {
            "access_token": renewed.token,
            "token_type": "bearer",
            "expires_at": iso(renewed.expires_at),
            "merchant_id": renewed.merchant_id,
        }

    def _revoke_token(self, body: Mapping[str, Any], authorization: str | None) -> dict[str, Any]:
        client_id = self._string(body, "client_id", required=True)
        assert client_id is not None
        app = self._application_from_header(client_id, authorization)
        access_value = self._string(body, "access_token")
        merchant_id = self._string(body, "merchant_id")
        if (access_value is None) == (merchant_id is None):
            raise OAuthError(
                400, "INVALID_REQUEST_ERROR", "BAD_REQUEST", "Set exactly one of `access_token` and `merchant_id`."
            )
        if access_value is not None:
            token = self.access_tokens.get(access_value)
            if token is None or token.client_id != app.client_id:
                raise OAuthError(404, "INVALID_REQUEST_ERROR", "NOT_FOUND", "No such access token.", "access_token")
            if body.get("revoke_only_access_token") is True:
                token.revoked = True
                return {"success": True}
            merchant_id = token.merchant_id
        revoked = 0
        for item in self._tokens_of(app.client_id, merchant_id):
            revoked += not item.revoked
            item.revoked = True
        if not revoked:
            raise OAuthError(404, "INVALID_REQUEST_ERROR", "NOT_FOUND", "No active authorization for this merchant.")
        return {"success": True}

    def _tokens_of(self, client_id: str, merchant_id: str | None) -> Iterator[AccessToken | RefreshToken]:
        for item in [*self.access_tokens.values(), *self.refresh_tokens.values()]:
            if item.client_id == client_id and item.merchant_id == merchant_id:
                yield item
