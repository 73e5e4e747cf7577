namespace ApiBuilder.Runtime.OpenApi;

/// <summary>
/// The media types the documents advertise. Only what the server really speaks is listed:
/// kubectl picks its patch type from the advertised ones, so listing strategic merge patch
/// (answered with 415 here) would make it send it.
/// </summary>
internal static class MediaTypes
{
    public const string Json = "application/json";
    public const string Yaml = "application/yaml";
    public const string JsonWatchStream = "application/json;stream=watch";
    public const string JsonPatch = "application/json-patch+json";
    public const string MergePatch = "application/merge-patch+json";
    public const string ApplyPatch = "application/apply-patch+yaml";

    /// <summary>What every object-returning operation produces.</summary>
    public static readonly IReadOnlyList<string> Responses = [Json, Yaml];

    /// <summary>What list operations produce, including the watch stream served for <c>?watch=true</c>.</summary>
    public static readonly IReadOnlyList<string> StreamingResponses = [Json, JsonWatchStream, Yaml];

    /// <summary>Bodies of create, replace and delete.</summary>
    public static readonly IReadOnlyList<string> Bodies = [Json, Yaml];

    /// <summary>Bodies of patch: JSON Patch (RFC 6902), JSON Merge Patch (RFC 7386) and server-side apply.</summary>
    public static readonly IReadOnlyList<string> Patches = [JsonPatch, MergePatch, ApplyPatch];

    /// <summary>Bodies of patch of the scale subresource, which takes no server-side apply.</summary>
    public static readonly IReadOnlyList<string> ScalePatches = [JsonPatch, MergePatch];
}
