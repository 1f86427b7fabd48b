namespace SdkforgeRuntime
{
    using System;
    using System.Collections;
    using System.Collections.Generic;
    using System.Collections.ObjectModel;
    using System.Globalization;
    using System.Linq;
    using System.Text;

    /// <summary>
    /// What every model does alike: value equality over lists and maps, hash codes,
    /// read-only copies of what a builder is given, and text for <c>ToString</c>.
    /// </summary>
    public static class Values
    {
        /// <summary>The text a secret shows in <c>ToString</c>.</summary>
        public const string Hidden = "***";

        /// <summary>Whether two field values are equal: lists item by item, maps entry by entry.</summary>
        public static bool Equal(object a, object b)
        {
            if (ReferenceEquals(a, b))
            {
                return true;
            }

            if (a == null || b == null)
            {
                return false;
            }

            if (a is string || b is string)
            {
                return a.Equals(b);
            }

            var mapA = a as IDictionary;
            var mapB = b as IDictionary;
            if (mapA != null && mapB != null)
            {
                if (mapA.Count != mapB.Count)
                {
                    return false;
                }

                foreach (DictionaryEntry entry in mapA)
                {
                    if (!mapB.Contains(entry.Key) || !Equal(entry.Value, mapB[entry.Key]))
                    {
                        return false;
                    }
                }

                return true;
            }

            var jsonA = a as JsonObject;
            var jsonB = b as JsonObject;
            if (jsonA != null && jsonB != null)
            {
                return jsonA.Count == jsonB.Count && jsonA.All(m => jsonB.Has(m.Key) && Equal(m.Value, jsonB.Get(m.Key)));
            }

            var listA = a as IEnumerable;
            var listB = b as IEnumerable;
            if (listA != null && listB != null)
            {
                return listA.Cast<object>().SequenceEqual(listB.Cast<object>(), Comparer.Instance);
            }

            return a.Equals(b);
        }

        /// <summary>A hash code that agrees with <see cref="Equal"/>.</summary>
        public static int Hash(object value)
        {
            if (value == null)
            {
                return 0;
            }

            if (value is string)
            {
                return value.GetHashCode();
            }

            if (value is IDictionary || value is JsonObject)
            {
                return value is IDictionary ? ((IDictionary)value).Count : ((JsonObject)value).Count;
            }

            var list = value as IEnumerable;
            if (list != null)
            {
                var hash = 19;
                foreach (var item in list)
                {
                    hash = unchecked((hash * 31) + Hash(item));
                }

                return hash;
            }

            return value.GetHashCode();
        }

        /// <summary>Combines the hash codes of a model's fields.</summary>
        public static int Combine(params object[] fields)
        {
            var hash = 17;
            foreach (var field in fields)
            {
                hash = unchecked((hash * 31) + Hash(field));
            }

            return hash;
        }

        /// <summary>A read-only copy of a list (null stays null).</summary>
        public static IList<T> Copy<T>(IEnumerable<T> items) =>
            items == null ? null : new List<T>(items).AsReadOnly();

        /// <summary>A read-only copy of a map (null stays null).</summary>
        public static IDictionary<string, T> Copy<T>(IDictionary<string, T> map) =>
            map == null ? null : new ReadOnlyDictionary<string, T>(new Dictionary<string, T>(map));

        /// <summary>A value as <c>ToString</c> shows it.</summary>
        public static string Show(object value)
        {
            if (value == null)
            {
                return "null";
            }

            if (value is string)
            {
                return "\"" + value + "\"";
            }

            if (value is bool)
            {
                return (bool)value ? "true" : "false";
            }

            var map = value as IDictionary;
            if (map != null)
            {
                return "{" + string.Join(", ", map.Cast<DictionaryEntry>().Select(e => Show(e.Key) + ": " + Show(e.Value))) + "}";
            }

            var json = value as JsonObject;
            if (json != null)
            {
                return "{" + string.Join(", ", json.Select(m => Show(m.Key) + ": " + Show(m.Value))) + "}";
            }

            var list = value as IEnumerable;
            if (list != null)
            {
                return "[" + string.Join(", ", list.Cast<object>().Select(Show)) + "]";
            }

            var formattable = value as IFormattable;
            return formattable != null ? formattable.ToString(null, CultureInfo.InvariantCulture) : value.ToString();
        }

        /// <summary><c>Name { A = 1, B = *** }</c>: a model's text, from its shown fields.</summary>
        public static string Describe(string name, IEnumerable<string> fields)
        {
            var text = new StringBuilder(name).Append(" {");
            var first = true;
            foreach (var field in fields)
            {
                text.Append(first ? " " : ", ").Append(field);
                first = false;
            }

            return text.Append(first ? "}" : " }").ToString();
        }

        private sealed class Comparer : IEqualityComparer<object>
        {
            public static readonly Comparer Instance = new Comparer();

            public new bool Equals(object a, object b) => Equal(a, b);

            public int GetHashCode(object value) => Hash(value);
        }
    }
}
