using System.Text.Json.Nodes;

namespace ApiBuilder.Runtime.ManagedFields;

/// <summary>
/// Merges an applied configuration into the live object (structured-merge-diff's <c>Merge</c>): granular maps
/// merge entry by entry, granular lists item by item (live items keep their place, applied items come in the
/// applied order), scalars and atomic values are replaced. An explicit null in the configuration removes the field.
/// </summary>
internal static class ApplyMerge
{
    public static JsonObject Merge(JsonObject live, JsonObject config, FieldType type) =>
        (JsonObject)MergeValue(live, config, type)!;

    private static JsonNode? MergeValue(JsonNode? live, JsonNode? config, FieldType type)
    {
        if (config is null)
        {
            return live?.DeepClone();
        }

        if (live is null)
        {
            return config.DeepClone();
        }

        switch (type.Kind)
        {
            case FieldTypeKind.Map when !type.Atomic && live is JsonObject l && config is JsonObject c:
                return MergeMap(l, c, type);
            case FieldTypeKind.Deduced when live is JsonObject l && config is JsonObject c:
                return MergeMap(l, c, FieldType.Deduced);
            case FieldTypeKind.List when ListItems.IsGranular(type) && live is JsonArray l && config is JsonArray c:
                return MergeList(l, c, type);
            default:
                return config.DeepClone();
        }
    }

    /// <summary>Live entries keep their order, new ones follow in the applied order; each subtree is copied once.</summary>
    private static JsonObject MergeMap(JsonObject live, JsonObject config, FieldType type)
    {
        var result = new JsonObject();
        foreach (var (name, value) in live)
        {
            if (!config.TryGetPropertyValue(name, out var applied))
            {
                result[name] = value?.DeepClone();
            }
            else if (applied is not null)
            {
                result[name] = MergeValue(value, applied, type.ChildOf(name) ?? FieldType.Deduced);
            }
        }

        foreach (var (name, value) in config)
        {
            if (value is not null && !live.ContainsKey(name))
            {
                result[name] = MergeValue(null, value, type.ChildOf(name) ?? FieldType.Deduced);
            }
        }

        return result;
    }

    private static JsonArray MergeList(JsonArray live, JsonArray config, FieldType type)
    {
        List<(PathElement Element, JsonNode? Item)> l, r;
        try
        {
            l = ListItems.Index(live, type, out _);
            r = ListItems.Index(config, type, out _);
        }
        catch (FieldPathException)
        {
            return (JsonArray)config.DeepClone();
        }

        var lIndex = l.ToDictionary(i => i.Element, i => i.Item);
        var rIndex = r.ToDictionary(i => i.Element, i => i.Item);
        var shared = new Queue<PathElement>(r.Select(i => i.Element).Where(lIndex.ContainsKey));
        PathElement? nextShared = shared.Count > 0 ? shared.Dequeue() : null;
        var merged = new HashSet<PathElement>();
        var elementType = type.Elements ?? FieldType.Deduced;
        var result = new JsonArray();
        int li = 0, ri = 0;
        while (li < l.Count || ri < r.Count)
        {
            if (li < l.Count && ri < r.Count)
            {
                var element = l[li].Element;
                if (element.Equals(r[ri].Element))
                {
                    merged.Add(element);
                    result.Add(MergeValue(l[li].Item, r[ri].Item, elementType));
                    li++;
                    ri++;
                    nextShared = Advance(shared, nextShared, element);
                    continue;
                }

                if (rIndex.ContainsKey(element) && nextShared is { } next && !next.Equals(element))
                {
                    // A shared item that comes later in the applied order: it is merged there.
                    li++;
                    continue;
                }
            }

            if (li < l.Count)
            {
                var element = l[li].Element;
                if (!rIndex.ContainsKey(element))
                {
                    result.Add(l[li].Item?.DeepClone());
                    li++;
                    continue;
                }

                if (merged.Contains(element))
                {
                    li++;
                    continue;
                }
            }

            if (ri < r.Count)
            {
                var element = r[ri].Element;
                merged.Add(element);
                result.Add(MergeValue(lIndex.TryGetValue(element, out var liveItem) ? liveItem : null, r[ri].Item, elementType));
                ri++;
                nextShared = Advance(shared, nextShared, element);
            }
        }

        return result;
    }

    private static PathElement? Advance(Queue<PathElement> shared, PathElement? next, PathElement done) =>
        next is { } n && n.Equals(done) ? (shared.Count > 0 ? shared.Dequeue() : null) : next;
}
