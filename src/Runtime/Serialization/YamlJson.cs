using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace ApiBuilder.Runtime.Serialization;

/// <summary>
/// Converts between YAML and the JSON model the server works on: request bodies sent as
/// <c>application/yaml</c> are read into <see cref="JsonNode"/>s, and responses asked for as YAML
/// are written from them. Only what JSON can express is supported (one document, string keys,
/// finite numbers).
/// </summary>
internal static class YamlJson
{
    /// <summary>
    /// Reads one YAML document. Plain scalars follow the YAML 1.2 core schema; quoted scalars are
    /// always strings; anchors, aliases and <c>&lt;&lt;</c> merge keys are resolved; non-string keys
    /// become their text. For duplicate keys the last one wins and, when
    /// <paramref name="duplicateFields"/> is given, its field path (e.g. <c>metadata.labels.a</c>)
    /// is added there, for fieldValidation.
    /// </summary>
    /// <returns>The value, or null for an empty document (or an explicit null).</returns>
    /// <exception cref="YamlConversionException">
    /// Invalid YAML, more than one non-empty document, values JSON cannot hold (<c>.inf</c>,
    /// <c>.nan</c>, non-scalar keys), nesting deeper than <see cref="YamlJsonReader.MaxDepth"/>, or
    /// excessive aliasing.
    /// </exception>
    public static JsonNode? Parse(string yaml, ICollection<string>? duplicateFields = null)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        return YamlJsonReader.Read(yaml, duplicateFields);
    }

    /// <summary>Reads one YAML document from a request body, which must be UTF-8.</summary>
    /// <exception cref="YamlConversionException">
    /// Bytes that are not UTF-8, or anything <see cref="Parse(string, ICollection{string}?)"/> rejects.
    /// </exception>
    public static JsonNode? Parse(ReadOnlySpan<byte> utf8, ICollection<string>? duplicateFields = null)
    {
        if (Utf8Input.FirstInvalidByte(utf8) is >= 0 and var invalid)
        {
            // Line and column as the YAML reader counts them (the column in characters, 1-based).
            var before = Encoding.UTF8.GetString(utf8[..invalid]);
            var lineStart = before.LastIndexOf('\n') + 1;
            throw new YamlConversionException(before.Count(c => c == '\n') + 1, before.Length - lineStart + 1,
                $"invalid UTF-8 at byte offset {invalid}");
        }

        return Parse(Encoding.UTF8.GetString(utf8), duplicateFields);
    }

    /// <summary>Writes <paramref name="node"/> as a YAML document, formatted like <c>kubectl get -o yaml</c>.</summary>
    public static void Write(JsonNode? node, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        YamlJsonWriter.Write(node, writer);
    }

    /// <summary>The YAML text of <paramref name="node"/>, ending in a newline.</summary>
    public static string ToYaml(JsonNode? node)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        Write(node, writer);
        return writer.ToString();
    }
}
