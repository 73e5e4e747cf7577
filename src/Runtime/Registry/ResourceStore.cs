using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Admission;
using ApiBuilder.Runtime.Errors;
using ApiBuilder.Runtime.Resources;
using ApiBuilder.Runtime.Schema;
using ApiBuilder.Runtime.Serialization;
using ApiBuilder.Runtime.Storage;
using ApiBuilder.Runtime.Validation;

namespace ApiBuilder.Runtime.Registry;

/// <summary>
/// The generic registry of one resource, as k8s.io/apiserver's registry store: turns API
/// semantics (server-owned metadata, generation, status split, finalizers, preconditions,
/// admission, dry run, field validation) into storage operations.
/// </summary>
internal sealed partial class ResourceStore(ResourceModel model, IStorage storage, AdmissionChain admission, TimeProvider time)
    : Rest.IRestWatcher, Rest.IRestCreater, Rest.IRestUpdater, Rest.IRestCollectionDeleter
{
    // Patches without a resourceVersion retry on write conflicts, as GuaranteedUpdate does; bounded so a hot object cannot spin forever.
    private const int MaxConflictRetries = 64;

    private readonly ResourceStrategy strategy = new(model, time);
    private readonly ResourceStrategy statusStrategy = new StatusStrategy(model, time);

    public ResourceDefinition Definition => model.Definition;

    public async ValueTask<StoredObject> GetAsync(string ns, string name, CancellationToken cancellationToken) =>
        Present(await ReadAsync(StorageKeys.ObjectKey(Definition, ns, name), cancellationToken).ConfigureAwait(false)
        ?? throw NotFound(name));

    private async ValueTask<StoredObject?> ReadAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            return await storage.GetAsync(key, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageException e) when (e.Code == StorageErrorCode.Unavailable)
        {
            throw StorageUnavailable(e);
        }
    }

    internal StatusException NotFound(string name) => ApiErrors.NotFound(Definition.Group, Definition.Plural, name);

    /// <summary>413: the backend refused to store the object for its size.</summary>
    internal static StatusException TooLargeToStore(StorageException e) =>
        ApiErrors.RequestEntityTooLarge("the object is too large to store: " + e.Message);

    internal static StatusException StorageUnavailable(StorageException e) =>
        ApiErrors.ServiceUnavailable("storage is unavailable: " + e.Message);

    private StatusException Conflict(string name, string why) => ApiErrors.Conflict(Definition.Group, Definition.Plural, name, why);

    private AdmissionRequest AdmissionFor(AdmissionOperation operation, JsonObject obj, JsonObject? old, WriteContext context, string subresource) =>
        strategy.AdmissionFor(operation, obj, old, context, subresource, admission.Reader);

    private string Now() => Meta.Timestamp(time.GetUtcNow());
}
