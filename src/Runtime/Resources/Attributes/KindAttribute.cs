namespace ApiBuilder.Runtime.Resources;

/// <summary>
/// Declares a Kind: the class it is placed on is served by the API server in one group-version.
/// The class must be <c>partial</c>; ApiBuilder's source generator adds the
/// <see cref="ResourceDefinition"/> (with the OpenAPI schema computed from the class's
/// properties), JSON (de)serialization, a typed client, a controller stub and the registration
/// extension <c>AddGeneratedResources()</c>.
/// </summary>
/// <example>
/// <code>
/// [Kind("wardle.example.com", "v1alpha1", ShortNames = ["fl"])]
/// public partial class Flunder
/// {
///     public FlunderSpec Spec { get; set; } = new();
///     public FlunderStatus? Status { get; set; }
/// }
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class KindAttribute : Attribute
{
    /// <summary>Declares a Kind in <paramref name="group"/>/<paramref name="version"/>.</summary>
    /// <param name="group">API group: a DNS subdomain with at least one dot, e.g. <c>wardle.example.com</c>.</param>
    /// <param name="version">API version, e.g. <c>v1</c>, <c>v1beta1</c> or <c>v1alpha1</c>.</param>
    public KindAttribute(string group, string version)
    {
        Group = group;
        Version = version;
    }

    /// <summary>API group, e.g. <c>wardle.example.com</c>.</summary>
    public string Group { get; }

    /// <summary>API version, e.g. <c>v1alpha1</c>.</summary>
    public string Version { get; }

    /// <summary>Kind name in PascalCase; defaults to the class name.</summary>
    public string? Kind { get; set; }

    /// <summary>Plural resource name used in URLs; defaults to the lower-cased Kind with an English plural ending (<c>flunders</c>, <c>policies</c>, <c>classes</c>).</summary>
    public string? Plural { get; set; }

    /// <summary>Singular resource name; defaults to the lower-cased Kind.</summary>
    public string? Singular { get; set; }

    /// <summary>Namespaced (the default) or cluster-scoped.</summary>
    public ResourceScope Scope { get; set; } = ResourceScope.Namespaced;

    /// <summary>Short names kubectl accepts, e.g. <c>fl</c>.</summary>
    public string[]? ShortNames { get; set; }

    /// <summary>Categories such as <c>all</c>, so that <c>kubectl get all</c> lists the Kind.</summary>
    public string[]? Categories { get; set; }
}
