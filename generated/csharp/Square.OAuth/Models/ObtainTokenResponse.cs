#pragma warning disable CS0618 // what this file marks obsolete is for the SDK's users to avoid, not the SDK
namespace Square.OAuth.Models
{
    using System;
    using System.Collections.Generic;
    using System.Linq;
    using Square.OAuth.Core;

    /// <summary>
    /// The body of a successful `ObtainToken` response.
    /// </summary>
    public sealed class ObtainTokenResponse : IEquatable<ObtainTokenResponse>, IJsonModel
    {
        private readonly ISet<string> given;
        private readonly JsonObject additionalProperties;

        private ObtainTokenResponse(Builder builder)
        {
            AccessToken = builder._accessToken;
            TokenType = builder._tokenType;
            ExpiresAt = builder._expiresAt;
            MerchantId = builder._merchantId;
            SubscriptionId = builder._subscriptionId;
            PlanId = builder._planId;
            IdToken = builder._idToken;
            RefreshToken = builder._refreshToken;
            ShortLived = builder._shortLived;
            Errors = builder._errors;
            given = new HashSet<string>(builder.Given);
            additionalProperties = builder.Additional;
        }

        /// <summary>
        /// A valid OAuth access token, 64 bytes long.
        /// </summary>
        /// <remarks>
        /// Send it in a header with every request to Connect API endpoints. See [OAuth API: Walkthrough](https://developer.squareup.com/docs/oauth-api/walkthrough).
        /// </remarks>
        public string AccessToken { get; }

        /// <summary>
        /// Always `bearer`.
        /// </summary>
        public string TokenType { get; }

        /// <summary>
        /// When the `access_token` expires, as an [ISO 8601](http://www.iso.org/iso/home/standards/iso8601.htm) timestamp.
        /// </summary>
        public string ExpiresAt { get; }

        /// <summary>
        /// The ID of the business of the merchant who granted authorization.
        /// </summary>
        public string MerchantId { get; }

        /// <summary>
        /// __LEGACY FIELD__. The ID of a subscription plan the merchant signed up for; present only when the merchant signed up for one during authorization.
        /// </summary>
        public string SubscriptionId { get; }

        /// <summary>
        /// __LEGACY FIELD__. The ID of the subscription plan the merchant signed up for; present only when the merchant signed up for a subscription plan during authorization.
        /// </summary>
        public string PlanId { get; }

        /// <summary>
        /// The OpenID token of this person; present only when the authorization request included the `OPENID` scope.
        /// </summary>
        [Obsolete("This field is deprecated.")]
        public string IdToken { get; }

        /// <summary>
        /// A refresh token, 64 bytes long.
        /// </summary>
        /// <remarks>
        /// See [Refresh, Revoke, and Limit the Scope of OAuth Tokens](https://developer.squareup.com/docs/oauth-api/refresh-revoke-limit-scope).
        /// </remarks>
        public string RefreshToken { get; }

        /// <summary>
        /// **Beta.** `true` when the access token is short-lived, that is, it expires 24 hours after it is issued.
        /// </summary>
        public bool? ShortLived { get; }

        /// <summary>
        /// Errors encountered while handling the request, if any.
        /// </summary>
        public IList<Error> Errors { get; }

        /// <summary>Fields the server sent that this SDK does not know, as JSON values; sent back as they came.</summary>
        public IReadOnlyDictionary<string, object> AdditionalProperties =>
            additionalProperties.ToDictionary(m => m.Key, m => m.Value);

        /// <summary>A builder holding this model's values.</summary>
        public Builder ToBuilder()
        {
            var builder = new Builder();
            if (given.Contains("access_token"))
            {
                builder.AccessToken(AccessToken);
            }

            if (given.Contains("token_type"))
            {
                builder.TokenType(TokenType);
            }

            if (given.Contains("expires_at"))
            {
                builder.ExpiresAt(ExpiresAt);
            }

            if (given.Contains("merchant_id"))
            {
                builder.MerchantId(MerchantId);
            }

            if (given.Contains("subscription_id"))
            {
                builder.SubscriptionId(SubscriptionId);
            }

            if (given.Contains("plan_id"))
            {
                builder.PlanId(PlanId);
            }

            if (given.Contains("id_token"))
            {
                builder.IdToken(IdToken);
            }

            if (given.Contains("refresh_token"))
            {
                builder.RefreshToken(RefreshToken);
            }

            if (given.Contains("short_lived"))
            {
                builder.ShortLived(ShortLived);
            }

            if (given.Contains("errors"))
            {
                builder.Errors(Errors);
            }

            builder.Additional = additionalProperties;
            return builder;
        }

