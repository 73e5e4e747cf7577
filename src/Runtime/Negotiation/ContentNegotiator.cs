using ApiBuilder.Runtime.Errors;

namespace ApiBuilder.Runtime.Negotiation;

/// <summary>
/// Picks a response representation from the Accept header: the first clause (by quality, then
/// order) the server can produce. Protobuf and other unknown clauses are skipped, as clients
/// routinely list them before a JSON fallback.
/// </summary>
internal static class ContentNegotiator
{
    private const string MetaGroup = "meta.k8s.io";
    private const string DiscoveryGroup = "apidiscovery.k8s.io";

    private static readonly string[] ObjectTypes = ["application/json", "application/yaml"];

    /// <summary>For resource requests: JSON, YAML, Table, or partial object metadata.</summary>
    public static Representation ForObjects(string? accept, bool isList, bool allowTable = true)
    {
        var clauses = Ordered(accept);
        if (clauses.Count == 0)
        {
            return Representation.Json;
        }

        foreach (var m in clauses)
        {
            if (m.Parameter("as") is { } asKind)
            {
                if (!IsJsonOrAny(m) || m.Parameter("g") != MetaGroup || m.Parameter("v") is not ("v1" or "v1beta1"))
                {
                    continue;
                }

                var version = m.Parameter("v")!;
                switch (asKind)
                {
                    case "Table" when allowTable:
                        return new Representation(RepresentationKind.Table, version);
                    case "PartialObjectMetadata" when !isList:
                        return new Representation(RepresentationKind.PartialObjectMetadata, version);
                    case "PartialObjectMetadataList" when isList:
                        return new Representation(RepresentationKind.PartialObjectMetadataList, version);
                }

                continue;
            }

            if (Plain(m) is { } plain)
            {
                return plain;
            }
        }

        throw ApiErrors.NotAcceptable(ObjectTypes);
    }

    /// <summary>For <c>/apis</c>: aggregated discovery (v2 or v2beta1) when asked for, else plain JSON/YAML.</summary>
    public static Representation ForDiscovery(string? accept)
    {
        var clauses = Ordered(accept);
        if (clauses.Count == 0)
        {
            return Representation.Json;
        }

        foreach (var m in clauses)
        {
            if (m.Parameter("as") is { } asKind)
            {
                if (asKind == "APIGroupDiscoveryList" && IsJsonOrAny(m) && m.Parameter("g") == DiscoveryGroup
                    && m.Parameter("v") is "v2" or "v2beta1")
                {
                    return new Representation(RepresentationKind.AggregatedDiscovery, m.Parameter("v")!);
                }

                continue;
            }

            if (Plain(m) is { } plain)
            {
                return plain;
            }
        }

        throw ApiErrors.NotAcceptable(ObjectTypes);
    }

    /// <summary>For documents that exist only as JSON (OpenAPI, version, plain discovery).</summary>
    public static void RequireJson(string? accept)
    {
        var clauses = Ordered(accept);
        if (clauses.Count == 0 || clauses.Any(m => m.Parameter("as") is null && IsJsonOrAny(m)))
        {
            return;
        }

        throw ApiErrors.NotAcceptable(["application/json"]);
    }

    /// <summary>
    /// Whether <c>/openapi/v2</c> is to be answered in protobuf: the first acceptable clause, by quality, names the
    /// protobuf form (kube-openapi's order when a wildcard matches both: JSON first); 406 when neither is acceptable.
    /// </summary>
    public static bool PrefersOpenApiV2Protobuf(string? accept)
    {
        var clauses = Ordered(accept);
        if (clauses.Count == 0)
        {
            return false;
        }

        foreach (var m in clauses)
        {
            if (IsJsonOrAny(m))
            {
                return false;
            }

            if (m.Essence is "application/com.github.proto-openapi.spec.v2@v1.0+protobuf" or "application/com.github.proto-openapi.spec.v2.v1.0+protobuf")
            {
                return true;
            }
        }

        throw ApiErrors.NotAcceptable(["application/json", "application/com.github.proto-openapi.spec.v2@v1.0+protobuf"]);
    }

    private static Representation? Plain(MediaType m) => m.Essence switch
    {
        "application/json" or "*/*" or "application/*" => Representation.Json,
        "application/yaml" => Representation.Yaml,
        _ => null,
    };

    private static bool IsJsonOrAny(MediaType m) => m.Essence is "application/json" or "*/*" or "application/*";

    private static List<MediaType> Ordered(string? accept) =>
        [.. MediaType.ParseList(accept).Where(m => m.Quality > 0).Select((m, i) => (m, i))
            .OrderByDescending(t => t.m.Quality).ThenBy(t => t.i).Select(t => t.m)];
}
