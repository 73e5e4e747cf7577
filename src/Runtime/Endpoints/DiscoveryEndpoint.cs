using ApiBuilder.Runtime.Discovery;
using ApiBuilder.Runtime.Errors;
using ApiBuilder.Runtime.Http;
using ApiBuilder.Runtime.Negotiation;
using ApiBuilder.Runtime.Serialization;
using Microsoft.AspNetCore.Http;

namespace ApiBuilder.Runtime.Endpoints;

/// <summary><c>/api</c>, <c>/apis</c>, <c>/apis/&lt;group&gt;</c> and <c>/apis/&lt;group&gt;/&lt;version&gt;</c>.</summary>
internal sealed class DiscoveryEndpoint(DiscoveryDocuments documents)
{
    /// <summary>This server has no legacy core group: <c>/api</c> is 404, which clients expect of aggregated servers.</summary>
    public static Task LegacyAsync(HttpContext context) => throw ApiErrors.NotFoundPath();

    public Task HandleAsync(HttpContext context, IReadOnlyList<string> parts)
    {
        context.Response.Headers.Vary = "Accept";
        var accept = context.Request.Headers.Accept.ToString();
        switch (parts.Count)
        {
            case 0:
                var representation = ContentNegotiator.ForDiscovery(accept);
                if (representation.Kind == RepresentationKind.AggregatedDiscovery)
                {
                    return AggregatedAsync(context, representation.MetaVersion);
                }

                return WriteAsync(context, documents.GroupList, representation);
            case 1:
                return WriteAsync(context, documents.Group(parts[0]) ?? throw ApiErrors.NotFoundPath(), ContentNegotiator.ForObjects(accept, false, allowTable: false));
            case 2:
                return WriteAsync(context, documents.ResourceList(parts[0], parts[1]) ?? throw ApiErrors.NotFoundPath(), ContentNegotiator.ForObjects(accept, false, allowTable: false));
            default:
                throw ApiErrors.NotFoundPath();
        }
    }

    private Task AggregatedAsync(HttpContext context, string version)
    {
        var (body, etag) = documents.Aggregated(version);
        var response = context.Response;
        response.Headers.ETag = etag;
        response.Headers.CacheControl = "public";
        response.ContentType = $"application/json;g=apidiscovery.k8s.io;v={version};as=APIGroupDiscoveryList";
        if (context.Request.Headers.IfNoneMatch.ToString() == etag)
        {
            response.StatusCode = 304;
            return Task.CompletedTask;
        }

        response.StatusCode = 200;
        return ResponseWriter.WriteBytesAsync(context, body);
    }

    private static Task WriteAsync(HttpContext context, byte[] json, Representation representation)
    {
        if (representation.Kind is not (RepresentationKind.Json or RepresentationKind.Yaml))
        {
            throw ApiErrors.NotAcceptable(["application/json", "application/yaml"]);
        }

        if (representation.IsYaml)
        {
            return ResponseWriter.WriteAsync(context, 200, JsonBody.Parse(json)!, representation);
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = ResponseWriter.JsonContentType;
        context.Response.Headers.CacheControl = "no-cache, private";
        return ResponseWriter.WriteBytesAsync(context, json);
    }
}
