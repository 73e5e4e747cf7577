using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Errors;
using ApiBuilder.Runtime.Resources;
using ApiBuilder.Runtime.Schema;
using ApiBuilder.Runtime.Serialization;
using ApiBuilder.Runtime.Validation;

namespace ApiBuilder.Runtime.Registry;

/// <summary>
/// How a stored resource's objects are prepared and validated on create and update, as k8s.io/apiserver's
/// <c>RESTCreateStrategy</c> and <c>RESTUpdateStrategy</c>: server-owned metadata, the spec/status split,
/// generation, schema and metadata validation. <see cref="ResourceStore"/> runs the steps around defaulting
/// and admission; <see cref="StatusStrategy"/> is the status subresource's variant.
/// </summary>
internal partial class ResourceStrategy(ResourceModel model, TimeProvider time)
{
    private const string GeneratedNameAlphabet = "bcdfghjklmnpqrstvwxz2456789";

    public ResourceDefinition Definition => model.Definition;

    /// <summary>A name from <c>generateName</c>: the prefix and five random characters, as Kubernetes' name generator.</summary>
    public static string GenerateName(string prefix)
    {
        Span<char> chars = stackalloc char[5];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = GeneratedNameAlphabet[Random.Shared.Next(GeneratedNameAlphabet.Length)];
        }

        return prefix + new string(chars);
    }

    /// <summary>What admission plugins see of a write.</summary>
    public Admission.AdmissionRequest AdmissionFor(
        Admission.AdmissionOperation operation, JsonObject obj, JsonObject? old, WriteContext context, string subresource, Admission.IObjectReader objects) => new()
    {
        Operation = operation,
        Resource = Definition,
        Subresource = subresource,
        Namespace = Meta.Namespace(obj),
        Name = Meta.Name(obj),
        Object = obj,
        OldObject = old,
        UserName = context.UserName,
        UserGroups = context.UserGroups,
        DryRun = context.DryRun,
        Objects = objects,
    };

    /// <summary>
    /// PrepareForCreate: the namespace from the URL, server-owned fields set anew, status dropped when it has a
    /// subresource of its own. Returns whether the name is still to be generated from <c>generateName</c>.
    /// </summary>
    public bool PrepareForCreate(JsonObject obj, string ns)
    {
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
        foreach (var field in (string[])["uid", "selfLink", "deletionTimestamp", "deletionGracePeriodSeconds"])
        {
            metadata.Remove(field);
        }

        metadata["uid"] = Guid.NewGuid().ToString();
        metadata["creationTimestamp"] = Meta.Timestamp(time.GetUtcNow());
        metadata["generation"] = 1L;
        if (Definition.HasStatusSubresource)
        {
            // Status is written through the status subresource only.
            obj.Remove("status");
        }

        return generated;
    }

    /// <summary>
    /// PrepareForUpdate: decodes the proposed object, checks its name, namespace and resourceVersion against the
    /// request and the stored object, splits spec from status, and keeps server-owned fields. Returns the object
    /// to go on with (the status strategy builds a new one).
    /// </summary>
    public JsonObject PrepareForUpdate(JsonObject proposed, JsonObject old, string ns, string name, bool isPatch, WriteContext context)
    {
        Decode(proposed, context, isPatch);
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
            if (!isPatch)
            {
                throw ApiErrors.Invalid(Definition.Group, Definition.Kind, name,
                    [new StatusCause("FieldValueInvalid", "Invalid value: 0: must be specified for an update", "metadata.resourceVersion")]);
            }
        }
        else if (requestedVersion != Meta.ResourceVersion(old))
        {
            throw ApiErrors.Conflict(Definition.Group, Definition.Plural, name, ApiErrors.OptimisticLockMessage);
        }

        proposed = SplitStatus(proposed, old);
        ResetServerOwnedFields(proposed, old);
        return proposed;
    }

    /// <summary>After validation: a new generation when the spec changed, and the stored resourceVersion for the compare-and-swap.</summary>
    public void AfterUpdate(JsonObject proposed, JsonObject old)
    {
        var metadata = Meta.Of(proposed);
        if (SpecChanged(proposed, old))
        {
            metadata["generation"] = Meta.Generation(old) + 1;
        }

        metadata["resourceVersion"] = Meta.ResourceVersion(old);
    }

    /// <summary>An update of the resource itself keeps the stored status when status has a subresource of its own.</summary>
    protected virtual JsonObject SplitStatus(JsonObject proposed, JsonObject old)
    {
        if (Definition.HasStatusSubresource)
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

        return proposed;
    }
}

/// <summary>The status subresource's strategy (<c>StatusStrategy</c>): an update changes status only; everything else comes from the stored object.</summary>
internal sealed class StatusStrategy(ResourceModel model, TimeProvider time) : ResourceStrategy(model, time)
{
    protected override JsonObject SplitStatus(JsonObject proposed, JsonObject old)
    {
        var status = proposed["status"]?.DeepClone();
        var result = (JsonObject)old.DeepClone();
        if (status is null)
        {
            result.Remove("status");
        }
        else
        {
            result["status"] = status;
        }

        return result;
    }
}
