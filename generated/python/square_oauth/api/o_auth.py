"""The OAuthApi and AsyncOAuthApi classes: Obtain, renew and revoke the OAuth access tokens that let an application call Square APIs on behalf of a seller."""

from __future__ import annotations

import warnings

from .._http import AsyncHttp, RawResponse, Request, RequestOptions, SyncHttp
from ..models.obtain_token_request import ObtainTokenRequest
from ..models.obtain_token_response import ObtainTokenResponse
from ..models.renew_token_request import RenewTokenRequest
from ..models.renew_token_response import RenewTokenResponse
from ..models.revoke_token_request import RevokeTokenRequest
from ..models.revoke_token_response import RevokeTokenResponse


def _renew_token_request(
    client_id: str, body: RenewTokenRequest, authorization: str
) -> Request:
    return Request(
        "POST",
        "/oauth2/clients/{client_id}/access-token/renew",
        path_params={"client_id": client_id},
        headers={"Authorization": authorization},
        json=body,
        authenticated=False,
    )


def _revoke_token_request(body: RevokeTokenRequest, authorization: str) -> Request:
    return Request(
        "POST",
        "/oauth2/revoke",
        headers={"Authorization": authorization},
        json=body,
        authenticated=False,
    )


def _obtain_token_request(body: ObtainTokenRequest) -> Request:
    return Request(
        "POST",
        "/oauth2/token",
        json=body,
        authenticated=False,
    )


