using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Resources;
using ApiBuilder.Runtime.Schema;

namespace ApiBuilder.Runtime.Registry;

/// <summary>A served resource with what is derived once from its definition.</summary>
internal sealed class ResourceModel(ResourceDefinition definition, ResourceDefinition? storageVersion = null)
{
    public ResourceDefinition Definition { get; } = definition;

    /// <summary>The group-version objects of this Kind are persisted in.</summary>
    public string StorageGroupVersion { get; } = (storageVersion ?? definition).GroupVersion;

    /// <summary>Converter between versions of the Kind; null when only apiVersion differs.</summary>
    public ObjectConverter? Converter { get; } = definition.Converter ?? storageVersion?.Converter;

    /// <summary>The Kind's schema with apiVersion, kind and metadata added.</summary>
    public JsonObject FullSchema { get; } = ObjectMetaSchema.Compose(definition.Schema);

    /// <summary>Field management (managedFields, server-side apply) with the type computed once from <see cref="FullSchema"/>.</summary>
    public ManagedFields.FieldManager FieldManager => fieldManager ??= new(
        ManagedFields.FieldTypeBuilder.ForDefinition(Definition, FullSchema), Definition.GroupVersion, Definition.Kind, Definition.HasStatusSubresource);

    private ManagedFields.FieldManager? fieldManager;

    /// <summary>Fields of the object that are neither metadata nor (with a status subresource) status: changes to them bump generation.</summary>
    public bool CountsForGeneration(string topLevelField) =>
        topLevelField is not ("metadata" or "apiVersion" or "kind") && !(Definition.HasStatusSubresource && topLevelField == "status");
}
