using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Http;
using ApiBuilder.Runtime.Negotiation;
using ApiBuilder.Runtime.Registry;
using ApiBuilder.Runtime.Tables;
using ApiBuilder.Runtime.Rest;

namespace ApiBuilder.Runtime.Handlers;

/// <summary>get and list.</summary>
internal static class ReadHandlers
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    public static async Task GetAsync(ApiRequest request)
    {
        ContentNegotiator.ForObjects(request.Accept, isList: false);
        if (request.Query("resourceVersion") is { Length: > 0 } rv)
        {
            ResourceVersions.Parse(rv);
        }

        var stored = await request.Rest<IRestGetter>().GetAsync(request.Namespace, request.Name, request.Aborted).ConfigureAwait(false);
        await ObjectResponses.WriteAsync(request, 200, stored).ConfigureAwait(false);
    }

    public static async Task ListAsync(ApiRequest request)
    {
        var representation = ContentNegotiator.ForObjects(request.Accept, isList: true);
        var includeObject = representation.Kind == RepresentationKind.Table ? TableConvertor.IncludeObject(request.Query("includeObject")) : "";
        var options = ListOptions.Parse(request.Query, watch: false);
        var page = await request.Rest<IRestLister>().ListAsync(request.Namespace, options, request.Aborted).ConfigureAwait(false);
        var items = page.Items.Select(i => i.Value);
        switch (representation.Kind)
        {
            case RepresentationKind.Table:
                await ResponseWriter.WriteJsonAsync(request.Http, 200, writer => request.Table.Write(writer, page.Items, ListMeta(page), includeObject, representation.MetaVersion)).ConfigureAwait(false);
                break;
            case RepresentationKind.PartialObjectMetadataList:
                await ResponseWriter.WriteAsync(request.Http, 200, PartialObjectMetadata.List(items, ListMeta(page), representation.MetaVersion), representation).ConfigureAwait(false);
                break;
            case RepresentationKind.Yaml:
                var list = new JsonObject
                {
                    ["kind"] = request.Definition.ListKind,
                    ["apiVersion"] = request.Definition.GroupVersion,
                    ["metadata"] = ListMeta(page),
                    ["items"] = new JsonArray([.. items.Select(i => i.DeepClone())]),
                };
                await ResponseWriter.WriteAsync(request.Http, 200, list, representation).ConfigureAwait(false);
                break;
            default:
                await WriteJsonListAsync(request, page).ConfigureAwait(false);
                break;
        }
    }

    public static JsonObject ListMeta(ListPage page)
    {
        var meta = new JsonObject { ["resourceVersion"] = ResourceVersions.Format(page.Revision) };
        if (page.Continue is { } token)
        {
            meta["continue"] = token;
            if (page.RemainingItemCount is { } remaining)
            {
                meta["remainingItemCount"] = remaining;
            }
        }

        return meta;
    }

    /// <summary>Streams the stored items into the list body without copying them into a new tree.</summary>
    private static Task WriteJsonListAsync(ApiRequest request, ListPage page)
    {
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("kind", request.Definition.ListKind);
            writer.WriteString("apiVersion", request.Definition.GroupVersion);
            writer.WritePropertyName("metadata");
            ListMeta(page).WriteTo(writer);
            writer.WriteStartArray("items");
            foreach (var item in page.Items)
            {
                item.WriteTo(writer);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        var response = request.Http.Response;
        response.StatusCode = 200;
        response.ContentType = ResponseWriter.JsonContentType;
        response.Headers.CacheControl = "no-cache, private";
        return ResponseWriter.WriteBytesAsync(request.Http, buffer.WrittenMemory);
    }
}
