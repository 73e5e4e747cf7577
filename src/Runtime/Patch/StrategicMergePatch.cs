using System.Text.Json;
using System.Text.Json.Nodes;
using ApiBuilder.Runtime.ManagedFields;

namespace ApiBuilder.Runtime.Patch;

/// <summary>
/// <c>application/strategic-merge-patch+json</c> as kube-apiserver applies it (k8s.io/apimachinery's
/// <c>strategicpatch</c>), with the patch metadata taken from the resource's schema (<see cref="FieldType.Patch"/>):
/// objects merge member by member and <c>null</c> deletes; lists with the <c>merge</c> strategy merge, by the merge
/// key for objects or by value for scalars; other lists, and fields with the <c>replace</c> strategy, are replaced.
/// Directives: <c>$patch</c> (<c>replace</c> or <c>delete</c> in an object, and in an item of a merged list),
/// <c>$retainKeys</c>, <c>$setElementOrder/&lt;field&gt;</c> and <c>$deleteFromPrimitiveList/&lt;field&gt;</c>.
/// Inputs are never changed.
/// </summary>
internal static class StrategicMergePatch
{
    public const string MediaType = OpenApi.MediaTypes.StrategicMergePatch;

    private const string DirectiveMarker = "$patch";
    private const string DeleteDirective = "delete";
    private const string ReplaceDirective = "replace";
    private const string MergeDirective = "merge";
    private const string RetainKeysDirective = "$retainKeys";
    private const string DeleteFromPrimitiveListPrefix = "$deleteFromPrimitiveList";
    private const string SetElementOrderPrefix = "$setElementOrder";

    /// <summary>Returns <paramref name="patch"/> applied to a copy of <paramref name="target"/>, an object of type <paramref name="type"/>.</summary>
    /// <exception cref="JsonPatchException">
    /// <see cref="JsonPatchErrorKind.Malformed"/> for a patch or directive kube-apiserver rejects (400),
    /// <see cref="JsonPatchErrorKind.Failed"/> for lists of lists and too deep patches (422).
    /// </exception>
    public static JsonObject Apply(JsonObject target, JsonObject patch, FieldType? type)
    {
        if (JsonMeasure.NestsDeeperThan(patch, PatchLimits.MaxDepth))
        {
            throw PatchLimits.TooDeep();
        }

        return MergeMap((JsonObject)target.DeepClone(), (JsonObject)patch.DeepClone(), type);
    }

    // Both arguments are owned copies: the merge moves nodes from the patch into the result.
    private static JsonObject MergeMap(JsonObject original, JsonObject patch, FieldType? type)
    {
        if (patch.TryGetPropertyValue(DirectiveMarker, out var directive))
        {
            switch (Text(directive))
            {
                case ReplaceDirective:
                    patch.Remove(DirectiveMarker);
                    return (JsonObject)Clean(patch)!;
                case DeleteDirective:
                    return [];
                default:
                    throw BadPatchType(directive, patch);
            }
        }

        ApplyRetainKeys(original, patch);
        MergeOrderedLists(original, patch, type);

        foreach (var (name, patchValue) in patch.ToList())
        {
            var key = name;
            var isDeleteList = false;
            if (name.StartsWith(DeleteFromPrimitiveListPrefix, StringComparison.Ordinal))
            {
                key = ExtractKey(name, DeleteFromPrimitiveListPrefix);
                isDeleteList = true;
            }

            if (patchValue is null)
            {
                original.Remove(key);
                continue;
            }

            patch.Remove(name);
            if (!original.TryGetPropertyValue(key, out var originalValue))
            {
                if (!isDeleteList)
                {
                    Set(original, key, Clean(patchValue));
                }

                continue;
            }

            var child = ChildOf(type, key);
            switch (originalValue, patchValue)
            {
                case (JsonObject originalMap, JsonObject patchMap):
                    original[key] = null;
                    original[key] = child?.Patch.Strategy == PatchStrategy.Replace
                        ? Clean(patchMap)
                        : MergeMap(originalMap, patchMap, child);
                    break;
                case (JsonArray originalList, JsonArray patchList):
                    original[key] = null;
                    original[key] = child?.Patch.Strategy == PatchStrategy.Merge || isDeleteList
                        ? MergeList(originalList, patchList, child, isDeleteList)
                        : Clean(patchList);
                    break;
                default:
                    if (!isDeleteList)
                    {
                        Set(original, key, Clean(patchValue));
                    }

                    break;
            }
        }

        return original;
    }

