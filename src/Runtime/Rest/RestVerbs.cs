namespace ApiBuilder.Runtime.Rest;

/// <summary>The Kubernetes verbs a REST storage serves, as discovery lists them (sorted).</summary>
internal static class RestVerbs
{
    /// <summary>Every verb of a fully stored resource.</summary>
    public static IReadOnlyList<string> All { get; } = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

    public static IReadOnlyList<string> Of(IRestStorage storage)
    {
        var verbs = new List<string>();
        if (storage is IRestCreater)
        {
            verbs.Add("create");
        }

        if (storage is IRestGracefulDeleter)
        {
            verbs.Add("delete");
        }

        if (storage is IRestCollectionDeleter)
        {
            verbs.Add("deletecollection");
        }

        if (storage is IRestGetter)
        {
            verbs.Add("get");
        }

        if (storage is IRestLister)
        {
            verbs.Add("list");
        }

        if (storage is IRestUpdater)
        {
            verbs.Add("patch");
            verbs.Add("update");
        }

        if (storage is IRestWatcher)
        {
            verbs.Add("watch");
        }

        return verbs.SequenceEqual(All) ? All : verbs;
    }
}
