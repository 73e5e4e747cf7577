namespace ApiBuilder.Generator.Model
{
    /// <summary>
    /// Everything the emitters need about one Kind class, as values only: no symbols, syntax or
    /// locations, so that equal input gives an equal model and the pipeline stops there.
    /// </summary>
    /// <param name="ConvertsToStorage">
    /// The <c>global::</c> names of the <c>TStorage</c> of every <c>IConvertsToStorage&lt;TSelf, TStorage&gt;</c>
    /// the class implements for itself; the conversion is used when one of them is the Kind's storage version.
    /// </param>
    /// <param name="Storage">The class of a valid <c>[Storage]</c> attribute, or null: served from the server's storage.</param>
    internal sealed record KindModel(
        string Namespace,
        string ClassName,
        string FullName,
        bool IsPublic,
        string Group,
        string Version,
        string Kind,
        string Plural,
        string Singular,
        bool ClusterScoped,
        EquatableArray<string> ShortNames,
        EquatableArray<string> Categories,
        EquatableArray<PrinterColumnModel> PrinterColumns,
        bool StatusSubresource,
        ScaleModel? Scale,
        bool MarkedStorageVersion,
        string? Description,
        bool HasTemplate,
        EquatableArray<PropertyModel> Properties,
        EquatableArray<ObjectTypeModel> ObjectTypes,
        EquatableArray<EnumTypeModel> EnumTypes,
        bool IsDefaulted,
        bool IsValidated,
        EquatableArray<string> ConvertsToStorage,
        EquatableArray<string> SelectableFields,
        StorageModel? Storage)
    {
        public string GroupVersion => Group + "/" + Version;

        public KindIdentity Identity => new(FullName, Group, Version, Kind, Plural, MarkedStorageVersion, ConvertsToStorage);
    }
}
