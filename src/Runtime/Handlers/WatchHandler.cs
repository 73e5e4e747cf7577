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
        // A watch that selects by itself (user storage) hands over only what is to be sent.
        var filter = (start.Selected ? null : store.Filter(options)) ?? (_ => true);
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
        var caughtUp = false;
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

            caughtUp = true;
            var events = watch!.Events(deadline.Token).GetAsyncEnumerator(deadline.Token);
            try
            {
                lastRevision = await StreamEventsAsync(request, events, frames, filter, options.AllowWatchBookmarks, lastRevision, deadline).ConfigureAwait(false);
            }
            finally
            {
                await events.DisposeAsync().ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            // Timeout or client gone: the stream simply ends, and clients re-watch from their last revision.
        }
        catch (StatusException e) when (!request.Aborted.IsCancellationRequested)
        {
            // The watch failed once streaming (user storage that cannot resume: 410 Expired): as kube-apiserver
            // does, the Status goes to the client as an ERROR event, and the client lists again.
            caughtUp = false;
            await frames.WriteAsync("ERROR", StatusJson.ToNode(e.Status), request.Aborted).ConfigureAwait(false);
        }

        // The closing bookmark gives the client the newest revision to resume from (kube-apiserver's
        // watch cache sends its last one 2 s before the deadline). A bookmark promises everything up
        // to its revision, so none when the initial events were cut short.
        if (caughtUp && !request.Aborted.IsCancellationRequested && options.AllowWatchBookmarks)
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

    /// <summary>
    /// Writes events until the watch ends or <paramref name="deadline"/> is cancelled (timeout, client
    /// gone, server stopping), with a BOOKMARK every <see cref="BookmarkInterval"/> when allowed.
    /// Returns the revision of the last event written or skipped, for the closing bookmark.
    /// </summary>
    /// <remarks>
    /// On return no MoveNextAsync of <paramref name="events"/> is outstanding: an async iterator
    /// disposed during one throws NotSupportedException, which lost the closing bookmark. Frames are
    /// written whole (with the request's token, not the deadline), so a timeout never cuts one short
    /// or leaves the returned revision ahead of what the client received.
    /// </remarks>
    private static async Task<long> StreamEventsAsync(
        ApiRequest request, IAsyncEnumerator<StorageEvent> events, FrameWriter frames, Func<JsonObject, bool> filter,
        bool bookmarks, long lastRevision, CancellationTokenSource deadline)
    {
        var bookmarkDue = bookmarks ? Task.Delay(BookmarkInterval, deadline.Token) : null;
        var next = events.MoveNextAsync().AsTask();
        try
        {
            while (true)
            {
                if (bookmarkDue is not null && await Task.WhenAny(next, bookmarkDue).ConfigureAwait(false) == bookmarkDue)
                {
                    if (deadline.IsCancellationRequested)
                    {
                        return lastRevision;
                    }

                    await frames.WriteAsync("BOOKMARK", Bookmark(request.Definition, lastRevision, false), request.Aborted).ConfigureAwait(false);
                    bookmarkDue = Task.Delay(BookmarkInterval, deadline.Token);
                    continue;
                }

                if (!await next.ConfigureAwait(false))
                {
                    return lastRevision;
                }

                var e = events.Current;
                if (!WatchProgress.Is(e) && Translate(e, filter) is { } frame)
                {
                    await frames.WriteAsync(frame.Type, frame.Object, request.Aborted, e).ConfigureAwait(false);
                }

                lastRevision = e.Object.Revision;
                next = events.MoveNextAsync().AsTask();
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            return lastRevision;
        }
        finally
        {
            // Ends the outstanding read, then waits for it; its outcome no longer matters.
            await deadline.CancelAsync().ConfigureAwait(false);
            await ((Task)next).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>Applies selector transitions: entering the selection is ADDED, leaving it is DELETED.</summary>
    private static (string Type, JsonObject Object)? Translate(StorageEvent e, Func<JsonObject, bool> filter)
    {
        var now = e.Type != StorageEventType.Deleted && filter(e.Object.Value);
        var before = e.Previous is not null && filter(e.Previous.Value);
        return e.Type switch
        {
            StorageEventType.Added when now => ("ADDED", e.Object.Value),
            StorageEventType.Modified when now && before => ("MODIFIED", e.Object.Value),
            StorageEventType.Modified when now => ("ADDED", e.Object.Value),
            StorageEventType.Modified when before => ("DELETED", ObjectRevision.WithRevision(e.Previous!.Value, e.Object.Revision)),
            StorageEventType.Deleted when filter(e.Object.Value) => ("DELETED", e.Object.Value),
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

    /// <summary>
    /// Encodes event objects in the negotiated form; Table columns go with the first event only.
    /// Frames of live events are shared with every other watcher sending the same event in the
    /// same form (<see cref="WatchFrames"/>).
    /// </summary>
    private sealed class FrameWriter(ApiRequest request, Representation representation, string includeObject)
    {
        private bool columnsSent;

        public async Task WriteAsync(string type, JsonObject obj, CancellationToken cancellationToken, StorageEvent? shared = null)
        {
            byte[] frame;
            if (shared is null || type is "ERROR" or "BOOKMARK")
            {
                frame = Encode(type, obj, !columnsSent);
            }
            else
            {
                var withColumns = representation.Kind == RepresentationKind.Table && !columnsSent;
                var second = representation.Kind == RepresentationKind.Table ? request.Table.Now.ToUnixTimeSeconds() : 0;
                var key = new WatchFrames.FrameKey(type, request.Storage, request.Table, representation.Kind, representation.MetaVersion, includeObject, withColumns, second);
                frame = WatchFrames.Get(shared, key, () => Encode(type, obj, withColumns));
            }

            if (representation.Kind == RepresentationKind.Table && type is not ("ERROR" or "BOOKMARK"))
            {
                columnsSent = true;
            }

            // One write per frame: what wraps the body (the watch-event metric) counts writes as events.
            var stream = request.Http.Response.Body;
            await stream.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        private byte[] Encode(string type, JsonObject obj, bool withColumns)
        {
            JsonObject body = obj;
            if (type is not ("ERROR" or "BOOKMARK"))
            {
                obj = request.Storage.Present(obj);
                body = obj;
                switch (representation.Kind)
                {
                    case RepresentationKind.Table:
                        body = request.Table.Convert([obj], new JsonObject { ["resourceVersion"] = Meta.ResourceVersion(obj) }, includeObject, representation.MetaVersion, withColumns);
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
            return buffer.WrittenSpan.ToArray();
        }
    }
}
