"""OAuth flows through the generated SDK, both clients, against the stateful OAuth server:
obtain, renew, revoke and the failures the spec describes (wrong secret, expired or reused
codes, renewing too late or after a revoke), each error parsed into typed models."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sdk_helpers import CLIENT_ID, CLIENT_SECRET, KINDS, MERCHANT_ID, REDIRECT_URI, Call, run_scenario
from sdk_servers import OAuthServer, iso
from square_oauth import ApiError
from square_oauth.models import (
    Error,
    ErrorCategory,
    ErrorCode,
    ObtainTokenRequest,
    ObtainTokenResponse,
    RenewTokenRequest,
    RenewTokenResponse,
    RevokeTokenRequest,
    RevokeTokenResponse,
)

AUTH = f"Client {CLIENT_SECRET}"

pytestmark = pytest.mark.parametrize("kind", KINDS)


def code_request(code: str, secret: str = CLIENT_SECRET) -> ObtainTokenRequest:
    return ObtainTokenRequest.builder(CLIENT_ID, secret, "authorization_code").code(code).build()


def refresh_request(refresh_token: str) -> ObtainTokenRequest:
    return ObtainTokenRequest.builder(CLIENT_ID, CLIENT_SECRET, "refresh_token").refresh_token(refresh_token).build()


async def renew(client: Any, call: Call, access_token: str, authorization: str = AUTH) -> RenewTokenResponse:
    with pytest.warns(DeprecationWarning, match="renew_token"):
        return await call(
            client.o_auth.renew_token, CLIENT_ID, RenewTokenRequest(access_token=access_token), authorization
        )


def only_error(exc: ApiError) -> Error:
    assert len(exc.errors) == 1, exc.errors
    assert isinstance(exc.errors[0], Error)
    return exc.errors[0]


def test_obtain_renew_revoke_then_renew_fails(kind: str, oauth_server: OAuthServer) -> None:
    code = oauth_server.authorize(CLIENT_ID, MERCHANT_ID)
    start = oauth_server.clock.now()

    async def scenario(client: Any, call: Call) -> None:
        body = code_request(code).to_builder().redirect_uri(REDIRECT_URI).build()
        token = await call(client.o_auth.obtain_token, body)
        assert isinstance(token, ObtainTokenResponse)
        assert isinstance(token.access_token, str) and isinstance(token.refresh_token, str)
        assert token.token_type == "bearer" and token.merchant_id == MERCHANT_ID
        assert token.expires_at == iso(start + timedelta(days=30))
        assert oauth_server.token_status(token.access_token) == "active"

        oauth_server.clock.advance(days=10)
        renewed = await renew(client, call, token.access_token)
        assert isinstance(renewed, RenewTokenResponse) and isinstance(renewed.access_token, str)
        assert renewed.expires_at == iso(start + timedelta(days=40))
        assert renewed.merchant_id == MERCHANT_ID
        assert oauth_server.token_status(renewed.access_token) == "active"

        revoked = await call(
            client.o_auth.revoke_token,
            RevokeTokenRequest(client_id=CLIENT_ID, access_token=renewed.access_token),
            AUTH,
        )
        assert isinstance(revoked, RevokeTokenResponse) and revoked.success is True
        assert oauth_server.token_status(renewed.access_token) == "revoked"

        with pytest.raises(ApiError) as caught:
            await renew(client, call, renewed.access_token)
        assert caught.value.status_code == 401
        error = only_error(caught.value)
        assert error.category is ErrorCategory.AUTHENTICATION_ERROR
        assert error.code is ErrorCode.ACCESS_TOKEN_REVOKED
        assert caught.value.body == {"errors": [error.to_dict()]}
        assert "ACCESS_TOKEN_REVOKED" in str(caught.value)

        # the revoke took the refresh token with it
        with pytest.raises(ApiError) as caught:
            await call(client.o_auth.obtain_token, refresh_request(token.refresh_token))
        assert only_error(caught.value).code is ErrorCode.ACCESS_TOKEN_REVOKED

    run_scenario(kind, scenario, base_url=oauth_server.url)


def test_wrong_client_secret_is_refused_everywhere(kind: str, oauth_server: OAuthServer) -> None:
    code = oauth_server.authorize(CLIENT_ID, MERCHANT_ID)

    async def scenario(client: Any, call: Call) -> None:
        with pytest.raises(ApiError) as caught:
            await call(client.o_auth.obtain_token, code_request(code, secret="sq0csp-WRONG-SECRET-1"))
        assert caught.value.status_code == 401
        error = only_error(caught.value)
        assert (error.category, error.code) == (ErrorCategory.AUTHENTICATION_ERROR, ErrorCode.UNAUTHORIZED)

        # the refused attempt did not use up the code
        token = await call(client.o_auth.obtain_token, code_request(code))
        for authorization in ("Client sq0csp-WRONG-SECRET-1", f"Bearer {CLIENT_SECRET}", CLIENT_SECRET):
            with pytest.raises(ApiError) as caught:
                await renew(client, call, token.access_token, authorization)
            assert caught.value.status_code == 401
            assert only_error(caught.value).code is ErrorCode.UNAUTHORIZED
            with pytest.raises(ApiError) as caught:
                await call(
                    client.o_auth.revoke_token,
                    RevokeTokenRequest(client_id=CLIENT_ID, access_token=token.access_token),
                    authorization,
                )
            assert caught.value.status_code == 401
        assert oauth_server.token_status(token.access_token) == "active"

    run_scenario(kind, scenario, base_url=oauth_server.url)


def test_authorization_codes_expire(kind: str, oauth_server: OAuthServer) -> None:
    fresh = oauth_server.authorize(CLIENT_ID, MERCHANT_ID)
    stale = oauth_server.authorize(CLIENT_ID, MERCHANT_ID)

    async def scenario(client: Any, call: Call) -> None:
        oauth_server.clock.advance(minutes=4, seconds=59)
        assert (await call(client.o_auth.obtain_token, code_request(fresh))).merchant_id == MERCHANT_ID
        oauth_server.clock.advance(seconds=1)  # five minutes after it was issued
        with pytest.raises(ApiError) as caught:
            await call(client.o_auth.obtain_token, code_request(stale))
        assert caught.value.status_code == 401
        error = only_error(caught.value)
        assert error.code is ErrorCode.UNAUTHORIZED and "expired" in str(error.detail)

    run_scenario(kind, scenario, base_url=oauth_server.url)


def test_authorization_codes_are_single_use(kind: str, oauth_server: OAuthServer) -> None:
    code = oauth_server.authorize(CLIENT_ID, MERCHANT_ID)

    async def scenario(client: Any, call: Call) -> None:
        first = await call(client.o_auth.obtain_token, code_request(code))
        with pytest.raises(ApiError) as caught:
            await call(client.o_auth.obtain_token, code_request(code))
        assert caught.value.status_code == 401
        assert "already been redeemed" in str(only_error(caught.value).detail)
        assert oauth_server.token_status(first.access_token) == "active"

    run_scenario(kind, scenario, base_url=oauth_server.url)


def test_renew_is_allowed_until_15_days_after_expiry(kind: str, oauth_server: OAuthServer) -> None:
    code = oauth_server.authorize(CLIENT_ID, MERCHANT_ID)

    async def scenario(client: Any, call: Call) -> None:
        token = await call(client.o_auth.obtain_token, code_request(code))
        oauth_server.clock.advance(days=30 + 15)  # expired exactly 15 days ago: still renewable
        assert oauth_server.token_status(token.access_token) == "expired"
        renewed = await renew(client, call, token.access_token)
        assert renewed.expires_at == iso(oauth_server.clock.now() + timedelta(days=30))

        oauth_server.clock.advance(days=30 + 15, seconds=1)  # one second too late
        with pytest.raises(ApiError) as caught:
            await renew(client, call, renewed.access_token)
        assert caught.value.status_code == 401
        error = only_error(caught.value)
        assert (error.category, error.code) == (ErrorCategory.AUTHENTICATION_ERROR, ErrorCode.ACCESS_TOKEN_EXPIRED)

    run_scenario(kind, scenario, base_url=oauth_server.url)


def test_refresh_token_grant_replaces_an_expired_access_token(kind: str, oauth_server: OAuthServer) -> None:
    code = oauth_server.authorize(CLIENT_ID, MERCHANT_ID)

    async def scenario(client: Any, call: Call) -> None:
        token = await call(client.o_auth.obtain_token, code_request(code))
        oauth_server.clock.advance(days=31)
        assert oauth_server.token_status(token.access_token) == "expired"
        fresh = await call(client.o_auth.obtain_token, refresh_request(token.refresh_token))
        assert fresh.access_token != token.access_token
        assert fresh.refresh_token == token.refresh_token
        assert fresh.expires_at == iso(oauth_server.clock.now() + timedelta(days=30))
        assert oauth_server.token_status(fresh.access_token) == "active"

        short = await call(
            client.o_auth.obtain_token, refresh_request(token.refresh_token).to_builder().short_lived(True).build()
        )
        assert short.short_lived is True
        assert short.expires_at == iso(oauth_server.clock.now() + timedelta(hours=24))

    run_scenario(kind, scenario, base_url=oauth_server.url)


def test_revoke_revokes_every_token_of_the_merchant_for_the_application(kind: str, oauth_server: OAuthServer) -> None:
    other_app_secret = "sq0csp-OTHER-APP-SECRET"
    oauth_server.register_application("sq0idp-OTHER-APP", other_app_secret)
    codes = [oauth_server.authorize(CLIENT_ID, MERCHANT_ID) for _ in range(2)]
    other_merchant_code = oauth_server.authorize(CLIENT_ID, "MOTHERMERCHANT")
    other_app_code = oauth_server.authorize("sq0idp-OTHER-APP", MERCHANT_ID)

    async def scenario(client: Any, call: Call) -> None:
        first, second = [await call(client.o_auth.obtain_token, code_request(c)) for c in codes]
        other_merchant = await call(client.o_auth.obtain_token, code_request(other_merchant_code))
        other_app = await call(
            client.o_auth.obtain_token,
            ObtainTokenRequest(
                client_id="sq0idp-OTHER-APP",
                client_secret=other_app_secret,
                grant_type="authorization_code",
                code=other_app_code,
            ),
        )
        # naming one token revokes both of this merchant's, refresh tokens included
        answer = await call(
            client.o_auth.revoke_token, RevokeTokenRequest(client_id=CLIENT_ID, access_token=first.access_token), AUTH
        )
        assert answer.success is True
        assert oauth_server.token_status(first.access_token) == "revoked"
        assert oauth_server.token_status(second.access_token) == "revoked"
        assert oauth_server.token_status(other_merchant.access_token) == "active"
        assert oauth_server.token_status(other_app.access_token) == "active"
        with pytest.raises(ApiError):
            await call(client.o_auth.obtain_token, refresh_request(second.refresh_token))

        # by merchant_id; and revoke_only_access_token keeps the authorization
        third = await call(client.o_auth.obtain_token, refresh_request(other_merchant.refresh_token))
        only = RevokeTokenRequest(client_id=CLIENT_ID, access_token=third.access_token, revoke_only_access_token=True)
        assert (await call(client.o_auth.revoke_token, only, AUTH)).success is True
        assert oauth_server.token_status(third.access_token) == "revoked"
        assert oauth_server.token_status(other_merchant.access_token) == "active"
        by_merchant = RevokeTokenRequest(client_id=CLIENT_ID, merchant_id="MOTHERMERCHANT")
        assert (await call(client.o_auth.revoke_token, by_merchant, AUTH)).success is True
        assert oauth_server.token_status(other_merchant.access_token) == "revoked"
        with pytest.raises(ApiError) as caught:
            await call(client.o_auth.revoke_token, by_merchant, AUTH)
        assert caught.value.status_code == 404 and only_error(caught.value).code is ErrorCode.NOT_FOUND

    run_scenario(kind, scenario, base_url=oauth_server.url)


def test_missing_required_values_are_reported_with_the_field(kind: str, oauth_server: OAuthServer) -> None:
    async def scenario(client: Any, call: Call) -> None:
        no_secret = ObtainTokenRequest(client_id=CLIENT_ID, client_secret=None, grant_type="authorization_code")
        with pytest.raises(ApiError) as caught:
            await call(client.o_auth.obtain_token, no_secret)
        assert caught.value.status_code == 400
        error = only_error(caught.value)
        assert (error.category, error.code, error.field) == (
            ErrorCategory.INVALID_REQUEST_ERROR,
            ErrorCode.MISSING_REQUIRED_PARAMETER,
            "client_secret",
        )
        with pytest.raises(ApiError) as caught:
            await call(client.o_auth.obtain_token, code_request("").to_builder().code(None).build())
        assert only_error(caught.value).field == "code"

    run_scenario(kind, scenario, base_url=oauth_server.url)


def test_client_id_path_parameter_is_percent_encoded(kind: str, oauth_server: OAuthServer) -> None:
    odd_id = "sq0idp-a/b c?d#e%f"
    oauth_server.register_application(odd_id, CLIENT_SECRET)
    code = oauth_server.authorize(odd_id, MERCHANT_ID)

    async def scenario(client: Any, call: Call) -> None:
        token = await call(
            client.o_auth.obtain_token,
            ObtainTokenRequest(
                client_id=odd_id, client_secret=CLIENT_SECRET, grant_type="authorization_code", code=code
            ),
        )
        oauth_server.clear_requests()
        with pytest.warns(DeprecationWarning):
            renewed = await call(
                client.o_auth.renew_token, odd_id, RenewTokenRequest(access_token=token.access_token), AUTH
            )
        assert renewed.merchant_id == MERCHANT_ID
        [request] = oauth_server.requests
        assert request.raw_path == "/oauth2/clients/sq0idp-a%2Fb%20c%3Fd%23e%25f/access-token/renew"

    run_scenario(kind, scenario, base_url=oauth_server.url)
