using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ApiBuilder.Runtime.ManagedFields;

/// <summary>
/// structured-merge-diff's total order of values (numbers, then strings, booleans, lists, maps and null) and
/// its printing of values in paths (strings quoted).
/// </summary>
internal static class ValueOrder
{
    public static int Compare(JsonNode? a, JsonNode? b)
    {
        var rankA = Rank(a);
        var rankB = Rank(b);
        if (rankA != rankB)
        {
            return rankA.CompareTo(rankB);
        }

        switch (a)
        {
            case JsonValue va when rankA == 0:
                Schema.JsonNumbers.TryGetDouble(va, out var da);
                Schema.JsonNumbers.TryGetDouble(b, out var db);
                return da.CompareTo(db);
            case JsonValue va when rankA == 1:
                return string.CompareOrdinal(va.GetValue<string>(), ((JsonValue)b!).GetValue<string>());
            case JsonValue va when rankA == 2:
                return va.GetValue<bool>().CompareTo(((JsonValue)b!).GetValue<bool>());
            case JsonArray la:
                var lb = (JsonArray)b!;
                for (var i = 0; i < Math.Min(la.Count, lb.Count); i++)
                {
                    if (Compare(la[i], lb[i]) is var c and not 0)
                    {
                        return c;
                    }
                }

                return la.Count.CompareTo(lb.Count);
            case JsonObject oa:
                return CompareKeys(oa, (JsonObject)b!);
            default:
                return 0;
        }
    }

    /// <summary>Key field lists: pairwise by name then value, in name order; a shorter list first.</summary>
    public static int CompareKeys(JsonObject a, JsonObject b)
    {
        var la = a.OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
        var lb = b.OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
        for (var i = 0; i < Math.Min(la.Count, lb.Count); i++)
        {
            if (string.CompareOrdinal(la[i].Key, lb[i].Key) is var c and not 0)
            {
                return c;
            }

            if (Compare(la[i].Value, lb[i].Value) is var d and not 0)
            {
                return d;
            }
        }

        return la.Count.CompareTo(lb.Count);
    }

    private static int Rank(JsonNode? node) => node switch
    {
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.Number => 0,
            JsonValueKind.String => 1,
            JsonValueKind.True or JsonValueKind.False => 2,
            _ => 5,
        },
        JsonArray => 3,
        JsonObject => 4,
        _ => 5,
    };

    /// <summary>A value as structured-merge-diff prints it in a path: strings quoted, others as JSON.</summary>
    public static string Print(JsonNode? node)
    {
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.String)
        {
            var text = new StringBuilder();
            CanonicalJson.WriteString(v.GetValue<string>(), text);
            return text.ToString();
        }

        if (node is JsonValue n && n.GetValueKind() == JsonValueKind.Number)
        {
            return CanonicalJson.Number(n);
        }

        var json = new StringBuilder();
        CanonicalJson.Write(node, json);
        return json.ToString();
    }
}
