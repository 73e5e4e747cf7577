namespace ApiBuilder.Generator.Model
{
    /// <summary>A valid Kind, with whether its version is the one objects are stored in, and how it takes part in conversion.</summary>
    /// <param name="HasConverter">The Kind has a version that converts through <c>IConvertsToStorage</c>: this version's definition gets the Kind's shared converter.</param>
    /// <param name="ConvertsToStorage">This version implements <c>IConvertsToStorage</c> for the Kind's storage version.</param>
    internal sealed record ResolvedKind(KindModel Model, bool IsStorageVersion, bool HasConverter, bool ConvertsToStorage)
    {
        public RegistrationEntry Registration => new(Model.FullName, Model.Namespace, Model.ClassName, Model.Group, Model.Kind, Model.Version,
            Model.IsDefaulted || Model.IsValidated, IsStorageVersion, HasConverter, ConvertsToStorage, Model.Storage);

        public DiscoveryResource Discovery => new(Model.FullName, Model.Group, Model.Version, Model.Kind, Model.Plural, Model.Singular,
            !Model.ClusterScoped, Model.ShortNames, Model.Categories, Model.StatusSubresource, Model.Scale is not null, IsStorageVersion);
    }

    /// <summary>What the registration needs of one Kind: names, hooks, its part in the Kind's conversion, and its own storage if any.</summary>
    internal sealed record RegistrationEntry(
        string FullName,
        string Namespace,
        string ClassName,
        string Group,
        string Kind,
        string Version,
        bool HasHooks,
        bool IsStorageVersion,
        bool HasConverter,
        bool ConvertsToStorage,
        StorageModel? Storage);
}
