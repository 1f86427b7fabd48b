"""Runtime behaviour of the generated SDK against real local servers: timeouts, retries,
bodies that are not what the API documents, secrecy, the caller's own httpx client and
headers, User-Agent, context managers and deprecation warnings."""

from __future__ import annotations

import asyncio
import itertools
import json
import logging
import time
import tomllib
import traceback
import warnings
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from typing import Any

import httpx
import pytest
import square_oauth
from sdk_helpers import CLIENT_ID, CLIENT_SECRET, KINDS, MERCHANT_ID, SDK_ROOT, Call, run_scenario
from sdk_servers import OAuthServer, RecordedRequest, Reply, ScriptedServer, free_port, html_502
from square_oauth import ApiConnectionError, ApiError, ApiTimeoutError, AsyncClient, Client, SdkError
from square_oauth.models import (
    ErrorCategory,
    ErrorCode,
    ObtainTokenRequest,
    ObtainTokenResponse,
    RenewTokenRequest,
    RevokeTokenRequest,
    RevokeTokenResponse,
)

AUTH = f"Client {CLIENT_SECRET}"
TOKEN_JSON = {
    "access_token": "EAAA-SCRIPTED-ACCESS-1",
    "token_type": "bearer",
    "expires_at": "2026-02-01T00:00:00Z",
    "merchant_id": MERCHANT_ID,
    "refresh_token": "EQAA-SCRIPTED-REFRESH-1",
}
OK = Reply(200, TOKEN_JSON)


def obtain_body() -> ObtainTokenRequest:
    return ObtainTokenRequest.builder(CLIENT_ID, CLIENT_SECRET, "authorization_code").code("sq0cgp-CODE-x").build()


async def obtain(client: Any, call: Call, **options: Any) -> ObtainTokenResponse:
    kwargs = {"request_options": options} if options else {}
    return await call(client.o_auth.obtain_token, obtain_body(), **kwargs)


def gaps(requests: list[RecordedRequest]) -> list[float]:
    return [b.received_at - a.received_at for a, b in itertools.pairwise(requests)]


# --------------------------------------------------------------------------- timeouts


@pytest.mark.parametrize("kind", KINDS)
def test_client_timeout_raises_promptly(kind: str, scripted: ScriptedServer) -> None:
    scripted.script(Reply(200, TOKEN_JSON, delay=3))

    async def scenario(client: Any, call: Call) -> None:
        started = time.monotonic()
        with pytest.raises(ApiTimeoutError) as caught:
            await obtain(client, call)
        assert time.monotonic() - started < 2
        assert "/oauth2/token" in str(caught.value)

    run_scenario(kind, scenario, base_url=scripted.url, timeout=0.2)
    assert len(scripted.requests) == 1  # a POST that timed out is not sent again


@pytest.mark.parametrize("kind", KINDS)
def test_a_timeout_is_caught_as_a_connection_error(kind: str, scripted: ScriptedServer) -> None:
    # As httpx's TimeoutException is one of its transport errors, ApiTimeoutError is one
    # of the connection errors: ``except ApiConnectionError`` covers "no answer" whole.
    assert issubclass(ApiTimeoutError, ApiConnectionError)
    scripted.script(Reply(200, TOKEN_JSON, delay=3))

    async def scenario(client: Any, call: Call) -> None:
        with pytest.raises(ApiConnectionError) as caught:
            await obtain(client, call)
        assert type(caught.value) is ApiTimeoutError

    run_scenario(kind, scenario, base_url=scripted.url, timeout=0.2)


@pytest.mark.parametrize("kind", KINDS)
def test_per_call_timeout_overrides_the_clients(kind: str, scripted: ScriptedServer) -> None:
    async def scenario(client: Any, call: Call) -> None:
        scripted.script(Reply(200, TOKEN_JSON, delay=3))
        started = time.monotonic()
        with pytest.raises(ApiTimeoutError):
            await obtain(client, call, timeout=0.2)  # the client would wait 60 s
        assert time.monotonic() - started < 2

    run_scenario(kind, scenario, base_url=scripted.url)

    async def longer(client: Any, call: Call) -> None:
        scripted.script(Reply(200, TOKEN_JSON, delay=0.3))
        assert (await obtain(client, call, timeout=5)).merchant_id == MERCHANT_ID  # the client would give up

    run_scenario(kind, longer, base_url=scripted.url, timeout=0.1)


