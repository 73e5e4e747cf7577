using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Errors;
using ApiBuilder.Runtime.Negotiation;
using ApiBuilder.Runtime.Registry;
using ApiBuilder.Runtime.Serialization;
using ApiBuilder.Runtime.Storage;
using ApiBuilder.Runtime.Tables;
using ApiBuilder.Runtime.Rest;

namespace ApiBuilder.Runtime.Handlers;

/// <summary>
/// watch: a chunked stream of <c>{"type":...,"object":...}</c> frames, one per line, flushed each.
/// Objects that stop (or start) matching the selectors are sent as DELETED (or ADDED), as the
/// watch cache does; bookmarks are sent when allowed; the stream ends at <c>timeoutSeconds</c>.
/// </summary>
internal static class WatchHandler
{
    private static readonly TimeSpan BookmarkInterval = TimeSpan.FromSeconds(60);
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    public static async Task WatchAsync(ApiRequest request)
    {
        var representation = ContentNegotiator.ForObjects(request.Accept, isList: false);
        if (representation.IsYaml)
        {
            throw ApiErrors.NotAcceptable(["application/json"]);
        }

        var includeObject = representation.Kind == RepresentationKind.Table ? TableConvertor.IncludeObject(request.Query("includeObject")) : "";
        var options = ListOptions.Parse(request.Query, watch: true);
        if (request.Name.Length > 0)
        {
            // GET .../watch/<plural>/<name> watches one object.
            options = options with { FieldSelector = Selection.FieldSelector.Parse("metadata.name=" + request.Name) };
        }

        var store = request.Rest<IRestWatcher>();
        var start = await store.StartWatchAsync(request.Namespace, options, request.Aborted).ConfigureAwait(false);
        using var watch = start.Watch;
        var filter = store.Filter(options) ?? (_ => true);
        var timeout = options.TimeoutSeconds is > 0 ? TimeSpan.FromSeconds(options.TimeoutSeconds.Value) : TimeSpan.FromMinutes(30 + Random.Shared.Next(30));
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(request.Aborted, request.Stopping);
        deadline.CancelAfter(timeout);

        var response = request.Http.Response;
        response.StatusCode = 200;
        response.ContentType = "application/json";
        response.Headers.CacheControl = "no-cache, private";
        await response.StartAsync(request.Aborted).ConfigureAwait(false);
        await response.Body.FlushAsync(request.Aborted).ConfigureAwait(false);

        var frames = new FrameWriter(request, representation, includeObject);
        var lastRevision = start.Revision;
        try
        {
            if (start.Expired is { } expired)
            {
                await frames.WriteAsync("ERROR", StatusJson.ToNode(expired.Status), deadline.Token).ConfigureAwait(false);
                return;
            }

            foreach (var item in start.Initial)
            {
                await frames.WriteAsync("ADDED", item.Value, deadline.Token).ConfigureAwait(false);
            }

            if (start.InitialEventsEndBookmark)
            {
                await frames.WriteAsync("BOOKMARK", Bookmark(store.Definition, lastRevision, initialEventsEnd: true), deadline.Token).ConfigureAwait(false);
            }

            await using var events = watch!.Events(deadline.Token).GetAsyncEnumerator(deadline.Token);
            var next = events.MoveNextAsync().AsTask();
            while (true)
            {
                if (options.AllowWatchBookmarks)
                {
                    var completed = await Task.WhenAny(next, Task.Delay(BookmarkInterval, deadline.Token)).ConfigureAwait(false);
                    if (completed != next)
                    {
                        if (deadline.IsCancellationRequested)
                        {
                            break;
                        }

                        await frames.WriteAsync("BOOKMARK", Bookmark(store.Definition, lastRevision, false), deadline.Token).ConfigureAwait(false);
                        continue;
                    }
                }

                if (!await next.ConfigureAwait(false))
                {
                    break;
                }

                var e = events.Current;
                lastRevision = e.Object.Revision;
                if (Translate(e, filter) is { } frame)
                {
                    await frames.WriteAsync(frame.Type, frame.Object, deadline.Token).ConfigureAwait(false);
                }

                next = events.MoveNextAsync().AsTask();
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            // Timeout or client gone: the stream simply ends, and clients re-watch from their last revision.
        }

        if (!request.Aborted.IsCancellationRequested && options.AllowWatchBookmarks)
        {
            try
            {
                await frames.WriteAsync("BOOKMARK", Bookmark(store.Definition, lastRevision, false), request.Aborted).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or IOException)
            {
            }
        }
    }

    /// <summary>Applies selector transitions: entering the selection is ADDED, leaving it is DELETED.</summary>
    private static (string Type, JsonObject Object)? Translate(StorageEvent e, Func<JsonObject, bool> filter)
    {
        var now = e.Type != WatchEventType.Deleted && filter(e.Object.Value);
        var before = e.Previous is not null && filter(e.Previous.Value);
        return e.Type switch
        {
            WatchEventType.Added when now => ("ADDED", e.Object.Value),
            WatchEventType.Modified when now && before => ("MODIFIED", e.Object.Value),
            WatchEventType.Modified when now => ("ADDED", e.Object.Value),
            WatchEventType.Modified when before => ("DELETED", ObjectRevision.WithRevision(e.Previous!.Value, e.Object.Revision)),
            WatchEventType.Deleted when filter(e.Object.Value) => ("DELETED", e.Object.Value),
            _ => null,
        };
    }

    private static JsonObject Bookmark(Resources.ResourceDefinition definition, long revision, bool initialEventsEnd)
    {
        var metadata = new JsonObject { ["resourceVersion"] = ResourceVersions.Format(revision) };
        if (initialEventsEnd)
        {
            metadata["annotations"] = new JsonObject { ["k8s.io/initial-events-end"] = "true" };
        }

        return new JsonObject { ["kind"] = definition.Kind, ["apiVersion"] = definition.GroupVersion, ["metadata"] = metadata };
    }

    /// <summary>Encodes event objects in the negotiated form; Table columns go with the first event only.</summary>
    private sealed class FrameWriter(ApiRequest request, Representation representation, string includeObject)
    {
        private bool columnsSent;

        public async Task WriteAsync(string type, JsonObject obj, CancellationToken cancellationToken)
        {
            JsonObject body = obj;
            if (type is not ("ERROR" or "BOOKMARK"))
            {
                obj = request.Storage.Present(obj);
                body = obj;
                switch (representation.Kind)
                {
                    case RepresentationKind.Table:
                        body = request.Table.Convert([obj], new JsonObject { ["resourceVersion"] = Meta.ResourceVersion(obj) }, includeObject, representation.MetaVersion, withColumns: !columnsSent);
                        columnsSent = true;
                        break;
                    case RepresentationKind.PartialObjectMetadata:
                        body = PartialObjectMetadata.From(obj, representation.MetaVersion);
                        break;
                }
            }

            var buffer = new ArrayBufferWriter<byte>(1024);
            using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
            {
                writer.WriteStartObject();
                writer.WriteString("type", type);
                writer.WritePropertyName("object");
                body.WriteTo(writer);
                writer.WriteEndObject();
            }

            buffer.Write("\n"u8);
            var stream = request.Http.Response.Body;
            await stream.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
