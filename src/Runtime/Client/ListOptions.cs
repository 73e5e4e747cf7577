namespace ApiBuilder.Runtime.Client;

/// <summary>Query options of list and watch (<c>metav1.ListOptions</c>); unset values are not sent.</summary>
public sealed record ListOptions
{
    /// <summary>Label selector, e.g. <c>app=web,tier!=db</c>.</summary>
    public string? LabelSelector { get; init; }

    /// <summary>Field selector, e.g. <c>metadata.name=x</c>.</summary>
    public string? FieldSelector { get; init; }

    /// <summary>Maximum number of items per page; 0 for all.</summary>
    public int Limit { get; init; }

    /// <summary>Continue token from the previous page.</summary>
    public string? Continue { get; init; }

    /// <summary>Resource version to list at or watch from.</summary>
    public string? ResourceVersion { get; init; }

    /// <summary>Ask the server for BOOKMARK events while watching.</summary>
    public bool AllowWatchBookmarks { get; init; }

    /// <summary>Ends a watch after this many seconds.</summary>
    public int? TimeoutSeconds { get; init; }
}