def test_a_timed_out_post_is_retried_when_the_caller_opts_in(scripted: ScriptedServer) -> None:
    scripted.script(Reply(200, TOKEN_JSON, delay=3), OK)
    with Client(base_url=scripted.url, timeout=0.2, max_retries=1, retry_non_idempotent=True) as client:
        started = time.monotonic()
        assert client.o_auth.obtain_token(obtain_body()).merchant_id == MERCHANT_ID
        assert time.monotonic() - started < 2
    assert len(scripted.requests) == 2


# --------------------------------------------------------------------------- retries


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("status", [429, 500, 502, 503, 504])
def test_post_is_not_retried_by_default(kind: str, status: int, scripted: ScriptedServer) -> None:
    scripted.script(Reply(status, {"errors": []}, {"Retry-After": "0"}), OK)

    async def scenario(client: Any, call: Call) -> None:
        with pytest.raises(ApiError) as caught:
            await obtain(client, call)
        assert caught.value.status_code == status

    run_scenario(kind, scenario, base_url=scripted.url)  # max_retries defaults to 2, yet:
    assert len(scripted.requests) == 1


@pytest.mark.parametrize("kind", KINDS)
def test_retry_non_idempotent_on_the_client_retries_429_and_5xx(kind: str, scripted: ScriptedServer) -> None:
    retry_now = {"Retry-After": "0"}
    scripted.script(Reply(503, "busy", retry_now), Reply(429, {"errors": []}, retry_now), OK)

    async def scenario(client: Any, call: Call) -> None:
        assert (await obtain(client, call)).access_token == TOKEN_JSON["access_token"]

    run_scenario(kind, scenario, base_url=scripted.url, retry_non_idempotent=True)
    requests = scripted.requests
    assert len(requests) == 3
    assert all(r.body == requests[0].body and r.raw_path == "/oauth2/token" for r in requests)


@pytest.mark.parametrize("kind", KINDS)
def test_retry_non_idempotent_per_call(kind: str, scripted: ScriptedServer) -> None:
    scripted.script(Reply(502, "bad gateway", {"Retry-After": "0"}), OK)

    async def scenario(client: Any, call: Call) -> None:
        assert (await obtain(client, call, retry_non_idempotent=True)).merchant_id == MERCHANT_ID

    run_scenario(kind, scenario, base_url=scripted.url)
    assert len(scripted.requests) == 2


@pytest.mark.parametrize(
    ("client_max", "call_max", "attempts"),
    [(0, None, 1), (1, None, 2), (2, None, 3), (0, 3, 4), (3, 0, 1)],
)
def test_max_retries_on_the_client_and_per_call(
    client_max: int, call_max: int | None, attempts: int, scripted: ScriptedServer
) -> None:
    scripted.default = Reply(
        503, {"errors": [{"category": "API_ERROR", "code": "SERVICE_UNAVAILABLE"}]}, {"Retry-After": "0"}
    )
    options: dict[str, Any] = {} if call_max is None else {"max_retries": call_max}
    with Client(base_url=scripted.url, max_retries=client_max, retry_non_idempotent=True) as client:
        with pytest.raises(ApiError) as caught:
            client.o_auth.obtain_token(obtain_body(), request_options=options)  # type: ignore[arg-type]
    assert caught.value.status_code == 503
    assert caught.value.errors[0].code is ErrorCode.SERVICE_UNAVAILABLE
    assert len(scripted.requests) == attempts


@pytest.mark.parametrize("status", [400, 401, 404, 409, 422, 501])
def test_other_statuses_are_never_retried(status: int, scripted: ScriptedServer) -> None:
    scripted.default = Reply(status, {"errors": []}, {"Retry-After": "0"})
    with Client(base_url=scripted.url, retry_non_idempotent=True) as client, pytest.raises(ApiError):
        client.o_auth.obtain_token(obtain_body())
    assert len(scripted.requests) == 1


