"""Contract tests: every operation of the generated SDK, both clients, against Stoplight
Prism mocking ``spec/oauth.yaml`` with request validation errors on.

Prism must accept each request (a 2xx without an ``sl-violations`` header) and the SDK
must parse each answer into its typed model. Requests the spec forbids are rejected (422),
which shows the check can fail.

Prism (pinned by tests/sdk/prism/package-lock.json) is installed from the npm registry
by the set-up; without node/npm or network the tests are skipped, except in CI (CI=true),
where that is a failure.
"""

from __future__ import annotations

import asyncio
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from sdk_helpers import KINDS, Call
from sdk_prism import PrismUnavailable, pinned_version, run_prism
from square_oauth import ApiError, AsyncClient, AsyncTokenManager, Client, TokenManager
from square_oauth.models import (
    ErrorCategory,
    ErrorCode,
    ObtainTokenRequest,
    ObtainTokenResponse,
    RenewTokenRequest,
    RenewTokenResponse,
    RevokeTokenRequest,
    RevokeTokenResponse,
)

SPEC = Path(__file__).resolve().parents[2] / "spec" / "oauth.yaml"
APP_ID = "sq0idp-wGVapF8sNt9PLrdj5znuKA"
APP_SECRET = "sq0csp-XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"
AUTH = f"Client {APP_SECRET}"
ACCESS_TOKEN = "EAAAEOuLQObrVwJvCvoio2-Y8jwA2tLNMMqA11aFAs8jRZAz7d2lUw6pGl8pDmIr"
SCOPES = ["MERCHANT_PROFILE_READ", "PAYMENTS_READ"]  # sent as the operation's own `scopes` array
REFRESH_TOKEN = "EQAAEFKxjWpZ4TxGFcUbHV1m7uXAgpHPAgbc3wL-G_JhQBMZ9Mx1vJuLM7u2GxXS"


@dataclass
class Exchange:
    method: str
    path: str
    status: int
    violations: str | None
    body: Any


def _unavailable(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"Prism is needed in CI: {reason}")
    pytest.skip(f"Prism is not available here: {reason}")


