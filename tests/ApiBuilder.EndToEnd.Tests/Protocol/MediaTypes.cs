using System.Net.Http.Headers;

namespace ApiBuilder.EndToEnd.Tests.Protocol;

/// <summary>The Accept values real clients send, verbatim, and order-independent Content-Type comparison.</summary>
internal static class MediaTypes
{
    public const string DiscoveryV2 = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";
    public const string DiscoveryV2Beta1 = "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList";

    /// <summary>What kubectl 1.30–1.36 sends to /apis.</summary>
    public const string KubectlDiscovery = DiscoveryV2 + "," + DiscoveryV2Beta1 + ",application/json";

    /// <summary>What kubectl get sends for human-readable output.</summary>
    public const string Table = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";

    public const string PartialObjectMetadataList = "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json";
    public const string PartialObjectMetadata = "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1,application/json";

    /// <summary>True when the media type and the set of parameters are equal, whatever their order.</summary>
    public static bool SameMediaType(MediaTypeHeaderValue? actual, string expected)
    {
        if (actual is null)
        {
            return false;
        }

        var wanted = MediaTypeHeaderValue.Parse(expected);
        static HashSet<string> Params(MediaTypeHeaderValue m) =>
            m.Parameters.Select(p => $"{p.Name.ToLowerInvariant()}={p.Value}").ToHashSet();
        return string.Equals(actual.MediaType, wanted.MediaType, StringComparison.OrdinalIgnoreCase) && Params(actual).SetEquals(Params(wanted));
    }
}