def test_retry_after_seconds_is_honoured(scripted: ScriptedServer) -> None:
    scripted.script(Reply(429, {"errors": []}, {"Retry-After": "1"}), OK)
    with Client(base_url=scripted.url, retry_non_idempotent=True) as client:
        client.o_auth.obtain_token(obtain_body())
    [gap] = gaps(scripted.requests)
    assert 0.95 <= gap < 1.5


@pytest.mark.parametrize("kind", KINDS)
def test_retry_after_zero_or_a_past_date_retries_at_once(kind: str, scripted: ScriptedServer) -> None:
    past = format_datetime(datetime.now(UTC) - timedelta(minutes=1), usegmt=True)
    scripted.script(Reply(503, "", {"Retry-After": "0"}), Reply(503, "", {"Retry-After": past}), OK)

    async def scenario(client: Any, call: Call) -> None:
        await obtain(client, call, retry_non_idempotent=True)

    run_scenario(kind, scenario, base_url=scripted.url)
    # without Retry-After the backoff would wait at least 0.375 s, then 0.75 s
    assert sum(gaps(scripted.requests)) < 0.3


def test_retry_after_a_future_http_date_is_honoured(scripted: ScriptedServer) -> None:
    soon = format_datetime(datetime.now(UTC) + timedelta(seconds=2), usegmt=True)  # whole seconds: waits 1-2 s
    scripted.script(Reply(503, "", {"Retry-After": soon}), OK)
    with Client(base_url=scripted.url, retry_non_idempotent=True) as client:
        client.o_auth.obtain_token(obtain_body())
    [gap] = gaps(scripted.requests)
    assert 0.9 <= gap < 2.5


@pytest.mark.parametrize("value", ["nan", "inf", "-5", "soon", ""])
def test_unusable_retry_after_values_fall_back_to_a_bounded_wait(value: str, scripted: ScriptedServer) -> None:
    scripted.script(Reply(503, "", {"Retry-After": value}), OK)
    with Client(base_url=scripted.url, retry_non_idempotent=True, max_retries=1) as client:
        started = time.monotonic()
        assert client.o_auth.obtain_token(obtain_body()).merchant_id == MERCHANT_ID
        assert time.monotonic() - started < 1.5
    assert len(scripted.requests) == 2


@pytest.mark.parametrize("kind", KINDS)
def test_a_retry_after_longer_than_a_minute_is_not_waited_for(kind: str, scripted: ScriptedServer) -> None:
    scripted.script(
        Reply(429, {"errors": [{"category": "RATE_LIMIT_ERROR", "code": "RATE_LIMITED"}]}, {"Retry-After": "3600"}), OK
    )

    async def scenario(client: Any, call: Call) -> None:
        started = time.monotonic()
        with pytest.raises(ApiError) as caught:
            await obtain(client, call, retry_non_idempotent=True)
        assert time.monotonic() - started < 1
        assert caught.value.status_code == 429 and caught.value.headers["Retry-After"] == "3600"

    run_scenario(kind, scenario, base_url=scripted.url)
    assert len(scripted.requests) == 1


def test_each_retry_is_logged_at_debug(scripted: ScriptedServer, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="square_oauth")
    scripted.script(Reply(503, "", {"Retry-After": "0"}), OK)
    with Client(base_url=scripted.url, retry_non_idempotent=True) as client:
        client.o_auth.obtain_token(obtain_body())
    messages = [r.getMessage() for r in caplog.records if r.name == "square_oauth"]
    assert "POST /oauth2/token: attempt 1 failed (503), retrying in 0.00 s" in messages
    assert "POST /oauth2/token -> 200 (attempt 2)" in messages