class OAuthApi:
    """Obtain, renew and revoke the OAuth access tokens that let an application call Square APIs on behalf of a seller.

    Reached as ``Client().o_auth``.
    """

    def __init__(self, http: SyncHttp) -> None:
        self._http = http
        self.with_raw_response = OAuthApiWithRawResponse(http)
        """The same methods, returning the raw response (status, headers) to parse later."""

    def renew_token(
        self,
        client_id: str,
        body: RenewTokenRequest,
        authorization: str,
        *,
        request_options: RequestOptions | None = None,
    ) -> RenewTokenResponse:
        """`RenewToken` is deprecated.

        To learn how to refresh OAuth access
        tokens instead, see
        [Renew OAuth Token](https://developer.squareup.com/docs/oauth-api/cookbook/renew-oauth-tokens).

        Renews an OAuth access token before it runs out.

        Every OAuth access token except your application's personal access
        token expires after **30 days**. A token that has already expired can
        still be renewed within **15 days** of its expiry. Once it has been
        expired for more than 15 days it can no longer be renewed, and the
        associated user has to go through the OAuth flow again from the
        start.

        __Important:__ this endpoint expects the `Authorization` header in
        exactly this form:

        ```
        Authorization: Client APPLICATION_SECRET
        ```

        where `APPLICATION_SECRET` is replaced by your application secret,
        found on the **Credentials** page of the
        [application dashboard](https://connect.squareup.com/apps).

        Deprecated: this operation may be removed in a future version of the API.

        Args:
            client_id: Your application ID, which is available from the [application dashboard](https://connect.squareup.com/apps) (the **OAuth** page of the Developer Dashboard).
            body: An object holding the fields to send in the POST request.

                For the details of each field, see the corresponding object definition.
            authorization: Client APPLICATION_SECRET
            request_options: Per-call timeout, retries and extra headers.

        Returns:
            RenewTokenResponse: The token was renewed.

        Raises:
            ApiError: The server answered with an error status.
            ApiTimeoutError: The server did not answer in time.
            ApiConnectionError: The server could not be reached.
        """

        warnings.warn(
            "OAuthApi.renew_token is deprecated.", DeprecationWarning, stacklevel=2
        )
        return self._http.send(
            _renew_token_request(client_id, body, authorization),
            RenewTokenResponse.from_dict,
            request_options,
        )

    def revoke_token(
        self,
        body: RevokeTokenRequest,
        authorization: str,
        *,
        request_options: RequestOptions | None = None,
    ) -> RevokeTokenResponse:
        """Revokes an access token that was generated with the OAuth flow.

        When an account holds several OAuth access tokens for your
        application, this endpoint revokes every one of them, whichever token
        you name in the request. Revoking an OAuth access token also cancels,
        immediately, all active subscriptions associated with that token.

        __Important:__ this endpoint expects the `Authorization` header in
        exactly this form:

        ```
        Authorization: Client APPLICATION_SECRET
        ```

        where `APPLICATION_SECRET` is replaced by your application secret,
        found on the **Credentials** page of the
        [application dashboard](https://connect.squareup.com/apps).

        Args:
            body: An object holding the fields to send in the POST request.

                For the details of each field, see the corresponding object definition.
            authorization: Client APPLICATION_SECRET
            request_options: Per-call timeout, retries and extra headers.

        Returns:
            RevokeTokenResponse: The token (and any others of the same authorization) was revoked.

        Raises:
            ApiError: The server answered with an error status.
            ApiTimeoutError: The server did not answer in time.
            ApiConnectionError: The server could not be reached.
        """

        return self._http.send(
            _revoke_token_request(body, authorization),
            RevokeTokenResponse.from_dict,
            request_options,
        )

    def obtain_token(
        self, body: ObtainTokenRequest, *, request_options: RequestOptions | None = None
    ) -> ObtainTokenResponse:
        """Returns an OAuth access token.

        There are several ways to obtain an OAuth access token from this
        endpoint. The application picks one by setting the `grant_type`
        field of the request, and sends the information that way needs:

        - `authorization_code`: the authorization code received when a seller
          granted your application access (`code`);
        - `refresh_token`: a valid refresh token (`refresh_token`);
        - `migration_token`: for tokens from Square API versions before
          March 13, 2019, a valid migration token (`migration_token`).

        To learn more, see
        [OAuth access token management](https://developer.squareup.com/docs/authz/oauth/how-it-works#oauth-access-token-management).

        __Note:__ whichever way the application chooses, the response always
        carries two items: an OAuth access token and a refresh token.

        __OAuth tokens belong on secure servers only; application clients
        must never handle OAuth tokens directly.__

        Args:
            body: An object holding the fields to send in the POST request.

                For the details of each field, see the corresponding object definition.
            request_options: Per-call timeout, retries and extra headers.

        Returns:
            ObtainTokenResponse: The access token and refresh token were issued.

        Raises:
            ApiError: The server answered with an error status.
            ApiTimeoutError: The server did not answer in time.
            ApiConnectionError: The server could not be reached.
        """

        return self._http.send(
            _obtain_token_request(body),
            ObtainTokenResponse.from_dict,
            request_options,
        )


class OAuthApiWithRawResponse:
    """The methods of :class:`OAuthApi`, each returning a :class:`RawResponse`.

    Reached as ``Client().o_auth.with_raw_response``. A raw response has the
    status code, the headers and the ``httpx.Response`` of a successful call, and
    ``parse()`` for the typed result the plain method returns; an error status raises
    as the plain method does.
    """

    def __init__(self, http: SyncHttp) -> None:
        self._http = http

    def renew_token(
        self,
        client_id: str,
        body: RenewTokenRequest,
        authorization: str,
        *,
        request_options: RequestOptions | None = None,
    ) -> RawResponse[RenewTokenResponse]:
        """:meth:`OAuthApi.renew_token`, returning the raw response."""
        warnings.warn(
            "OAuthApi.renew_token is deprecated.", DeprecationWarning, stacklevel=2
        )
        return self._http.send_raw(
            _renew_token_request(client_id, body, authorization),
            RenewTokenResponse.from_dict,
            request_options,
        )

    def revoke_token(
        self,
        body: RevokeTokenRequest,
        authorization: str,
        *,
        request_options: RequestOptions | None = None,
    ) -> RawResponse[RevokeTokenResponse]:
        """:meth:`OAuthApi.revoke_token`, returning the raw response."""
        return self._http.send_raw(
            _revoke_token_request(body, authorization),
            RevokeTokenResponse.from_dict,
            request_options,
        )

    def obtain_token(
        self, body: ObtainTokenRequest, *, request_options: RequestOptions | None = None
    ) -> RawResponse[ObtainTokenResponse]:
        """:meth:`OAuthApi.obtain_token`, returning the raw response."""
        return self._http.send_raw(
            _obtain_token_request(body),
            ObtainTokenResponse.from_dict,
            request_options,
        )


