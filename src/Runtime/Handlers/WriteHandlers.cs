using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Errors;
using ApiBuilder.Runtime.Http;
using ApiBuilder.Runtime.Negotiation;
using ApiBuilder.Runtime.Registry;
using ApiBuilder.Runtime.Rest;

namespace ApiBuilder.Runtime.Handlers;

/// <summary>create and update (PUT), for the resource and its status subresource.</summary>
internal static class WriteHandlers
{
    public static async Task CreateAsync(ApiRequest request)
    {
        ContentNegotiator.ForObjects(request.Accept, isList: false);
        var (body, duplicates) = await ReadObjectAsync(request).ConfigureAwait(false);
        var context = WriteOptions.Parse(request, "CreateOptions", duplicates);
        var created = await request.Rest<IRestCreater>().CreateAsync(request.Namespace, body, context, request.Aborted).ConfigureAwait(false);
        await ObjectResponses.WriteAsync(request, 201, created, context.Warnings).ConfigureAwait(false);
    }

    public static async Task UpdateAsync(ApiRequest request)
    {
        ContentNegotiator.ForObjects(request.Accept, isList: false);
        var (body, duplicates) = await ReadObjectAsync(request).ConfigureAwait(false);
        var context = WriteOptions.Parse(request, "UpdateOptions", duplicates);
        var update = new UpdateRequest(_ => (JsonObject)body.DeepClone(), IsPatch: false);
        var updated = await request.Rest<IRestUpdater>().UpdateAsync(request.Namespace, request.Name, update, context, request.Aborted).ConfigureAwait(false);
        await ObjectResponses.WriteAsync(request, 200, updated, context.Warnings).ConfigureAwait(false);
    }

    private static async Task<(JsonObject Body, List<string> Duplicates)> ReadObjectAsync(ApiRequest request)
    {
        var contentType = RequestBody.ContentType(request.Http);
        if (contentType is not ("application/json" or "application/yaml"))
        {
            throw ApiErrors.UnsupportedMediaType(RequestBody.ObjectMediaTypes);
        }

        var bytes = await RequestBody.ReadAsync(request.Http).ConfigureAwait(false);
        var duplicates = new List<string>();
        var body = RequestBody.DecodeObject(bytes, contentType, request.Definition.Kind, duplicates);
        return (body, duplicates);
    }
}
