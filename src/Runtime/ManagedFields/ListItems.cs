using System.Text.Json.Nodes;

namespace ApiBuilder.Runtime.ManagedFields;

/// <summary>How items of a granular list are named in paths: by their key fields (list type map) or by value (set).</summary>
internal static class ListItems
{
    /// <summary>The path element of an item; throws <see cref="FieldPathException"/> when the item lacks a key field.</summary>
    public static PathElement ElementOf(JsonNode? item, FieldType list)
    {
        if (list.ListKind == ListKind.Set)
        {
            return PathElement.Value(item);
        }

        if (item is not JsonObject obj)
        {
            throw new FieldPathException("associative list with keys has an element that is not a map");
        }

        var fields = new KeyValuePair<string, JsonNode?>[list.Keys.Count];
        for (var i = 0; i < fields.Length; i++)
        {
            var key = list.Keys[i];
            if (!obj.TryGetPropertyValue(key, out var value) || value is null)
            {
                throw new FieldPathException($"associative list with keys has an element that omits key field \"{key}\" (and doesn't have default value)");
            }

            fields[i] = new(key, value);
        }

        return PathElement.Key(fields);
    }

    /// <summary>The items by element, first occurrence first; <paramref name="duplicate"/> names the first repeated element.</summary>
    public static List<(PathElement Element, JsonNode? Item)> Index(JsonArray array, FieldType list, out PathElement? duplicate)
    {
        duplicate = null;
        var seen = new HashSet<PathElement>();
        var items = new List<(PathElement, JsonNode?)>(array.Count);
        foreach (var item in array)
        {
            var element = ElementOf(item, list);
            if (!seen.Add(element))
            {
                duplicate ??= element;
                continue;
            }

            items.Add((element, item));
        }

        return items;
    }

    public static bool IsGranular(FieldType type) => type.Kind == FieldTypeKind.List && type.ListKind != ListKind.Atomic;
}
