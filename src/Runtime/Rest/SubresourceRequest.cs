using System.Text;
using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Admission;
using ApiBuilder.Runtime.Authentication;
using ApiBuilder.Runtime.Errors;
using ApiBuilder.Runtime.Http;
using ApiBuilder.Runtime.Negotiation;
using Microsoft.AspNetCore.Http;

namespace ApiBuilder.Runtime.Rest;

/// <summary>One request to a <see cref="SubresourceDefinition"/>: the object it is about, who asks, and how to answer.</summary>
public sealed class SubresourceRequest
{
    private readonly HttpContext _http;
    private readonly string _kind;
    private readonly CancellationTokenSource _aborted;

    internal SubresourceRequest(HttpContext http, string ns, string name, JsonObject parent, string kind, UserInfo user, IObjectReader objects, CancellationToken stopping)
    {
        _http = http;
        _kind = kind;
        Namespace = ns;
        Name = name;
        Parent = parent;
        User = user;
        Objects = objects;
        _aborted = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, stopping);
        Aborted = _aborted.Token;
    }

    /// <summary>The namespace of the object; empty for cluster-scoped resources.</summary>
    public string Namespace { get; }

    /// <summary>The object's name.</summary>
    public string Name { get; }

    /// <summary>The object, as clients of this version see it. A copy: changing it changes nothing stored.</summary>
    public JsonObject Parent { get; }

    /// <summary>The authenticated user.</summary>
    public UserInfo User { get; }

    /// <summary>Read access to the objects this server stores.</summary>
    public IObjectReader Objects { get; }

    /// <summary>Cancelled when the client goes away or the server stops: end streams then.</summary>
    public CancellationToken Aborted { get; }

    internal void Release() => _aborted.Dispose();

    /// <summary>The first value of a query parameter, e.g. <c>follow</c>; null when absent.</summary>
    /// <param name="name">The parameter's name.</param>
    /// <returns>Its value.</returns>
    public string? Query(string name) => _http.Request.Query[name] is { Count: > 0 } values ? values[0] : null;

    /// <summary>
    /// Reads the request body as a JSON (or YAML) object; 400 or 415 for anything else, 413 when too large.
    /// A body without a Content-Type is read as JSON, as <c>kubectl create --raw</c> sends it.
    /// </summary>
    /// <returns>The body.</returns>
    public async Task<JsonObject> ReadBodyAsync()
    {
        var contentType = RequestBody.ContentType(_http) is { Length: > 0 } given ? given : "application/json";
        if (contentType is not ("application/json" or "application/yaml"))
        {
            throw ApiErrors.UnsupportedMediaType(RequestBody.ObjectMediaTypes);
        }

        var bytes = await RequestBody.ReadAsync(_http).ConfigureAwait(false);
        return RequestBody.DecodeObject(bytes, contentType, _kind, []);
    }

    /// <summary>Answers with an object as JSON (or YAML when the client asks for it).</summary>
    /// <param name="obj">A Kubernetes object, with <c>apiVersion</c> and <c>kind</c>.</param>
    /// <param name="statusCode">The HTTP status, 200 by default (201 for something created).</param>
    /// <returns>A task that completes when the answer is written.</returns>
    public Task WriteObjectAsync(JsonObject obj, int statusCode = 200)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var representation = ContentNegotiator.ForObjects(_http.Request.Headers.Accept.ToString() is { Length: > 0 } a ? a : null, isList: false);
        return ResponseWriter.WriteAsync(_http, statusCode, obj, representation.IsYaml ? representation : Representation.Json);
    }

    /// <summary>Answers with plain text, as <c>pods/log</c> does.</summary>
    /// <param name="text">The text.</param>
    /// <returns>A task that completes when the answer is written.</returns>
    public async Task WriteTextAsync(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        _http.Response.StatusCode = 200;
        _http.Response.ContentType = "text/plain; charset=utf-8";
        await _http.Response.WriteAsync(text, Encoding.UTF8, Aborted).ConfigureAwait(false);
    }

    /// <summary>
    /// Streams plain-text lines, each sent as soon as it is produced (chunked transfer), as
    /// <c>pods/log?follow=true</c> does; the stream ends when <paramref name="lines"/> ends or the client goes away.
    /// </summary>
    /// <param name="lines">The lines, without line breaks.</param>
    /// <returns>A task that completes when the stream ends.</returns>
    public async Task StreamLinesAsync(IAsyncEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        _http.Response.StatusCode = 200;
        _http.Response.ContentType = "text/plain; charset=utf-8";
        _http.Response.Headers.CacheControl = "no-cache, private";
        await _http.Response.StartAsync(Aborted).ConfigureAwait(false);
        try
        {
            await foreach (var line in lines.WithCancellation(Aborted).ConfigureAwait(false))
            {
                await _http.Response.WriteAsync(line + "\n", Encoding.UTF8, Aborted).ConfigureAwait(false);
                await _http.Response.Body.FlushAsync(Aborted).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (Aborted.IsCancellationRequested)
        {
            // The client left or the server stops: the stream just ends.
        }
    }
}
