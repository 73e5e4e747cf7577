using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Admission;
using ApiBuilder.Runtime.Errors;
using ApiBuilder.Runtime.Schema;
using ApiBuilder.Runtime.Storage;

namespace ApiBuilder.Runtime.Registry;

internal sealed partial class ResourceStore
{
    /// <summary>Creates an object; returns the stored object (or, for dry run, what would be stored).</summary>
    public async ValueTask<JsonObject> CreateAsync(string ns, JsonObject obj, WriteContext context, CancellationToken cancellationToken)
    {
        strategy.Decode(obj, context, fromPatch: false);
        var generated = strategy.PrepareForCreate(obj, ns);
        var metadata = Meta.Of(obj);
        for (var attempt = 0; ; attempt++)
        {
            if (generated)
            {
                metadata["name"] = ResourceStrategy.GenerateName(Meta.Str(obj, "generateName"));
            }

            SchemaDefaulter.Apply(obj, model.FullSchema);
            if (!context.ManagedFieldsPrepared)
            {
                model.FieldManager.Update(null, obj, context.FieldManager, "", Now());
            }

            strategy.ValidateTypes(obj);
            var request = AdmissionFor(AdmissionOperation.Create, obj, null, context, "");
            await admission.MutateAsync(request, cancellationToken).ConfigureAwait(false);
            strategy.Validate(obj, null);
            await admission.ValidateAsync(request, cancellationToken).ConfigureAwait(false);

            var key = StorageKeys.ObjectKey(Definition, ns, Meta.Name(obj));
            if (context.DryRun)
            {
                var existing = await ReadAsync(key, cancellationToken).ConfigureAwait(false);
                if (existing is not null)
                {
                    throw AlreadyExists(Meta.Name(obj), existing);
                }

                return obj;
            }

            try
            {
                var stored = await storage.CreateAsync(key, ForStorage(obj), cancellationToken).ConfigureAwait(false);
                return Present(stored.Value);
            }
            catch (StorageException e) when (e.Code == StorageErrorCode.KeyExists)
            {
                if (generated && attempt < 8)
                {
                    continue;
                }

                var existing = await ReadAsync(key, cancellationToken).ConfigureAwait(false);
                throw AlreadyExists(Meta.Name(obj), existing);
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

    private StatusException AlreadyExists(string name, StoredObject? existing)
    {
        var prefix = existing is not null && Meta.IsDeleting(existing.Value) ? "object is being deleted: " : null;
        return ApiErrors.AlreadyExists(Definition.Group, Definition.Plural, name, prefix);
    }
}
