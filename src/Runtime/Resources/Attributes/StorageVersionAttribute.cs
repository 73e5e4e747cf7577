namespace ApiBuilder.Runtime.Resources;

/// <summary>
/// Marks the version a Kind is persisted in, when the Kind is served in several versions (one
/// class per version, each with its own <see cref="KindAttribute"/> and the same group and
/// Kind name). Exactly one version of such a Kind carries this attribute; a Kind served in a
/// single version is stored in it without the attribute.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class StorageVersionAttribute : Attribute
{
}
