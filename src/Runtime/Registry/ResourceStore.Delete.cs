using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Admission;
using ApiBuilder.Runtime.Errors;
using ApiBuilder.Runtime.Storage;

namespace ApiBuilder.Runtime.Registry;

/// <summary>What a delete did: removed the object, or marked it for deletion because finalizers remain.</summary>
internal sealed record DeleteResult(JsonObject Object, bool Deleted);

internal sealed partial class ResourceStore
{
    /// <summary>
    /// Deletes an object: checks preconditions, then either removes it or, while finalizers
    /// remain, sets <c>deletionTimestamp</c> and leaves removal to the last finalizer's removal.
    /// </summary>
    public async ValueTask<DeleteResult> DeleteAsync(string ns, string name, DeleteOptions options, WriteContext context, CancellationToken cancellationToken)
    {
        var key = StorageKeys.ObjectKey(Definition, ns, name);
        for (var attempt = 0; ; attempt++)
        {
            var current = Present(await ReadAsync(key, cancellationToken).ConfigureAwait(false) ?? throw NotFound(name));
            CheckPreconditions(current.Value, options, name);
            await admission.ValidateAsync(AdmissionFor(AdmissionOperation.Delete, current.Value, current.Value, context, ""), cancellationToken).ConfigureAwait(false);

            try
            {
                if (Meta.Finalizers(current.Value).Count > 0)
                {
                    if (Meta.IsDeleting(current.Value))
                    {
                        return new DeleteResult(current.Value, false);
                    }

                    var marked = (JsonObject)current.Value.DeepClone();
                    var metadata = Meta.Of(marked);
                    metadata["deletionTimestamp"] = Now();
                    metadata["deletionGracePeriodSeconds"] = 0;
                    metadata["generation"] = Meta.Generation(current.Value) + 1;
                    if (options.DryRun || context.DryRun)
                    {
                        return new DeleteResult(marked, false);
                    }

                    var stored = await storage.UpdateAsync(key, ForStorage(marked), current.Revision, cancellationToken).ConfigureAwait(false);
                    return new DeleteResult(Present(stored.Value), false);
                }

                if (options.DryRun || context.DryRun)
                {
                    return new DeleteResult(current.Value, true);
                }

                var deleted = await storage.DeleteAsync(key, current.Revision, cancellationToken).ConfigureAwait(false);
                return new DeleteResult(Present(deleted.Value), true);
            }
            catch (StorageException e) when (e.Code is StorageErrorCode.Conflict && attempt < MaxConflictRetries)
            {
                // Changed between read and write: re-read and re-check preconditions.
            }
            catch (StorageException e) when (e.Code is StorageErrorCode.KeyNotFound)
            {
                throw NotFound(name);
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

    private void CheckPreconditions(JsonObject current, DeleteOptions options, string name)
    {
        if (options.PreconditionUid is { Length: > 0 } uid && uid != Meta.Uid(current))
        {
            throw Conflict(name, $"Precondition failed: UID in precondition: {uid}, UID in object meta: {Meta.Uid(current)}");
        }

        if (options.PreconditionResourceVersion is { Length: > 0 } rv && rv != Meta.ResourceVersion(current))
        {
            throw Conflict(name, $"Precondition failed: ResourceVersion in precondition: {rv}, ResourceVersion in object meta: {Meta.ResourceVersion(current)}");
        }
    }
}
