using ApiBuilder.Runtime.Errors;
using ApiBuilder.Runtime.Http;
using ApiBuilder.Runtime.Negotiation;
using ApiBuilder.Runtime.OpenApi;
using ApiBuilder.Runtime.Resources;
using Microsoft.AspNetCore.Http;

namespace ApiBuilder.Runtime.Endpoints;

/// <summary>
/// <c>/openapi/v2</c> (JSON, or protobuf when asked) and <c>/openapi/v3</c> (index and per group-version documents),
/// built once on the first request for any of them (not at start-up, which they would slow by
/// tens of milliseconds), with hash-addressed immutable caching as kube-openapi serves them.
/// </summary>
internal sealed class OpenApiEndpoint
{
    private readonly Lazy<Documents> documents;

    public OpenApiEndpoint(IReadOnlyList<ResourceDefinition> resources, OpenApiInfo info) =>
        documents = new Lazy<Documents>(() => new Documents(resources, info), LazyThreadSafetyMode.ExecutionAndPublication);

    public Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value!.TrimEnd('/');
        var (groupVersions, index, indexEtag, v2, v2Etag) = documents.Value;
        if (path == "/openapi/v2")
        {
            context.Response.Headers.Vary = "Accept";
            if (ContentNegotiator.PrefersOpenApiV2Protobuf(context.Request.Headers.Accept))
            {
                var (protobuf, protobufEtag) = documents.Value.V2Protobuf.Value;
                return WriteAsync(context, protobuf, protobufEtag, OpenApiV2ProtobufType);
            }

            return WriteAsync(context, v2, v2Etag);
        }

        if (path == "/openapi/v3")
        {
            RequireJson(context);
            return WriteAsync(context, index, indexEtag);
        }

        const string prefix = "/openapi/v3/";
        if (!path.StartsWith(prefix, StringComparison.Ordinal) || !groupVersions.TryGetValue(path[prefix.Length..], out var document))
        {
            throw ApiErrors.NotFoundPath();
        }

        RequireJson(context);
        var response = context.Response;
        response.Headers.Vary = "Accept";
        var requestedHash = context.Request.Query["hash"].ToString();
        if (requestedHash.Length > 0)
        {
            if (requestedHash != document.Hash)
            {
                response.StatusCode = 301;
                response.Headers.Location = $"{path}?hash={document.Hash}";
                return Task.CompletedTask;
            }

            response.Headers.CacheControl = "public, immutable";
            response.Headers.Expires = DateTimeOffset.UtcNow.AddYears(1).ToString("R");
        }

        return WriteAsync(context, document.Body, Quote(document.Hash));
    }

    /// <summary>
    /// The Content-Type of <c>/openapi/v2</c> in protobuf (gnostic's <c>openapi.v2.Document</c>), as kube-openapi answers
    /// it whichever of the two names was asked for: clients (Go's mime parser) refuse the <c>@</c> of the other.
    /// </summary>
    public const string OpenApiV2ProtobufType = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf";

    private static void RequireJson(HttpContext context) => ContentNegotiator.RequireJson(context.Request.Headers.Accept);

    private static Task WriteAsync(HttpContext context, byte[] body, string etag, string? contentType = null)
    {
        var response = context.Response;
        response.Headers.ETag = etag;
        if (!response.Headers.ContainsKey("Cache-Control"))
        {
            response.Headers.CacheControl = "no-cache, private";
        }

        response.ContentType = contentType ?? ResponseWriter.JsonContentType;
        if (context.Request.Headers.IfNoneMatch.ToString() == etag)
        {
            response.StatusCode = 304;
            return Task.CompletedTask;
        }

        response.StatusCode = 200;
        return ResponseWriter.WriteBytesAsync(context, body);
    }

    private static string Quote(string hash) => "\"" + hash + "\"";

    /// <summary>Every document with its hash (the v3 group-versions) or ETag.</summary>
    private sealed record Documents(Dictionary<string, (byte[] Body, string Hash)> GroupVersions, byte[] Index, string IndexEtag, byte[] V2, string V2Etag)
    {
        public Documents(IReadOnlyList<ResourceDefinition> resources, OpenApiInfo info)
            : this(new Dictionary<string, (byte[] Body, string Hash)>(StringComparer.Ordinal), [], "", [], "")
        {
            foreach (var gv in resources.GroupBy(r => (r.Group, r.Version)).OrderBy(g => g.Key.Group, StringComparer.Ordinal).ThenBy(g => g.Key.Version, StringComparer.Ordinal))
            {
                var body = ResponseWriter.ToJson(OpenApiV3Builder.BuildGroupVersion(gv.Key.Group, gv.Key.Version, [.. gv], info));
                GroupVersions[$"apis/{gv.Key.Group}/{gv.Key.Version}"] = (body, OpenApiHash.Compute(body));
            }

            Index = ResponseWriter.ToJson(OpenApiIndex.Build(GroupVersions.Select(kv => (kv.Key, kv.Value.Hash))));
            IndexEtag = Quote(OpenApiHash.Compute(Index));
            V2 = ResponseWriter.ToJson(OpenApiV2Builder.Build(resources, info));
            V2Etag = Quote(OpenApiHash.Compute(V2));
            // Encoded from the JSON bytes on the first request for it (only kubectl's fallback from v3 asks), so that
            // no document tree is kept meanwhile.
            var json = V2;
            V2Protobuf = new Lazy<(byte[], string)>(() =>
            {
                var bytes = OpenApiV2Protobuf.Encode(json);
                return (bytes, Quote(OpenApiHash.Compute(bytes)));
            }, LazyThreadSafetyMode.ExecutionAndPublication);
        }

        /// <summary>The v2 document in protobuf, with its ETag.</summary>
        public Lazy<(byte[] Body, string Etag)> V2Protobuf { get; } = new(() => ([], ""));
    }
}
