using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace ApiBuilder.Generator.Emitting
{
    /// <summary>JSON and C# literals, culture-invariant.</summary>
    internal static class JsonText
    {
        public static string Quote(string value)
        {
            var text = new StringBuilder(value.Length + 2).Append('"');
            foreach (var c in value)
            {
                switch (c)
                {
                    case '"': text.Append("\\\""); break;
                    case '\\': text.Append("\\\\"); break;
                    case '\n': text.Append("\\n"); break;
                    case '\r': text.Append("\\r"); break;
                    case '\t': text.Append("\\t"); break;
                    default:
                        if (c < 0x20)
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

            return text.Append('"').ToString();
        }

        public static string Array(IEnumerable<string> values) => "[" + string.Join(",", Quoted(values)) + "]";

        /// <summary>A C# string literal.</summary>
        public static string Literal(string value) => SymbolDisplay.FormatLiteral(value, quote: true);

        /// <summary>A C# UTF-8 string literal (<c>"name"u8</c>).</summary>
        public static string Utf8(string value) => Literal(value) + "u8";

        /// <summary>
        /// A single-line raw UTF-8 literal (<c>"""{"kind":"APIGroup"}"""u8</c>) of text that neither starts nor
        /// ends with '"' and has no line breaks, such as compact JSON: delimited by more quotes than it has in a row.
        /// </summary>
        public static string RawUtf8(string value)
        {
            int run = 0, longest = 0;
            foreach (var c in value)
            {
                run = c == '"' ? run + 1 : 0;
                longest = run > longest ? run : longest;
            }

            var quotes = new string('"', longest < 3 ? 3 : longest + 1);
            return quotes + value + quotes + "u8";
        }

        private static IEnumerable<string> Quoted(IEnumerable<string> values)
        {
            foreach (var value in values)
            {
                yield return Quote(value);
            }
        }
    }

    /// <summary>A JSON object written member by member, in insertion order.</summary>
    internal sealed class JsonObjectText
    {
        private readonly List<string> members = new();

        public JsonObjectText Add(string name, string rawJson)
        {
            members.Add(JsonText.Quote(name) + ":" + rawJson);
            return this;
        }

        public JsonObjectText AddString(string name, string? value) => value is null ? this : Add(name, JsonText.Quote(value));

        public JsonObjectText AddNumber(string name, int? value) => value is null ? this : Add(name, value.Value.ToString(CultureInfo.InvariantCulture));

        public override string ToString() => "{" + string.Join(",", members) + "}";
    }
}
