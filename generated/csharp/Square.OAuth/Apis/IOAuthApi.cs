#pragma warning disable CS0618 // what this file marks obsolete is for the SDK's users to avoid, not the SDK
namespace Square.OAuth.Apis
{
    using System;
    using System.Collections.Generic;
    using System.Threading;
    using System.Threading.Tasks;

    /// <summary>
    /// Obtain, renew and revoke the OAuth access tokens that let an application call Square APIs on behalf of a seller.
    /// </summary>
    public interface IOAuthApi
    {
        /// <summary>
        /// `RenewToken` is deprecated.
        /// </summary>
        /// <remarks>
        /// To learn how to refresh OAuth access
        /// tokens instead, see
        /// [Renew OAuth Token](https://developer.squareup.com/docs/oauth-api/cookbook/renew-oauth-tokens).
        ///
        /// Renews an OAuth access token before it runs out.
        ///
        /// Every OAuth access token except your application's personal access
        /// token expires after **30 days**. A token that has already expired can
        /// still be renewed within **15 days** of its expiry. Once it has been
        /// expired for more than 15 days it can no longer be renewed, and the
        /// associated user has to go through the OAuth flow again from the
        /// start.
        ///
        /// __Important:__ this endpoint expects the `Authorization` header in
        /// exactly this form:
        ///
        /// ```
        /// Authorization: Client APPLICATION_SECRET
        /// ```
        ///
        /// where `APPLICATION_SECRET` is replaced by your application secret,
        /// found on the **Credentials** page of the
        /// [application dashboard](https://connect.squareup.com/apps).
        /// </remarks>
        /// <param name="clientId">Your application ID, which is available from the [application dashboard](https://connect.squareup.com/apps) (the **OAuth** page of the Developer Dashboard).</param>
        /// <param name="body">An object holding the fields to send in the POST request. For the details of each field, see the corresponding object definition.</param>
        /// <param name="authorization">Client APPLICATION_SECRET</param>
        /// <returns>The token was renewed.</returns>
        /// <exception cref="Exceptions.ApiException">The server answered with an error status.</exception>
        [Obsolete("This operation is deprecated.")]
        Models.RenewTokenResponse RenewToken(string clientId, Models.RenewTokenRequest body, string authorization);

        /// <summary>
        /// `RenewToken` is deprecated.
        /// </summary>
        /// <remarks>
        /// To learn how to refresh OAuth access
        /// tokens instead, see
        /// [Renew OAuth Token](https://developer.squareup.com/docs/oauth-api/cookbook/renew-oauth-tokens).
        ///
        /// Renews an OAuth access token before it runs out.
        ///
        /// Every OAuth access token except your application's personal access
        /// token expires after **30 days**. A token that has already expired can
        /// still be renewed within **15 days** of its expiry. Once it has been
        /// expired for more than 15 days it can no longer be renewed, and the
        /// associated user has to go through the OAuth flow again from the
        /// start.
        ///
        /// __Important:__ this endpoint expects the `Authorization` header in
        /// exactly this form:
        ///
        /// ```
        /// Authorization: Client APPLICATION_SECRET
        /// ```
        ///
        /// where `APPLICATION_SECRET` is replaced by your application secret,
        /// found on the **Credentials** page of the
        /// [application dashboard](https://connect.squareup.com/apps).
        /// </remarks>
        /// <param name="clientId">Your application ID, which is available from the [application dashboard](https://connect.squareup.com/apps) (the **OAuth** page of the Developer Dashboard).</param>
        /// <param name="body">An object holding the fields to send in the POST request. For the details of each field, see the corresponding object definition.</param>
        /// <param name="authorization">Client APPLICATION_SECRET</param>
        /// <param name="cancellationToken">Cancels the call.</param>
        /// <returns>The token was renewed.</returns>
        /// <exception cref="Exceptions.ApiException">The server answered with an error status.</exception>
        [Obsolete("This operation is deprecated.")]
        Task<Models.RenewTokenResponse> RenewTokenAsync(string clientId, Models.RenewTokenRequest body, string authorization, CancellationToken cancellationToken = default(CancellationToken));

        /// <summary>
        /// Revokes an access token that was generated with the OAuth flow.
        /// </summary>
        /// <remarks>
        /// When an account holds several OAuth access tokens for your
        /// application, this endpoint revokes every one of them, whichever token
        /// you name in the request. Revoking an OAuth access token also cancels,
        /// immediately, all active subscriptions associated with that token.
        ///
        /// __Important:__ this endpoint expects the `Authorization` header in
        /// exactly this form:
        ///
        /// ```
        /// Authorization: Client APPLICATION_SECRET
        /// ```
        ///
        /// where `APPLICATION_SECRET` is replaced by your application secret,
        /// found on the **Credentials** page of the
        /// [application dashboard](https://connect.squareup.com/apps).
        /// </remarks>
        /// <param name="body">An object holding the fields to send in the POST request. For the details of each field, see the corresponding object definition.</param>
        /// <param name="authorization">Client APPLICATION_SECRET</param>
        /// <returns>The token (and any others of the same authorization) was revoked.</returns>
        /// <exception cref="Exceptions.ApiException">The server answered with an error status.</exception>
        Models.RevokeTokenResponse RevokeToken(Models.RevokeTokenRequest body, string authorization);

