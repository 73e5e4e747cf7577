using System.Text.Json;
using System.Text.Json.Nodes;

namespace ApiBuilder.Runtime.ManagedFields;

/// <summary>
/// The <c>FieldsV1</c> form of a field set, as structured-merge-diff serializes it: an object per node whose keys
/// are the children's tokens in path-element order, <c>"."</c> first when the node is also a member, and
/// <c>{}</c> for a member without children.
/// </summary>
internal static class FieldsV1
{
    /// <summary>Writes the FieldsV1 object of a set.</summary>
    public static void Write(FieldSet set, Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        WriteChildren(set, writer);
        writer.WriteEndObject();
    }

    private static void WriteChildren(FieldSet node, Utf8JsonWriter writer)
    {
        foreach (var (element, child) in Sorted(node))
        {
            writer.WritePropertyName(element.Token);
            writer.WriteStartObject();
            if (child.IsMember && child.Children.Count > 0)
            {
                writer.WritePropertyName(".");
                writer.WriteStartObject();
                writer.WriteEndObject();
            }

            WriteChildren(child, writer);
            writer.WriteEndObject();
        }
    }

    private static IEnumerable<KeyValuePair<PathElement, FieldSet>> Sorted(FieldSet node)
    {
        if (node.Children.Count <= 1)
        {
            return node.Children;
        }

        // Field names sort by their tokens' ordinal order, the common case; other elements compare by content.
        return node.Children.Keys.All(k => k.Kind == PathElementKind.Field)
            ? node.Children.OrderBy(c => c.Key.Token, StringComparer.Ordinal)
            : node.Children.OrderBy(c => c.Key);
    }

    /// <summary>Reads a FieldsV1 object; null when it is not one.</summary>
    public static FieldSet? Decode(JsonNode? node)
    {
        if (node is not JsonObject obj)
        {
            return null;
        }

        var set = new FieldSet();
        return Read(obj, set, isRoot: true) ? set : null;
    }

    private static bool Read(JsonObject obj, FieldSet node, bool isRoot)
    {
        if (obj.Count == 0 && !isRoot)
        {
            node.MarkMember();
            return true;
        }

        foreach (var (token, value) in obj)
        {
            if (value is not JsonObject childObj)
            {
                return false;
            }

            if (token == ".")
            {
                if (isRoot)
                {
                    return false;
                }

                node.MarkMember();
                continue;
            }

            if (PathElement.Parse(token) is not { } element || !Read(childObj, node.Descend(element), isRoot: false))
            {
                return false;
            }
        }

        return true;
    }
}
