namespace ApiBuilder.Runtime.ManagedFields;

/// <summary>
/// Who an entry of <c>managedFields</c> belongs to, as kube-apiserver identifies managers: manager name,
/// operation and subresource, plus the apiVersion for Update operations (an applier is one manager whatever
/// version it applies in).
/// </summary>
internal readonly record struct ManagerKey(string Manager, string Operation, string ApiVersion, string Subresource)
{
    public const string Apply = "Apply";
    public const string Update = "Update";

    public static ManagerKey ForApply(string manager, string subresource) => new(manager, Apply, "", subresource);

    public static ManagerKey ForUpdate(string manager, string apiVersion, string subresource) => new(manager, Update, apiVersion, subresource);

    public bool IsApply => Operation == Apply;

    /// <summary>The manager as conflict messages name it: <c>"name"</c>, with its subresource, and <c>using v1</c> for updaters.</summary>
    public string Describe()
    {
        var text = Quote(Manager);
        if (Subresource.Length > 0)
        {
            text += " with subresource " + Quote(Subresource);
        }

        return IsApply ? text : text + " using " + ApiVersion;
    }

    private static string Quote(string s)
    {
        var text = new System.Text.StringBuilder();
        CanonicalJson.WriteString(s, text);
        return text.ToString();
    }
}
