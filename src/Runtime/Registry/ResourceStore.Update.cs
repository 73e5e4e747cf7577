using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Admission;
using ApiBuilder.Runtime.Errors;
using ApiBuilder.Runtime.Schema;
using ApiBuilder.Runtime.Storage;

namespace ApiBuilder.Runtime.Registry;

/// <summary>How an update produces the proposed object from the current one.</summary>
/// <param name="Produce">Returns the proposed object (a new instance) from the current stored object.</param>
/// <param name="IsPatch">Patches may omit resourceVersion (no precondition) and are retried on storage conflicts.</param>
/// <param name="Subresource">Empty for the main resource, or <c>status</c>.</param>
internal sealed record UpdateRequest(Func<JsonObject, JsonObject> Produce, bool IsPatch, string Subresource = "");

internal sealed partial class ResourceStore
{
    /// <summary>
    /// Updates an object with optimistic concurrency, as GuaranteedUpdate does: read, produce the
    /// new object, run the update pipeline and compare-and-swap; patches without a
    /// resourceVersion retry on conflicts.
    /// </summary>
    public async ValueTask<JsonObject> UpdateAsync(string ns, string name, UpdateRequest update, WriteContext context, CancellationToken cancellationToken)
    {
        var key = StorageKeys.ObjectKey(Definition, ns, name);
        for (var attempt = 0; ; attempt++)
        {
            var stored = await ReadAsync(key, cancellationToken).ConfigureAwait(false) ?? throw NotFound(name);
            var current = Present(stored);
            var proposed = update.Produce(current.Value);
            var result = await PrepareUpdateAsync(current, proposed, ns, name, update, context, cancellationToken).ConfigureAwait(false);
            if (result is null || JsonNode.DeepEquals(result, current.Value))
            {
                return current.Value;
            }

            if (context.DryRun)
            {
                return result;
            }

            try
            {
                if (Meta.IsDeleting(result) && Meta.Finalizers(result).Count == 0)
                {
                    await storage.DeleteAsync(key, current.Revision, cancellationToken).ConfigureAwait(false);
                    return result;
                }

                var written = await storage.UpdateAsync(key, ForStorage(result), current.Revision, cancellationToken).ConfigureAwait(false);
                return Present(written.Value);
            }
            catch (StorageException e) when (e.Code is StorageErrorCode.Conflict or StorageErrorCode.KeyNotFound)
            {
                if (!update.IsPatch || attempt >= MaxConflictRetries)
                {
                    throw e.Code == StorageErrorCode.KeyNotFound ? NotFound(name) : Conflict(name, ApiErrors.OptimisticLockMessage);
                }
            }
            catch (StorageException e) when (e.Code == StorageErrorCode.Unavailable)
            {
                throw StorageUnavailable(e);
            }
            catch (StorageException e) when (e.Code == StorageErrorCode.TooLarge)
            {
                throw TooLargeToStore(e);
            }
        }
    }

    private async ValueTask<JsonObject?> PrepareUpdateAsync(
        StoredObject current, JsonObject proposed, string ns, string name, UpdateRequest update, WriteContext context, CancellationToken cancellationToken)
    {
        var strategy = update.Subresource == "status" ? statusStrategy : this.strategy;
        var old = current.Value;
        proposed = strategy.PrepareForUpdate(proposed, old, ns, name, update.IsPatch, context);
        SchemaDefaulter.Apply(proposed, model.FullSchema);
        strategy.ValidateTypes(proposed);
        var request = AdmissionFor(AdmissionOperation.Update, proposed, old, context, update.Subresource);
        await admission.MutateAsync(request, cancellationToken).ConfigureAwait(false);
        strategy.Validate(proposed, old);
        await admission.ValidateAsync(request, cancellationToken).ConfigureAwait(false);
        strategy.AfterUpdate(proposed, old);
        return proposed;
    }
}
