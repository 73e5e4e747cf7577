namespace ApiBuilder.Runtime.Objects;

/// <summary><c>metav1.OwnerReference</c>: an object this object depends on.</summary>
public sealed class OwnerReference
{
    /// <summary>API version of the owner.</summary>
    public string ApiVersion { get; set; } = "";

    /// <summary>Kind of the owner.</summary>
    public string Kind { get; set; } = "";

    /// <summary>Name of the owner.</summary>
    public string Name { get; set; } = "";

    /// <summary>UID of the owner.</summary>
    public string Uid { get; set; } = "";

    /// <summary>True when the owner is the managing controller.</summary>
    public bool? Controller { get; set; }

    /// <summary>True when the owner cannot be deleted from the key-value store until this reference is removed.</summary>
    public bool? BlockOwnerDeletion { get; set; }
}
