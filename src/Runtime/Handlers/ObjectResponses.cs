using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Http;
using ApiBuilder.Runtime.Negotiation;
using ApiBuilder.Runtime.Registry;
using ApiBuilder.Runtime.Tables;

namespace ApiBuilder.Runtime.Handlers;

/// <summary>Writes a single object in the negotiated representation, with the request's warnings.</summary>
internal static class ObjectResponses
{
    /// <summary>
    /// Writes a stored object: as JSON, one still in its stored bytes is written as they are (no parse, no
    /// encoding); any other form is built from its value.
    /// </summary>
    public static Task WriteAsync(ApiRequest request, int statusCode, Storage.StoredObject stored)
    {
        var representation = ContentNegotiator.ForObjects(request.Accept, isList: false);
        return representation.Kind == RepresentationKind.Json && !stored.UnparsedJsonMemory.IsEmpty
            ? ResponseWriter.WriteJsonAsync(request.Http, statusCode, stored.UnparsedJsonMemory)
            : WriteAsync(request, statusCode, stored.Value);
    }

    public static Task WriteAsync(ApiRequest request, int statusCode, JsonObject obj, IEnumerable<string>? warnings = null)
    {
        var representation = ContentNegotiator.ForObjects(request.Accept, isList: false);
        if (warnings is not null)
        {
            ResponseWriter.AddWarnings(request.Http.Response, warnings);
        }

        JsonNode body = representation.Kind switch
        {
            RepresentationKind.Table => request.Table.Convert(
                [obj],
                new JsonObject { ["resourceVersion"] = Meta.ResourceVersion(obj) },
                TableConvertor.IncludeObject(request.Query("includeObject")),
                representation.MetaVersion),
            RepresentationKind.PartialObjectMetadata => PartialObjectMetadata.From(obj, representation.MetaVersion),
            _ => obj,
        };
        return ResponseWriter.WriteAsync(request.Http, statusCode, body, representation);
    }
}
