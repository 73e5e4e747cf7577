namespace ApiBuilder.Runtime.OpenApi;

/// <summary>
/// The query and path parameters Kubernetes declares per action, with the same names and types
/// (clients such as kubectl probe for them by name: a PATCH operation that declares
/// <c>fieldValidation</c> makes kubectl leave validation to the server). Lists are sorted by
/// name, as Kubernetes writes them.
/// </summary>
internal static class QueryParameters
{
    private const string String = "string";
    private const string Integer = "integer";
    private const string Boolean = "boolean";

    public static readonly ApiParameter Pretty = Query("pretty", String,
        "If 'true', the JSON response is indented for reading. Accepted on every request.");

    public static readonly ApiParameter Namespace = new("namespace", ApiParameter.InPath, String,
        "Namespace of the object: the scope in which its name is unique and access is granted, e.g. a team or project.",
        Required: true);

    private static readonly ApiParameter AllowWatchBookmarks = Query("allowWatchBookmarks", Boolean,
        "Ask a watch to include BOOKMARK events, which carry only a newer resourceVersion so a client can resume from it. " +
        "The server decides when (and whether) to send them. Ignored unless watching.");

    private static readonly ApiParameter Continue = Query("continue", String,
        "Opaque token from metadata.continue of a previous, limited list; returns the next chunk of the same query. " +
        "An expired token is answered with 410 Gone, after which the list has to start over. Not valid with watch.");

    private static readonly ApiParameter FieldSelector = Query("fieldSelector", String,
        "Only return objects whose fields match, e.g. metadata.name=example or metadata.namespace!=default. " +
        "Unset means no restriction.");

    private static readonly ApiParameter LabelSelector = Query("labelSelector", String,
        "Only return objects whose labels match, e.g. app=web,tier in (frontend,backend). Unset means no restriction.");

    private static readonly ApiParameter Limit = Query("limit", Integer,
        "Largest number of items to return. When more remain, the list's metadata.continue is set; send it back as " +
        "continue to get the next chunk, which comes from the same consistent snapshot. A chunk may hold fewer items " +
        "than asked for; only an empty continue means the end. Not valid with watch.");

    private static readonly ApiParameter ResourceVersion = Query("resourceVersion", String,
        "Which state of the data may answer the request. Unset: the most recent (a consistent read). \"0\": any " +
        "state the server has at hand. Any other value: interpreted as resourceVersionMatch says; for a watch, the " +
        "point after which changes are streamed. See https://kubernetes.io/docs/reference/using-api/api-concepts/#resource-versions.");

    private static readonly ApiParameter ResourceVersionMatch = Query("resourceVersionMatch", String,
        "How a list applies resourceVersion: NotOlderThan (at least that fresh) or Exact (exactly that state). " +
        "Only valid together with resourceVersion.");

    private static readonly ApiParameter SendInitialEvents = Query("sendInitialEvents", Boolean,
        "With watch=true, start the stream with a synthetic ADDED event per existing object, then a BOOKMARK annotated " +
        "\"k8s.io/initial-events-end\": \"true\", then the live changes. Requires resourceVersionMatch=NotOlderThan.");

    private static readonly ApiParameter TimeoutSeconds = Query("timeoutSeconds", Integer,
        "End the list or watch call after this many seconds, whether or not anything happened.");

    private static readonly ApiParameter Watch = Query("watch", Boolean,
        "Instead of returning a list, stream changes to the matching objects (ADDED, MODIFIED, DELETED, BOOKMARK " +
        "events) starting after resourceVersion.");

    private static readonly ApiParameter DryRun = Query("dryRun", String,
        "All: run every stage of the request (defaulting, validation, admission) and return the result without " +
        "persisting anything or notifying watchers. Any other value is rejected.");

    private static readonly ApiParameter FieldManager = Query("fieldManager", String,
        "Name of the client or actor making the change, used to record field ownership. At most 128 printable characters.");