    /// <summary><c>$retainKeys</c>: members of the original not listed are cleared; the patch may only set listed members.</summary>
    private static void ApplyRetainKeys(JsonObject original, JsonObject patch)
    {
        if (!patch.TryGetPropertyValue(RetainKeysDirective, out var retain))
        {
            return;
        }

        patch.Remove(RetainKeysDirective);
        if (retain is not JsonArray list)
        {
            throw Malformed("invalid patch format of retainKeys");
        }

        var kept = new HashSet<string>(list.Select(Text).OfType<string>(), StringComparer.Ordinal);
        foreach (var (name, value) in patch)
        {
            if (value is null || name.StartsWith(DeleteFromPrimitiveListPrefix, StringComparison.Ordinal)
                || name.StartsWith(SetElementOrderPrefix, StringComparison.Ordinal))
            {
                continue;
            }

            if (!kept.Contains(name))
            {
                throw Malformed("invalid patch format of retainKeys");
            }
        }

        foreach (var name in original.Select(p => p.Key).Where(n => !kept.Contains(n)).ToList())
        {
            original.Remove(name);
        }
    }

    /// <summary>
    /// <c>$setElementOrder/&lt;field&gt;</c>: merges the field's patch list (if any) and orders the result as listed,
    /// items only the server has keeping their place relative to the others.
    /// </summary>
    private static void MergeOrderedLists(JsonObject original, JsonObject patch, FieldType? type)
    {
        foreach (var (name, order) in patch.ToList())
        {
            if (!name.StartsWith(SetElementOrderPrefix, StringComparison.Ordinal))
            {
                continue;
            }

            patch.Remove(name);
            if (order is not JsonArray orderList)
            {
                throw Malformed(BadArgType("[]interface {}", order));
            }

            var key = ExtractKey(name, SetElementOrderPrefix);
            var foundOriginal = original.TryGetPropertyValue(key, out var originalNode);
            var foundPatch = patch.TryGetPropertyValue(key, out var patchNode);
            JsonArray? originalList = null, patchList = null;
            if (foundOriginal)
            {
                originalList = originalNode as JsonArray ?? throw Malformed(BadArgType("[]interface {}", originalNode));
            }

            if (foundPatch)
            {
                patchList = patchNode as JsonArray ?? throw Malformed(BadArgType("[]interface {}", patchNode));
            }

            var child = ChildOf(type, key);
            var meta = child?.Patch ?? PatchMeta.None;
            ValidateOrder(patchList, orderList, meta.MergeKey);

            JsonArray merged;
            var serverOrder = originalList is null ? [] : originalList.ToList();
            var patchOrder = patchList is null ? [] : patchList.ToList();
            if (originalList is null && patchList is null)
            {
                continue;
            }

            var kind = ElementKind(serverOrder, patchOrder);
            if (kind == JsonValueKind.Object && meta.MergeKey is null)
            {
                throw Malformed($"cannot merge lists without merge key for {key}");
            }

            if (originalList is not null && patchList is null)
            {
                merged = originalList;
            }
            else if (originalList is null && patchList is not null)
            {
                merged = (JsonArray)Clean(patchList)!;
            }
            else
            {
                original[key] = null;
                merged = meta.Strategy == PatchStrategy.Merge
                    ? MergeList(originalList!, patchList!, child, isDeleteList: false)
                    : (JsonArray)Clean(patchList)!;
            }

            patch.Remove(key);
            var items = merged.ToList();
            var (patchItems, serverOnly) = Partition(items, orderList.ToList(), meta.MergeKey);
            original[key] = null;
            merged.Clear();
            original[key] = new JsonArray([.. NormalizeOrder(patchItems, serverOnly, orderList.ToList(), serverOrder, meta.MergeKey)]);
        }
    }

