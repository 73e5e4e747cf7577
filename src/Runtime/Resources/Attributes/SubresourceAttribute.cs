namespace ApiBuilder.Runtime.Resources;

/// <summary>
/// Marks a class that serves a custom subresource of <see cref="KindType"/>: the class has a
/// <c>public static ApiBuilder.Runtime.Rest.SubresourceDefinition Definition { get; }</c>, and the
/// source-generated <c>AddGeneratedResources()</c> registers it with
/// <see cref="Server.ApiServerBuilder.AddSubresource"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class SubresourceAttribute : Attribute
{
    /// <summary>Marks the subresource of <paramref name="kindType"/>.</summary>
    /// <param name="kindType">The <c>[Kind]</c> class (the version) it belongs to.</param>
    public SubresourceAttribute(Type kindType) => KindType = kindType;

    /// <summary>The <c>[Kind]</c> class (the version) the subresource belongs to.</summary>
    public Type KindType { get; }
}
