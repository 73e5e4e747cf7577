using System.Text.Json;
using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Errors;
using ApiBuilder.Runtime.Http;
using ApiBuilder.Runtime.Negotiation;
using ApiBuilder.Runtime.Registry;
using ApiBuilder.Runtime.Serialization;
using ApiBuilder.Runtime.Rest;

namespace ApiBuilder.Runtime.Handlers;

/// <summary>delete and deletecollection.</summary>
internal static class DeleteHandlers
{
    public static async Task DeleteAsync(ApiRequest request)
    {
        ContentNegotiator.ForObjects(request.Accept, isList: false);
        var options = await ReadOptionsAsync(request).ConfigureAwait(false);
        var context = Context(request, options);
        var result = await request.Rest<IRestGracefulDeleter>().DeleteAsync(request.Namespace, request.Name, options, context, request.Aborted).ConfigureAwait(false);
        if (!result.Deleted)
        {
            await ObjectResponses.WriteAsync(request, 200, result.Object).ConfigureAwait(false);
            return;
        }

        var d = request.Definition;
        var status = new Status
        {
            StatusValue = "Success",
            Details = new StatusDetails { Name = request.Name, Group = d.Group, Kind = d.Plural, Uid = Meta.Uid(result.Object) },
        };
        await ResponseWriter.WriteAsync(request.Http, 200, StatusJson.ToNode(status), ContentNegotiator.ForObjects(request.Accept, isList: false)).ConfigureAwait(false);
    }

    /// <summary>Deletes every object matching the list options; answers with the list of deleted objects.</summary>
    public static async Task DeleteCollectionAsync(ApiRequest request)
    {
        var storage = request.Rest<IRestCollectionDeleter>();
        var representation = ContentNegotiator.ForObjects(request.Accept, isList: true);
        var options = await ReadOptionsAsync(request).ConfigureAwait(false);
        var listOptions = ListOptions.Parse(request.Query, watch: false) with { Limit = 0, Continue = null };
        var context = Context(request, options);
        var page = await storage.ListAsync(request.Namespace, listOptions, request.Aborted).ConfigureAwait(false);
        var deleted = new JsonArray();
        foreach (var item in page.Items)
        {
            try
            {
                var result = await storage.DeleteAsync(Meta.Namespace(item.Value), Meta.Name(item.Value), options, context, request.Aborted).ConfigureAwait(false);
                deleted.Add(result.Object.DeepClone());
            }
            catch (StatusException e) when (e.Code == 404)
            {
                // Deleted by someone else meanwhile: nothing left to do for it.
            }
        }

        var revision = await storage.CurrentRevisionAsync(request.Aborted).ConfigureAwait(false);
        var list = new JsonObject
        {
            ["kind"] = request.Definition.ListKind,
            ["apiVersion"] = request.Definition.GroupVersion,
            ["metadata"] = new JsonObject { ["resourceVersion"] = ResourceVersions.Format(revision) },
            ["items"] = deleted,
        };
        await ResponseWriter.WriteAsync(request.Http, 200, list, representation.IsYaml ? representation : Representation.Json).ConfigureAwait(false);
    }

    private static WriteContext Context(ApiRequest request, DeleteOptions options) => new()
    {
        UserName = request.User.Name,
        UserGroups = request.User.Groups,
        DryRun = options.DryRun,
    };

    private static async Task<DeleteOptions> ReadOptionsAsync(ApiRequest request)
    {
        var bytes = await RequestBody.ReadAsync(request.Http).ConfigureAwait(false);
        JsonNode? body = null;
        if (bytes.Length > 0)
        {
            var contentType = RequestBody.ContentType(request.Http);
            try
            {
                body = contentType == "application/yaml"
                    ? YamlJson.Parse(bytes)
                    : JsonBody.Parse(bytes);
            }
            catch (Exception e) when (e is JsonException or YamlConversionException)
            {
                throw ApiErrors.BadRequest("the body of the request could not be decoded as DeleteOptions: " + e.Message);
            }
        }

        return DeleteOptions.From(body, request.Query, request.QueryAll("dryRun"));
    }
}
