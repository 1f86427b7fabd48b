namespace Square.OAuth.Models
{
    using System;
    using System.Collections.Generic;
    using System.Linq;
    using Square.OAuth.Core;

    /// <summary>
    /// The body of an `ObtainToken` request.
    /// </summary>
    public sealed class ObtainTokenRequest : IEquatable<ObtainTokenRequest>, IJsonModel
    {
        private readonly ISet<string> given;
        private readonly JsonObject additionalProperties;

        private ObtainTokenRequest(Builder builder)
        {
            ClientId = builder._clientId;
            ClientSecret = builder._clientSecret;
            Code = builder._code;
            RedirectUri = builder._redirectUri;
            GrantType = builder._grantType;
            RefreshToken = builder._refreshToken;
            MigrationToken = builder._migrationToken;
            Scopes = builder._scopes;
            ShortLived = builder._shortLived;
            given = new HashSet<string>(builder.Given);
            additionalProperties = builder.Additional;
        }

        /// <summary>
        /// The ID that Square issued for your application.
        /// </summary>
        /// <remarks>
        /// You can find it on the **OAuth** page of the [Developer Dashboard](https://developer.squareup.com/apps).
        /// </remarks>
        public string ClientId { get; }

        /// <summary>
        /// The secret that Square issued for your application, shown on the **OAuth** page of the [Developer Dashboard](https://developer.squareup.com/apps).
        /// </summary>
        /// <remarks>
        /// It is not the same thing as your personal access token.
        /// </remarks>
        public string ClientSecret { get; }

        /// <summary>
        /// The authorization code to exchange for an OAuth access token.
        /// </summary>
        /// <remarks>
        /// Needed when `grant_type` is `authorization_code`, which means the application wants to trade an authorization code for a token.
        /// </remarks>
        public string Code { get; }

        /// <summary>
        /// The redirect URL registered for your application on the **OAuth** page of the [Developer Dashboard](https://developer.squareup.com/apps).
        /// </summary>
        public string RedirectUri { get; }

        /// <summary>
        /// How the application asks for an OAuth access token.
        /// </summary>
        /// <remarks>
        /// One of:
        ///
        /// - `authorization_code`: exchange the authorization code in `code`;
        /// - `refresh_token`: use the refresh token in `refresh_token`;
        /// - `migration_token`: replace a legacy token given in `migration_token`.
        /// </remarks>
        public string GrantType { get; }

        /// <summary>
        /// A valid refresh token, used to generate a new OAuth access token.
        /// </summary>
        /// <remarks>
        /// Needed when `grant_type` is `refresh_token`, which means the
        /// application wants a replacement for an expired OAuth access token.
        /// </remarks>
        public string RefreshToken { get; }

        /// <summary>
        /// A legacy OAuth access token, obtained with a Connect API version older than 2019-03-13.
        /// </summary>
        /// <remarks>
        /// Needed when `grant_type` is `migration_token`, which means the application wants a replacement OAuth access token; a refresh token is returned too. See [Migrate to Using Refresh Tokens](https://developer.squareup.com/docs/oauth-api/migrate-to-refresh-tokens).
        /// </remarks>
        public string MigrationToken { get; }

        /// <summary>
        /// **Beta.** The permissions the application asks for, as a JSON list of strings, for example `["MERCHANT_PROFILE_READ","PAYMENTS_READ","BANK_ACCOUNTS_READ"]`.
        /// </summary>
        /// <remarks>
        /// The returned access token gets only the permissions that are both
        /// requested here and held by the given refresh token.
        /// </remarks>
        public IList<string> Scopes { get; }

        /// <summary>
        /// **Beta.** Set to `true` to ask for a short-lived access token.
        /// </summary>
        /// <remarks>
        /// A short-lived access token expires 24 hours after it is issued.
        /// </remarks>
        public bool? ShortLived { get; }

        /// <summary>Fields the server sent that this SDK does not know, as JSON values; sent back as they came.</summary>
        public IReadOnlyDictionary<string, object> AdditionalProperties =>
            additionalProperties.ToDictionary(m => m.Key, m => m.Value);

        /// <summary>A builder holding this model's values.</summary>
        public Builder ToBuilder()
        {
            var builder = new Builder(ClientId, ClientSecret, GrantType);
            if (given.Contains("code"))
            {
                builder.Code(Code);
            }

            if (given.Contains("redirect_uri"))
            {
                builder.RedirectUri(RedirectUri);
            }

            if (given.Contains("refresh_token"))
            {
                builder.RefreshToken(RefreshToken);
            }

            if (given.Contains("migration_token"))
            {
                builder.MigrationToken(MigrationToken);
            }

            if (given.Contains("scopes"))
            {
                builder.Scopes(Scopes);
            }

            if (given.Contains("short_lived"))
            {
                builder.ShortLived(ShortLived);
            }

            builder.Additional = additionalProperties;
            return builder;
        }

        /// <inheritdoc/>
        public override bool Equals(object obj) => Equals(obj as ObtainTokenRequest);

        /// <summary>Whether both have the same fields set to equal values.</summary>
        public bool Equals(ObtainTokenRequest other) =>
            other != null
            && given.SetEquals(other.given)
            && Values.Equal(ClientId, other.ClientId)
            && Values.Equal(ClientSecret, other.ClientSecret)
            && Values.Equal(Code, other.Code)
            && Values.Equal(RedirectUri, other.RedirectUri)
            && Values.Equal(GrantType, other.GrantType)
            && Values.Equal(RefreshToken, other.RefreshToken)
            && Values.Equal(MigrationToken, other.MigrationToken)
            && Values.Equal(Scopes, other.Scopes)
            && Values.Equal(ShortLived, other.ShortLived)
            && Values.Equal(additionalProperties, other.additionalProperties);

        /// <inheritdoc/>
        public override int GetHashCode() => Values.Combine(ClientId, ClientSecret, Code, RedirectUri, GrantType, RefreshToken, MigrationToken, Scopes, ShortLived, additionalProperties);

        /// <summary>The model's fields that are set, secrets hidden.</summary>
        public override string ToString()
        {
            var shown = new List<string>();
            shown.Add("ClientId = " + Values.Show(ClientId));
            shown.Add("ClientSecret = " + Values.Hidden);
            if (given.Contains("code"))
            {
                shown.Add("Code = " + (Code == null ? "null" : Values.Hidden));
            }

            if (given.Contains("redirect_uri"))
            {
                shown.Add("RedirectUri = " + Values.Show(RedirectUri));
            }

            shown.Add("GrantType = " + Values.Show(GrantType));
            if (given.Contains("refresh_token"))
            {
                shown.Add("RefreshToken = " + (RefreshToken == null ? "null" : Values.Hidden));
            }

            if (given.Contains("migration_token"))
            {
                shown.Add("MigrationToken = " + (MigrationToken == null ? "null" : Values.Hidden));
            }

            if (given.Contains("scopes"))
            {
                shown.Add("Scopes = " + Values.Show(Scopes));
            }

            if (given.Contains("short_lived"))
            {
                shown.Add("ShortLived = " + Values.Show(ShortLived));
            }

            if (additionalProperties.Count > 0)
            {
                shown.Add("AdditionalProperties = [" + string.Join(", ", additionalProperties.Select(m => m.Key)) + "]");
            }

            return Values.Describe("ObtainTokenRequest", shown);
        }

        JsonObject IJsonModel.ToJson(bool request)
        {
            var json = new JsonObject();
            json.Set("client_id", Json.ToJsonValue(ClientId, request));
            json.Set("client_secret", Json.ToJsonValue(ClientSecret, request));
            if (given.Contains("code"))
            {
                json.Set("code", Json.ToJsonValue(Code, request));
            }

            if (given.Contains("redirect_uri"))
            {
                json.Set("redirect_uri", Json.ToJsonValue(RedirectUri, request));
            }

            json.Set("grant_type", Json.ToJsonValue(GrantType, request));
            if (given.Contains("refresh_token"))
            {
                json.Set("refresh_token", Json.ToJsonValue(RefreshToken, request));
            }

            if (given.Contains("migration_token"))
            {
                json.Set("migration_token", Json.ToJsonValue(MigrationToken, request));
            }

            if (given.Contains("scopes"))
            {
                json.Set("scopes", Json.ToJsonValue(Scopes, request));
            }

            if (given.Contains("short_lived"))
            {
                json.Set("short_lived", Json.ToJsonValue(ShortLived, request));
            }

            foreach (var member in additionalProperties)
            {
                if (!json.Has(member.Key))
                {
                    json.Set(member.Key, member.Value);
                }
            }

            return json;
        }

        /// <summary>Reads the model from a JSON value; members it does not know are kept.</summary>
        internal static ObtainTokenRequest FromJson(object value)
        {
            if (value == null)
            {
                return null;
            }

            var json = JsonRead.Object(value);
            var builder = new Builder(
                JsonRead.String(json.Get("client_id")),
                JsonRead.String(json.Get("client_secret")),
                JsonRead.String(json.Get("grant_type")));
            if (json.Has("code"))
            {
                builder.Code(JsonRead.String(json.Get("code")));
            }

            if (json.Has("redirect_uri"))
            {
                builder.RedirectUri(JsonRead.String(json.Get("redirect_uri")));
            }

            if (json.Has("refresh_token"))
            {
                builder.RefreshToken(JsonRead.String(json.Get("refresh_token")));
            }

            if (json.Has("migration_token"))
            {
                builder.MigrationToken(JsonRead.String(json.Get("migration_token")));
            }

            if (json.Has("scopes"))
            {
                builder.Scopes(JsonRead.ListOf<string>(JsonRead.String)(json.Get("scopes")));
            }

            if (json.Has("short_lived"))
            {
                builder.ShortLived(JsonRead.Nullable<bool>(JsonRead.Bool)(json.Get("short_lived")));
            }

            var known = new HashSet<string> { "client_id", "client_secret", "code", "redirect_uri", "grant_type", "refresh_token", "migration_token", "scopes", "short_lived" };
            foreach (var member in json)
            {
                if (!known.Contains(member.Key))
                {
                    builder.Additional.Set(member.Key, member.Value);
                }
            }

            return builder.Build();
        }

        /// <summary>Makes a <see cref="ObtainTokenRequest"/>: the constructor takes the required fields, a method sets each other one.</summary>
        public sealed class Builder
        {
            internal string _clientId;
            internal string _clientSecret;
            internal string _code;
            internal string _redirectUri;
            internal string _grantType;
            internal string _refreshToken;
            internal string _migrationToken;
            internal IList<string> _scopes;
            internal bool? _shortLived;

            /// <summary>A builder with the required fields.</summary>
            public Builder(string clientId, string clientSecret, string grantType)
            {
                _clientId = clientId;
                _clientSecret = clientSecret;
                _grantType = grantType;
            }

            internal ISet<string> Given { get; } = new HashSet<string>();

            internal JsonObject Additional { get; set; } = new JsonObject();

            /// <summary>Sets ClientId.</summary>
            public Builder ClientId(string value)
            {
                _clientId = value;
                return this;
            }

            /// <summary>Sets ClientSecret.</summary>
            public Builder ClientSecret(string value)
            {
                _clientSecret = value;
                return this;
            }

            /// <summary>Sets Code (null is sent as null; a field never set is not sent).</summary>
            public Builder Code(string value)
            {
                _code = value;
                Given.Add("code");
                return this;
            }

            /// <summary>Sets RedirectUri (null is sent as null; a field never set is not sent).</summary>
            public Builder RedirectUri(string value)
            {
                _redirectUri = value;
                Given.Add("redirect_uri");
                return this;
            }

            /// <summary>Sets GrantType.</summary>
            public Builder GrantType(string value)
            {
                _grantType = value;
                return this;
            }

            /// <summary>Sets RefreshToken (null is sent as null; a field never set is not sent).</summary>
            public Builder RefreshToken(string value)
            {
                _refreshToken = value;
                Given.Add("refresh_token");
                return this;
            }

            /// <summary>Sets MigrationToken (null is sent as null; a field never set is not sent).</summary>
            public Builder MigrationToken(string value)
            {
                _migrationToken = value;
                Given.Add("migration_token");
                return this;
            }

            /// <summary>Sets Scopes (null is sent as null; a field never set is not sent).</summary>
            public Builder Scopes(IList<string> value)
            {
                _scopes = Values.Copy(value);
                Given.Add("scopes");
                return this;
            }

            /// <summary>Sets ShortLived (null is sent as null; a field never set is not sent).</summary>
            public Builder ShortLived(bool? value)
            {
                _shortLived = value;
                Given.Add("short_lived");
                return this;
            }

            /// <summary>The model, with this builder's values.</summary>
            public ObtainTokenRequest Build() => new ObtainTokenRequest(this);
        }
    }
}