def test_backoff_without_retry_after_is_exponential_with_jitter(scripted: ScriptedServer) -> None:
    scripted.script(Reply(503, ""), Reply(503, ""), OK)
    with Client(base_url=scripted.url, retry_non_idempotent=True) as client:
        client.o_auth.obtain_token(obtain_body())
    first, second = gaps(scripted.requests)
    # 0.5 s then 1 s, each shortened by up to 25 % of jitter
    assert 0.37 <= first <= 0.5 + 0.35  # the upper bounds allow for a busy machine
    assert 0.74 <= second <= 1.0 + 0.35


@pytest.mark.parametrize("kind", KINDS)
def test_a_dropped_connection_is_retried_only_when_the_caller_opts_in(kind: str, scripted: ScriptedServer) -> None:
    scripted.script(Reply(drop=True), OK)

    async def scenario(client: Any, call: Call) -> None:
        with pytest.raises(ApiConnectionError):
            await obtain(client, call)

    run_scenario(kind, scenario, base_url=scripted.url)
    assert len(scripted.requests) == 1

    scripted.script(Reply(drop=True), OK)

    async def opted_in(client: Any, call: Call) -> None:
        assert (await obtain(client, call, retry_non_idempotent=True)).merchant_id == MERCHANT_ID

    run_scenario(kind, opted_in, base_url=scripted.url)
    assert len(scripted.requests) == 2


@pytest.mark.parametrize("kind", KINDS)
def test_a_refused_connection_is_retried_even_for_post(kind: str) -> None:
    """Nothing was sent, so resending cannot repeat the call; attempts counted by an event hook."""
    attempts: list[str] = []
    url = f"http://127.0.0.1:{free_port()}"

    def count(request: httpx.Request) -> None:
        attempts.append(request.url.path)

    async def acount(request: httpx.Request) -> None:
        count(request)

    async def scenario(client: Any, call: Call) -> None:
        started = time.monotonic()
        with pytest.raises(ApiConnectionError) as caught:
            await obtain(client, call)
        assert time.monotonic() - started < 2
        assert "/oauth2/token" in str(caught.value)

    if kind == "sync":
        with httpx.Client(event_hooks={"request": [count]}) as http:
            run_scenario(kind, scenario, base_url=url, max_retries=1, http_client=http)
    else:

        async def main() -> None:
            async with httpx.AsyncClient(event_hooks={"request": [acount]}) as http:
                async with AsyncClient(base_url=url, max_retries=1, http_client=http) as client:
                    await scenario(client, _await)

        asyncio.run(main())
    assert attempts == ["/oauth2/token", "/oauth2/token"]


async def _await(fn: Any, *args: Any, **kwargs: Any) -> Any:
    return await fn(*args, **kwargs)


# --------------------------------------------------------------------------- bodies


def error_chain(exc: BaseException) -> list[BaseException]:
    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in chain and len(chain) < 20:
        chain.append(current)
        current = current.__cause__ or current.__context__
    return chain


@pytest.mark.parametrize("kind", KINDS)
def test_an_html_502_page_raises_api_error_with_the_raw_body(kind: str, scripted: ScriptedServer) -> None:
    scripted.script(html_502())

    async def scenario(client: Any, call: Call) -> None:
        with pytest.raises(ApiError) as caught:
            await obtain(client, call)
        error = caught.value
        assert error.status_code == 502
        assert "<h1>502 Bad Gateway</h1>" in error.raw_body
        assert error.body is None and error.errors == []
        assert error.headers["content-type"] == "text/html"
        assert str(error).startswith("HTTP 502")
        assert not isinstance(error, ValueError)

    run_scenario(kind, scenario, base_url=scripted.url)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(
    ("reply", "problem"),
    [
        (Reply(200, '{"access_token": "EAAA-x", '), "not valid JSON"),
        (Reply(200, b"\xff\xfe{not json"), "not valid JSON"),
        (Reply(200, "<html>maintenance</html>", {"Content-Type": "text/html"}), "not valid JSON"),
        (Reply(200, ["a", "list"]), "documented shape"),
        (Reply(200, {"errors": "not-a-list"}), "documented shape"),
        (Reply(200, ""), "documented shape"),
    ],
    ids=["truncated", "binary", "html-200", "array", "wrong-type", "empty"],
)
def test_a_2xx_body_that_cannot_be_parsed_raises_api_error(
    kind: str, reply: Reply, problem: str, scripted: ScriptedServer
) -> None:
    scripted.script(reply)

    async def scenario(client: Any, call: Call) -> None:
        with pytest.raises(ApiError) as caught:
            await obtain(client, call)
        assert caught.value.status_code == 200
        assert problem in str(caught.value)
        assert caught.value.raw_body == reply.encoded()[0].decode("utf-8", errors="replace")

    run_scenario(kind, scenario, base_url=scripted.url)


