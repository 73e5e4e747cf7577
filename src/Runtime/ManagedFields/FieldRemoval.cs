using System.Text.Json.Nodes;

namespace ApiBuilder.Runtime.ManagedFields;

/// <summary>
/// Removes the values at the members of a field set from an object (structured-merge-diff's <c>RemoveItems</c>),
/// and names the declared fields a set reaches into (<c>EnsureNamedFieldsAreMembers</c>).
/// </summary>
internal static class FieldRemoval
{
    /// <summary>Removes, in place, every value whose path is a member of <paramref name="set"/>.</summary>
    public static void Remove(JsonNode? value, FieldSet set, FieldType type)
    {
        switch (value)
        {
            case JsonObject obj when type.Kind is FieldTypeKind.Map or FieldTypeKind.Deduced:
                foreach (var name in obj.Select(p => p.Key).ToList())
                {
                    if (set.Child(PathElement.Field(name)) is not { } child)
                    {
                        continue;
                    }

                    if (child.IsMember)
                    {
                        obj.Remove(name);
                    }
                    else
                    {
                        Remove(obj[name], child, type.ChildOf(name) ?? FieldType.Deduced);
                    }
                }

                break;
            case JsonArray array when ListItems.IsGranular(type):
                for (var i = array.Count - 1; i >= 0; i--)
                {
                    PathElement element;
                    try
                    {
                        element = ListItems.ElementOf(array[i], type);
                    }
                    catch (FieldPathException)
                    {
                        continue;
                    }

                    if (set.Child(element) is not { } child)
                    {
                        continue;
                    }

                    if (child.IsMember)
                    {
                        array.RemoveAt(i);
                    }
                    else
                    {
                        Remove(array[i], child, type.Elements ?? FieldType.Deduced);
                    }
                }

                break;
        }
    }

    /// <summary>A copy of <paramref name="set"/> in which every declared field with paths below it is a member too.</summary>
    public static FieldSet WithNamedFields(FieldSet set, FieldType type)
    {
        var copy = set.Clone();
        Mark(copy, type);
        return copy;
    }

    private static void Mark(FieldSet node, FieldType type)
    {
        foreach (var (element, child) in node.Children)
        {
            FieldType? childType = null;
            if (element.Kind == PathElementKind.Field)
            {
                var name = element.FieldName;
                childType = type.ChildOf(name);
                if (type.IsNamedField(name) && child.Children.Count > 0)
                {
                    child.MarkMember();
                }
            }
            else if (type.Kind == FieldTypeKind.List)
            {
                childType = type.Elements;
            }

            if (childType is not null && child.Children.Count > 0)
            {
                Mark(child, childType);
            }
        }
    }
}
