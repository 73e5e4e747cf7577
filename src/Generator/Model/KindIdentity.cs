namespace ApiBuilder.Generator.Model
{
    /// <summary>
    /// The part of a Kind that checks across Kinds need: names, the storage-version marker and the
    /// storage versions the class converts to (<c>IConvertsToStorage</c>).
    /// </summary>
    internal sealed record KindIdentity(
        string FullName,
        string Group,
        string Version,
        string Kind,
        string Plural,
        bool MarkedStorageVersion,
        EquatableArray<string> ConvertsToStorage);
}
