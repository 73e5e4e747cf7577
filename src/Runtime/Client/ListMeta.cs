namespace ApiBuilder.Runtime.Client;

/// <summary><c>metav1.ListMeta</c>: the metadata of a list response.</summary>
public sealed class ListMeta
{
    /// <summary>Resource version the list was read at; watch from here to see later changes.</summary>
    public string? ResourceVersion { get; set; }

    /// <summary>Token for the next page, when the list was limited.</summary>
    public string? Continue { get; set; }

    /// <summary>Number of items after this page, when the server knows it.</summary>
    public long? RemainingItemCount { get; set; }
}
