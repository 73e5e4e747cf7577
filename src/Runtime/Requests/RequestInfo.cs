namespace ApiBuilder.Runtime.Requests;

/// <summary>
/// What a request addresses, parsed from its path and method the way k8s.io/apiserver's
/// RequestInfoFactory does: API group/version, namespace, resource, name, subresource and verb.
/// </summary>
internal sealed record RequestInfo
{
    public bool IsResourceRequest { get; init; }

    public string Path { get; init; } = "/";

    /// <summary>get, list, watch, create, update, patch, delete, deletecollection (resource requests) or the lower-cased HTTP method.</summary>
    public string Verb { get; init; } = "";

    public string ApiGroup { get; init; } = "";

    public string ApiVersion { get; init; } = "";

    public string Namespace { get; init; } = "";

    public string Resource { get; init; } = "";

    public string Subresource { get; init; } = "";

    public string Name { get; init; } = "";

    /// <summary>Path segments after <c>/apis</c>, used for discovery routes.</summary>
    public IReadOnlyList<string> Parts { get; init; } = [];

    public static RequestInfo Parse(string method, string path, Func<string, string?> query)
    {
        var trimmed = path.Trim('/');
        var parts = trimmed.Length == 0 ? [] : trimmed.Split('/');
        var nonResource = new RequestInfo { Path = path, Verb = method.ToLowerInvariant() };
        if (parts.Length == 0 || parts[0] != "apis")
        {
            return nonResource;
        }

        // /apis, /apis/<group> and /apis/<group>/<version> are discovery, not resources.
        if (parts.Length < 4)
        {
            return nonResource with { Parts = parts[1..] };
        }

        var info = new RequestInfo
        {
            IsResourceRequest = true,
            Path = path,
            ApiGroup = parts[1],
            ApiVersion = parts[2],
            Parts = parts[1..],
        };
        var rest = parts.AsSpan(3);
        var watchPath = false;
        if (rest[0] == "watch")
        {
            watchPath = true;
            rest = rest[1..];
        }

        if (rest.Length >= 2 && rest[0] == "namespaces")
        {
            info = info with { Namespace = rest[1] };
            rest = rest[2..];
            if (rest.Length == 0)
            {
                // /apis/<g>/<v>/namespaces/<ns> addresses a namespace object, which this server does not serve.
                info = info with { Resource = "namespaces", Name = info.Namespace, Namespace = "" };
            }
        }

        if (rest.Length > 0)
        {
            info = info with { Resource = rest[0] };
        }

        if (rest.Length > 1)
        {
            info = info with { Name = rest[1] };
        }

        if (rest.Length > 2)
        {
            info = info with { Subresource = rest[2] };
        }

        var extraSegments = rest.Length > 3;
        var verb = method switch
        {
            "GET" or "HEAD" => info.Name.Length > 0 ? "get" : "list",
            "POST" => "create",
            "PUT" => "update",
            "PATCH" => "patch",
            "DELETE" => info.Name.Length > 0 ? "delete" : "deletecollection",
            _ => method.ToLowerInvariant(),
        };
        if (verb == "list" && (watchPath || IsTrue(query("watch"))))
        {
            verb = "watch";
        }
        else if (verb == "get" && watchPath)
        {
            verb = "watch";
        }

        return info with { Verb = verb, IsResourceRequest = !extraSegments };
    }

    private static bool IsTrue(string? value) =>
        value is not null && value != "false" && value != "0";
}
