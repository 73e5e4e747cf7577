namespace ApiBuilder.Runtime.OpenApi;

/// <summary>
/// The media types the server speaks and its documents advertise. Only what the server really speaks is listed: kubectl's
/// client-side apply computes a strategic merge patch, from the <c>x-kubernetes-patch-strategy</c> and
/// <c>x-kubernetes-patch-merge-key</c> the schemas publish, exactly when the patch operation lists it.
/// </summary>
internal static class MediaTypes
{
    public const string Json = "application/json";
    public const string Yaml = "application/yaml";
    public const string JsonWatchStream = "application/json;stream=watch";
    public const string JsonPatch = "application/json-patch+json";
    public const string MergePatch = "application/merge-patch+json";
    public const string StrategicMergePatch = "application/strategic-merge-patch+json";
    public const string ApplyPatch = "application/apply-patch+yaml";

    /// <summary>What every object-returning operation produces.</summary>
    public static readonly IReadOnlyList<string> Responses = [Json, Yaml];

    /// <summary>What list operations produce, including the watch stream served for <c>?watch=true</c>.</summary>
    public static readonly IReadOnlyList<string> StreamingResponses = [Json, JsonWatchStream, Yaml];

    /// <summary>Bodies of create, replace and delete.</summary>
    public static readonly IReadOnlyList<string> Bodies = [Json, Yaml];

    /// <summary>Bodies of patch: JSON Patch (RFC 6902), JSON Merge Patch (RFC 7386), strategic merge patch and server-side apply.</summary>
    public static readonly IReadOnlyList<string> Patches = [JsonPatch, MergePatch, StrategicMergePatch, ApplyPatch];

    /// <summary>
    /// Bodies of patch of a Kind with fields kubectl cannot compute a strategic merge patch for (dictionaries of objects,
    /// free-form JSON): the server still takes strategic merge patches, but kubectl's apply sends merge patches.
    /// </summary>
    public static readonly IReadOnlyList<string> PatchesWithoutStrategic = [JsonPatch, MergePatch, ApplyPatch];

    /// <summary>Bodies of patch where server-side apply is not served (the scale subresource, Kinds in typed user storage).</summary>
    public static readonly IReadOnlyList<string> PatchesWithoutApply = [JsonPatch, MergePatch, StrategicMergePatch];
}
