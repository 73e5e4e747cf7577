using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Errors;
using ApiBuilder.Runtime.Objects;
using ApiBuilder.Runtime.Rest;

namespace Wardle;

/// <summary>
/// Subresources of Flunder served by this sample's own code, one of each style:
/// <c>flunders/usage</c> (GET, answers another Kind), <c>flunders/log</c> (GET, plain text, or a stream with
/// <c>?follow=true</c>, like <c>pods/log</c>) and <c>flunders/check</c> (POST with a body, like <c>pods/eviction</c>).
/// </summary>
public static class FlunderSubresources
{
    private static readonly TimeSpan FollowInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>GET: the Flunder's <see cref="FlunderUsage"/>, computed now.</summary>
    public static SubresourceDefinition Usage(FlunderUsageStorage usages) => new()
    {
        Name = "usage",
        Kind = "FlunderUsage",
        Description = "read the usage of the specified Flunder",
        Get = async request =>
        {
            var usage = await usages.GetAsync(new RestContext(request.Namespace, request.Objects), request.Name, request.Aborted).ConfigureAwait(false)
                ?? throw ApiErrors.NotFound(Flunder.Definition.Group, Flunder.Definition.Plural, request.Name);
            await request.WriteObjectAsync(KindJson.ToJsonObject(usage)).ConfigureAwait(false);
        },
    };

    /// <summary>GET: one line describing the Flunder; with <c>?follow=true</c> a new line each time it changes, until the client leaves.</summary>
    public static SubresourceDefinition Log() => new()
    {
        Name = "log",
        Description = "read the log of the specified Flunder: its state, and with follow=true every change",
        Get = request => request.Query("follow") is "true" or "1"
            ? request.StreamLinesAsync(FollowAsync(request))
            : request.WriteTextAsync(Describe(request.Parent) + "\n"),
    };

    /// <summary>POST: would this Flunder's reference resolve if it named the body's <c>reference</c>? Answers a FlunderCheck, 201.</summary>
    public static SubresourceDefinition Check() => new()
    {
        Name = "check",
        Kind = "FlunderCheck",
        Description = "check whether a reference from the specified Flunder would resolve",
        Create = async request =>
        {
            var body = await request.ReadBodyAsync().ConfigureAwait(false);
            var reference = body["reference"] is JsonValue r && r.TryGetValue<string>(out var name) ? name
                : throw ApiErrors.BadRequest("a FlunderCheck needs a string field \"reference\"");
            var toFischer = body["referenceType"] is JsonValue t && t.TryGetValue<string>(out var type) && type == "Fischer";
            var found = toFischer
                ? await request.Objects.GetAsync(Fischer.Definition.Group, Fischer.Definition.Plural, null, reference, request.Aborted).ConfigureAwait(false)
                : await request.Objects.GetAsync(Flunder.Definition.Group, Flunder.Definition.Plural, request.Namespace, reference, request.Aborted).ConfigureAwait(false);
            await request.WriteObjectAsync(new JsonObject
            {
                ["apiVersion"] = Flunder.Definition.GroupVersion,
                ["kind"] = "FlunderCheck",
                ["flunder"] = request.Name,
                ["reference"] = reference,
                ["referenceType"] = toFischer ? "Fischer" : "Flunder",
                ["found"] = found is not null,
            }, statusCode: 201).ConfigureAwait(false);
        },
    };

    private static async IAsyncEnumerable<string> FollowAsync(SubresourceRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var last = request.Parent;
        yield return Describe(last);
        while (!request.Aborted.IsCancellationRequested)
        {
            await Task.Delay(FollowInterval, request.Aborted).ConfigureAwait(false);
            var now = await request.Objects.GetAsync(Flunder.Definition.Group, Flunder.Definition.Plural, request.Namespace, request.Name, request.Aborted).ConfigureAwait(false);
            if (now is null)
            {
                yield return $"{request.Name} deleted";
                yield break;
            }

            if ((string?)now["metadata"]?["resourceVersion"] != (string?)last["metadata"]?["resourceVersion"])
            {
                last = now;
                yield return Describe(now);
            }
        }
    }

    private static string Describe(JsonObject flunder) =>
        $"{flunder["metadata"]?["name"]} resourceVersion={flunder["metadata"]?["resourceVersion"]} reference={flunder["spec"]?["reference"] ?? "-"} " +
        $"referenceType={flunder["spec"]?["referenceType"] ?? "-"} phase={flunder["status"]?["phase"] ?? "-"}";
}
