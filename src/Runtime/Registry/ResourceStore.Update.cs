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
internal sealed record UpdateRequest(Func<JsonObject, JsonObject> Produce, bool IsPatch, string Subresource = "")
{
    /// <summary>A server-side apply: the configuration replaces <see cref="Produce"/>, and a missing object is created.</summary>
    public ApplyRequest? Apply { get; init; }

    /// <summary>The subresource managedFields record the write under (<c>status</c>, <c>scale</c>); by default <see cref="Subresource"/>.</summary>
    public string? ManagedFieldsSubresource { get; init; }

    public string TrackedSubresource => ManagedFieldsSubresource ?? Subresource;
}

/// <summary>A server-side apply: the applied configuration (already decoded and pruned) and <c>force</c>.</summary>
internal sealed record ApplyRequest(JsonObject Config, bool Force);

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
        if (update.Apply is { } configuration)
        {
            // The applied configuration is decoded once: unknown fields dropped or refused as fieldValidation asks.
            (update.Subresource == "status" ? statusStrategy : strategy).Decode(configuration.Config, context, fromPatch: true);
        }

        for (var attempt = 0; ; attempt++)
        {
            var stored = await ReadAsync(key, cancellationToken).ConfigureAwait(false);
            if (stored is null)
            {
                if (update.Apply is { } apply && update.Subresource.Length == 0)
                {
                    // An apply to a missing object creates it; another writer creating it first makes this an update.
                    var created = await CreateByApplyAsync(ns, name, apply, context, cancellationToken).ConfigureAwait(false);
                    if (created is not null)
                    {
                        return created;
                    }

                    if (attempt >= MaxConflictRetries)
                    {
                        throw Conflict(name, ApiErrors.OptimisticLockMessage);
                    }

                    continue;
                }

                throw NotFound(name);
            }

            var current = Present(stored);
            var proposed = update.Apply is { } applied
                ? model.FieldManager.Apply(current.Value, (JsonObject)applied.Config.DeepClone(), context.FieldManager, update.TrackedSubresource, applied.Force, Now())
                : update.Produce(current.Value);
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
        var applied = update.Apply is null ? null : proposed["metadata"]?["managedFields"]?.DeepClone();
        proposed = strategy.PrepareForUpdate(proposed, old, ns, name, update.IsPatch, context);
        SchemaDefaulter.Apply(proposed, model.FullSchema);
        if (update.Apply is null)
        {
            model.FieldManager.Update(old, proposed, context.FieldManager, update.TrackedSubresource, Now());
        }
        else if (applied is null)
        {
            Meta.Of(proposed).Remove("managedFields");
        }
        else
        {
            // The status strategy starts from the stored object: the apply's managedFields are carried over.
            Meta.Of(proposed)["managedFields"] = applied;
        }
        strategy.ValidateTypes(proposed);
        var request = AdmissionFor(AdmissionOperation.Update, proposed, old, context, update.Subresource);
        await admission.MutateAsync(request, cancellationToken).ConfigureAwait(false);
        strategy.Validate(proposed, old);
        await admission.ValidateAsync(request, cancellationToken).ConfigureAwait(false);
        strategy.AfterUpdate(proposed, old);
        return proposed;
    }

    /// <summary>Creates the object an apply names; null when it exists by now (the apply then updates it).</summary>
    private async ValueTask<JsonObject?> CreateByApplyAsync(string ns, string name, ApplyRequest apply, WriteContext context, CancellationToken cancellationToken)
    {
        var bodyName = Meta.Name(apply.Config);
        if (bodyName.Length > 0 && bodyName != name)
        {
            throw ApiErrors.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({name})");
        }

        var obj = model.FieldManager.Apply(null, (JsonObject)apply.Config.DeepClone(), context.FieldManager, "", apply.Force, Now());
        Meta.Of(obj)["name"] = name;
        var warnings = context.Warnings.Count;
        try
        {
            var created = await CreateAsync(ns, obj, context with { ManagedFieldsPrepared = true }, cancellationToken).ConfigureAwait(false);
            context.Created = true;
            return created;
        }
        catch (StatusException e) when (e.Status.Reason == "AlreadyExists")
        {
            // Created meanwhile: the apply becomes an update, which warns for itself.
            context.Warnings.RemoveRange(warnings, context.Warnings.Count - warnings);
            return null;
        }
    }
}
