using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Admission;
using ApiBuilder.Runtime.Errors;
using ApiBuilder.Runtime.Schema;
using ApiBuilder.Runtime.Storage;

namespace ApiBuilder.Runtime.Registry;

internal sealed partial class ResourceStore
{
    private const string GeneratedNameAlphabet = "bcdfghjklmnpqrstvwxz2456789";

    /// <summary>Creates an object; returns the stored object (or, for dry run, what would be stored).</summary>
    public async ValueTask<JsonObject> CreateAsync(string ns, JsonObject obj, WriteContext context, CancellationToken cancellationToken)
    {
        Decode(obj, context, fromPatch: false);
        var metadata = Meta.Of(obj);
        var bodyNamespace = Meta.Namespace(obj);
        if (Definition.Namespaced)
        {
            if (bodyNamespace.Length > 0 && bodyNamespace != ns)
            {
                throw ApiErrors.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
            }

            metadata["namespace"] = ns;
        }
        else
        {
            metadata.Remove("namespace");
        }

        if (Meta.ResourceVersion(obj).Length > 0)
        {
            throw ApiErrors.BadRequest("resourceVersion should not be set on objects to be created");
        }

        var generated = Meta.Name(obj).Length == 0 && Meta.Str(obj, "generateName").Length > 0;
        foreach (var field in (string[])["uid", "selfLink", "deletionTimestamp", "deletionGracePeriodSeconds", "managedFields"])
        {
            metadata.Remove(field);
        }

        metadata["uid"] = Guid.NewGuid().ToString();
        metadata["creationTimestamp"] = Now();
        metadata["generation"] = 1L;
        if (Definition.HasStatusSubresource)
        {
            // Status is written through the status subresource only.
            obj.Remove("status");
        }

        for (var attempt = 0; ; attempt++)
        {
            if (generated)
            {
                metadata["name"] = Meta.Str(obj, "generateName") + RandomSuffix();
            }

            SchemaDefaulter.Apply(obj, model.FullSchema);
            ValidateTypes(obj);
            var request = AdmissionFor(AdmissionOperation.Create, obj, null, context, "");
            await admission.MutateAsync(request, cancellationToken).ConfigureAwait(false);
            Validate(obj, null);
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

    private static string RandomSuffix()
    {
        Span<char> chars = stackalloc char[5];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = GeneratedNameAlphabet[Random.Shared.Next(GeneratedNameAlphabet.Length)];
        }

        return new string(chars);
    }
}
