namespace SdkforgeRuntime
{
    using System;
    using System.Collections;
    using System.Collections.Generic;
    using System.Globalization;
    using System.Text;

    /// <summary>
    /// A JSON object that keeps its members in the order they were added (or read), so
    /// that what the SDK sends is what it was given, and what it reads can be sent back.
    /// </summary>
    public sealed class JsonObject : IEnumerable<KeyValuePair<string, object>>
    {
        private readonly List<string> order = new List<string>();
        private readonly Dictionary<string, object> values = new Dictionary<string, object>();

        /// <summary>The number of members.</summary>
        public int Count => order.Count;

        /// <summary>Sets a member; a new one goes last, an existing one keeps its place.</summary>
        public void Set(string name, object value)
        {
            if (!values.ContainsKey(name))
            {
                order.Add(name);
            }

            values[name] = value;
        }

        /// <summary>Whether the object has a member called <paramref name="name"/> (its value may be null).</summary>
        public bool Has(string name) => values.ContainsKey(name);

        /// <summary>The member's value; null when it is null or absent.</summary>
        public object Get(string name)
        {
            object value;
            return values.TryGetValue(name, out value) ? value : null;
        }

        /// <inheritdoc/>
        public IEnumerator<KeyValuePair<string, object>> GetEnumerator()
        {
            foreach (var name in order)
            {
                yield return new KeyValuePair<string, object>(name, values[name]);
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>
    /// A model the SDK can write as JSON. <c>request</c>: the JSON goes to the server, so
    /// read-only fields are left out.
    /// </summary>
    internal interface IJsonModel
    {
        JsonObject ToJson(bool request);
    }

    /// <summary>
    /// A small JSON reader and writer over plain values: <see cref="JsonObject"/>, lists,
    /// strings, numbers (long or double), booleans and null. Our own, not a serializer:
    /// a field that was never set is left out and one set to null is written as null, and
    /// members a model does not know are kept, which is what the models need.
    /// </summary>
    public static class Json
    {
        /// <summary>Parses JSON text; throws <see cref="FormatException"/> when it is not JSON.</summary>
        public static object Parse(string text)
        {
            var reader = new Reader(text);
            reader.SkipSpace();
            var value = reader.Value(0);
            reader.SkipSpace();
            if (!reader.AtEnd)
            {
                throw reader.Error("unexpected text after the value");
            }

            return value;
        }

        /// <summary>Writes a value (models, lists, maps and plain values) as compact JSON.</summary>
        public static string Write(object value)
        {
            var text = new StringBuilder();
            Append(text, value, true);
            return text.ToString();
        }

        /// <summary>A value as plain JSON values: models become <see cref="JsonObject"/>s.</summary>
        internal static object ToJsonValue(object value, bool request)
        {
            if (value == null || value is string || value is bool || value is JsonObject)
            {
                return value;
            }

            var model = value as IJsonModel;
            if (model != null)
            {
                return model.ToJson(request);
            }

            var map = value as IDictionary;
            if (map != null)
            {
                var json = new JsonObject();
                foreach (DictionaryEntry entry in map)
                {
                    json.Set(Convert.ToString(entry.Key, CultureInfo.InvariantCulture), ToJsonValue(entry.Value, request));
                }

                return json;
            }

            var list = value as IEnumerable;
            if (list != null)
            {
                var items = new List<object>();
                foreach (var item in list)
                {
                    items.Add(ToJsonValue(item, request));
                }

                return items;
            }

            return value;
        }

        private static void Append(StringBuilder text, object value, bool request)
        {
            value = ToJsonValue(value, request);
            if (value == null)
            {
                text.Append("null");
            }
            else if (value is string)
            {
                AppendString(text, (string)value);
            }
            else if (value is bool)
            {
                text.Append((bool)value ? "true" : "false");
            }
            else if (value is JsonObject)
            {
                text.Append('{');
                var first = true;
                foreach (var member in (JsonObject)value)
                {
                    if (!first)
                    {
                        text.Append(',');
                    }

                    first = false;
                    AppendString(text, member.Key);
                    text.Append(':');
                    Append(text, member.Value, request);
                }

                text.Append('}');
            }
            else if (value is List<object>)
            {
                text.Append('[');
                var first = true;
                foreach (var item in (List<object>)value)
                {
                    if (!first)
                    {
                        text.Append(',');
                    }

                    first = false;
                    Append(text, item, request);
                }

                text.Append(']');
            }
            else if (value is double || value is float || value is decimal)
            {
                var number = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                if (double.IsNaN(number) || double.IsInfinity(number))
                {
                    throw new ArgumentException("JSON has no NaN or infinity");
                }

                text.Append(number.ToString("R", CultureInfo.InvariantCulture));
            }
            else if (value is IFormattable)
            {
                text.Append(((IFormattable)value).ToString(null, CultureInfo.InvariantCulture));
            }
            else
            {
                AppendString(text, value.ToString());
            }
        }

        private static void AppendString(StringBuilder text, string value)
        {
            text.Append('"');
            foreach (var c in value)
            {
                switch (c)
                {
                    case '"': text.Append("\\\""); break;
                    case '\\': text.Append("\\\\"); break;
                    case '\n': text.Append("\\n"); break;
                    case '\r': text.Append("\\r"); break;
                    case '\t': text.Append("\\t"); break;
                    case '\b': text.Append("\\b"); break;
                    case '\f': text.Append("\\f"); break;
                    default:
                        if (c < 0x20 || c == '\u2028' || c == '\u2029')
                        {
                            text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        }
                        else
                        {
                            text.Append(c);
                        }

                        break;
                }
            }

            text.Append('"');
        }

        private sealed class Reader
        {
            private const int MaxDepth = 512;
            private readonly string text;
            private int at;

            public Reader(string text)
            {
                this.text = text ?? string.Empty;
            }

            public bool AtEnd => at >= text.Length;

            public FormatException Error(string what) =>
                new FormatException("invalid JSON at character " + at.ToString(CultureInfo.InvariantCulture) + ": " + what);

            public void SkipSpace()
            {
                while (at < text.Length && (text[at] == ' ' || text[at] == '\t' || text[at] == '\n' || text[at] == '\r'))
                {
                    at++;
                }
            }

            public object Value(int depth)
            {
                if (depth > MaxDepth)
                {
                    throw Error("nested too deeply");
                }

                if (AtEnd)
                {
                    throw Error("a value was expected");
                }

                var c = text[at];
                if (c == '{')
                {
                    return Object(depth);
                }

                if (c == '[')
                {
                    return Array(depth);
                }

                if (c == '"')
                {
                    return String();
                }

                if (Word("true"))
                {
                    return true;
                }

                if (Word("false"))
                {
                    return false;
                }

                if (Word("null"))
                {
                    return null;
                }

                return Number();
            }

            private bool Word(string word)
            {
                if (string.CompareOrdinal(text, at, word, 0, word.Length) != 0)
                {
                    return false;
                }

                at += word.Length;
                return true;
            }

            private JsonObject Object(int depth)
            {
                var json = new JsonObject();
                at++;
                SkipSpace();
                if (!AtEnd && text[at] == '}')
                {
                    at++;
                    return json;
                }

                while (true)
                {
                    SkipSpace();
                    if (AtEnd || text[at] != '"')
                    {
                        throw Error("a member name was expected");
                    }

                    var name = String();
                    SkipSpace();
                    Expect(':');
                    SkipSpace();
                    json.Set(name, Value(depth + 1));
                    SkipSpace();
                    if (!AtEnd && text[at] == ',')
                    {
                        at++;
                        continue;
                    }

                    Expect('}');
                    return json;
                }
            }

            private List<object> Array(int depth)
            {
                var items = new List<object>();
                at++;
                SkipSpace();
                if (!AtEnd && text[at] == ']')
                {
                    at++;
                    return items;
                }

                while (true)
                {
                    SkipSpace();
                    items.Add(Value(depth + 1));
                    SkipSpace();
                    if (!AtEnd && text[at] == ',')
                    {
                        at++;
                        continue;
                    }

                    Expect(']');
                    return items;
                }
            }

            private void Expect(char c)
            {
                if (AtEnd || text[at] != c)
                {
                    throw Error("'" + c + "' was expected");
                }

                at++;
            }

            private string String()
            {
                at++;
                var value = new StringBuilder();
                while (true)
                {
                    if (AtEnd)
                    {
                        throw Error("a string is not closed");
                    }

                    var c = text[at++];
                    if (c == '"')
                    {
                        return value.ToString();
                    }

                    if (c < 0x20)
                    {
                        throw Error("a control character in a string");
                    }

                    if (c != '\\')
                    {
                        value.Append(c);
                        continue;
                    }

                    if (AtEnd)
                    {
                        throw Error("a string is not closed");
                    }

                    var escape = text[at++];
                    switch (escape)
                    {
                        case '"': value.Append('"'); break;
                        case '\\': value.Append('\\'); break;
                        case '/': value.Append('/'); break;
                        case 'b': value.Append('\b'); break;
                        case 'f': value.Append('\f'); break;
                        case 'n': value.Append('\n'); break;
                        case 'r': value.Append('\r'); break;
                        case 't': value.Append('\t'); break;
                        case 'u':
                            int code;
                            if (at + 4 > text.Length || !int.TryParse(
                                text.Substring(at, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out code))
                            {
                                throw Error("a bad \\u escape");
                            }

                            value.Append((char)code);
                            at += 4;
                            break;
                        default:
                            throw Error("a bad escape");
                    }
                }
            }

            private object Number()
            {
                var start = at;
                if (!AtEnd && text[at] == '-')
                {
                    at++;
                }

                var integral = true;
                while (!AtEnd && ((text[at] >= '0' && text[at] <= '9') || "+-.eE".IndexOf(text[at]) >= 0))
                {
                    integral &= text[at] >= '0' && text[at] <= '9';
                    at++;
                }

                var token = text.Substring(start, at - start);
                long whole;
                if (integral && long.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out whole))
                {
                    return whole;
                }

                double number;
                if (token.Length > 0 && char.IsDigit(token[token.Length - 1])
                    && double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out number))
                {
                    return number;
                }

                at = start;
                throw Error("a value was expected");
            }
        }
    }

    /// <summary>
    /// Readers of JSON values into the SDK's types: each returns the type's default for
    /// null and throws <see cref="FormatException"/> for a value of another JSON type.
    /// </summary>
    public static class JsonRead
    {
        /// <summary>A string.</summary>
        public static string String(object value)
        {
            if (value == null || value is string)
            {
                return (string)value;
            }

            throw Mismatch("a string", value);
        }

        /// <summary>A boolean.</summary>
        public static bool Bool(object value)
        {
            if (value == null)
            {
                return false;
            }

            if (value is bool)
            {
                return (bool)value;
            }

            throw Mismatch("a boolean", value);
        }

        /// <summary>A 32-bit integer.</summary>
        public static int Int(object value) => checked((int)Long(value));

        /// <summary>A 64-bit integer.</summary>
        public static long Long(object value)
        {
            if (value == null)
            {
                return 0;
            }

            if (value is long)
            {
                return (long)value;
            }

            if (value is double && Math.Floor((double)value) == (double)value)
            {
                return checked((long)(double)value);
            }

            throw Mismatch("an integer", value);
        }

        /// <summary>A number.</summary>
        public static double Double(object value)
        {
            if (value == null)
            {
                return 0;
            }

            if (value is long || value is double)
            {
                return Convert.ToDouble(value, CultureInfo.InvariantCulture);
            }

            throw Mismatch("a number", value);
        }

        /// <summary>Any JSON value, as it is.</summary>
        public static object Any(object value) => value;

        /// <summary>A JSON object, as it is.</summary>
        public static JsonObject Object(object value)
        {
            if (value == null || value is JsonObject)
            {
                return (JsonObject)value;
            }

            throw Mismatch("an object", value);
        }

        /// <summary>A reader of a value type that may be null.</summary>
        public static Func<object, T?> Nullable<T>(Func<object, T> read)
            where T : struct
        {
            return value => value == null ? (T?)null : read(value);
        }

        /// <summary>A reader of a list whose items <paramref name="read"/> reads.</summary>
        public static Func<object, IList<T>> ListOf<T>(Func<object, T> read)
        {
            return value =>
            {
                if (value == null)
                {
                    return null;
                }

                var items = value as List<object>;
                if (items == null)
                {
                    throw Mismatch("a list", value);
                }

                var list = new List<T>(items.Count);
                foreach (var item in items)
                {
                    list.Add(read(item));
                }

                return list.AsReadOnly();
            };
        }

        /// <summary>A reader of a map whose values <paramref name="read"/> reads.</summary>
        public static Func<object, IDictionary<string, T>> MapOf<T>(Func<object, T> read)
        {
            return value =>
            {
                if (value == null)
                {
                    return null;
                }

                var json = Object(value);
                var map = new Dictionary<string, T>();
                foreach (var member in json)
                {
                    map[member.Key] = read(member.Value);
                }

                return new System.Collections.ObjectModel.ReadOnlyDictionary<string, T>(map);
            };
        }

        private static FormatException Mismatch(string expected, object value) =>
            new FormatException("expected " + expected + ", got " + Json.Write(value));
    }
}
