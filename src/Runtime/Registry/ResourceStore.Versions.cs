using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Errors;
using ApiBuilder.Runtime.Storage;

namespace ApiBuilder.Runtime.Registry;

internal sealed partial class ResourceStore
{
    /// <summary>A stored object as this store's version shows it (stored objects are in the storage version).</summary>
    public JsonObject Present(JsonObject stored) => ToVersion(stored, Definition.GroupVersion);

    private StoredObject Present(StoredObject stored) =>
        stored.HasApiVersion(Definition.GroupVersion) ? stored : stored with { Value = Present(stored.Value) };

    /// <summary>An object of this store's version converted to the storage version.</summary>
    private JsonObject ForStorage(JsonObject obj) => ToVersion(obj, model.StorageGroupVersion);

    private JsonObject ToVersion(JsonObject obj, string groupVersion)
    {
        var from = obj["apiVersion"]?.GetValue<string>();
        if (from == groupVersion)
        {
            return obj;
        }

        var copy = (JsonObject)obj.DeepClone();
        JsonObject converted;
        try
        {
            converted = model.Converter is { } convert ? convert(copy, groupVersion) : copy;
        }
        catch (Exception e) when (e is not StatusException)
        {
            throw ApiErrors.Internal($"conversion of {Definition.Kind} \"{Meta.Name(obj)}\" from {from} to {groupVersion} failed: {e.Message}");
        }

        converted["apiVersion"] = groupVersion;
        converted["kind"] = Definition.Kind;
        return converted;
    }
}
