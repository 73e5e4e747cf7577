using System.Text.Json.Nodes;

namespace ApiBuilder.Runtime.ManagedFields;

/// <summary>
/// The fields a value sets (structured-merge-diff's <c>ToFieldSet</c>), as apply assigns them to its manager:
/// scalars, atomic maps and lists as a whole, every item of a granular list, every entry of a map that is
/// not a declared field, and declared fields that are null or empty objects.
/// </summary>
internal static class FieldSetBuilder
{
    /// <summary>
    /// The fields of <paramref name="obj"/>. Strict (for applied configurations) throws <see cref="FieldPathException"/>
    /// for list items without keys or repeated; otherwise such a list counts as one field.
    /// </summary>
    public static FieldSet Build(JsonObject obj, FieldType type, bool strict = true)
    {
        var set = new FieldSet();
        new Builder(strict).Collect(obj, type, set, "");
        return set;
    }

    private sealed class Builder(bool strict)
    {
        public void Collect(JsonNode? value, FieldType type, FieldSet node, string path)
        {
            switch (type.Kind)
            {
                case FieldTypeKind.Map when !type.Atomic && value is JsonObject obj:
                    CollectMap(obj, type, node, path);
                    break;
                case FieldTypeKind.Deduced when value is JsonObject obj:
                    CollectMap(obj, FieldType.Deduced, node, path);
                    break;
                case FieldTypeKind.List when ListItems.IsGranular(type) && value is JsonArray array:
                    List<(PathElement Element, JsonNode? Item)> items;
                    PathElement? duplicate;
                    try
                    {
                        items = ListItems.Index(array, type, out duplicate);
                    }
                    catch (FieldPathException e)
                    {
                        if (strict)
                        {
                            throw new FieldPathException($"{path}: {e.Message}");
                        }

                        node.MarkMember();
                        break;
                    }

                    if (duplicate is { } repeated && strict)
                    {
                        throw new FieldPathException($"{path}: duplicate entries for key {repeated}");
                    }

                    foreach (var (element, item) in items)
                    {
                        var child = node.Descend(element);
                        Collect(item, type.Elements ?? FieldType.Deduced, child, path + element);
                        child.MarkMember();
                    }

                    break;
                default:
                    node.MarkMember();
                    break;
            }
        }

        private void CollectMap(JsonObject obj, FieldType type, FieldSet node, string path)
        {
            foreach (var (name, value) in obj)
            {
                var child = node.Descend(PathElement.Field(name));
                Collect(value, type.ChildOf(name) ?? FieldType.Deduced, child, path + "." + name);
                if (value is null || value is JsonObject { Count: 0 } || !type.IsNamedField(name))
                {
                    child.MarkMember();
                }
            }
        }
    }
}