class AsyncOAuthApi:
    """Obtain, renew and revoke the OAuth access tokens that let an application call Square APIs on behalf of a seller.

    Reached as ``AsyncClient().o_auth``; every method is a coroutine.
    """

    def __init__(self, http: AsyncHttp) -> None:
        self._http = http
        self.with_raw_response = AsyncOAuthApiWithRawResponse(http)
        """The same methods, returning the raw response (status, headers) to parse later."""

    async def renew_token(
        self,
        client_id: str,
        body: RenewTokenRequest,
        authorization: str,
        *,
        request_options: RequestOptions | None = None,
    ) -> RenewTokenResponse:
        """`RenewToken` is deprecated.

        To learn how to refresh OAuth access
        tokens instead, see
        [Renew OAuth Token](https://developer.squareup.com/docs/oauth-api/cookbook/renew-oauth-tokens).

        Renews an OAuth access token before it runs out.

        Every OAuth access token except your application's personal access
        token expires after **30 days**. A token that has already expired can
        still be renewed within **15 days** of its expiry. Once it has been
        expired for more than 15 days it can no longer be renewed, and the
        associated user has to go through the OAuth flow again from the
        start.

        __Important:__ this endpoint expects the `Authorization` header in
        exactly this form:

        ```
        Authorization: Client APPLICATION_SECRET
        ```

        where `APPLICATION_SECRET` is replaced by your application secret,
        found on the **Credentials** page of the
        [application dashboard](https://connect.squareup.com/apps).

        Deprecated: this operation may be removed in a future version of the API.

        Args:
            client_id: Your application ID, which is available from the [application dashboard](https://connect.squareup.com/apps) (the **OAuth** page of the Developer Dashboard).
            body: An object holding the fields to send in the POST request.

                For the details of each field, see the corresponding object definition.
            authorization: Client APPLICATION_SECRET
            request_options: Per-call timeout, retries and extra headers.

        Returns:
            RenewTokenResponse: The token was renewed.

        Raises:
            ApiError: The server answered with an error status.
            ApiTimeoutError: The server did not answer in time.
            ApiConnectionError: The server could not be reached.
        """

        warnings.warn(
            "AsyncOAuthApi.renew_token is deprecated.", DeprecationWarning, stacklevel=2
        )
        return await self._http.send(
            _renew_token_request(client_id, body, authorization),
            RenewTokenResponse.from_dict,
            request_options,
        )

    async def revoke_token(
        self,
        body: RevokeTokenRequest,
        authorization: str,
        *,
        request_options: RequestOptions | None = None,
    ) -> RevokeTokenResponse:
        """Revokes an access token that was generated with the OAuth flow.

        When an account holds several OAuth access tokens for your
        application, this endpoint revokes every one of them, whichever token
        you name in the request. Revoking an OAuth access token also cancels,
        immediately, all active subscriptions associated with that token.

        __Important:__ this endpoint expects the `Authorization` header in
        exactly this form:

        ```
        Authorization: Client APPLICATION_SECRET
        ```

        where `APPLICATION_SECRET` is replaced by your application secret,
        found on the **Credentials** page of the
        [application dashboard](https://connect.squareup.com/apps).

        Args:
            body: An object holding the fields to send in the POST request.

                For the details of each field, see the corresponding object definition.
            authorization: Client APPLICATION_SECRET
            request_options: Per-call timeout, retries and extra headers.

        Returns:
            RevokeTokenResponse: The token (and any others of the same authorization) was revoked.

        Raises:
            ApiError: The server answered with an error status.
            ApiTimeoutError: The server did not answer in time.
            ApiConnectionError: The server could not be reached.
        """

        return await self._http.send(
            _revoke_token_request(body, authorization),
            RevokeTokenResponse.from_dict,
            request_options,
        )

    async def obtain_token(
        self, body: ObtainTokenRequest, *, request_options: RequestOptions | None = None
    ) -> ObtainTokenResponse:
        """Returns an OAuth access token.

        There are several ways to obtain an OAuth access token from this
        endpoint. The application picks one by setting the `grant_type`
        field of the request, and sends the information that way needs:

        - `authorization_code`: the authorization code received when a seller
          granted your application access (`code`);
        - `refresh_token`: a valid refresh token (`refresh_token`);
        - `migration_token`: for tokens from Square API versions before
          March 13, 2019, a valid migration token (`migration_token`).

        To learn more, see
        [OAuth access token management](https://developer.squareup.com/docs/authz/oauth/how-it-works#oauth-access-token-management).

        __Note:__ whichever way the application chooses, the response always
        carries two items: an OAuth access token and a refresh token.

        __OAuth tokens belong on secure servers only; application clients
        must never handle OAuth tokens directly.__

        Args:
            body: An object holding the fields to send in the POST request.

                For the details of each field, see the corresponding object definition.
            request_options: Per-call timeout, retries and extra headers.

        Returns:
            ObtainTokenResponse: The access token and refresh token were issued.

        Raises:
            ApiError: The server answered with an error status.
            ApiTimeoutError: The server did not answer in time.
            ApiConnectionError: The server could not be reached.
        """

        return await self._http.send(
            _obtain_token_request(body),
            ObtainTokenResponse.from_dict,
            request_options,
        )


