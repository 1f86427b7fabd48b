namespace Square.OAuth.Models
{
    using System;
    using System.Collections.Generic;
    using System.Linq;
    using Square.OAuth.Core;

    /// <summary>
    /// An error that occurred while handling a request to the Connect API.
    /// </summary>
    /// <remarks>
    /// For more, see [Handling errors](https://developer.squareup.com/docs/build-basics/handling-errors).
    /// </remarks>
    public sealed class Error : IEquatable<Error>, IJsonModel
    {
        private readonly ISet<string> given;
        private readonly JsonObject additionalProperties;

        private Error(Builder builder)
        {
            Category = builder._category;
            Code = builder._code;
            Detail = builder._detail;
            Field = builder._field;
            given = new HashSet<string>(builder.Given);
            additionalProperties = builder.Additional;
        }

        /// <summary>
        /// The broad category the error belongs to.
        /// </summary>
        public string Category { get; }

        /// <summary>
        /// The precise code of the error.
        /// </summary>
        public string Code { get; }

        /// <summary>
        /// A readable explanation of the error, meant for debugging.
        /// </summary>
        public string Detail { get; }

        /// <summary>
        /// The name of the request field the error is about, when it is about one.
        /// </summary>
        public string Field { get; }

        /// <summary>Fields the server sent that this SDK does not know, as JSON values; sent back as they came.</summary>
        public IReadOnlyDictionary<string, object> AdditionalProperties =>
            additionalProperties.ToDictionary(m => m.Key, m => m.Value);

        /// <summary>A builder holding this model's values.</summary>
        public Builder ToBuilder()
        {
            var builder = new Builder(Category, Code);
            if (given.Contains("detail"))
            {
                builder.Detail(Detail);
            }

            if (given.Contains("field"))
            {
                builder.Field(Field);
            }

            builder.Additional = additionalProperties;
            return builder;
        }

        /// <inheritdoc/>
        public override bool Equals(object obj) => Equals(obj as Error);

        /// <summary>Whether both have the same fields set to equal values.</summary>
        public bool Equals(Error other) =>
            other != null
            && given.SetEquals(other.given)
            && Values.Equal(Category, other.Category)
            && Values.Equal(Code, other.Code)
            && Values.Equal(Detail, other.Detail)
            && Values.Equal(Field, other.Field)
            && Values.Equal(additionalProperties, other.additionalProperties);

        /// <inheritdoc/>
        public override int GetHashCode() => Values.Combine(Category, Code, Detail, Field, additionalProperties);

        /// <summary>The model's fields that are set, secrets hidden.</summary>
        public override string ToString()
        {
            var shown = new List<string>();
            shown.Add("Category = " + Values.Show(Category));
            shown.Add("Code = " + Values.Show(Code));
            if (given.Contains("detail"))
            {
                shown.Add("Detail = " + Values.Show(Detail));
            }

            if (given.Contains("field"))
            {
                shown.Add("Field = " + Values.Show(Field));
            }

            if (additionalProperties.Count > 0)
            {
                shown.Add("AdditionalProperties = [" + string.Join(", ", additionalProperties.Select(m => m.Key)) + "]");
            }

            return Values.Describe("Error", shown);
        }

        JsonObject IJsonModel.ToJson(bool request)
        {
            var json = new JsonObject();
            json.Set("category", Json.ToJsonValue(Category, request));
            json.Set("code", Json.ToJsonValue(Code, request));
            if (given.Contains("detail"))
            {
                json.Set("detail", Json.ToJsonValue(Detail, request));
            }

            if (given.Contains("field"))
            {
                json.Set("field", Json.ToJsonValue(Field, request));
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
        internal static Error FromJson(object value)
        {
            if (value == null)
            {
                return null;
            }

            var json = JsonRead.Object(value);
            var builder = new Builder(
                JsonRead.String(json.Get("category")),
                JsonRead.String(json.Get("code")));
            if (json.Has("detail"))
            {
                builder.Detail(JsonRead.String(json.Get("detail")));
            }

            if (json.Has("field"))
            {
                builder.Field(JsonRead.String(json.Get("field")));
            }

            var known = new HashSet<string> { "category", "code", "detail", "field" };
            foreach (var member in json)
            {
                if (!known.Contains(member.Key))
                {
                    builder.Additional.Set(member.Key, member.Value);
                }
            }

            return builder.Build();
        }

        /// <summary>Makes a <see cref="Error"/>: the constructor takes the required fields, a method sets each other one.</summary>
        public sealed class Builder
        {
            internal string _category;
            internal string _code;
            internal string _detail;
            internal string _field;

            /// <summary>A builder with the required fields.</summary>
            public Builder(string category, string code)
            {
                _category = category;
                _code = code;
            }

            internal ISet<string> Given { get; } = new HashSet<string>();

            internal JsonObject Additional { get; set; } = new JsonObject();

            /// <summary>Sets Category.</summary>
            public Builder Category(string value)
            {
                _category = value;
                return this;
            }

            /// <summary>Sets Code.</summary>
            public Builder Code(string value)
            {
                _code = value;
                return this;
            }

            /// <summary>Sets Detail (null is sent as null; a field never set is not sent).</summary>
            public Builder Detail(string value)
            {
                _detail = value;
                Given.Add("detail");
                return this;
            }

            /// <summary>Sets Field (null is sent as null; a field never set is not sent).</summary>
            public Builder Field(string value)
            {
                _field = value;
                Given.Add("field");
                return this;
            }

            /// <summary>The model, with this builder's values.</summary>
            public Error Build() => new Error(this);
        }
    }
}
