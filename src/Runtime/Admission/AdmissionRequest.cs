using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Resources;

namespace ApiBuilder.Runtime.Admission;

/// <summary>The operation being admitted.</summary>
public enum AdmissionOperation
{
    /// <summary>A new object.</summary>
    Create,

    /// <summary>A change to an existing object (update, patch, status write).</summary>
    Update,

    /// <summary>Removal of an object.</summary>
    Delete,
}

/// <summary>One request as admission plugins see it.</summary>
public sealed class AdmissionRequest
{
    /// <summary>Create, update or delete.</summary>
    public required AdmissionOperation Operation { get; init; }

    /// <summary>The resource addressed.</summary>
    public required ResourceDefinition Resource { get; init; }

    /// <summary>Subresource addressed (e.g. <c>status</c>), or empty.</summary>
    public string Subresource { get; init; } = "";

    /// <summary>Namespace of the object, empty for cluster-scoped resources.</summary>
    public string Namespace { get; init; } = "";

    /// <summary>Name of the object.</summary>
    public required string Name { get; init; }

    /// <summary>The object being written (the current object for deletes). Mutating plugins change it in place.</summary>
    public required JsonObject Object { get; init; }

    /// <summary>The stored object before this change; null on create.</summary>
    public JsonObject? OldObject { get; init; }

    /// <summary>Name of the authenticated user.</summary>
    public required string UserName { get; init; }

    /// <summary>Groups of the authenticated user.</summary>
    public IReadOnlyList<string> UserGroups { get; init; } = [];

    /// <summary>True when nothing will be persisted (<c>dryRun=All</c>).</summary>
    public bool DryRun { get; init; }

    /// <summary>Reads other objects served by this server, e.g. to check references.</summary>
    public required IObjectReader Objects { get; init; }

    /// <summary>
    /// The typed form of <see cref="Object"/> a Kind's hooks read while mutating, kept for its
    /// validation. The admission chain forgets it before each mutating plugin runs (any of them
    /// may change the object); validating plugins do not change the object.
    /// </summary>
    internal object? TypedObject { get; set; }
}
