using System.Runtime.CompilerServices;
using ApiBuilder.Runtime.Registry;
using ApiBuilder.Runtime.Requests;
using Microsoft.AspNetCore.Http;

namespace ApiBuilder.Runtime.Metrics;

/// <summary>
/// What identifies a request in <c>apiserver_request_total</c> and <c>apiserver_request_duration_seconds</c>,
/// worked out as k8s.io/apiserver's endpoint metrics do: the verb upper-cased (GET of a collection is LIST,
/// a watch is WATCH, a server-side apply PATCH is APPLY, a DELETE of a collection is DELETE, a connect
/// subresource such as <c>log</c> is CONNECT), the scope (<c>resource</c> for one object and for create,
/// else <c>namespace</c> or <c>cluster</c>; empty for other paths) and <c>dry_run</c>. Non-resource paths put
/// their path in <c>subresource</c>, as kube-apiserver does.
/// </summary>
/// <remarks>
/// Every string is one of a bounded set of shared instances: constants, or the names of the served
/// resources and subresources. A resource the server does not serve is <c>resource="other"</c>, a path it
/// does not know <c>subresource="other"</c>; the raw URL never becomes a label. Equality is therefore by
/// reference, which keeps the per-request lookup of the pre-bound series cheap.
/// </remarks>
internal readonly struct RequestLabels : IEquatable<RequestLabels>
{
    public const string Other = "other";

    private static readonly string[] KnownPaths = ["/healthz", "/livez", "/readyz", "/version", "/metrics", "/api", "/apis", "/openapi/v2", "/openapi/v3"];

    private static readonly string[] KnownPrefixes = ["/healthz/", "/livez/", "/readyz/", "/api/", "/apis/", "/openapi/v3/"];

    private static readonly string[] PrefixLabels = ["/healthz/*", "/livez/*", "/readyz/*", "/api/*", "/apis/*", "/openapi/v3/*"];

    private static readonly string[] ConnectSubresources = ["log", "exec", "portforward", "attach", "proxy"];

    private RequestLabels(string verb, string dryRun, string group, string version, string resource, string subresource, string scope)
    {
        Verb = verb;
        DryRun = dryRun;
        Group = group;
        Version = version;
        Resource = resource;
        Subresource = subresource;
        Scope = scope;
    }

    public string Verb { get; }

    public string DryRun { get; }

    public string Group { get; }

    public string Version { get; }

    public string Resource { get; }

    public string Subresource { get; }

    public string Scope { get; }

    /// <summary>Whether <c>apiserver_response_sizes</c> records this request (reads only, as kube-apiserver).</summary>
    public bool IsRead => ReferenceEquals(Verb, "GET") || ReferenceEquals(Verb, "LIST");

    /// <summary>Labels of a request that was not (or could not be) resolved to a resource: by method and path only.</summary>
    public static RequestLabels ForPath(HttpRequest request) =>
        new(MethodVerb(request.Method), DryRunOf(request), "", "", "", PathLabel(request.Path.Value ?? "/"), "");

    /// <summary>Labels of a request whose path was parsed; <paramref name="served"/> is its resource when the server serves it.</summary>
    public static RequestLabels For(HttpRequest request, RequestInfo info, ServedResource? served)
    {
        if (!info.IsResourceRequest)
        {
            return ForPath(request);
        }

        var dryRun = DryRunOf(request);
        var scope = info.Name.Length > 0 || info.Verb == "create" ? "resource" : info.Namespace.Length > 0 ? "namespace" : "cluster";
        if (served is null)
        {
            return new(ResourceVerb(request, info, ""), dryRun, "", "", Other, "", scope);
        }

        var d = served.Definition;
        var subresource = SubresourceLabel(info.Subresource, served);
        return new(ResourceVerb(request, info, subresource), dryRun, d.Group, d.Version, d.Plural, subresource, scope);
    }

    public bool Equals(RequestLabels other) =>
        ReferenceEquals(Verb, other.Verb) && ReferenceEquals(DryRun, other.DryRun) && ReferenceEquals(Group, other.Group)
        && ReferenceEquals(Version, other.Version) && ReferenceEquals(Resource, other.Resource)
        && ReferenceEquals(Subresource, other.Subresource) && ReferenceEquals(Scope, other.Scope);

    public override bool Equals(object? obj) => obj is RequestLabels other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(
        RuntimeHelpers.GetHashCode(Verb), RuntimeHelpers.GetHashCode(DryRun), RuntimeHelpers.GetHashCode(Group), RuntimeHelpers.GetHashCode(Version),
        RuntimeHelpers.GetHashCode(Resource), RuntimeHelpers.GetHashCode(Subresource), RuntimeHelpers.GetHashCode(Scope));

    private static string ResourceVerb(HttpRequest request, RequestInfo info, string subresource)
    {
        if (subresource.Length > 0 && Array.IndexOf(ConnectSubresources, subresource) >= 0)
        {
            return "CONNECT";
        }

        return info.Verb switch
        {
            "get" => "GET",
            "list" => "LIST",
            "watch" => "WATCH",
            "create" => "POST",
            "update" => "PUT",
            "patch" => request.ContentType is { } type && type.StartsWith("application/apply-patch", StringComparison.OrdinalIgnoreCase) ? "APPLY" : "PATCH",
            "delete" or "deletecollection" => "DELETE",
            _ => Other,
        };
    }

    private static string MethodVerb(string method) => method switch
    {
        "GET" or "HEAD" => "GET",
        "POST" => "POST",
        "PUT" => "PUT",
        "PATCH" => "PATCH",
        "DELETE" => "DELETE",
        _ => Other,
    };

    /// <summary><c>dry_run</c>: empty, <c>All</c>, or <c>invalid</c> for any other value (the only valid one is All).</summary>
    private static string DryRunOf(HttpRequest request)
    {
        if (request.QueryString.Value is not { } query || !query.Contains("dryRun", StringComparison.Ordinal))
        {
            return "";
        }

        var values = request.Query["dryRun"];
        if (values.Count == 0)
        {
            return "";
        }

        foreach (var value in values)
        {
            if (value != "All")
            {
                return "invalid";
            }
        }

        return "All";
    }

    private static string SubresourceLabel(string subresource, ServedResource served)
    {
        switch (subresource)
        {
            case "":
                return "";
            case "status" when served.Status is not null:
                return "status";
            case "scale" when served.Scale is not null:
                return "scale";
        }

        foreach (var custom in served.Subresources)
        {
            if (custom.Name == subresource)
            {
                return custom.Name;
            }
        }

        return Other;
    }

    private static string PathLabel(string path)
    {
        foreach (var known in KnownPaths)
        {
            if (path == known || (path.Length == known.Length + 1 && path.EndsWith('/') && path.StartsWith(known, StringComparison.Ordinal)))
            {
                return known;
            }
        }

        for (var i = 0; i < KnownPrefixes.Length; i++)
        {
            if (path.StartsWith(KnownPrefixes[i], StringComparison.Ordinal))
            {
                return PrefixLabels[i];
            }
        }

        return Other;
    }
}
