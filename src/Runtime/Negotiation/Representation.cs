namespace ApiBuilder.Runtime.Negotiation;

/// <summary>What a response body is encoded as, chosen from the Accept header.</summary>
internal enum RepresentationKind
{
    Json,
    Yaml,
    Table,
    PartialObjectMetadata,
    PartialObjectMetadataList,
    AggregatedDiscovery,
}

/// <summary>The negotiated response form; <see cref="MetaVersion"/> is the <c>v=</c> of meta.k8s.io or apidiscovery.k8s.io forms.</summary>
internal sealed record Representation(RepresentationKind Kind, string MetaVersion = "v1")
{
    public static readonly Representation Json = new(RepresentationKind.Json);

    public static readonly Representation Yaml = new(RepresentationKind.Yaml);

    public bool IsYaml => Kind == RepresentationKind.Yaml;
}
