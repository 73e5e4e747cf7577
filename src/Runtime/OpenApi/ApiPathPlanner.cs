using ApiBuilder.Runtime.Resources;

namespace ApiBuilder.Runtime.OpenApi;

/// <summary>
/// Lays out a group-version's paths and operations the way kube-apiserver does, so kubectl and
/// generated clients find what they expect: the discovery path, the collection and item paths
/// (namespaced Kinds also get the all-namespaces list), and the status and scale subresources.
/// </summary>
/// <remarks>
/// The deprecated <c>/watch/</c> paths are not planned: every client in use watches through the
/// list path with <c>?watch=true</c>, and advertising routes is a promise to serve them.
/// </remarks>
internal static class ApiPathPlanner
{
    private const string Ok = "200";
    private const string Created = "201";
    private const string Accepted = "202";
    private const string Unauthorized = "401";

    /// <summary>URL prefix of a group-version: <c>/apis/&lt;group&gt;/&lt;version&gt;</c>, or <c>/api/&lt;version&gt;</c> for the legacy group.</summary>
    public static string Prefix(string group, string version) =>
        group.Length == 0 ? $"/api/{version}" : $"/apis/{group}/{version}";

    /// <summary>
    /// Every path of one group-version, sorted by key. <paramref name="resources"/> must all belong
    /// to that group-version.
    /// </summary>
    public static IReadOnlyList<ApiPath> Plan(
        string group, string version, IEnumerable<ResourceDefinition> resources, Func<ResourceDefinition, IReadOnlyList<string>>? verbsOf = null,
        Func<ResourceDefinition, IReadOnlyList<Rest.SubresourceDefinition>>? subresourcesOf = null, Func<ResourceDefinition, bool>? appliesOf = null)
    {
        var tag = OpenApiNames.Tag(group, version);
        var idPrefix = OpenApiNames.OperationPrefix(group, version);
        var paths = new SortedDictionary<string, ApiPath>(StringComparer.Ordinal);

        Add(paths, Discovery(group, version, tag, idPrefix));
        foreach (var resource in resources)
        {
            var verbs = verbsOf?.Invoke(resource);
            foreach (var path in ForResource(resource, tag, idPrefix, subresourcesOf?.Invoke(resource) ?? []))
            {
                // Advertise only what the resource's storage serves (a read-only resource has no post, put, delete...).
                var served = verbs is null ? path : path with { Operations = [.. path.Operations.Where(o => o.Action is null || verbs.Contains(Verb(o.Action)))] };
                if (appliesOf?.Invoke(resource) == false)
                {
                    // A storage that keeps no managedFields answers apply with 415: do not offer it.
                    served = served with { Operations = [.. served.Operations.Select(WithoutApply)] };
                }

                if (served.Operations.Count > 0)
                {
                    Add(paths, served);
                }
            }
        }

        return [.. paths.Values];
    }

    private static ApiOperation WithoutApply(ApiOperation operation) =>
        operation.Body is { } body && body.MediaTypes.Contains(MediaTypes.ApplyPatch)
            ? operation with { Body = body with { MediaTypes = [.. body.MediaTypes.Where(t => t != MediaTypes.ApplyPatch)] } }
            : operation;

    /// <summary>The Kubernetes verb of an operation's <c>x-kubernetes-action</c>.</summary>
    private static string Verb(string action) => action switch
    {
        "post" => "create",
        "put" => "update",
        _ => action,
    };

    private static void Add(SortedDictionary<string, ApiPath> paths, ApiPath path)
    {
        if (!paths.TryAdd(path.Key, path))
        {
            throw new InvalidOperationException(
                $"Two resources are served at '{path.Key}'; plural names must be unique within a group-version.");
        }
    }