    /// <summary>Merges two lists of a field with the <c>merge</c> strategy (or a <c>$deleteFromPrimitiveList</c>).</summary>
    private static JsonArray MergeList(JsonArray original, JsonArray patch, FieldType? listType, bool isDeleteList)
    {
        if (original.Count == 0 && patch.Count == 0)
        {
            return original;
        }

        var originalItems = original.ToList();
        var patchItems = patch.ToList();
        original.Clear();
        patch.Clear();
        var kind = ElementKind(originalItems, patchItems);
        var mergeKey = listType?.Patch.MergeKey;
        List<JsonNode?> merged;
        if (kind != JsonValueKind.Object)
        {
            if (isDeleteList)
            {
                return new JsonArray([.. originalItems.Where(item => !patchItems.Any(d => JsonNodeEquality.DeepEquals(item, d)))]);
            }

            merged = [];
            foreach (var item in originalItems.Concat(patchItems))
            {
                if (!merged.Any(m => JsonNodeEquality.DeepEquals(m, item)))
                {
                    merged.Add(item);
                }
            }

            mergeKey = null;
        }
        else
        {
            if (mergeKey is null)
            {
                throw Malformed("cannot merge lists without merge key for " + GoValueText.Format(new JsonArray([.. patchItems.Select(p => p?.DeepClone())])));
            }

            (originalItems, patchItems) = ApplySpecialItems(originalItems, patchItems, mergeKey);
            merged = MergeItems(originalItems, patchItems, mergeKey, listType?.Elements);
        }

        var (inPatch, serverOnly) = Partition(merged, patchItems, mergeKey);
        return new JsonArray([.. NormalizeOrder(inPatch, serverOnly, patchItems, originalItems, mergeKey)]);
    }

    /// <summary>Items with <c>$patch</c>: <c>delete</c> removes the items with that key, <c>replace</c> replaces the list with the patch's other items.</summary>
    private static (List<JsonNode?> Original, List<JsonNode?> Patch) ApplySpecialItems(List<JsonNode?> original, List<JsonNode?> patch, string mergeKey)
    {
        var plain = new List<JsonNode?>();
        var replace = false;
        foreach (var item in patch)
        {
            var map = (JsonObject)item!;
            if (!map.TryGetPropertyValue(DirectiveMarker, out var directive))
            {
                plain.Add(item);
                continue;
            }

            switch (Text(directive))
            {
                case DeleteDirective:
                    if (!map.TryGetPropertyValue(mergeKey, out var keyValue))
                    {
                        throw NoMergeKey(map, mergeKey);
                    }

                    EnsureMaps(original);
                    original = [.. original.Where(o => !(((JsonObject)o!).TryGetPropertyValue(mergeKey, out var v) && JsonNodeEquality.DeepEquals(v, keyValue)))];
                    break;
                case ReplaceDirective:
                    replace = true;
                    break;
                case MergeDirective:
                    throw Malformed("merging lists cannot yet be specified in the patch");
                default:
                    throw BadPatchType(directive, map);
            }
        }

        return replace ? ([.. plain.Select(Clean)], []) : (original, plain);
    }

    private static List<JsonNode?> MergeItems(List<JsonNode?> original, List<JsonNode?> patch, string mergeKey, FieldType? itemType)
    {
        var merged = new List<JsonNode?>(original);
        foreach (var item in patch)
        {
            var map = (JsonObject)item!;
            if (!map.TryGetPropertyValue(mergeKey, out var keyValue))
            {
                throw NoMergeKey(map, mergeKey);
            }

            var index = IndexOf(merged, keyValue, mergeKey);
            if (index >= 0)
            {
                // Merge a copy: the patch item still orders the result.
                merged[index] = MergeMap((JsonObject)merged[index]!.DeepClone(), (JsonObject)map.DeepClone(), itemType);
            }
            else
            {
                merged.Add(Clean(map.DeepClone()));
            }
        }

        return merged;
    }

