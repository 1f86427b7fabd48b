namespace Square.OAuth.Models
{
    using System;
    using System.Collections.Generic;
    using System.Linq;
    using Square.OAuth.Core;

    /// <summary>
    /// The body of an error response: a list of the errors encountered while handling the request.
    /// </summary>
    public sealed class ErrorResponse : IEquatable<ErrorResponse>, IJsonModel
    {
        private readonly ISet<string> given;
        private readonly JsonObject additionalProperties;

        private ErrorResponse(Builder builder)
        {
            Errors = builder._errors;
            given = new HashSet<string>(builder.Given);
            additionalProperties = builder.Additional;
        }

        /// <summary>
        /// The errors encountered while handling the request.
        /// </summary>
        public IList<Error> Errors { get; }

        /// <summary>Fields the server sent that this SDK does not know, as JSON values; sent back as they came.</summary>
        public IReadOnlyDictionary<string, object> AdditionalProperties =>
            additionalProperties.ToDictionary(m => m.Key, m => m.Value);

        /// <summary>A builder holding this model's values.</summary>
        public Builder ToBuilder()
        {
            var builder = new Builder();
            if (given.Contains("errors"))
            {
                builder.Errors(Errors);
            }

            builder.Additional = additionalProperties;
            return builder;
        }

        /// <inheritdoc/>
        public override bool Equals(object obj) => Equals(obj as ErrorResponse);

        /// <summary>Whether both have the same fields set to equal values.</summary>
        public bool Equals(ErrorResponse other) =>
            other != null
            && given.SetEquals(other.given)
            && Values.Equal(Errors, other.Errors)
            && Values.Equal(additionalProperties, other.additionalProperties);

        /// <inheritdoc/>
        public override int GetHashCode() => Values.Combine(Errors, additionalProperties);

        /// <summary>The model's fields that are set, secrets hidden.</summary>
        public override string ToString()
        {
            var shown = new List<string>();
            if (given.Contains("errors"))
            {
                shown.Add("Errors = " + Values.Show(Errors));
            }

            if (additionalProperties.Count > 0)
            {
                shown.Add("AdditionalProperties = [" + string.Join(", ", additionalProperties.Select(m => m.Key)) + "]");
            }

            return Values.Describe("ErrorResponse", shown);
        }

        JsonObject IJsonModel.ToJson(bool request)
        {
            var json = new JsonObject();
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
        internal static ErrorResponse FromJson(object value)
        {
            if (value == null)
            {
                return null;
            }

            var json = JsonRead.Object(value);
            var builder = new Builder();
            if (json.Has("errors"))
            {
                builder.Errors(JsonRead.ListOf<Error>(global::Square.OAuth.Models.Error.FromJson)(json.Get("errors")));
            }

            var known = new HashSet<string> { "errors" };
            foreach (var member in json)
            {
                if (!known.Contains(member.Key))
                {
                    builder.Additional.Set(member.Key, member.Value);
                }
            }

            return builder.Build();
        }

        /// <summary>Makes a <see cref="ErrorResponse"/>: the constructor takes the required fields, a method sets each other one.</summary>
        public sealed class Builder
        {
            internal IList<Error> _errors;

            /// <summary>A builder with no field set.</summary>
            public Builder()
            {
            }

            internal ISet<string> Given { get; } = new HashSet<string>();

            internal JsonObject Additional { get; set; } = new JsonObject();

            /// <summary>Sets Errors (null is sent as null; a field never set is not sent).</summary>
            public Builder Errors(IList<Error> value)
            {
                _errors = Values.Copy(value);
                Given.Add("errors");
                return this;
            }

            /// <summary>The model, with this builder's values.</summary>
            public ErrorResponse Build() => new ErrorResponse(this);
        }
    }
}
