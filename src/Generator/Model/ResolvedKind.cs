namespace ApiBuilder.Generator.Model
{
    /// <summary>A valid Kind, with whether its version is the one objects are stored in.</summary>
    internal sealed record ResolvedKind(KindModel Model, bool IsStorageVersion)
    {
        public RegistrationEntry Registration => new(Model.FullName, Model.Namespace, Model.ClassName, Model.Group, Model.Kind, Model.Version,
            Model.IsDefaulted || Model.IsValidated);
    }

    /// <summary>What the registration needs of one Kind.</summary>
    internal sealed record RegistrationEntry(string FullName, string Namespace, string ClassName, string Group, string Kind, string Version, bool HasHooks);
}
