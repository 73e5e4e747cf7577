using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Schema;

namespace ApiBuilder.Runtime.Patch;

/// <summary>
/// The strategic merge patch metadata of one schema node: its strategy, the merge key of a list of objects,
/// and whether <c>retainKeys</c> applies. The server merges by it and the OpenAPI documents publish it
/// (<c>x-kubernetes-patch-strategy</c>, <c>x-kubernetes-patch-merge-key</c>), so that kubectl computes its
/// patches with the same rules the server applies them with.
/// </summary>
/// <remarks>
/// Derived from the schema's own extensions when it declares them, otherwise from the list and map types:
/// <c>x-kubernetes-list-type: map</c> with one key merges by that key, <c>set</c> of scalars merges by value,
/// <c>x-kubernetes-map-type: atomic</c> is replaced. A list of type map with several keys is replaced unless
/// it names an <c>x-kubernetes-patch-merge-key</c>: a strategic merge patch can only merge by one key.
/// </remarks>
internal readonly record struct PatchMeta(PatchStrategy Strategy, string? MergeKey, bool RetainKeys)
{
    public const string StrategyExtension = "x-kubernetes-patch-strategy";
    public const string MergeKeyExtension = "x-kubernetes-patch-merge-key";

    public static readonly PatchMeta None = default;

    public static readonly PatchMeta MergeByValue = new(PatchStrategy.Merge, null, false);

    public static PatchMeta MergeBy(string key) => new(PatchStrategy.Merge, key, false);

    /// <summary>The metadata of <paramref name="schema"/>.</summary>
    public static PatchMeta Of(JsonObject schema)
    {
        var mergeKey = Text(schema[MergeKeyExtension]);
        if (Text(schema[StrategyExtension]) is { } declared)
        {
            var strategy = PatchStrategy.None;
            var retainKeys = false;
            foreach (var part in declared.Split(','))
            {
                switch (part.Trim())
                {
                    case "merge":
                        strategy = PatchStrategy.Merge;
                        break;
                    case "replace":
                        strategy = PatchStrategy.Replace;
                        break;
                    case "retainKeys":
                        retainKeys = true;
                        break;
                }
            }

            return new PatchMeta(strategy, mergeKey, retainKeys);
        }

        switch (Text(schema["type"]))
        {
            case "array":
                var listType = Text(schema["x-kubernetes-list-type"]);
                if (listType == "map")
                {
                    if (mergeKey is not null)
                    {
                        return MergeBy(mergeKey);
                    }

                    return schema["x-kubernetes-list-map-keys"] is JsonArray { Count: 1 } keys && Text(keys[0]) is { } key ? MergeBy(key) : None;
                }

                return listType == "set" && SchemaKeywords.Items(schema) is { } items && IsScalar(items) ? MergeByValue : None;
            case "object":
                return Text(schema["x-kubernetes-map-type"]) == "atomic" ? new PatchMeta(PatchStrategy.Replace, null, false) : None;
            default:
                return None;
        }
    }

    /// <summary>
    /// Adds the extensions kubectl reads to <paramref name="schema"/> and the schemas nested in it where they
    /// are not declared already; published documents only, never the schema objects are validated against.
    /// </summary>
    public static void Publish(JsonObject schema) => Publish(schema, depth: 0);

    private static void Publish(JsonObject schema, int depth)
    {
        if (depth > PatchLimits.MaxDepth)
        {
            return;
        }

        if (!schema.ContainsKey(StrategyExtension))
        {
            var meta = Of(schema);
            if (meta.Strategy != PatchStrategy.None)
            {
                schema[StrategyExtension] = meta.Strategy == PatchStrategy.Merge ? "merge" : "replace";
                if (meta.MergeKey is { } key)
                {
                    schema[MergeKeyExtension] = key;
                }
            }
        }

        if (SchemaKeywords.Properties(schema) is { } properties)
        {
            foreach (var (_, child) in properties)
            {
                if (child is JsonObject childSchema)
                {
                    Publish(childSchema, depth + 1);
                }
            }
        }

        if (SchemaKeywords.Items(schema) is { } items)
        {
            Publish(items, depth + 1);
        }

        if (SchemaKeywords.AdditionalProperties(schema) is { } additional)
        {
            Publish(additional, depth + 1);
        }
    }

    /// <summary>
    /// Whether kubectl can look up the patch metadata of every field of objects of <paramref name="kindSchema"/>:
    /// its strategicpatch lookups descend only through declared properties and list items, and fail on an object
    /// or list held in a dictionary or in free-form JSON (<c>x-kubernetes-preserve-unknown-fields</c>, untyped).
    /// </summary>
    public static bool KubectlCanDiff(JsonObject kindSchema) => CanDescend(kindSchema, depth: 0);

    private static bool CanDescend(JsonObject schema, int depth)
    {
        if (depth > PatchLimits.MaxDepth || SchemaKeywords.PreservesUnknownFields(schema))
        {
            return false;
        }

        switch (Text(schema["type"]))
        {
            case "array":
                return SchemaKeywords.Items(schema) is { } items && (IsScalar(items) || (Text(items["type"]) == "object" && CanDescend(items, depth + 1)));
            case "object":
                if (SchemaKeywords.AdditionalProperties(schema) is { } values && !IsScalar(values))
                {
                    return false;
                }

                if (SchemaKeywords.AllowsAnyAdditionalProperties(schema))
                {
                    return false;
                }

                return SchemaKeywords.Properties(schema) is not { } properties
                    || properties.All(p => p.Value is JsonObject child && (IsScalar(child) || CanDescend(child, depth + 1)));
            default:
                return IsScalar(schema);
        }
    }

    private static bool IsScalar(JsonObject schema) =>
        SchemaKeywords.IntOrString(schema) || Text(schema["type"]) is "string" or "integer" or "number" or "boolean";

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