@pytest.fixture(scope="module")
def prism(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The base URL of a running Prism mock of spec/oauth.yaml."""
    log = tmp_path_factory.mktemp("prism") / "prism.log"
    try:
        with run_prism(SPEC, log) as url:
            yield url
    except PrismUnavailable as exc:
        _unavailable(str(exc))


def _exchange(response: httpx.Response) -> Exchange:
    try:
        body = response.json()
    except ValueError:
        body = response.text
    return Exchange(
        response.request.method,
        response.request.url.raw_path.decode(),
        response.status_code,
        response.headers.get("sl-violations"),
        body,
    )


def run_recorded(kind: str, url: str, scenario: Any) -> list[Exchange]:
    """Run ``scenario(client, call)`` with an SDK client whose own httpx client records every exchange."""
    exchanges: list[Exchange] = []

    def on_response(response: httpx.Response) -> None:
        response.read()
        exchanges.append(_exchange(response))

    async def on_async_response(response: httpx.Response) -> None:
        await response.aread()
        exchanges.append(_exchange(response))

    async def sync_call(fn: Any, *args: Any, **kwargs: Any) -> Any:
        return fn(*args, **kwargs)

    async def async_call(fn: Any, *args: Any, **kwargs: Any) -> Any:
        return await fn(*args, **kwargs)

    async def main() -> None:
        if kind == "sync":
            with (
                httpx.Client(event_hooks={"response": [on_response]}) as http,
                Client(base_url=url, http_client=http, access_token="EAAA-BEARER-NOT-FOR-THESE") as client,
            ):
                await scenario(client, sync_call)
        else:
            async with (
                httpx.AsyncClient(event_hooks={"response": [on_async_response]}) as ahttp,
                AsyncClient(base_url=url, http_client=ahttp, access_token="EAAA-BEARER-NOT-FOR-THESE") as aclient,
            ):
                await scenario(aclient, async_call)

    asyncio.run(main())
    return exchanges


def assert_accepted(exchanges: list[Exchange]) -> None:
    """Prism found nothing wrong with any of these requests."""
    assert exchanges
    for exchange in exchanges:
        assert exchange.violations is None, f"{exchange.method} {exchange.path}: {exchange.violations}"
        assert 200 <= exchange.status < 300, f"{exchange.method} {exchange.path}: {exchange.status} {exchange.body}"


def response_example(path: str) -> dict[str, Any]:
    spec = yaml.safe_load(SPEC.read_text())
    example = spec["paths"][path]["post"]["responses"]["200"]["content"]["application/json"]["example"]
    assert isinstance(example, dict)
    return example


def test_prism_is_the_pinned_version() -> None:
    package = Path(__file__).parent / "prism" / "package.json"
    assert json.loads(package.read_text())["dependencies"]["@stoplight/prism-cli"] == pinned_version()


async def every_call(client: Any, call: Call, **options: Any) -> list[Any]:
    """Each operation, with the realistic variations of its body; returns the parsed answers."""
    kwargs = {"request_options": options} if options else {}
    answers = [
        await call(
            client.o_auth.obtain_token,
            ObtainTokenRequest.builder(APP_ID, APP_SECRET, "authorization_code")
            .code("sq0cgp-Jlsa8wB5P0xZ9AjoL6A3nQ")
            .redirect_uri("https://example.com/oauth/callback")
            .build(),
            **kwargs,
        ),
        await call(
            client.o_auth.obtain_token,
            ObtainTokenRequest.builder(APP_ID, APP_SECRET, "refresh_token")
            .refresh_token(REFRESH_TOKEN)
            .scopes(["MERCHANT_PROFILE_READ", "PAYMENTS_READ", "PAYMENTS_WRITE"])
            .short_lived(True)
            .build(),
            **kwargs,
        ),
        await call(
            client.o_auth.obtain_token,
            ObtainTokenRequest(
                client_id=APP_ID,
                client_secret=APP_SECRET,
                grant_type="migration_token",
                migration_token="sq0atp-LEGACY",
            ),
            **kwargs,
        ),
    ]
    with pytest.warns(DeprecationWarning):
        answers.append(
            await call(client.o_auth.renew_token, APP_ID, RenewTokenRequest(access_token=ACCESS_TOKEN), AUTH, **kwargs)
        )
    with pytest.warns(DeprecationWarning):  # a client_id that must be percent-encoded in the path
        answers.append(
            await call(
                client.o_auth.renew_token,
                "sq0idp-a/b c?d",
                RenewTokenRequest(access_token=ACCESS_TOKEN),
                AUTH,
                **kwargs,
            )
        )
    answers.append(
        await call(
            client.o_auth.revoke_token, RevokeTokenRequest(client_id=APP_ID, access_token=ACCESS_TOKEN), AUTH, **kwargs
        )
    )
    answers.append(
        await call(
            client.o_auth.revoke_token,
            RevokeTokenRequest(client_id=APP_ID, merchant_id="MLQW0MERCHANT01", revoke_only_access_token=False),
            AUTH,
            **kwargs,
        )
    )
    return answers


EXPECTED_TYPES = [ObtainTokenResponse] * 3 + [RenewTokenResponse] * 2 + [RevokeTokenResponse] * 2
EXPECTED_PATHS = (
    ["/oauth2/token"] * 3
    + [
        "/oauth2/clients/sq0idp-wGVapF8sNt9PLrdj5znuKA/access-token/renew",
        "/oauth2/clients/sq0idp-a%2Fb%20c%3Fd/access-token/renew",
    ]
    + ["/oauth2/revoke"] * 2
)


@pytest.mark.parametrize("kind", KINDS)
def test_every_operation_is_accepted_and_parsed(kind: str, prism: str) -> None:
    answers: list[Any] = []

    async def scenario(client: Any, call: Call) -> None:
        answers.extend(await every_call(client, call))

    exchanges = run_recorded(kind, prism, scenario)
    assert_accepted(exchanges)
    assert [e.path for e in exchanges] == EXPECTED_PATHS
    assert [type(a) for a in answers] == EXPECTED_TYPES
    for answer, exchange in zip(answers, exchanges, strict=True):
        assert answer.to_dict() == exchange.body  # every field the mock sent was understood
    token_example = response_example("/oauth2/token")
    assert answers[0] == ObtainTokenResponse.from_dict(token_example)
    assert answers[0].access_token == token_example["access_token"] == "ACCESS_TOKEN"
    assert answers[3] == RenewTokenResponse.from_dict(
        response_example("/oauth2/clients/{client_id}/access-token/renew")
    )
    assert answers[5].success is True


@pytest.mark.parametrize("kind", KINDS)
def test_generated_responses_of_every_shape_parse(kind: str, prism: str) -> None:
    """``Prefer: dynamic=true``: Prism makes up each response from its schema (seeded)."""
    answers: list[Any] = []

    async def scenario(client: Any, call: Call) -> None:
        answers.extend(await every_call(client, call, extra_headers={"Prefer": "dynamic=true"}))

    exchanges = run_recorded(kind, prism, scenario)
    assert_accepted(exchanges)
    assert [type(a) for a in answers] == EXPECTED_TYPES
    for answer, exchange in zip(answers, exchanges, strict=True):
        assert answer.to_dict() == exchange.body
        assert not answer.extra_fields
    assert any(isinstance(a.errors, tuple) for a in answers)  # the nested Error lists came through typed (as tuples)


@pytest.mark.parametrize("kind", KINDS)
def test_error_responses_parse_into_typed_errors(kind: str, prism: str) -> None:
    async def scenario(client: Any, call: Call) -> None:
        body = RevokeTokenRequest(client_id=APP_ID, access_token=ACCESS_TOKEN)
        with pytest.raises(ApiError) as caught:
            await call(
                client.o_auth.revoke_token, body, AUTH, request_options={"extra_headers": {"Prefer": "code=401"}}
            )
        assert caught.value.status_code == 401
        [error] = caught.value.errors
        assert error.category is ErrorCategory.AUTHENTICATION_ERROR and error.code is ErrorCode.UNAUTHORIZED
        assert error.detail == "The Authorization header is missing or malformed."

    exchanges = run_recorded(kind, prism, scenario)
    assert [(e.status, e.violations) for e in exchanges] == [(401, None)]  # asked for, not a violation


# --------------------------------------------------------------------------- the check can fail


def test_prism_rejects_a_body_without_a_required_field(prism: str) -> None:
    body = {"client_id": APP_ID, "grant_type": "authorization_code", "code": "sq0cgp-x"}  # no client_secret
    response = httpx.post(f"{prism}/oauth2/token", json=body)
    assert response.status_code == 422
    assert "client_secret" in response.headers["sl-violations"]
    with pytest.raises(AssertionError):
        assert_accepted([_exchange(response)])


def test_prism_rejects_a_call_without_the_client_secret_header(prism: str) -> None:
    response = httpx.post(f"{prism}/oauth2/revoke", json={"client_id": APP_ID, "access_token": ACCESS_TOKEN})
    assert response.status_code == 401
    assert "security" in response.headers["sl-violations"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (
            ObtainTokenRequest(
                client_id=APP_ID, client_secret=APP_SECRET, grant_type="authorization_code", scopes="PAYMENTS_READ"
            ),
            "scopes",
        ),  # type: ignore[arg-type]
        (
            ObtainTokenRequest(
                client_id=APP_ID, client_secret=APP_SECRET, grant_type="authorization_code", short_lived="yes"
            ),
            "short_lived",
        ),  # type: ignore[arg-type]
        (
            ObtainTokenRequest(client_id="x" * 192, client_secret=APP_SECRET, grant_type="authorization_code"),
            "client_id",
        ),
        (ObtainTokenRequest(client_id=APP_ID, client_secret=APP_SECRET, grant_type="code"), "grant_type"),
        (ObtainTokenRequest(client_id=APP_ID, client_secret="s", grant_type="refresh_token"), "client_secret"),
    ],
    ids=[
        "scopes-not-a-list",
        "short_lived-not-a-boolean",
        "client_id-too-long",
        "grant_type-too-short",
        "secret-too-short",
    ],
)
def test_prism_rejects_models_built_with_values_the_spec_forbids(
    body: ObtainTokenRequest, field: str, prism: str
) -> None:
    """The SDK does not validate on the client side; the contract check catches it."""
    with Client(base_url=prism) as client, pytest.raises(ApiError) as caught:
        client.o_auth.obtain_token(body)
    assert caught.value.status_code == 422
    assert field in caught.value.headers["sl-violations"]


@pytest.mark.parametrize("kind", KINDS)
def test_the_token_managers_request_is_accepted(kind: str, prism: str) -> None:
    """The token manager calls the spec's ObtainToken operation (refresh-token grant)."""
    exchanges: list[Exchange] = []
    bodies: list[Any] = []
    token_url = f"{prism}/oauth2/token"
    if kind == "sync":

        def on_response(response: httpx.Response) -> None:
            response.read()
            exchanges.append(_exchange(response))
            bodies.append(json.loads(response.request.content))

        with httpx.Client(event_hooks={"response": [on_response]}) as http:
            manager = TokenManager(
                APP_ID, APP_SECRET, refresh_token=REFRESH_TOKEN, scopes=SCOPES, token_url=token_url, http_client=http
            )
            token = manager()
    else:

        async def record(response: httpx.Response) -> None:
            await response.aread()
            exchanges.append(_exchange(response))
            bodies.append(json.loads(response.request.content))

        async def main() -> str:
            async with httpx.AsyncClient(event_hooks={"response": [record]}) as ahttp:
                manager = AsyncTokenManager(
                    APP_ID,
                    APP_SECRET,
                    refresh_token=REFRESH_TOKEN,
                    scopes=SCOPES,
                    token_url=token_url,
                    http_client=ahttp,
                )
                return await manager()

        token = asyncio.run(main())
    assert_accepted(exchanges)
    assert [e.path for e in exchanges] == ["/oauth2/token"]
    assert token == response_example("/oauth2/token")["access_token"]
    assert bodies == [
        {
            "client_id": APP_ID,
            "client_secret": APP_SECRET,
            "grant_type": "refresh_token",
            "refresh_token": REFRESH_TOKEN,
            "scopes": SCOPES,
        }
    ]