@pytest.mark.parametrize("kind", KINDS)
def test_an_answer_that_cannot_be_decoded_raises_an_sdk_error(kind: str, scripted: ScriptedServer) -> None:
    scripted.script(Reply(200, b"this is not gzip", {"Content-Encoding": "gzip"}))

    async def scenario(client: Any, call: Call) -> None:
        with pytest.raises(ApiConnectionError) as caught:
            await obtain(client, call)
        assert "DecodingError" in str(caught.value) and "/oauth2/token" in str(caught.value)

    run_scenario(kind, scenario, base_url=scripted.url)


def test_malformed_json_in_an_error_response_keeps_the_raw_body(scripted: ScriptedServer) -> None:
    scripted.script(Reply(500, '{"errors": [{"category": "API_ERROR",'))
    with Client(base_url=scripted.url) as client, pytest.raises(ApiError) as caught:
        client.o_auth.obtain_token(obtain_body())
    assert caught.value.status_code == 500
    assert caught.value.raw_body == '{"errors": [{"category": "API_ERROR",'
    assert caught.value.body is None and caught.value.errors == []


@pytest.mark.parametrize("kind", KINDS)
def test_unknown_response_fields_are_kept_and_written_back(kind: str, scripted: ScriptedServer) -> None:
    data = {**TOKEN_JSON, "granted_scopes": ["PAYMENTS_READ"], "brand_new": {"nested": [1, None, True]}}
    scripted.script(Reply(200, data))

    async def scenario(client: Any, call: Call) -> None:
        token = await obtain(client, call)
        assert token.merchant_id == MERCHANT_ID
        assert dict(token.extra_fields) == {
            "granted_scopes": ["PAYMENTS_READ"],
            "brand_new": {"nested": [1, None, True]},
        }
        assert token.to_dict() == data
        assert ObtainTokenResponse.from_dict(token.to_dict()) == token

    run_scenario(kind, scenario, base_url=scripted.url)


@pytest.mark.parametrize("kind", KINDS)
def test_unknown_enum_values_in_errors_are_kept_as_strings(kind: str, scripted: ScriptedServer) -> None:
    body = {
        "errors": [
            {"category": "FUTURE_ERROR", "code": "SOMETHING_NEW", "detail": "new", "trace_id": "t-1"},
            {"category": "RATE_LIMIT_ERROR", "code": "RATE_LIMITED"},
            {"category": "API_ERROR"},  # no code: not an Error, skipped
            "not an object",
        ]
    }
    scripted.script(Reply(400, body))

    async def scenario(client: Any, call: Call) -> None:
        with pytest.raises(ApiError) as caught:
            await obtain(client, call)
        first, second = caught.value.errors
        assert first.category == "FUTURE_ERROR" and not isinstance(first.category, ErrorCategory)
        assert first.code == "SOMETHING_NEW" and not isinstance(first.code, ErrorCode)
        assert first.extra_fields == {"trace_id": "t-1"}
        assert second.category is ErrorCategory.RATE_LIMIT_ERROR and second.code is ErrorCode.RATE_LIMITED
        assert caught.value.body == body
        assert "SOMETHING_NEW" in str(caught.value)

    run_scenario(kind, scenario, base_url=scripted.url)