    private static readonly ApiParameter FieldValidation = Query("fieldValidation", String,
        "What to do with fields of the request body that the schema does not know, or that appear twice. " +
        "Ignore: drop them silently. Warn (the default): drop them and return a Warning header for each. " +
        "Strict: reject the request with 400 Bad Request naming every such field.");

    private static readonly ApiParameter Force = Query("force", Boolean,
        "Take ownership of conflicting fields in a server-side apply request. Must be unset for other patch types, " +
        "which are the only ones this server accepts.");

    private static readonly ApiParameter GracePeriodSeconds = Query("gracePeriodSeconds", Integer,
        "Seconds to wait before the object is removed; 0 means immediately. Unset uses the resource's own default.");

    private static readonly ApiParameter OrphanDependents = Query("orphanDependents", Boolean,
        "Deprecated: use propagationPolicy. true leaves dependent objects in place (adding the orphan finalizer), " +
        "false lets them be collected. Do not combine with propagationPolicy.");

    private static readonly ApiParameter PropagationPolicy = Query("propagationPolicy", String,
        "How objects owned by this one are garbage-collected: Orphan leaves them, Background deletes them after the " +
        "owner is gone, Foreground deletes them before the owner. Unset uses the finalizers already present and the " +
        "resource's default. Do not combine with orphanDependents.");

    /// <summary>list and watch.</summary>
    public static readonly IReadOnlyList<ApiParameter> List =
    [
        AllowWatchBookmarks, Continue, FieldSelector, LabelSelector, Limit, ResourceVersion, ResourceVersionMatch,
        SendInitialEvents, TimeoutSeconds, Watch,
    ];

    /// <summary>create (post) and replace (put).</summary>
    public static readonly IReadOnlyList<ApiParameter> Write = [DryRun, FieldManager, FieldValidation];

    /// <summary>patch, including subresources.</summary>
    public static readonly IReadOnlyList<ApiParameter> Patch = [DryRun, FieldManager, FieldValidation, Force];

    /// <summary>delete of one object.</summary>
    public static readonly IReadOnlyList<ApiParameter> Delete = [DryRun, GracePeriodSeconds, OrphanDependents, PropagationPolicy];

    /// <summary>
    /// deletecollection: the delete options plus the list options that pick the victims. As in
    /// Kubernetes, the watch-only ones (watch, allowWatchBookmarks) are left out.
    /// </summary>
    public static readonly IReadOnlyList<ApiParameter> DeleteCollection =
    [
        Continue, DryRun, FieldSelector, GracePeriodSeconds, LabelSelector, Limit, OrphanDependents, PropagationPolicy,
        ResourceVersion, ResourceVersionMatch, SendInitialEvents, TimeoutSeconds,
    ];

    /// <summary>
    /// <paramref name="parameters"/> with a fieldSelector that names the resource's selectable fields (a CRD's
    /// <c>selectableFields</c>) besides the metadata ones, as its description; the same list when it has none.
    /// </summary>
    public static IReadOnlyList<ApiParameter> WithSelectableFields(IReadOnlyList<ApiParameter> parameters, IReadOnlyList<string> selectableFields)
    {
        if (selectableFields.Count == 0)
        {
            return parameters;
        }

        var fields = string.Join(", ", selectableFields.Select(Registry.SelectorFilter.Label));
        var described = FieldSelector with
        {
            Description = FieldSelector.Description + " Selectable fields: metadata.name, metadata.namespace, " + fields + ".",
        };
        return [.. parameters.Select(p => p == FieldSelector ? described : p)];
    }

    /// <summary>The <c>{name}</c> path parameter; Kubernetes names the Kind the path serves.</summary>
    public static ApiParameter Name(string kind) =>
        new("name", ApiParameter.InPath, String, $"name of the {kind}", Required: true);

    private static ApiParameter Query(string name, string type, string description) =>
        new(name, ApiParameter.InQuery, type, description);
}
