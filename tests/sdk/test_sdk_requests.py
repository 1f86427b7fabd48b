"""What the generated SDK sends, from what a spec declares: global headers (Fern's
``x-fern-global-headers``, a security scheme's ``x-additional-headers``), safe retries of
writes that carry an idempotency key, ``Retry-After``/``retry-after-ms`` and the call's
deadline, and credentials (a token function, the environment variable, the OAuth 2 token
manager) -- each against real local servers.

The SDK is generated from :data:`SPEC`, a small Square-like API: its token endpoint is an
operation of the spec, one operation needs the client's bearer token, and its writes carry
an idempotency key in the body (Square's) or in a header (Stripe's). :data:`RFC_SPEC`
has a token endpoint outside the spec, spoken to as RFC 6749 says (form-encoded).
"""

from __future__ import annotations

import asyncio
import importlib
import itertools
import subprocess
import sys
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import parse_qs

import pytest
import yaml
from sdk_helpers import CLIENT_ID, CLIENT_SECRET, KINDS, MERCHANT_ID
from sdk_servers import OAuthServer, RecordedRequest, Reply, ScriptedServer, TestClock, _Handler

VERSION = "2025-08-20"
_JSON = "application/json"


def _json(ref: str) -> dict[str, Any]:
    return {"content": {_JSON: {"schema": {"$ref": f"#/components/schemas/{ref}"}}}}


SPEC: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "Shop API", "version": "1"},
    "servers": [{"url": "https://shop.example.com"}],
    "x-fern-global-headers": [
        {"header": "Square-Version", "name": "version", "optional": True, "type": f'literal<"{VERSION}">'}
    ],
    "security": [{"oauth2": []}],
    "paths": {
        "/oauth2/token": {
            "post": {
                "operationId": "ObtainToken",
                "tags": ["OAuth"],
                "security": [],
                "requestBody": {"required": True, **_json("ObtainTokenRequest")},
                "responses": {"200": {"description": "A token.", **_json("ObtainTokenResponse")}},
            }
        },
        "/v2/merchants/me": {
            "get": {
                "operationId": "RetrieveMerchant",
                "tags": ["Merchants"],
                "responses": {"200": {"description": "The merchant.", **_json("Merchant")}},
            }
        },
        "/v2/payments": {
            "post": {
                "operationId": "CreatePayment",
                "tags": ["Payments"],
                "requestBody": {"required": True, **_json("CreatePaymentRequest")},
                "responses": {"200": {"description": "The payment.", **_json("Payment")}},
            }
        },
        "/v2/notes": {
            "post": {
                "operationId": "CreateNote",
                "tags": ["Payments"],
                "requestBody": {"required": True, **_json("Note")},
                "responses": {"200": {"description": "The note.", **_json("Note")}},
            }
        },
        "/v1/charges": {
            "post": {
                "operationId": "CreateCharge",
                "tags": ["Payments"],
                "parameters": [{"name": "Idempotency-Key", "in": "header", "schema": {"type": "string"}}],
                "requestBody": {"required": True, **_json("Note")},
                "responses": {"200": {"description": "The charge.", **_json("Note")}},
            }
        },
    },
    "components": {
        "securitySchemes": {
            "oauth2": {
                "type": "oauth2",
                "x-additional-headers": [
                    {"name": "Square-Version", "description": "The API version.", "schema": {"default": VERSION}}
                ],
                "flows": {
                    "authorizationCode": {
                        "authorizationUrl": "https://shop.example.com/oauth2/authorize",
                        "tokenUrl": "https://shop.example.com/oauth2/token",
                        "scopes": {},
                    }
                },
            }
        },
        "schemas": {
            "ObtainTokenRequest": {
                "type": "object",
                "required": ["client_id", "grant_type"],
                "properties": {
                    "client_id": {"type": "string"},
                    "client_secret": {"type": "string"},
                    "grant_type": {"type": "string"},
                    "refresh_token": {"type": "string"},
                    "code": {"type": "string"},
                },
            },
            "ObtainTokenResponse": {
                "type": "object",
                "properties": {
                    "access_token": {"type": "string"},
                    "expires_at": {"type": "string"},
                    "refresh_token": {"type": "string"},
                },
            },
            "Merchant": {"type": "object", "properties": {"id": {"type": "string"}}},
            "CreatePaymentRequest": {
                "type": "object",
                "required": ["amount"],
                "properties": {"idempotency_key": {"type": "string"}, "amount": {"type": "integer"}},
            },
            "Payment": {"type": "object", "properties": {"id": {"type": "string"}}},
            "Note": {"type": "object", "properties": {"text": {"type": "string"}}},
        },
    },
}

