namespace Square.OAuth.Models
{
    using System;
    using System.Collections.Generic;
    using System.Linq;
    using Square.OAuth.Core;

    /// <summary>
    /// The body of a `RevokeToken` request.
    /// </summary>
    public sealed class RevokeTokenRequest : IEquatable<RevokeTokenRequest>, IJsonModel
    {
        private readonly ISet<string> given;
        private readonly JsonObject additionalProperties;

        private RevokeTokenRequest(Builder builder)
        {
            ClientId = builder._clientId;
            AccessToken = builder._accessToken;
            MerchantId = builder._merchantId;
            RevokeOnlyAccessToken = builder._revokeOnlyAccessToken;
            given = new HashSet<string>(builder.Given);
            additionalProperties = builder.Additional;
        }

        /// <summary>
        /// The ID that Square issued for your application, shown on the **OAuth** page of the [Developer Dashboard](https://developer.squareup.com/apps).
        /// </summary>
        public string ClientId { get; }

        /// <summary>
        /// The access token of the merchant whose token is to be revoked.
        /// </summary>
        /// <remarks>
        /// Leave `merchant_id` unset when you set this field.
        /// </remarks>
        public string AccessToken { get; }

        /// <summary>
        /// The ID of the merchant whose token is to be revoked.
        /// </summary>
        /// <remarks>
        /// Leave `access_token` unset when you set this field.
        /// </remarks>
        public string MerchantId { get; }

        /// <summary>
        /// When `true`, only the given access token is terminated and the authorization as a whole stays in place.
        /// </summary>
        public bool? RevokeOnlyAccessToken { get; }

        /// <summary>Fields the server sent that this SDK does not know, as JSON values; sent back as they came.</summary>
        public IReadOnlyDictionary<string, object> AdditionalProperties =>
            additionalProperties.ToDictionary(m => m.Key, m => m.Value);

        /// <summary>A builder holding this model's values.</summary>
        public Builder ToBuilder()
        {
            var builder = new Builder();
            if (given.Contains("client_id"))
            {
                builder.ClientId(ClientId);
            }

            if (given.Contains("access_token"))
            {
                builder.AccessToken(AccessToken);
            }

            if (given.Contains("merchant_id"))
            {
                builder.MerchantId(MerchantId);
            }

            if (given.Contains("revoke_only_access_token"))
            {
                builder.RevokeOnlyAccessToken(RevokeOnlyAccessToken);
            }

            builder.Additional = additionalProperties;
            return builder;
        }

        /// <inheritdoc/>
        public override bool Equals(object obj) => Equals(obj as RevokeTokenRequest);

        /// <summary>Whether both have the same fields set to equal values.</summary>
        public bool Equals(RevokeTokenRequest other) =>
            other != null
            && given.SetEquals(other.given)
            && Values.Equal(ClientId, other.ClientId)
            && Values.Equal(AccessToken, other.AccessToken)
            && Values.Equal(MerchantId, other.MerchantId)
            && Values.Equal(RevokeOnlyAccessToken, other.RevokeOnlyAccessToken)
            && Values.Equal(additionalProperties, other.additionalProperties);

        /// <inheritdoc/>
        public override int GetHashCode() => Values.Combine(ClientId, AccessToken, MerchantId, RevokeOnlyAccessToken, additionalProperties);

        /// <summary>The model's fields that are set, secrets hidden.</summary>
        public override string ToString()
        {
            var shown = new List<string>();
            if (given.Contains("client_id"))
            {
                shown.Add("ClientId = " + Values.Show(ClientId));
            }

            if (given.Contains("access_token"))
            {
                shown.Add("AccessToken = " + (AccessToken == null ? "null" : Values.Hidden));
            }

            if (given.Contains("merchant_id"))
            {
                shown.Add("MerchantId = " + Values.Show(MerchantId));
            }

            if (given.Contains("revoke_only_access_token"))
            {
                shown.Add("RevokeOnlyAccessToken = " + Values.Show(RevokeOnlyAccessToken));
            }

            if (additionalProperties.Count > 0)
            {
                shown.Add("AdditionalProperties = [" + string.Join(", ", additionalProperties.Select(m => m.Key)) + "]");
            }

            return Values.Describe("RevokeTokenRequest", shown);
        }

        JsonObject IJsonModel.ToJson(bool request)
        {
            var json = new JsonObject();
            if (given.Contains("client_id"))
            {
                json.Set("client_id", Json.ToJsonValue(ClientId, request));
            }

            if (given.Contains("access_token"))
            {
                json.Set("access_token", Json.ToJsonValue(AccessToken, request));
            }

            if (given.Contains("merchant_id"))
            {
                json.Set("merchant_id", Json.ToJsonValue(MerchantId, request));
            }

            if (given.Contains("revoke_only_access_token"))
            {
                json.Set("revoke_only_access_token", Json.ToJsonValue(RevokeOnlyAccessToken, request));
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
        internal static RevokeTokenRequest FromJson(object value)
        {
            if (value == null)
            {
                return null;
            }

            var json = JsonRead.Object(value);
            var builder = new Builder();
            if (json.Has("client_id"))
            {
                builder.ClientId(JsonRead.String(json.Get("client_id")));
            }

            if (json.Has("access_token"))
            {
                builder.AccessToken(JsonRead.String(json.Get("access_token")));
            }

            if (json.Has("merchant_id"))
            {
                builder.MerchantId(JsonRead.String(json.Get("merchant_id")));
            }

            if (json.Has("revoke_only_access_token"))
            {
                builder.RevokeOnlyAccessToken(JsonRead.Nullable<bool>(JsonRead.Bool)(json.Get("revoke_only_access_token")));
            }

            var known = new HashSet<string> { "client_id", "access_token", "merchant_id", "revoke_only_access_token" };
            foreach (var member in json)
            {
                if (!known.Contains(member.Key))
                {
                    builder.Additional.Set(member.Key, member.Value);
                }
            }

            return builder.Build();
        }

        /// <summary>Makes a <see cref="RevokeTokenRequest"/>: the constructor takes the required fields, a method sets each other one.</summary>
        public sealed class Builder
        {
            internal string _clientId;
            internal string _accessToken;
            internal string _merchantId;
            internal bool? _revokeOnlyAccessToken;

            /// <summary>A builder with no field set.</summary>
            public Builder()
            {
            }

            internal ISet<string> Given { get; } = new HashSet<string>();

            internal JsonObject Additional { get; set; } = new JsonObject();

            /// <summary>Sets ClientId (null is sent as null; a field never set is not sent).</summary>
            public Builder ClientId(string value)
            {
                _clientId = value;
                Given.Add("client_id");
                return this;
            }

            /// <summary>Sets AccessToken (null is sent as null; a field never set is not sent).</summary>
            public Builder AccessToken(string value)
            {
                _accessToken = value;
                Given.Add("access_token");
                return this;
            }

            /// <summary>Sets MerchantId (null is sent as null; a field never set is not sent).</summary>
            public Builder MerchantId(string value)
            {
                _merchantId = value;
                Given.Add("merchant_id");
                return this;
            }

            /// <summary>Sets RevokeOnlyAccessToken (null is sent as null; a field never set is not sent).</summary>
            public Builder RevokeOnlyAccessToken(bool? value)
            {
                _revokeOnlyAccessToken = value;
                Given.Add("revoke_only_access_token");
                return this;
            }

            /// <summary>The model, with this builder's values.</summary>
            public RevokeTokenRequest Build() => new RevokeTokenRequest(this);
        }
    }
}
