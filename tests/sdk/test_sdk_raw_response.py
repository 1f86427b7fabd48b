"""Raw responses of the generated SDK, against a real local server:
``client.<group>.with_raw_response.<method>(...)`` gives the status, the headers and the
``httpx.Response``, and ``parse()`` the typed result of the plain method; typed for mypy."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import warnings
from pathlib import Path
from typing import Any

import httpx
import pytest
from sdk_helpers import CLIENT_ID, CLIENT_SECRET, KINDS, MERCHANT_ID, SDK_ROOT, Call, run_scenario
from sdk_servers import OAuthServer, Reply, ScriptedServer
from square_oauth import ApiError, NotFoundError, RawResponse
from square_oauth.api import AsyncOAuthApiWithRawResponse, OAuthApiWithRawResponse
from square_oauth.models import ObtainTokenRequest, ObtainTokenResponse, RenewTokenRequest, RenewTokenResponse

TOKEN_JSON = {
    "access_token": "EAAA-RAW-ACCESS-1",
    "token_type": "bearer",
    "expires_at": "2026-02-01T00:00:00Z",
    "merchant_id": MERCHANT_ID,
    "refresh_token": "EQAA-RAW-REFRESH-1",
}
HEADERS = {"Square-Request-Id": "req-raw-1", "X-Rate-Remaining": "41", "Square-Version": "2025-08-20"}


def obtain_body() -> ObtainTokenRequest:
    return ObtainTokenRequest.builder(CLIENT_ID, CLIENT_SECRET, "authorization_code").code("sq0cgp-CODE-x").build()


@pytest.mark.parametrize("kind", KINDS)
def test_a_raw_response_has_status_headers_and_parses_to_the_typed_result(kind: str, scripted: ScriptedServer) -> None:
    scripted.script(Reply(201, TOKEN_JSON, HEADERS), Reply(200, TOKEN_JSON))

    async def scenario(client: Any, call: Call) -> None:
        assert isinstance(
            client.o_auth.with_raw_response,
            AsyncOAuthApiWithRawResponse if kind == "async" else OAuthApiWithRawResponse,
        )
        raw = await call(client.o_auth.with_raw_response.obtain_token, obtain_body())
        assert isinstance(raw, RawResponse)
        assert raw.status_code == 201
        assert raw.headers["x-rate-remaining"] == "41" and raw.headers["SQUARE-VERSION"] == "2025-08-20"
        assert raw.request_id == "req-raw-1"
        assert isinstance(raw.http_response, httpx.Response)
        assert raw.http_response.json() == TOKEN_JSON
        assert raw.http_response.request.url.path == "/oauth2/token"
        parsed = raw.parse()
        assert isinstance(parsed, ObtainTokenResponse)
        plain = await call(client.o_auth.obtain_token, obtain_body())
        assert parsed == plain and parsed.access_token == "EAAA-RAW-ACCESS-1"

    run_scenario(kind, scenario, base_url=scripted.url)
    assert [r.raw_path for r in scripted.requests] == ["/oauth2/token", "/oauth2/token"]
    assert scripted.requests[0].body == scripted.requests[1].body  # the same request as the plain method


@pytest.mark.parametrize("kind", KINDS)
def test_an_error_status_raises_as_the_plain_method_does(kind: str, scripted: ScriptedServer) -> None:
    body = {"errors": [{"category": "INVALID_REQUEST_ERROR", "code": "NOT_FOUND", "detail": "no such app"}]}
    scripted.script(Reply(404, body, {"X-Request-Id": "req-404"}))

    async def scenario(client: Any, call: Call) -> None:
        with pytest.raises(NotFoundError) as caught:
            await call(client.o_auth.with_raw_response.obtain_token, obtain_body())
        assert caught.value.request_id == "req-404" and caught.value.errors[0].detail == "no such app"

    run_scenario(kind, scenario, base_url=scripted.url)


@pytest.mark.parametrize("kind", KINDS)
def test_a_body_of_the_wrong_shape_fails_only_when_parsed(kind: str, scripted: ScriptedServer) -> None:
    scripted.script(Reply(200, "<html>maintenance</html>", {"Content-Type": "text/html"}))

    async def scenario(client: Any, call: Call) -> None:
        raw = await call(client.o_auth.with_raw_response.obtain_token, obtain_body())
        assert raw.status_code == 200 and raw.http_response.text == "<html>maintenance</html>"
        with pytest.raises(ApiError, match="not valid JSON"):
            raw.parse()

    run_scenario(kind, scenario, base_url=scripted.url)


@pytest.mark.parametrize("kind", KINDS)
def test_raw_calls_retry_and_warn_as_the_plain_ones(kind: str, scripted: ScriptedServer) -> None:
    renewed = {"access_token": "EAAA-RENEWED", "token_type": "bearer", "merchant_id": MERCHANT_ID}
    scripted.script(Reply(503, {}), Reply(200, renewed, {"Request-Id": "req-renew"}))

    async def scenario(client: Any, call: Call) -> None:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            raw = await call(
                client.o_auth.with_raw_response.renew_token,
                CLIENT_ID,
                RenewTokenRequest(access_token="EAAA-OLD"),
                f"Client {CLIENT_SECRET}",
                request_options={"retry_non_idempotent": True},
            )
        assert [w.category for w in caught] == [DeprecationWarning]
        assert raw.request_id == "req-renew"
        assert isinstance(raw.parse(), RenewTokenResponse) and raw.parse().access_token == "EAAA-RENEWED"

    run_scenario(kind, scenario, base_url=scripted.url)
    assert len(scripted.requests) == 2


@pytest.mark.parametrize("kind", KINDS)
def test_against_the_stateful_server(kind: str, oauth_server: OAuthServer) -> None:
    code = oauth_server.authorize(CLIENT_ID, MERCHANT_ID)
    body = ObtainTokenRequest.builder(CLIENT_ID, CLIENT_SECRET, "authorization_code").code(code).build()

    async def scenario(client: Any, call: Call) -> None:
        raw = await call(client.o_auth.with_raw_response.obtain_token, body)
        assert raw.status_code == 200 and raw.headers["content-type"].startswith("application/json")
        token = raw.parse()
        assert oauth_server.token_status(token.access_token) == "active"

    run_scenario(kind, scenario, base_url=oauth_server.url)


TYPED_USE = """
from square_oauth import AsyncClient, Client, RawResponse
from square_oauth.models import ObtainTokenRequest, ObtainTokenResponse

