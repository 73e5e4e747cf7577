using System.Text.Json.Nodes;

namespace ApiBuilder.Runtime.ManagedFields;

/// <summary>
/// What changed between two versions of an object (structured-merge-diff's <c>Compare</c>): paths added,
/// modified and removed. A map or list that appears or disappears is itself added or removed; atomic values
/// and scalars are compared whole.
/// </summary>
internal sealed class Comparison
{
    public FieldSet Added { get; } = new();

    public FieldSet Modified { get; } = new();

    public FieldSet Removed { get; } = new();

    public bool IsSame => Added.IsEmpty && Modified.IsEmpty && Removed.IsEmpty;

    /// <summary>Added and modified paths together: what a writer now sets (may share nodes with <see cref="Added"/>).</summary>
    public FieldSet Changed()
    {
        if (Modified.IsEmpty)
        {
            return Added;
        }

        if (Added.IsEmpty)
        {
            return Modified;
        }

        return FieldSet.Union(Added, Modified);
    }

    /// <summary>Compares two objects of <paramref name="type"/>; <c>metadata.managedFields</c> is not compared.</summary>
    public static Comparison Of(JsonObject before, JsonObject after, FieldType type)
    {
        var comparison = new Comparison();
        var walker = new Walker(comparison);
        walker.CompareMap(before, after, type, isRoot: true);
        return comparison;
    }

    /// <summary>Drops every path in or below a top-level field that <paramref name="keep"/> refuses.</summary>
    public void KeepTopLevel(Func<PathElement, bool> keep)
    {
        Added.KeepTopLevel(keep);
        Modified.KeepTopLevel(keep);
        Removed.KeepTopLevel(keep);
    }

    private sealed class Walker(Comparison result)
    {
        private readonly List<PathElement> path = [];

        public void Compare(JsonNode? before, JsonNode? after, FieldType type)
        {
            if (before is null && after is null)
            {
                return;
            }

            switch (type.Kind)
            {
                case FieldTypeKind.Map or FieldTypeKind.Deduced when (before is null or JsonObject) && (after is null or JsonObject):
                    var l = before as JsonObject;
                    var r = after as JsonObject;
                    if ((type.Kind == FieldTypeKind.Map && type.Atomic) || ((l is null || l.Count == 0) && (r is null || r.Count == 0)))
                    {
                        Leaf(before, after);
                        return;
                    }

                    CompareMap(l, r, type.Kind == FieldTypeKind.Deduced ? FieldType.Deduced : type, isRoot: false);
                    AddedOrRemoved(before, after);
                    return;
                case FieldTypeKind.List when ListItems.IsGranular(type) && (before is null or JsonArray) && (after is null or JsonArray):
                    var la = before as JsonArray;
                    var ra = after as JsonArray;
                    if ((la is null || la.Count == 0) && (ra is null || ra.Count == 0))
                    {
                        Leaf(before, after);
                        return;
                    }

                    if (!CompareList(la, ra, type))
                    {
                        Leaf(before, after);
                        return;
                    }

                    AddedOrRemoved(before, after);
                    return;
                default:
                    Leaf(before, after);
                    return;
            }
        }

        public void CompareMap(JsonObject? before, JsonObject? after, FieldType type, bool isRoot)
        {
            if (after is not null)
            {
                foreach (var (name, value) in after)
                {
                    if (isRoot && name == "metadata")
                    {
                        CompareMetadata(before?[name] as JsonObject, value as JsonObject, value);
                        continue;
                    }

                    Descend(PathElement.Field(name), before?[name], value, type.ChildOf(name) ?? FieldType.Deduced);
                }
            }

            if (before is not null)
            {
                foreach (var (name, value) in before)
                {
                    if (after is null || !after.ContainsKey(name))
                    {
                        if (isRoot && name == "metadata")
                        {
                            CompareMetadata(value as JsonObject, null, null);
                            continue;
                        }

                        Descend(PathElement.Field(name), value, null, type.ChildOf(name) ?? FieldType.Deduced);
                    }
                }
            }
        }

        // metadata without managedFields, which field management keeps apart.
        private void CompareMetadata(JsonObject? before, JsonObject? after, JsonNode? afterNode)
        {
            path.Add(PathElement.Field("metadata"));
            var meta = FieldTypeBuilder.ObjectMeta;
            var beforeCount = before is null ? 0 : before.Count - (before.ContainsKey("managedFields") ? 1 : 0);
            var afterCount = after is null ? 0 : after.Count - (after.ContainsKey("managedFields") ? 1 : 0);
            if (beforeCount == 0 && afterCount == 0)
            {
                if (before is null && afterNode is not null)
                {
                    result.Added.Insert(path);
                }
                else if (before is not null && after is null)
                {
                    result.Removed.Insert(path);
                }
            }
            else
            {
                foreach (var (name, value) in after ?? [])
                {
                    if (name != "managedFields")
                    {
                        Descend(PathElement.Field(name), before?[name], value, meta.ChildOf(name) ?? FieldType.Deduced);
                    }
                }

                foreach (var (name, value) in before ?? [])
                {
                    if (name != "managedFields" && (after is null || !after.ContainsKey(name)))
                    {
                        Descend(PathElement.Field(name), value, null, meta.ChildOf(name) ?? FieldType.Deduced);
                    }
                }

                AddedOrRemoved(before, after);
            }

            path.RemoveAt(path.Count - 1);
        }

        private bool CompareList(JsonArray? before, JsonArray? after, FieldType type)
        {
            List<(PathElement Element, JsonNode? Item)> l, r;
            try
            {
                l = before is null ? [] : ListItems.Index(before, type, out var dupBefore);
                r = after is null ? [] : ListItems.Index(after, type, out var dupAfter);
            }
            catch (FieldPathException)
            {
                // Items without their keys: the list is compared as a whole.
                return false;
            }

            var rIndex = new Dictionary<PathElement, JsonNode?>(r.Count);
            foreach (var (element, item) in r)
            {
                rIndex[element] = item;
            }

            var elementType = type.Elements ?? FieldType.Deduced;
            var lSeen = new HashSet<PathElement>();
            foreach (var (element, item) in l)
            {
                lSeen.Add(element);
                Descend(element, item, rIndex.TryGetValue(element, out var rItem) ? rItem : null, elementType);
            }

            foreach (var (element, item) in r)
            {
                if (!lSeen.Contains(element))
                {
                    Descend(element, null, item, elementType);
                }
            }

            return true;
        }

        private void Descend(PathElement element, JsonNode? before, JsonNode? after, FieldType type)
        {
            path.Add(element);
            Compare(before, after, type);
            path.RemoveAt(path.Count - 1);
        }

        private void AddedOrRemoved(JsonNode? before, JsonNode? after)
        {
            if (before is null)
            {
                result.Added.Insert(path);
            }
            else if (after is null)
            {
                result.Removed.Insert(path);
            }
        }

        private void Leaf(JsonNode? before, JsonNode? after)
        {
            if (before is null)
            {
                result.Added.Insert(path);
            }
            else if (after is null)
            {
                result.Removed.Insert(path);
            }
            else if (!JsonNode.DeepEquals(before, after))
            {
                result.Modified.Insert(path);
            }
        }
    }
}