        /// <inheritdoc/>
        public override bool Equals(object obj) => Equals(obj as ObtainTokenResponse);

        /// <summary>Whether both have the same fields set to equal values.</summary>
        public bool Equals(ObtainTokenResponse other) =>
            other != null
            && given.SetEquals(other.given)
            && Values.Equal(AccessToken, other.AccessToken)
            && Values.Equal(TokenType, other.TokenType)
            && Values.Equal(ExpiresAt, other.ExpiresAt)
            && Values.Equal(MerchantId, other.MerchantId)
            && Values.Equal(SubscriptionId, other.SubscriptionId)
            && Values.Equal(PlanId, other.PlanId)
            && Values.Equal(IdToken, other.IdToken)
            && Values.Equal(RefreshToken, other.RefreshToken)
            && Values.Equal(ShortLived, other.ShortLived)
            && Values.Equal(Errors, other.Errors)
            && Values.Equal(additionalProperties, other.additionalProperties);

        /// <inheritdoc/>
        public override int GetHashCode() => Values.Combine(AccessToken, TokenType, ExpiresAt, MerchantId, SubscriptionId, PlanId, IdToken, RefreshToken, ShortLived, Errors, additionalProperties);

        /// <summary>The model's fields that are set, secrets hidden.</summary>
        public override string ToString()
        {
            var shown = new List<string>();
            if (given.Contains("access_token"))
            {
                shown.Add("AccessToken = " + (AccessToken == null ? "null" : Values.Hidden));
            }

            if (given.Contains("token_type"))
            {
                shown.Add("TokenType = " + Values.Show(TokenType));
            }

            if (given.Contains("expires_at"))
            {
                shown.Add("ExpiresAt = " + Values.Show(ExpiresAt));
            }

            if (given.Contains("merchant_id"))
            {
                shown.Add("MerchantId = " + Values.Show(MerchantId));
            }

            if (given.Contains("subscription_id"))
            {
                shown.Add("SubscriptionId = " + Values.Show(SubscriptionId));
            }

            if (given.Contains("plan_id"))
            {
                shown.Add("PlanId = " + Values.Show(PlanId));
            }

            if (given.Contains("id_token"))
            {
                shown.Add("IdToken = " + (IdToken == null ? "null" : Values.Hidden));
            }

            if (given.Contains("refresh_token"))
            {
                shown.Add("RefreshToken = " + (RefreshToken == null ? "null" : Values.Hidden));
            }

            if (given.Contains("short_lived"))
            {
                shown.Add("ShortLived = " + Values.Show(ShortLived));
            }

            if (given.Contains("errors"))
            {
                shown.Add("Errors = " + Values.Show(Errors));
            }

            if (additionalProperties.Count > 0)
            {
                shown.Add("AdditionalProperties = [" + string.Join(", ", additionalProperties.Select(m => m.Key)) + "]");
            }

            return Values.Describe("ObtainTokenResponse", shown);
        }