body = ObtainTokenRequest(client_id="A", client_secret="S", grant_type="authorization_code")


def sync_use(client: Client) -> ObtainTokenResponse:
    raw: RawResponse[ObtainTokenResponse] = client.o_auth.with_raw_response.obtain_token(body)
    status: int = raw.status_code
    print(status, raw.headers.get("x-request-id"), raw.http_response.elapsed)
    return raw.parse()


async def async_use(client: AsyncClient) -> ObtainTokenResponse:
    raw = await client.o_auth.with_raw_response.obtain_token(body)
    return raw.parse()


def wrong(client: Client) -> int:
    return client.o_auth.with_raw_response.obtain_token(body).parse()  # an ObtainTokenResponse, not an int
"""


def test_mypy_knows_what_parse_returns(tmp_path: Path) -> None:
    (tmp_path / "use.py").write_text(textwrap.dedent(TYPED_USE))
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path / "cache"), str(tmp_path / "use.py")],
        capture_output=True,
        text=True,
        cwd=SDK_ROOT,
        env={"MYPYPATH": str(SDK_ROOT), "PATH": "/usr/bin:/bin"},
    )
    errors = [line for line in result.stdout.splitlines() if ": error:" in line]
    assert len(errors) == 1, result.stdout
    assert "use.py:21:" in errors[0] and '"ObtainTokenResponse", expected "int"' in errors[0]