    private static ApiPath Discovery(string group, string version, string tag, string idPrefix)
    {
        var operation = new ApiOperation("get", Action: null, $"get{idPrefix}APIResources", "get available resources",
            tag, Kind: null, [], Body: null, Responses(Ok, OpenApiNames.ApiResourceList));
        return new ApiPath(Prefix(group, version) + "/", [], [operation]);
    }

    private static IEnumerable<ApiPath> ForResource(ResourceDefinition resource, string tag, string idPrefix, IReadOnlyList<Rest.SubresourceDefinition> custom)
    {
        var kind = new GroupVersionKind(resource.Group, resource.Version, resource.Kind);
        var schema = OpenApiNames.SchemaName(resource.Group, resource.Version, resource.Kind);
        var listSchema = OpenApiNames.SchemaName(resource.Group, resource.Version, resource.ListKind);
        var prefix = Prefix(resource.Group, resource.Version);
        var scope = resource.Namespaced ? "Namespaced" : "";
        var scopePrefix = resource.Namespaced ? $"{prefix}/namespaces/{{namespace}}" : prefix;
        ApiParameter[] scopeParameters = resource.Namespaced ? [QueryParameters.Namespace] : [];
        var collection = $"{scopePrefix}/{resource.Plural}";
        var item = collection + "/{name}";
        var subject = idPrefix + scope + resource.Kind;
        // kubectl's client-side apply computes a strategic merge patch when the operation lists the type; only
        // where its schema lets kubectl look up every field (otherwise it warns and falls back to a merge patch).
        var patches = Patch.PatchMeta.KubectlCanDiff(resource.Schema) ? MediaTypes.Patches : MediaTypes.PatchesWithoutStrategic;

        ApiOperation Op(string method, string action, string id, string description, IReadOnlyList<ApiParameter> parameters,
            ApiRequestBody? body, IReadOnlyList<ApiResponse> responses, bool streams = false, GroupVersionKind? gvk = null) =>
            new(method, action, id, description, tag, gvk ?? kind, parameters, body, responses, streams);

        ApiOperation List(string id) => Op("get", "list", id, $"list or watch objects of kind {resource.Kind}",
            QueryParameters.WithSelectableFields(QueryParameters.List, resource.SelectableFields), null, Responses(Ok, listSchema), streams: true);

        if (resource.Namespaced)
        {
            yield return new ApiPath($"{prefix}/{resource.Plural}", [QueryParameters.Pretty],
                [List($"list{idPrefix}{resource.Kind}ForAllNamespaces")]);
        }

        yield return new ApiPath(collection, [.. scopeParameters, QueryParameters.Pretty],
        [
            List($"list{subject}"),
            Op("post", "post", $"create{subject}", $"create a {resource.Kind}", QueryParameters.Write,
                Body(schema), Responses(Ok, Created, Accepted, schema)),
            Op("delete", "deletecollection", $"delete{idPrefix}Collection{scope}{resource.Kind}",
                $"delete collection of {resource.Kind}", QueryParameters.WithSelectableFields(QueryParameters.DeleteCollection, resource.SelectableFields),
                DeleteBody(), Responses(Ok, OpenApiNames.Status)),
        ]);

        ApiParameter[] itemParameters = [QueryParameters.Name(resource.Kind), .. scopeParameters, QueryParameters.Pretty];
        yield return new ApiPath(item, itemParameters,
        [
            Op("get", "get", $"read{subject}", $"read the specified {resource.Kind}", [], null, Responses(Ok, schema)),
            Op("put", "put", $"replace{subject}", $"replace the specified {resource.Kind}", QueryParameters.Write,
                Body(schema), Responses(Ok, Created, schema)),
            Op("delete", "delete", $"delete{subject}", $"delete a {resource.Kind}", QueryParameters.Delete,
                DeleteBody(), Responses(Ok, Accepted, OpenApiNames.Status)),
            Op("patch", "patch", $"patch{subject}", $"partially update the specified {resource.Kind}",
                QueryParameters.Patch, PatchBody(patches), Responses(Ok, Created, schema)),
        ]);

        if (resource.HasStatusSubresource)
        {
            yield return Subresource(item + "/status", "Status", "status", itemParameters, schema, kind);
        }

        if (resource.Scale is not null)
        {
            ApiParameter[] scaleParameters = [QueryParameters.Name(OpenApiNames.ScaleKind.Kind), .. scopeParameters, QueryParameters.Pretty];
            yield return Subresource(item + "/scale", "Scale", "scale", scaleParameters, OpenApiNames.Scale, OpenApiNames.ScaleKind);
        }

        foreach (var sub in custom)
        {
            var suffix = string.Concat(sub.Name.Split('-').Select(w => char.ToUpperInvariant(w[0]) + w[1..]));
            var operations = new List<ApiOperation>();
            if (sub.Get is not null)
            {
                operations.Add(Op("get", "get", $"read{subject}{suffix}", sub.Description ?? $"read {sub.Name} of the specified {resource.Kind}", [], null,
                    [new ApiResponse(Ok, "OK", null), new ApiResponse(Unauthorized, "Unauthorized", null)]));
            }

            if (sub.Create is not null)
            {
                operations.Add(Op("post", "post", $"create{subject}{suffix}", sub.Description ?? $"create {sub.Name} of the specified {resource.Kind}",
                    QueryParameters.Write, null, [new ApiResponse(Ok, "OK", null), new ApiResponse(Created, "Created", null), new ApiResponse(Unauthorized, "Unauthorized", null)]));
            }

            yield return new ApiPath($"{item}/{sub.Name}", [QueryParameters.Name(resource.Kind), .. scopeParameters, QueryParameters.Pretty], operations);
        }

        // Subresources read, replace and patch; their GVK is the Kind they exchange
        // (the object itself for status, autoscaling/v1 Scale for scale).
        ApiPath Subresource(string key, string suffix, string word, IReadOnlyList<ApiParameter> parameters,
            string bodySchema, GroupVersionKind gvk) => new(key, parameters,
        [
            Op("get", "get", $"read{subject}{suffix}", $"read {word} of the specified {resource.Kind}", [], null,
                Responses(Ok, bodySchema), gvk: gvk),
            Op("put", "put", $"replace{subject}{suffix}", $"replace {word} of the specified {resource.Kind}",
                QueryParameters.Write, Body(bodySchema), Responses(Ok, Created, bodySchema), gvk: gvk),
            Op("patch", "patch", $"patch{subject}{suffix}", $"partially update {word} of the specified {resource.Kind}",
                QueryParameters.Patch, PatchBody(word == "scale" ? MediaTypes.PatchesWithoutApply : patches), Responses(Ok, Created, bodySchema), gvk: gvk),
        ]);
    }

    private static ApiRequestBody Body(string schema) => new(schema, MediaTypes.Bodies, Required: true);

    private static ApiRequestBody DeleteBody() => new(OpenApiNames.DeleteOptions, MediaTypes.Bodies, Required: false);

    private static ApiRequestBody PatchBody(IReadOnlyList<string> types) => new(OpenApiNames.Patch, types, Required: true);

    private static ApiResponse[] Responses(string code, string schema) => ResponseList([code], schema);

    private static ApiResponse[] Responses(string first, string second, string schema) => ResponseList([first, second], schema);

    private static ApiResponse[] Responses(string first, string second, string third, string schema) =>
        ResponseList([first, second, third], schema);

    // Every operation also lists 401, as Kubernetes does, since any request may lack credentials.
    private static ApiResponse[] ResponseList(string[] codes, string schema) =>
        [.. codes.Select(code => new ApiResponse(code, Describe(code), schema)), new ApiResponse(Unauthorized, "Unauthorized", null)];

    private static string Describe(string code) => code switch
    {
        Ok => "OK",
        Created => "Created",
        Accepted => "Accepted",
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "No description for this status code."),
    };
}
