using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ApiBuilder.Runtime.Serialization;

/// <summary>
/// Writes a <see cref="JsonNode"/> as block-style YAML laid out like <c>kubectl get -o yaml</c>:
/// two-space indentation, sequence items at the same indentation as their parent key, keys in
/// the object's order, and strings quoted only when they would otherwise read back as something else.
/// </summary>
internal static class YamlJsonWriter
{
    // Lines are never folded: long values (annotations holding JSON, certificates) stay greppable
    // and round-trip without relying on the reader's folding rules. Keys longer than YAML's implicit
    // key limit (1024) are written as explicit "? key" entries by the emitter.
    private static readonly SearchValues<char> OtherLineBreaks = SearchValues.Create("\r\u0085\u2028\u2029");

    private static readonly EmitterSettings Settings = new(
        bestIndent: 2,
        bestWidth: int.MaxValue,
        isCanonical: false,
        maxSimpleKeyLength: 1024,
        skipAnchorName: false,
        indentSequences: false,
        newLine: "\n",
        useUtf16SurrogatePairs: false);

    public static void Write(JsonNode? node, TextWriter writer)
    {
        var emitter = new Emitter(writer, Settings);
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart(null, null, isImplicit: true));
        WriteNode(emitter, node);
        emitter.Emit(new DocumentEnd(isImplicit: true));
        emitter.Emit(new StreamEnd());
    }

    private static void WriteNode(IEmitter emitter, JsonNode? node)
    {
        switch (node)
        {
            case null:
                Plain(emitter, "null");
                break;
            case JsonObject obj:
                // Empty collections have no block form; "{}" and "[]" are what kubectl prints too.
                emitter.Emit(new MappingStart(AnchorName.Empty, TagName.Empty, isImplicit: true,
                    obj.Count == 0 ? MappingStyle.Flow : MappingStyle.Block));
                foreach (var (key, value) in obj)
                {
                    WriteString(emitter, key, isKey: true);
                    WriteNode(emitter, value);
                }

                emitter.Emit(new MappingEnd());
                break;
            case JsonArray array:
                emitter.Emit(new SequenceStart(AnchorName.Empty, TagName.Empty, isImplicit: true,
                    array.Count == 0 ? SequenceStyle.Flow : SequenceStyle.Block));
                foreach (var item in array)
                {
                    WriteNode(emitter, item);
                }

                emitter.Emit(new SequenceEnd());
                break;
            case JsonValue value:
                WriteValue(emitter, value);
                break;
        }
    }

    private static void WriteValue(IEmitter emitter, JsonValue value)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                // Values holding e.g. a DateTime or Guid are strings too; their JSON text says which.
                var text = value.TryGetValue<string>(out var s) ? s : JsonSerializer.Deserialize<string>(value.ToJsonString())!;
                WriteString(emitter, text, isKey: false);
                break;
            case JsonValueKind.Number:
                Plain(emitter, value.ToJsonString());
                break;
            case JsonValueKind.True:
                Plain(emitter, "true");
                break;
            case JsonValueKind.False:
                Plain(emitter, "false");
                break;
            default:
                Plain(emitter, "null");
                break;
        }
    }

    private static void WriteString(IEmitter emitter, string text, bool isKey) =>
        emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, text, Style(text, isKey), isPlainImplicit: true, isQuotedImplicit: true));

    private static ScalarStyle Style(string text, bool isKey)
    {
        // Strings that would read back as null, a boolean or a number are double-quoted, as kubectl
        // does ("true", "123", ""). So are blank strings and tabs at either end (the emitter would
        // leave them plain and a reader would strip them), line breaks other than "\n" (YAML
        // normalizes them everywhere but in escapes), and " *" anywhere: YamlDotNet's reader fails to
        // see a plain key containing it when it opens a mapping.
        if (YamlScalars.NeedsQuotes(text) || string.IsNullOrWhiteSpace(text) || text[0] == '\t' || text[^1] == '\t'
            || text.AsSpan().ContainsAny(OtherLineBreaks) || text.Contains(" *", StringComparison.Ordinal)
            || text.Contains("\t*", StringComparison.Ordinal))
        {
            return ScalarStyle.DoubleQuoted;
        }

        // Multi-line values become literal blocks, which the emitter itself downgrades to double
        // quotes when a block cannot hold them exactly; keys cannot be blocks. Anything else is left
        // to the emitter, which quotes only when the plain form would be invalid or ambiguous.
        return text.Contains('\n') ? isKey ? ScalarStyle.DoubleQuoted : ScalarStyle.Literal : ScalarStyle.Any;
    }

    private static void Plain(IEmitter emitter, string text) =>
        emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, text, ScalarStyle.Plain, isPlainImplicit: true, isQuotedImplicit: true));
}