@pytest.mark.parametrize("kind", KINDS)
def test_unknown_fields_in_a_revoke_response(kind: str, scripted: ScriptedServer) -> None:
    scripted.script(Reply(200, {"success": True, "revoked_count": 3}))

    async def scenario(client: Any, call: Call) -> None:
        answer = await call(client.o_auth.revoke_token, RevokeTokenRequest(client_id=CLIENT_ID), AUTH)
        assert isinstance(answer, RevokeTokenResponse)
        assert answer.success is True and answer.extra_fields == {"revoked_count": 3}

    run_scenario(kind, scenario, base_url=scripted.url)


# --------------------------------------------------------------------------- secrets

BEARER = "EAAA-CLIENT-BEARER-SECRET-77c1"
WRONG_SECRET = "sq0csp-WRONG-SECRET-4d2b"


def texts_of(exc: BaseException) -> list[str]:
    texts = ["".join(traceback.format_exception(exc))]
    for item in error_chain(exc):
        texts += [str(item), repr(item), repr(item.args)]
    return texts


@pytest.mark.parametrize("kind", KINDS)
def test_no_secret_in_exceptions_reprs_or_logs(
    kind: str, oauth_server: OAuthServer, scripted: ScriptedServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    for name in ("httpx", "httpcore", "square_oauth"):
        caplog.set_level(logging.DEBUG, logger=name)
    captured: list[str] = []
    code = oauth_server.authorize(CLIENT_ID, MERCHANT_ID)

    async def expect_failure(kind_of: type[SdkError], call: Call, fn: Any, *args: Any, **kwargs: Any) -> None:
        with pytest.raises(kind_of) as caught:
            await call(fn, *args, **kwargs)
        captured.extend(texts_of(caught.value))

    async def flow(client: Any, call: Call) -> None:
        request = ObtainTokenRequest.builder(CLIENT_ID, CLIENT_SECRET, "authorization_code").code(code).build()
        token = await call(client.o_auth.obtain_token, request)
        renew = RenewTokenRequest(access_token=token.access_token)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            renewed = await call(client.o_auth.renew_token, CLIENT_ID, renew, AUTH)
            revoke = RevokeTokenRequest(client_id=CLIENT_ID, access_token=renewed.access_token)
            revoked = await call(client.o_auth.revoke_token, revoke, AUTH)
            await expect_failure(ApiError, call, client.o_auth.renew_token, CLIENT_ID, renew, AUTH)
            await expect_failure(ApiError, call, client.o_auth.revoke_token, revoke, f"Client {WRONG_SECRET}")
            await expect_failure(ApiError, call, client.o_auth.obtain_token, request)  # the code was used
            wrong = request.to_builder().client_secret(WRONG_SECRET).build()
            await expect_failure(ApiError, call, client.o_auth.obtain_token, wrong)
            refresh = request.to_builder().grant_type("refresh_token").refresh_token(token.refresh_token).build()
            await expect_failure(ApiError, call, client.o_auth.obtain_token, refresh)
        for model in (request, token, renew, renewed, revoke, revoked, wrong, refresh, request.to_builder()):
            captured.extend([repr(model), str(model)])

    run_scenario(kind, flow, base_url=oauth_server.url, access_token=BEARER)

    async def failures(client: Any, call: Call) -> None:
        renew = RenewTokenRequest(access_token=BEARER)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            scripted.script(Reply(200, {}, delay=3))
            await expect_failure(ApiTimeoutError, call, client.o_auth.renew_token, CLIENT_ID, renew, AUTH)
            scripted.script(Reply(drop=True))
            await expect_failure(ApiConnectionError, call, client.o_auth.renew_token, CLIENT_ID, renew, AUTH)
            scripted.script(html_502())
            await expect_failure(ApiError, call, client.o_auth.renew_token, CLIENT_ID, renew, AUTH)
            scripted.script(Reply(200, "{broken"))
            await expect_failure(ApiError, call, client.o_auth.renew_token, CLIENT_ID, renew, AUTH)

    run_scenario(kind, failures, base_url=scripted.url, access_token=BEARER, timeout=0.2, max_retries=0)

    async def refused(client: Any, call: Call) -> None:
        revoke = RevokeTokenRequest(client_id=CLIENT_ID, access_token=BEARER)
        await expect_failure(ApiConnectionError, call, client.o_auth.revoke_token, revoke, AUTH)

    run_scenario(kind, refused, base_url=f"http://127.0.0.1:{free_port()}", access_token=BEARER, max_retries=0)

    for record in caplog.records:
        captured += [record.getMessage(), repr(record.args), record.exc_text or ""]
    captured.append(caplog.text)
    everything = "\n".join(captured)
    secrets = [CLIENT_SECRET, BEARER, WRONG_SECRET, *oauth_server.issued_secrets()]
    assert len(secrets) == 7  # and the code, two access tokens and a refresh token the server issued
    for secret in secrets:
        assert secret not in everything
    # the search was not vacuous: the libraries did log at DEBUG, and the errors were seen
    loggers = {record.name.split(".")[0] for record in caplog.records}
    assert {"httpx", "httpcore", "square_oauth"} <= loggers
    assert "ACCESS_TOKEN_REVOKED" in everything and "/oauth2/token" in everything


@pytest.mark.parametrize(
    "value", [f"Client {CLIENT_SECRET}\n", f"Client {CLIENT_SECRET}\r\nX-Injected: 1", "Client sécret-ÉÉ"]
)
def test_a_header_value_that_cannot_be_sent_is_refused_without_quoting_it(value: str, scripted: ScriptedServer) -> None:
    with Client(base_url=scripted.url) as client, pytest.raises(ValueError) as caught:
        client.o_auth.revoke_token(RevokeTokenRequest(client_id=CLIENT_ID), value)
    text = "\n".join(texts_of(caught.value))
    assert "'Authorization' header" in str(caught.value)
    assert CLIENT_SECRET not in text and "sécret" not in text
    assert scripted.requests == []  # nothing was sent
    with Client(base_url=scripted.url, headers={"X-Api-Key": "key\n"}) as client, pytest.raises(ValueError):
        client.o_auth.obtain_token(obtain_body())


# --------------------------------------------------------------------------- the caller's client, headers


def test_the_callers_httpx_client_is_used_and_left_open(scripted: ScriptedServer) -> None:
    seen: list[tuple[str, int]] = []

    def on_response(response: httpx.Response) -> None:
        seen.append((response.request.url.path, response.status_code))

    transport = httpx.HTTPTransport(retries=0)
    with httpx.Client(
        transport=transport, headers={"X-Caller-Client": "yes"}, event_hooks={"response": [on_response]}
    ) as http:
        with Client(base_url=scripted.url, http_client=http) as client:
            client.o_auth.obtain_token(obtain_body())
        assert not http.is_closed  # the caller owns it
        assert http.get(scripted.url + "/still-open").status_code == 200
    assert seen == [("/oauth2/token", 200), ("/still-open", 200)]
    assert scripted.requests[0].header("X-Caller-Client") == "yes"


def test_the_callers_httpx_async_client_is_used_and_left_open(scripted: ScriptedServer) -> None:
    seen: list[str] = []

    async def on_request(request: httpx.Request) -> None:
        seen.append(request.url.path)

    async def main() -> None:
        transport = httpx.AsyncHTTPTransport(retries=0)
        async with httpx.AsyncClient(transport=transport, event_hooks={"request": [on_request]}) as http:
            async with AsyncClient(base_url=scripted.url, http_client=http) as client:
                await client.o_auth.obtain_token(obtain_body())
            assert not http.is_closed
            assert (await http.get(scripted.url + "/still-open")).status_code == 200

    asyncio.run(main())
    assert seen == ["/oauth2/token", "/still-open"]


@pytest.mark.parametrize("kind", KINDS)
def test_client_headers_and_per_call_extra_headers_are_sent(kind: str, scripted: ScriptedServer) -> None:
    headers = {"X-Team": "payments", "X-Override": "client", "user-agent": "my-app/2.0"}

    async def scenario(client: Any, call: Call) -> None:
        await obtain(client, call)
        await obtain(client, call, extra_headers={"X-Request-Id": "req-1", "x-override": "call"})

    run_scenario(kind, scenario, base_url=scripted.url, headers=headers)
    plain, per_call = scripted.requests
    assert plain.header_values("X-Team") == ["payments"] and plain.header_values("X-Override") == ["client"]
    assert plain.header("X-Request-Id") is None
    assert per_call.header_values("X-Team") == ["payments"] and per_call.header_values("X-Request-Id") == ["req-1"]
    # names are case-insensitive: an override replaces, it never sends the header twice
    assert per_call.header_values("X-Override") == ["call"]
    assert plain.header_values("User-Agent") == ["my-app/2.0"]


def test_user_agent_names_the_sdk_and_its_version(scripted: ScriptedServer) -> None:
    distribution = tomllib.loads((SDK_ROOT / "pyproject.toml").read_text())["project"]
    assert square_oauth.__version__ == distribution["version"]
    with Client(base_url=scripted.url) as client:
        client.o_auth.obtain_token(obtain_body())
    [user_agent] = scripted.requests[0].header_values("User-Agent")
    assert user_agent.startswith(f"square-oauth-python/{square_oauth.__version__} ")
    assert f"httpx/{httpx.__version__}" in user_agent


@pytest.mark.parametrize("kind", KINDS)
def test_the_clients_bearer_token_is_not_sent_on_these_operations(kind: str, scripted: ScriptedServer) -> None:
    async def scenario(client: Any, call: Call) -> None:
        await obtain(client, call)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            await call(client.o_auth.renew_token, CLIENT_ID, RenewTokenRequest(access_token="EAAA-x"), AUTH)
        await call(client.o_auth.revoke_token, RevokeTokenRequest(client_id=CLIENT_ID), AUTH)

    run_scenario(kind, scenario, base_url=scripted.url, access_token=BEARER)
    obtain_request, renew_request, revoke_request = scripted.requests
    assert obtain_request.header_values("Authorization") == []  # security: [] on ObtainToken
    assert renew_request.header_values("Authorization") == [AUTH]
    assert revoke_request.header_values("Authorization") == [AUTH]
    for request in scripted.requests:
        assert all(BEARER not in value for _, value in request.headers)
        assert json.loads(request.body)  # a JSON body went out
        assert request.header("Content-Type") == "application/json"


# --------------------------------------------------------------------------- lifecycle, warnings


def test_both_clients_are_context_managers_that_close_their_own_connections(scripted: ScriptedServer) -> None:
    with Client(base_url=scripted.url) as client:
        assert isinstance(client, Client)
        client.o_auth.obtain_token(obtain_body())
        own = client._http._client
    assert own.is_closed

    async def main() -> httpx.AsyncClient:
        async with AsyncClient(base_url=scripted.url) as async_client:
            assert isinstance(async_client, AsyncClient)
            await async_client.o_auth.obtain_token(obtain_body())
            return async_client._http._client  # type: ignore[return-value]

    assert asyncio.run(main()).is_closed


def test_renew_token_warns_at_the_callers_line(scripted: ScriptedServer) -> None:
    body = RenewTokenRequest(access_token="EAAA-x")
    with Client(base_url=scripted.url) as client, pytest.warns(DeprecationWarning, match="renew_token") as record:
        client.o_auth.renew_token(CLIENT_ID, body, AUTH)
    assert record[0].filename == __file__

    async def main() -> None:
        async with AsyncClient(base_url=scripted.url) as client:
            with pytest.warns(DeprecationWarning, match="renew_token") as record:
                await client.o_auth.renew_token(CLIENT_ID, body, AUTH)
            assert record[0].filename == __file__

    asyncio.run(main())
    # the other two operations do not warn
    with Client(base_url=scripted.url) as client, warnings.catch_warnings():
        warnings.simplefilter("error", DeprecationWarning)
        client.o_auth.obtain_token(obtain_body())
        client.o_auth.revoke_token(RevokeTokenRequest(client_id=CLIENT_ID), AUTH)
