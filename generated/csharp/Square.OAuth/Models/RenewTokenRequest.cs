#pragma warning disable CS0618 // what this file marks obsolete is for the SDK's users to avoid, not the SDK
namespace Square.OAuth.Models
{
    using System;
    using System.Collections.Generic;
    using System.Linq;
    using Square.OAuth.Core;

    /// <summary>
    /// The body of a `RenewToken` request (deprecated).
    /// </summary>
    [Obsolete("This model is deprecated.")]
    public sealed class RenewTokenRequest : IEquatable<RenewTokenRequest>, IJsonModel
    {
        private readonly ISet<string> given;
        private readonly JsonObject additionalProperties;

        private RenewTokenRequest(Builder builder)
        {
            AccessToken = builder._accessToken;
            given = new HashSet<string>(builder.Given);
            additionalProperties = builder.Additional;
        }

        /// <summary>
        /// The access token to renew.
        /// </summary>
        public string AccessToken { get; }

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

            builder.Additional = additionalProperties;
            return builder;
        }

        /// <inheritdoc/>
        public override bool Equals(object obj) => Equals(obj as RenewTokenRequest);

        /// <summary>Whether both have the same fields set to equal values.</summary>
        public bool Equals(RenewTokenRequest other) =>
            other != null
            && given.SetEquals(other.given)
            && Values.Equal(AccessToken, other.AccessToken)
            && Values.Equal(additionalProperties, other.additionalProperties);

        /// <inheritdoc/>
        public override int GetHashCode() => Values.Combine(AccessToken, additionalProperties);

        /// <summary>The model's fields that are set, secrets hidden.</summary>
        public override string ToString()
        {
            var shown = new List<string>();
            if (given.Contains("access_token"))
            {
                shown.Add("AccessToken = " + (AccessToken == null ? "null" : Values.Hidden));
            }

            if (additionalProperties.Count > 0)
            {
                shown.Add("AdditionalProperties = [" + string.Join(", ", additionalProperties.Select(m => m.Key)) + "]");
            }

            return Values.Describe("RenewTokenRequest", shown);
        }

        JsonObject IJsonModel.ToJson(bool request)
        {
            var json = new JsonObject();
            if (given.Contains("access_token"))
            {
                json.Set("access_token", Json.ToJsonValue(AccessToken, request));
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
        internal static RenewTokenRequest FromJson(object value)
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

            var known = new HashSet<string> { "access_token" };
            foreach (var member in json)
            {
                if (!known.Contains(member.Key))
                {
                    builder.Additional.Set(member.Key, member.Value);
                }
            }

            return builder.Build();
        }

        /// <summary>Makes a <see cref="RenewTokenRequest"/>: the constructor takes the required fields, a method sets each other one.</summary>
        public sealed class Builder
        {
            internal string _accessToken;

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

            /// <summary>The model, with this builder's values.</summary>
            public RenewTokenRequest Build() => new RenewTokenRequest(this);
        }
    }
}