RFC_SPEC: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "Machine API", "version": "1"},
    "servers": [{"url": "https://machine.example.com"}],
    "security": [{"cc": []}],
    "paths": {
        "/things": {
            "get": {
                "operationId": "ListThings",
                "tags": ["Things"],
                "responses": {"200": {"description": "Things.", "content": {_JSON: {"schema": {"type": "object"}}}}},
            }
        }
    },
    "components": {
        "securitySchemes": {
            "cc": {
                "type": "oauth2",
                "flows": {"clientCredentials": {"tokenUrl": "https://auth.example.com/token", "scopes": {}}},
            }
        }
    },
}


def _generate(root: Path, spec: dict[str, Any], package: str) -> Path:
    spec_file = root / f"{package}.yaml"
    spec_file.write_text(yaml.safe_dump(spec, sort_keys=False))
    command = ["generate", str(spec_file), "--out", str(root / package), "--package-name", package, "-q"]
    subprocess.run(
        [sys.executable, "-m", "sdkforge", *command],
        check=True,
    )
    return root / package


@pytest.fixture(scope="module")
def sdks(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    root = tmp_path_factory.mktemp("requests")
    outs = {"shop": _generate(root, SPEC, "shop"), "machine": _generate(root, RFC_SPEC, "machine")}
    sys.path[:0] = [str(p) for p in outs.values()]
    try:
        yield outs
    finally:
        for p in outs.values():
            sys.path.remove(str(p))
        for name in [m for m in sys.modules if m.split(".")[0] in outs]:
            del sys.modules[name]


@pytest.fixture(scope="module")
def shop(sdks: dict[str, Path]) -> ModuleType:
    return importlib.import_module("shop")


@pytest.fixture(scope="module")
def machine(sdks: dict[str, Path]) -> ModuleType:
    return importlib.import_module("machine")


def run(kind: str, shop: ModuleType, scenario: Any, **kwargs: Any) -> Any:
    """``await scenario(client, call)`` with a ``Client`` or an ``AsyncClient``."""

    async def call(fn: Any, *args: Any, **kw: Any) -> Any:
        result = fn(*args, **kw)
        return await result if asyncio.iscoroutine(result) else result

    async def main() -> Any:
        if kind == "sync":
            with shop.Client(**kwargs) as client:
                return await scenario(client, call)
        async with shop.AsyncClient(**kwargs) as client:
            return await scenario(client, call)

    return asyncio.run(main())


def test_the_generated_sdks_pass_mypy_strict(sdks: dict[str, Path], tmp_path: Path) -> None:
    for package, out in sdks.items():
        result = subprocess.run(
            [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path), package],
            cwd=out,
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stdout


# --------------------------------------------------------------------------- global headers


@pytest.mark.parametrize("kind", KINDS)
def test_the_declared_version_header_is_sent_by_default(kind: str, shop: ModuleType, scripted: ScriptedServer) -> None:
    async def scenario(client: Any, call: Any) -> None:
        await call(client.merchants.retrieve_merchant)

    run(kind, shop, scenario, access_token="T", base_url=scripted.url)
    [request] = scripted.requests
    assert request.header_values("Square-Version") == [VERSION]  # declared twice, sent once


@pytest.mark.parametrize("kind", KINDS)
def test_the_version_header_is_set_per_client_and_per_call(
    kind: str, shop: ModuleType, scripted: ScriptedServer
) -> None:
    async def scenario(client: Any, call: Any) -> None:
        await call(client.merchants.retrieve_merchant)
        await call(client.merchants.retrieve_merchant, request_options={"version": "2023-01-01"})

    run(kind, shop, scenario, access_token="T", base_url=scripted.url, version="2024-01-18")
    assert [r.header_values("Square-Version") for r in scripted.requests] == [["2024-01-18"], ["2023-01-01"]]


def test_a_version_of_none_leaves_the_header_out(shop: ModuleType, scripted: ScriptedServer) -> None:
    with shop.Client(access_token="T", base_url=scripted.url, version=None) as client:
        client.merchants.retrieve_merchant()
    assert scripted.requests[0].header("Square-Version") is None


# --------------------------------------------------------------------------- safe retries

BUSY = Reply(503, {"errors": []}, {"Retry-After": "0"})


@pytest.mark.parametrize("kind", KINDS)
def test_a_post_with_an_idempotency_key_is_retried_with_the_same_body(
    kind: str, shop: ModuleType, scripted: ScriptedServer
) -> None:
    scripted.script(BUSY, Reply(200, {"id": "P1"}))
    models = importlib.import_module("shop.models")

    async def scenario(client: Any, call: Any) -> Any:
        body = models.CreatePaymentRequest(amount=100, idempotency_key="key-1")
        return await call(client.payments.create_payment, body)

    assert run(kind, shop, scenario, access_token="T", base_url=scripted.url).id == "P1"
    first, second = scripted.requests
    assert first.json() == {"idempotency_key": "key-1", "amount": 100}
    assert second.body == first.body


@pytest.mark.parametrize("kind", KINDS)
def test_a_post_whose_key_is_left_unset_is_not_retried(kind: str, shop: ModuleType, scripted: ScriptedServer) -> None:
    scripted.script(BUSY, Reply(200, {"id": "P1"}))
    models = importlib.import_module("shop.models")

    async def scenario(client: Any, call: Any) -> None:
        with pytest.raises(shop.ApiError):
            await call(client.payments.create_payment, models.CreatePaymentRequest(amount=100))

    run(kind, shop, scenario, access_token="T", base_url=scripted.url)
    assert len(scripted.requests) == 1


@pytest.mark.parametrize("kind", KINDS)
def test_a_post_without_an_idempotency_key_is_not_retried(
    kind: str, shop: ModuleType, scripted: ScriptedServer
) -> None:
    scripted.script(BUSY, Reply(200, {}))
    models = importlib.import_module("shop.models")

    async def scenario(client: Any, call: Any) -> None:
        with pytest.raises(shop.ApiError):
            await call(client.payments.create_note, models.Note(text="hi"))

    run(kind, shop, scenario, access_token="T", base_url=scripted.url)
    assert len(scripted.requests) == 1


@pytest.mark.parametrize("kind", KINDS)
def test_a_declared_idempotency_key_header_is_filled_once_per_call(
    kind: str, shop: ModuleType, scripted: ScriptedServer
) -> None:
    scripted.script(BUSY, Reply(200, {}), Reply(200, {}))
    models = importlib.import_module("shop.models")

    async def scenario(client: Any, call: Any) -> None:
        await call(client.payments.create_charge, models.Note(text="a"))  # retried once
        await call(client.payments.create_charge, models.Note(text="b"))

    run(kind, shop, scenario, access_token="T", base_url=scripted.url)
    keys = [r.header("Idempotency-Key") for r in scripted.requests]
    assert len(keys) == 3 and keys[0] == keys[1] != keys[2]
    assert all(uuid.UUID(k or "") for k in keys)
    assert scripted.requests[0].body == scripted.requests[1].body


def test_the_callers_idempotency_key_is_kept(shop: ModuleType, scripted: ScriptedServer) -> None:
    scripted.script(BUSY, Reply(200, {}), Reply(200, {}))
    models = importlib.import_module("shop.models")
    with shop.Client(access_token="T", base_url=scripted.url) as client:
        client.payments.create_charge(models.Note(text="a"), idempotency_key="mine-1")
        client.payments.create_charge(
            models.Note(text="b"), request_options={"extra_headers": {"idempotency-key": "x"}}
        )
    assert [r.header_values("Idempotency-Key") for r in scripted.requests] == [["mine-1"], ["mine-1"], ["x"]]


def gaps(requests: list[RecordedRequest]) -> list[float]:
    return [b.received_at - a.received_at for a, b in itertools.pairwise(requests)]


@pytest.mark.parametrize(
    ("headers", "low", "high"),
    [({"Retry-After": "1"}, 0.95, 1.5), ({"retry-after-ms": "300", "Retry-After": "5"}, 0.28, 0.8)],
)
def test_retry_after_and_retry_after_ms_are_honoured(
    headers: dict[str, str], low: float, high: float, shop: ModuleType, scripted: ScriptedServer
) -> None:
    scripted.script(Reply(429, {"errors": []}, headers), Reply(200, {}))
    models = importlib.import_module("shop.models")
    with shop.Client(access_token="T", base_url=scripted.url) as client:
        client.payments.create_charge(models.Note(text="a"))
    [gap] = gaps(scripted.requests)
    assert low <= gap < high


@pytest.mark.parametrize("kind", KINDS)
def test_the_deadline_stops_retries(kind: str, shop: ModuleType, scripted: ScriptedServer) -> None:
    scripted.default = Reply(503, {"errors": []}, {"Retry-After": "0.4"})
    models = importlib.import_module("shop.models")

    async def scenario(client: Any, call: Any) -> None:
        with pytest.raises(shop.ApiError):
            await call(client.payments.create_charge, models.Note(text="a"))
        with pytest.raises(shop.ApiError):
            await call(client.payments.create_charge, models.Note(text="a"), request_options={"deadline": 0.1})

    run(kind, shop, scenario, access_token="T", base_url=scripted.url, max_retries=5, deadline=1.0)
    # 1.0 s leaves room for two waits of 0.4 s (three attempts); 0.1 s for none
    assert len(scripted.requests) == 3 + 1


def test_the_deadline_bounds_a_slow_attempt(shop: ModuleType, scripted: ScriptedServer) -> None:
    scripted.default = Reply(200, {}, delay=3)
    with shop.Client(access_token="T", base_url=scripted.url, deadline=0.3) as client:
        with pytest.raises(shop.ApiTimeoutError):
            client.merchants.retrieve_merchant()


# --------------------------------------------------------------------------- credentials


@pytest.mark.parametrize("kind", KINDS)
def test_a_token_function_is_called_for_each_request(kind: str, shop: ModuleType, scripted: ScriptedServer) -> None:
    tokens = iter(["T1", "T2", "T3"])

    async def scenario(client: Any, call: Any) -> None:
        await call(client.merchants.retrieve_merchant)
        await call(client.merchants.retrieve_merchant)

    run(kind, shop, scenario, access_token=lambda: next(tokens), base_url=scripted.url)
    assert [r.header("Authorization") for r in scripted.requests] == ["Bearer T1", "Bearer T2"]


def test_an_async_token_function_works_with_the_async_client(shop: ModuleType, scripted: ScriptedServer) -> None:
    async def token() -> str:
        return "ASYNC-T"

    async def main() -> None:
        async with shop.AsyncClient(access_token=token, base_url=scripted.url) as client:
            await client.merchants.retrieve_merchant()

    asyncio.run(main())
    assert scripted.requests[0].header("Authorization") == "Bearer ASYNC-T"


def test_the_token_comes_from_the_environment_when_not_given(
    shop: ModuleType, scripted: ScriptedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SHOP_ACCESS_TOKEN", "ENV-T")
    with shop.Client(base_url=scripted.url) as client:
        client.merchants.retrieve_merchant()
    with shop.Client(access_token="ARG-T", base_url=scripted.url) as client:
        client.merchants.retrieve_merchant()
    monkeypatch.delenv("SHOP_ACCESS_TOKEN")
    with shop.Client(base_url=scripted.url) as client:
        client.merchants.retrieve_merchant()
    assert [r.header("Authorization") for r in scripted.requests] == ["Bearer ENV-T", "Bearer ARG-T", None]


class ShopServer(OAuthServer):
    """The OAuth server, plus an API operation that needs an active access token."""

    def __init__(self, clock: TestClock) -> None:
        super().__init__(clock)
        self.merchant_calls = 0
        self.refuse_all = False  # answer 401 whatever the token

    def _respond(self, handler: _Handler, request: RecordedRequest) -> None:
        if request.raw_path != "/v2/merchants/me":
            return super()._respond(handler, request)
        self.merchant_calls += 1
        scheme, _, token = (request.header("Authorization") or "").partition(" ")
        if scheme == "Bearer" and self.token_status(token) == "active" and not self.refuse_all:
            handler.send(200, b'{"id": "%s"}' % MERCHANT_ID.encode(), {"Content-Type": _JSON})
        else:
            handler.send(401, b'{"errors": [{"code": "UNAUTHORIZED"}]}', {"Content-Type": _JSON})


@pytest.fixture
def shop_server(clock: TestClock) -> Iterator[ShopServer]:
    with ShopServer(clock) as server:
        server.register_application(CLIENT_ID, CLIENT_SECRET)
        yield server


def _refresh_token(server: ShopServer) -> str:
    code = server.authorize(CLIENT_ID, MERCHANT_ID)
    answer: dict[str, Any] = server._obtain_token(
        {"client_id": CLIENT_ID, "client_secret": CLIENT_SECRET, "grant_type": "authorization_code", "code": code}
    )
    return str(answer["refresh_token"])


def _token_requests(server: ShopServer) -> list[RecordedRequest]:
    return [r for r in server.requests if r.raw_path == "/oauth2/token"]


def _manager(shop: ModuleType, kind: str, server: ShopServer, **kwargs: Any) -> Any:
    cls = shop.TokenManager if kind == "sync" else shop.AsyncTokenManager
    return cls(
        CLIENT_ID,
        CLIENT_SECRET,
        refresh_token=_refresh_token(server),
        token_url=f"{server.url}/oauth2/token",
        clock=server.clock.now,
        **kwargs,
    )


@pytest.mark.parametrize("kind", KINDS)
def test_the_token_manager_obtains_a_token_and_refreshes_it_before_it_expires(
    kind: str, shop: ModuleType, shop_server: ShopServer
) -> None:
    manager = _manager(shop, kind, shop_server)

    async def scenario(client: Any, call: Any) -> None:
        await call(client.merchants.retrieve_merchant)
        await call(client.merchants.retrieve_merchant)  # the same token
        shop_server.clock.advance(days=30, seconds=-30)  # within a minute of expiry
        await call(client.merchants.retrieve_merchant)

    run(kind, shop, scenario, access_token=manager, base_url=shop_server.url)
    token_requests = _token_requests(shop_server)
    assert len(token_requests) == 2 and shop_server.merchant_calls == 3
    assert token_requests[0].json()["grant_type"] == "refresh_token"
    assert token_requests[0].header("Content-Type") == _JSON  # the spec's ObtainToken operation, as it says
    tokens = [r.header("Authorization") for r in shop_server.requests if r.raw_path == "/v2/merchants/me"]
    assert tokens[0] == tokens[1] != tokens[2]


@pytest.mark.parametrize("kind", KINDS)
def test_the_token_manager_refreshes_once_after_a_401(kind: str, shop: ModuleType, shop_server: ShopServer) -> None:
    manager = _manager(shop, kind, shop_server)

    async def scenario(client: Any, call: Any) -> None:
        assert (await call(client.merchants.retrieve_merchant)).id == MERCHANT_ID
        with shop_server._state:  # the server revokes the token before it expires
            for token in shop_server.access_tokens.values():
                token.revoked = True
        assert (await call(client.merchants.retrieve_merchant)).id == MERCHANT_ID
        shop_server.refuse_all = True  # a server that refuses every token: one retry, then the 401
        with pytest.raises(shop.ApiError) as caught:
            await call(client.merchants.retrieve_merchant)
        assert caught.value.status_code == 401

    run(kind, shop, scenario, access_token=manager, base_url=shop_server.url)
    assert shop_server.merchant_calls == 1 + 2 + 2  # the refused token, then one retry each
    assert len(_token_requests(shop_server)) == 3


def test_concurrent_threads_refresh_once(shop: ModuleType, shop_server: ShopServer) -> None:
    manager = _manager(shop, "sync", shop_server)
    errors: list[Exception] = []
    with shop.Client(access_token=manager, base_url=shop_server.url) as client:

        def work() -> None:
            try:
                client.merchants.retrieve_merchant()
            except Exception as exc:  # noqa: BLE001 -- any failure of a thread is reported below
                errors.append(exc)

        threads = [threading.Thread(target=work) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert not errors
    assert len(_token_requests(shop_server)) == 1 and shop_server.merchant_calls == 8


def test_concurrent_tasks_refresh_once(shop: ModuleType, shop_server: ShopServer) -> None:
    manager = _manager(shop, "async", shop_server)

    async def main() -> None:
        async with shop.AsyncClient(access_token=manager, base_url=shop_server.url) as client:
            await asyncio.gather(*(client.merchants.retrieve_merchant() for _ in range(8)))
        await manager.aclose()

    asyncio.run(main())
    assert len(_token_requests(shop_server)) == 1 and shop_server.merchant_calls == 8


def test_the_token_managers_repr_shows_no_secret(shop: ModuleType, shop_server: ShopServer) -> None:
    manager = _manager(shop, "sync", shop_server)
    manager()
    assert CLIENT_SECRET not in repr(manager) and manager.refresh_token not in repr(manager)


def test_without_a_spec_operation_the_manager_speaks_rfc_6749(machine: ModuleType, scripted: ScriptedServer) -> None:
    scripted.script(
        Reply(200, {"access_token": "CC-1", "token_type": "bearer", "expires_in": 3600}), Reply(200, {"n": 1})
    )
    manager = machine.TokenManager("app", "s3cret", scopes=["read", "write"], token_url=f"{scripted.url}/token")
    with machine.Client(access_token=manager, base_url=scripted.url) as client:
        assert client.things.list_things() == {"n": 1}
    token_request, call = scripted.requests
    assert token_request.raw_path == "/token"
    assert token_request.header("Content-Type") == "application/x-www-form-urlencoded"
    assert parse_qs(token_request.body.decode()) == {
        "client_id": ["app"],
        "client_secret": ["s3cret"],
        "grant_type": ["client_credentials"],
        "scope": ["read write"],
    }
    assert call.header("Authorization") == "Bearer CC-1"