    private static int IndexOf(List<JsonNode?> items, JsonNode? keyValue, string mergeKey)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is not JsonObject map)
            {
                throw Malformed($"value for key {i} is not a map");
            }

            if (map.TryGetPropertyValue(mergeKey, out var value) && JsonNodeEquality.DeepEquals(value, keyValue))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Splits <paramref name="items"/> into those present in <paramref name="by"/> (by merge key, or by value) and the others.</summary>
    private static (List<JsonNode?> Present, List<JsonNode?> Absent) Partition(List<JsonNode?> items, List<JsonNode?> by, string? mergeKey)
    {
        var present = new List<JsonNode?>();
        var absent = new List<JsonNode?>();
        foreach (var item in items)
        {
            bool found;
            if (mergeKey is null)
            {
                found = by.Any(b => JsonNodeEquality.DeepEquals(b, item));
            }
            else
            {
                var map = item as JsonObject ?? throw Malformed(BadArgType("map[string]interface {}", item));
                if (!map.TryGetPropertyValue(mergeKey, out var keyValue))
                {
                    throw NoMergeKey(map, mergeKey);
                }

                found = by.Any(b => b is JsonObject other && other.TryGetPropertyValue(mergeKey, out var v) && JsonNodeEquality.DeepEquals(v, keyValue));
            }

            (found ? present : absent).Add(item);
        }

        return (present, absent);
    }

    /// <summary>
    /// Orders patch items as the patch (or <c>$setElementOrder</c>) lists them and server-only items as the live list
    /// does, then interleaves the two keeping each one's relative order, as strategic merge patch does.
    /// </summary>
    private static List<JsonNode?> NormalizeOrder(List<JsonNode?> patchItems, List<JsonNode?> serverOnly, List<JsonNode?> patchOrder, List<JsonNode?> serverOrder, string? mergeKey)
    {
        var sortedPatch = SortBy(patchItems, patchOrder, mergeKey);
        var sortedServer = SortBy(serverOnly, serverOrder, mergeKey);
        var result = new List<JsonNode?>(sortedPatch.Count + sortedServer.Count);
        int i = 0, j = 0;
        while (i < sortedServer.Count || j < sortedPatch.Count)
        {
            if (i >= sortedServer.Count)
            {
                result.Add(sortedPatch[j++]);
            }
            else if (j >= sortedPatch.Count)
            {
                result.Add(sortedServer[i++]);
            }
            else
            {
                var left = IndexIn(serverOrder, sortedServer[i], mergeKey);
                var right = IndexIn(serverOrder, sortedPatch[j], mergeKey);
                result.Add(left >= 0 && right >= 0 && left < right ? sortedServer[i++] : sortedPatch[j++]);
            }
        }

        return result;
    }

    private static List<JsonNode?> SortBy(List<JsonNode?> items, List<JsonNode?> order, string? mergeKey)
    {
        if (mergeKey is not null)
        {
            foreach (var item in items.Concat(order))
            {
                var map = item as JsonObject ?? throw Malformed(BadArgType("map[string]interface {}", item));
                if (!map.ContainsKey(mergeKey))
                {
                    throw NoMergeKey(map, mergeKey);
                }
            }
        }

        // Items the order does not name keep their place after those it names.
        return [.. items.Select((item, position) => (item, position, index: IndexIn(order, item, mergeKey)))
            .OrderBy(x => x.index < 0 ? int.MaxValue : x.index).ThenBy(x => x.position).Select(x => x.item)];
    }

    private static int IndexIn(List<JsonNode?> list, JsonNode? item, string? mergeKey)
    {
        var wanted = mergeKey is null ? item : (item as JsonObject)?[mergeKey];
        for (var i = 0; i < list.Count; i++)
        {
            var candidate = mergeKey is null ? list[i] : (list[i] as JsonObject)?[mergeKey];
            if (JsonNodeEquality.DeepEquals(candidate, wanted))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Every item of a <c>$setElementOrder</c>'s field in the patch must be in the order list, in the same relative order.</summary>
    private static void ValidateOrder(JsonArray? patchList, JsonArray order, string? mergeKey)
    {
        if (patchList is null || patchList.Count == 0 || order.Count == 0)
        {
            return;
        }

        var items = patchList.ToList();
        if (mergeKey is not null)
        {
            EnsureMaps(items);
            items = [.. items.Where(i => Text(((JsonObject)i!)[DirectiveMarker]) != DeleteDirective)];
        }

        int p = 0, o = 0;
        while (p < items.Count && o < order.Count)
        {
            if (items[p] is JsonObject map && map.ContainsKey(DirectiveMarker))
            {
                p++;
                continue;
            }

            if (KeyEquals(items[p], order[o], mergeKey))
            {
                p++;
            }

            o++;
        }

        if (p < items.Count)
        {
            throw Malformed($"The order in patch list:\n{GoValueText.Format(patchList)}\n doesn't match {SetElementOrderPrefix} list:\n{GoValueText.Format(order)}\n");
        }
    }

    private static bool KeyEquals(JsonNode? left, JsonNode? right, string? mergeKey)
    {
        if (mergeKey is null)
        {
            return JsonNodeEquality.DeepEquals(left, right);
        }

        var l = left as JsonObject ?? throw Malformed(BadArgType("map[string]interface {}", left));
        var r = right as JsonObject ?? throw Malformed(BadArgType("map[string]interface {}", right));
        if (!l.TryGetPropertyValue(mergeKey, out var lv))
        {
            throw NoMergeKey(l, mergeKey);
        }

        if (!r.TryGetPropertyValue(mergeKey, out var rv))
        {
            throw NoMergeKey(r, mergeKey);
        }

        return JsonNodeEquality.DeepEquals(lv, rv);
    }

    private static void EnsureMaps(List<JsonNode?> items)
    {
        foreach (var item in items)
        {
            if (item is not JsonObject)
            {
                throw Malformed(BadArgType("map[string]interface {}", item));
            }
        }
    }

    /// <summary>The kind of the lists' items, which must all be of one kind and not lists.</summary>
    private static JsonValueKind ElementKind(List<JsonNode?> first, List<JsonNode?> second)
    {
        JsonValueKind? kind = null;
        foreach (var item in first.Concat(second))
        {
            var current = item is null ? JsonValueKind.Null : item.GetValueKind() is JsonValueKind.True ? JsonValueKind.False : item.GetValueKind();
            if (kind is null)
            {
                if (current == JsonValueKind.Array)
                {
                    throw new JsonPatchException(JsonPatchErrorKind.Failed, "lists of lists are not supported");
                }

                kind = current;
            }
            else if (kind != current)
            {
                throw Malformed($"list element types are not identical: [{GoValueText.Format(new JsonArray([.. first.Select(f => f?.DeepClone())]))} {GoValueText.Format(new JsonArray([.. second.Select(s => s?.DeepClone())]))}]");
            }
        }

        return kind ?? throw Malformed("no elements in any of the given slices");
    }

    /// <summary>
    /// A patch value taken as is: objects carrying <c>$patch</c> and null members are dropped, and so are the
    /// other directives, which have nothing to apply to in a new value.
    /// </summary>
    private static JsonNode? Clean(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject map:
                foreach (var (name, value) in map.ToList())
                {
                    if (value is null || IsDirectiveName(name) || (value is JsonObject child && child.ContainsKey(DirectiveMarker)))
                    {
                        map.Remove(name);
                        continue;
                    }

                    map[name] = null;
                    map[name] = Clean(value);
                }

                return map;
            case JsonArray list:
                var items = list.ToList();
                list.Clear();
                foreach (var item in items)
                {
                    if (item is JsonObject child && child.ContainsKey(DirectiveMarker))
                    {
                        continue;
                    }

                    list.Add(Clean(item));
                }

                return list;
            default:
                return node;
        }
    }

    private static bool IsDirectiveName(string name) =>
        name == RetainKeysDirective
        || name.StartsWith(SetElementOrderPrefix, StringComparison.Ordinal)
        || name.StartsWith(DeleteFromPrimitiveListPrefix, StringComparison.Ordinal);

    private static void Set(JsonObject target, string name, JsonNode? value)
    {
        if (value is JsonObject map && map.ContainsKey(DirectiveMarker))
        {
            target.Remove(name);
            return;
        }

        target[name] = value?.Parent is null ? value : value.DeepClone();
    }

    private static FieldType? ChildOf(FieldType? type, string name) => type?.Kind switch
    {
        null => null,
        FieldTypeKind.Map or FieldTypeKind.Deduced => type.ChildOf(name),
        _ => null,
    };

    private static string ExtractKey(string name, string prefix)
    {
        var slash = name.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || name[..slash] != prefix)
        {
            throw Malformed(prefix == SetElementOrderPrefix ? "invalid patch format of setElementOrder list" : "invalid patch format of primitive list");
        }

        return name[(slash + 1)..];
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private static JsonPatchException Malformed(string message) => new(JsonPatchErrorKind.Malformed, message);

    private static JsonPatchException BadPatchType(JsonNode? directive, JsonObject map) =>
        Malformed($"unknown patch type: {GoValueText.Format(directive)} in map: {GoValueText.Format(map)}");

    private static JsonPatchException NoMergeKey(JsonObject map, string mergeKey) =>
        Malformed($"map: {GoValueText.Format(map)} does not contain declared merge key: {mergeKey}");

    private static string BadArgType(string expected, JsonNode? actual) =>
        $"expected a {expected}, but received a {GoValueText.TypeName(actual)}";
}