class AsyncOAuthApiWithRawResponse:
    """The methods of :class:`AsyncOAuthApi`, each returning a :class:`RawResponse`.

    Reached as ``AsyncClient().o_auth.with_raw_response``. A raw response has the
    status code, the headers and the ``httpx.Response`` of a successful call, and
    ``parse()`` for the typed result the plain method returns; an error status raises
    as the plain method does.
    """

    def __init__(self, http: AsyncHttp) -> None:
        self._http = http

    async def renew_token(
        self,
        client_id: str,
        body: RenewTokenRequest,
        authorization: str,
        *,
        request_options: RequestOptions | None = None,
    ) -> RawResponse[RenewTokenResponse]:
        """:meth:`AsyncOAuthApi.renew_token`, returning the raw response."""
        warnings.warn(
            "AsyncOAuthApi.renew_token is deprecated.", DeprecationWarning, stacklevel=2
        )
        return await self._http.send_raw(
            _renew_token_request(client_id, body, authorization),
            RenewTokenResponse.from_dict,
            request_options,
        )

    async def revoke_token(
        self,
        body: RevokeTokenRequest,
        authorization: str,
        *,
        request_options: RequestOptions | None = None,
    ) -> RawResponse[RevokeTokenResponse]:
        """:meth:`AsyncOAuthApi.revoke_token`, returning the raw response."""
        return await self._http.send_raw(
            _revoke_token_request(body, authorization),
            RevokeTokenResponse.from_dict,
            request_options,
        )

    async def obtain_token(
        self, body: ObtainTokenRequest, *, request_options: RequestOptions | None = None
    ) -> RawResponse[ObtainTokenResponse]:
        """:meth:`AsyncOAuthApi.obtain_token`, returning the raw response."""
        return await self._http.send_raw(
            _obtain_token_request(body),
            ObtainTokenResponse.from_dict,
            request_options,
        )