        JsonObject IJsonModel.ToJson(bool request)
        {
            var json = new JsonObject();
            if (given.Contains("access_token"))
            {
                json.Set("access_token", Json.ToJsonValue(AccessToken, request));
            }

            if (given.Contains("token_type"))
            {
                json.Set("token_type", Json.ToJsonValue(TokenType, request));
            }

            if (given.Contains("expires_at"))
            {
                json.Set("expires_at", Json.ToJsonValue(ExpiresAt, request));
            }

            if (given.Contains("merchant_id"))
            {
                json.Set("merchant_id", Json.ToJsonValue(MerchantId, request));
            }

            if (given.Contains("subscription_id"))
            {
                json.Set("subscription_id", Json.ToJsonValue(SubscriptionId, request));
            }

            if (given.Contains("plan_id"))
            {
                json.Set("plan_id", Json.ToJsonValue(PlanId, request));
            }

            if (given.Contains("id_token"))
            {
                json.Set("id_token", Json.ToJsonValue(IdToken, request));
            }

            if (given.Contains("refresh_token"))
            {
                json.Set("refresh_token", Json.ToJsonValue(RefreshToken, request));
            }

            if (given.Contains("short_lived"))
            {
                json.Set("short_lived", Json.ToJsonValue(ShortLived, request));
            }

            if (given.Contains("errors"))
            {
                json.Set("errors", Json.ToJsonValue(Errors, request));
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
        internal static ObtainTokenResponse FromJson(object value)
        {
            if (value == null)
            {
                return null;
            }

            var json = JsonRead.Object(value);
            var builder = new Builder();
            if (json.Has("access_token"))
            {
                builder.AccessToken(JsonRead.String(json.Get("access_token")));
            }

            if (json.Has("token_type"))
            {
                builder.TokenType(JsonRead.String(json.Get("token_type")));
            }

            if (json.Has("expires_at"))
            {
                builder.ExpiresAt(JsonRead.String(json.Get("expires_at")));
            }

            if (json.Has("merchant_id"))
            {
                builder.MerchantId(JsonRead.String(json.Get("merchant_id")));
            }

            if (json.Has("subscription_id"))
            {
                builder.SubscriptionId(JsonRead.String(json.Get("subscription_id")));
            }

            if (json.Has("plan_id"))
            {
                builder.PlanId(JsonRead.String(json.Get("plan_id")));
            }

            if (json.Has("id_token"))
            {
                builder.IdToken(JsonRead.String(json.Get("id_token")));
            }

            if (json.Has("refresh_token"))
            {
                builder.RefreshToken(JsonRead.String(json.Get("refresh_token")));
            }

            if (json.Has("short_lived"))
            {
                builder.ShortLived(JsonRead.Nullable<bool>(JsonRead.Bool)(json.Get("short_lived")));
            }

            if (json.Has("errors"))
            {
                builder.Errors(JsonRead.ListOf<Error>(global::Square.OAuth.Models.Error.FromJson)(json.Get("errors")));
            }

            var known = new HashSet<string> { "access_token", "token_type", "expires_at", "merchant_id", "subscription_id", "plan_id", "id_token", "refresh_token", "short_lived", "errors" };
            foreach (var member in json)
            {
                if (!known.Contains(member.Key))
                {
                    builder.Additional.Set(member.Key, member.Value);
                }
            }

            return builder.Build();
        }

        /// <summary>Makes a <see cref="ObtainTokenResponse"/>: the constructor takes the required fields, a method sets each other one.</summary>
        public sealed class Builder
        {
            internal string _accessToken;
            internal string _tokenType;
            internal string _expiresAt;
            internal string _merchantId;
            internal string _subscriptionId;
            internal string _planId;
            internal string _idToken;
            internal string _refreshToken;
            internal bool? _shortLived;
            internal IList<Error> _errors;

            /// <summary>A builder with no field set.</summary>
            public Builder()
            {
            }

            internal ISet<string> Given { get; } = new HashSet<string>();

            internal JsonObject Additional { get; set; } = new JsonObject();

            /// <summary>Sets AccessToken (null is sent as null; a field never set is not sent).</summary>
            public Builder AccessToken(string value)
            {
                _accessToken = value;
                Given.Add("access_token");
                return this;
            }

            /// <summary>Sets TokenType (null is sent as null; a field never set is not sent).</summary>
            public Builder TokenType(string value)
            {
                _tokenType = value;
                Given.Add("token_type");
                return this;
            }

            /// <summary>Sets ExpiresAt (null is sent as null; a field never set is not sent).</summary>
            public Builder ExpiresAt(string value)
            {
                _expiresAt = value;
                Given.Add("expires_at");
                return this;
            }

            /// <summary>Sets MerchantId (null is sent as null; a field never set is not sent).</summary>
            public Builder MerchantId(string value)
            {
                _merchantId = value;
                Given.Add("merchant_id");
                return this;
            }

            /// <summary>Sets SubscriptionId (null is sent as null; a field never set is not sent).</summary>
            public Builder SubscriptionId(string value)
            {
                _subscriptionId = value;
                Given.Add("subscription_id");
                return this;
            }

            /// <summary>Sets PlanId (null is sent as null; a field never set is not sent).</summary>
            public Builder PlanId(string value)
            {
                _planId = value;
                Given.Add("plan_id");
                return this;
            }

            /// <summary>Sets IdToken (null is sent as null; a field never set is not sent).</summary>
            [Obsolete("This field is deprecated.")]
            public Builder IdToken(string value)
            {
                _idToken = value;
                Given.Add("id_token");
                return this;
            }

            /// <summary>Sets RefreshToken (null is sent as null; a field never set is not sent).</summary>
            public Builder RefreshToken(string value)
            {
                _refreshToken = value;
                Given.Add("refresh_token");
                return this;
            }

            /// <summary>Sets ShortLived (null is sent as null; a field never set is not sent).</summary>
            public Builder ShortLived(bool? value)
            {
                _shortLived = value;
                Given.Add("short_lived");
                return this;
            }

            /// <summary>Sets Errors (null is sent as null; a field never set is not sent).</summary>
            public Builder Errors(IList<Error> value)
            {
                _errors = Values.Copy(value);
                Given.Add("errors");
                return this;
            }

            /// <summary>The model, with this builder's values.</summary>
            public ObtainTokenResponse Build() => new ObtainTokenResponse(this);
        }
    }
}
