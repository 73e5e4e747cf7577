namespace ApiBuilder.Generator.Model
{
    /// <summary>The part of a Kind that checks across Kinds need: names and the storage-version marker.</summary>
    internal sealed record KindIdentity(string FullName, string Group, string Version, string Kind, string Plural, bool MarkedStorageVersion);
}
