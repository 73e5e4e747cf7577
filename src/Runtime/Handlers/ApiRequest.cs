using ApiBuilder.Runtime.Authentication;
using ApiBuilder.Runtime.Errors;
using ApiBuilder.Runtime.Resources;
using ApiBuilder.Runtime.Rest;
using ApiBuilder.Runtime.Requests;
using ApiBuilder.Runtime.Tables;
using Microsoft.AspNetCore.Http;

namespace ApiBuilder.Runtime.Handlers;

/// <summary>One resource request: the HTTP exchange, what it addresses, who sent it, and the resource's REST storage.</summary>
internal sealed class ApiRequest(HttpContext http, RequestInfo info, UserInfo user, IRestStorage storage, TableConvertor table, CancellationToken stopping)
{
    public HttpContext Http { get; } = http;

    public RequestInfo Info { get; } = info;

    public UserInfo User { get; } = user;

    public IRestStorage Storage { get; } = storage;

    public ResourceDefinition Definition => Storage.Definition;

    public TableConvertor Table { get; } = table;

    public string Namespace => Info.Namespace;

    public string Name => Info.Name;

    public string? Accept => Http.Request.Headers.Accept.ToString() is { Length: > 0 } a ? a : null;

    public CancellationToken Aborted => Http.RequestAborted;

    /// <summary>Cancelled when the server shuts down, so that long-running watches end.</summary>
    public CancellationToken Stopping { get; } = stopping;

    /// <summary>The storage's implementation of what the verb needs; 405 MethodNotAllowed when it has none.</summary>
    public T Rest<T>()
        where T : class, IRestStorage =>
        Storage as T ?? throw ApiErrors.MethodNotAllowed();

    public string? Query(string name)
    {
        var values = Http.Request.Query[name];
        return values.Count == 0 ? null : values[0];
    }

    public IReadOnlyList<string> QueryAll(string name) => [.. Http.Request.Query[name].OfType<string>()];
}
