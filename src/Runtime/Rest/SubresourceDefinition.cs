namespace ApiBuilder.Runtime.Rest;

/// <summary>
/// A subresource your code serves under each object of a resource, as <c>pods/log</c> or
/// <c>pods/eviction</c> are served in Kubernetes: <c>GET</c> (verb <c>get</c>) and/or <c>POST</c>
/// (verb <c>create</c>) on <c>.../&lt;plural&gt;/&lt;name&gt;/&lt;subresource&gt;</c>. Register it with
/// <see cref="Server.ApiServerBuilder.AddSubresource"/>. The server checks that the object exists (404
/// otherwise), authorizes the request with the subresource's name, and lists it in discovery and OpenAPI;
/// the handler writes the answer: an object, plain text, or a stream that lasts as long as it likes.
/// </summary>
public sealed class SubresourceDefinition
{
    /// <summary>The subresource's name, a DNS label such as <c>log</c> or <c>eviction</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Serves <c>GET</c>, e.g. a view of the object, its log, or a stream with <c>?follow=true</c>; null when not served.</summary>
    public Func<SubresourceRequest, Task>? Get { get; init; }

    /// <summary>Serves <c>POST</c> with a body, e.g. an action on the object such as an eviction; null when not served.</summary>
    public Func<SubresourceRequest, Task>? Create { get; init; }

    /// <summary>The Kind discovery names for the subresource (<c>kind</c>); the parent's Kind when null, as for <c>pods/log</c>.</summary>
    public string? Kind { get; init; }

    /// <summary>What the subresource does, for OpenAPI.</summary>
    public string? Description { get; init; }

    /// <summary>The verbs served, as discovery lists them.</summary>
    public IReadOnlyList<string> Verbs => (Create, Get) switch
    {
        (not null, not null) => ["create", "get"],
        (not null, null) => ["create"],
        (null, not null) => ["get"],
        _ => [],
    };
}
