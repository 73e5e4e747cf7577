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
        Decode(proposed, context, update.IsPatch);
        var old = current.Value;
        var metadata = Meta.Of(proposed);

        var bodyName = Meta.Name(proposed);
        if (bodyName.Length == 0)
        {
            metadata["name"] = name;
        }
        else if (bodyName != name)
        {
            throw ApiErrors.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({name})");
        }

        if (Definition.Namespaced)
        {
            var bodyNamespace = Meta.Namespace(proposed);
            if (bodyNamespace.Length > 0 && bodyNamespace != ns)
            {
                throw ApiErrors.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
            }

            metadata["namespace"] = ns;
        }

        var requestedVersion = Meta.ResourceVersion(proposed);
        if (requestedVersion.Length == 0)
        {
            if (!update.IsPatch)
            {
                throw ApiErrors.Invalid(Definition.Group, Definition.Kind, name,
                    [new StatusCause("FieldValueInvalid", "Invalid value: 0: must be specified for an update", "metadata.resourceVersion")]);
            }
        }
        else if (requestedVersion != Meta.ResourceVersion(old))
        {
            throw Conflict(name, ApiErrors.OptimisticLockMessage);
        }

        if (update.Subresource == "status")
        {
            // The status subresource changes status only; everything else comes from the stored object.
            var status = proposed["status"]?.DeepClone();
            proposed = (JsonObject)old.DeepClone();
            if (status is null)
            {
                proposed.Remove("status");
            }
            else
            {
                proposed["status"] = status;
            }

            metadata = Meta.Of(proposed);
        }
        else if (Definition.HasStatusSubresource)
        {
            var status = old["status"]?.DeepClone();
            if (status is null)
            {
                proposed.Remove("status");
            }
            else
            {
                proposed["status"] = status;
            }
        }

        ResetServerOwnedFields(proposed, old);
        SchemaDefaulter.Apply(proposed, model.FullSchema);
        ValidateTypes(proposed);
        var request = AdmissionFor(AdmissionOperation.Update, proposed, old, context, update.Subresource);
        await admission.MutateAsync(request, cancellationToken).ConfigureAwait(false);
        Validate(proposed, old);
        await admission.ValidateAsync(request, cancellationToken).ConfigureAwait(false);

        if (SpecChanged(proposed, old))
        {
            metadata["generation"] = Meta.Generation(old) + 1;
        }

        metadata["resourceVersion"] = Meta.ResourceVersion(old);
        return proposed;
    }

    /// <summary>Fields clients cannot change: kept from the stored object (uid only when the client left it empty, so a different one fails validation).</summary>
    private static void ResetServerOwnedFields(JsonObject proposed, JsonObject old)
    {
        var metadata = Meta.Of(proposed);
        if (Meta.Uid(proposed).Length == 0)
        {
            Meta.CopyField(old, proposed, "uid");
        }

        foreach (var field in (string[])["creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation"])
        {
            Meta.CopyField(old, proposed, field);
        }

        metadata.Remove("selfLink");
        metadata.Remove("managedFields");
    }

    private bool SpecChanged(JsonObject proposed, JsonObject old)
    {
        var fields = proposed.Select(p => p.Key).Concat(old.Select(p => p.Key)).Distinct();
        return fields.Where(model.CountsForGeneration).Any(f => !JsonNode.DeepEquals(proposed[f], old[f]));
    }
}