        /// <summary>
        /// Revokes an access token that was generated with the OAuth flow.
        /// </summary>
        /// <remarks>
        /// When an account holds several OAuth access tokens for your
        /// application, this endpoint revokes every one of them, whichever token
        /// you name in the request. Revoking an OAuth access token also cancels,
        /// immediately, all active subscriptions associated with that token.
        ///
        /// __Important:__ this endpoint expects the `Authorization` header in
        /// exactly this form:
        ///
        /// ```
        /// Authorization: Client APPLICATION_SECRET
        /// ```
        ///
        /// where `APPLICATION_SECRET` is replaced by your application secret,
        /// found on the **Credentials** page of the
        /// [application dashboard](https://connect.squareup.com/apps).
        /// </remarks>
        /// <param name="body">An object holding the fields to send in the POST request. For the details of each field, see the corresponding object definition.</param>
        /// <param name="authorization">Client APPLICATION_SECRET</param>
        /// <param name="cancellationToken">Cancels the call.</param>
        /// <returns>The token (and any others of the same authorization) was revoked.</returns>
        /// <exception cref="Exceptions.ApiException">The server answered with an error status.</exception>
        Task<Models.RevokeTokenResponse> RevokeTokenAsync(Models.RevokeTokenRequest body, string authorization, CancellationToken cancellationToken = default(CancellationToken));

        /// <summary>
        /// Returns an OAuth access token.
        /// </summary>
        /// <remarks>
        /// There are several ways to obtain an OAuth access token from this
        /// endpoint. The application picks one by setting the `grant_type`
        /// field of the request, and sends the information that way needs:
        ///
        /// - `authorization_code`: the authorization code received when a seller
        ///   granted your application access (`code`);
        /// - `refresh_token`: a valid refresh token (`refresh_token`);
        /// - `migration_token`: for tokens from Square API versions before
        ///   March 13, 2019, a valid migration token (`migration_token`).
        ///
        /// To learn more, see
        /// [OAuth access token management](https://developer.squareup.com/docs/authz/oauth/how-it-works#oauth-access-token-management).
        ///
        /// __Note:__ whichever way the application chooses, the response always
        /// carries two items: an OAuth access token and a refresh token.
        ///
        /// __OAuth tokens belong on secure servers only; application clients
        /// must never handle OAuth tokens directly.__
        /// </remarks>
        /// <param name="body">An object holding the fields to send in the POST request. For the details of each field, see the corresponding object definition.</param>
        /// <returns>The access token and refresh token were issued.</returns>
        /// <exception cref="Exceptions.ApiException">The server answered with an error status.</exception>
        Models.ObtainTokenResponse ObtainToken(Models.ObtainTokenRequest body);

        /// <summary>
        /// Returns an OAuth access token.
        /// </summary>
        /// <remarks>
        /// There are several ways to obtain an OAuth access token from this
        /// endpoint. The application picks one by setting the `grant_type`
        /// field of the request, and sends the information that way needs:
        ///
        /// - `authorization_code`: the authorization code received when a seller
        ///   granted your application access (`code`);
        /// - `refresh_token`: a valid refresh token (`refresh_token`);
        /// - `migration_token`: for tokens from Square API versions before
        ///   March 13, 2019, a valid migration token (`migration_token`).
        ///
        /// To learn more, see
        /// [OAuth access token management](https://developer.squareup.com/docs/authz/oauth/how-it-works#oauth-access-token-management).
        ///
        /// __Note:__ whichever way the application chooses, the response always
        /// carries two items: an OAuth access token and a refresh token.
        ///
        /// __OAuth tokens belong on secure servers only; application clients
        /// must never handle OAuth tokens directly.__
        /// </remarks>
        /// <param name="body">An object holding the fields to send in the POST request. For the details of each field, see the corresponding object definition.</param>
        /// <param name="cancellationToken">Cancels the call.</param>
        /// <returns>The access token and refresh token were issued.</returns>
        /// <exception cref="Exceptions.ApiException">The server answered with an error status.</exception>
        Task<Models.ObtainTokenResponse> ObtainTokenAsync(Models.ObtainTokenRequest body, CancellationToken cancellationToken = default(CancellationToken));
    }
}
