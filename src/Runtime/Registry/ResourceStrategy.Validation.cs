using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Errors;
using ApiBuilder.Runtime.Resources;
using ApiBuilder.Runtime.Schema;
using ApiBuilder.Runtime.Serialization;
using ApiBuilder.Runtime.Validation;

namespace ApiBuilder.Runtime.Registry;

/// <summary>Decoding (type, field validation), and validation against the schema and Kubernetes' metadata rules.</summary>
internal partial class ResourceStrategy
{
    /// <summary>
    /// Checks the body's type, drops unknown fields and applies <c>fieldValidation</c>: Strict
    /// rejects unknown or duplicate fields, Warn reports them, Ignore drops them silently.
    /// </summary>
    public void Decode(JsonObject obj, WriteContext context, bool fromPatch)
    {
        var d = Definition;
        foreach (var field in (string[])["apiVersion", "kind"])
        {
            if (JsonText.IsNonString(obj[field]))
            {
                throw ApiErrors.BadRequest($"the object provided is unrecognized (must be of type {d.Kind}): {field} must be a string, got {obj[field]!.ToJsonString()}");
            }
        }

        if (ObjectMetaInt64Fields.FirstMisfit(obj) is { } misfit)
        {
            // A patch that produces such a value fails as kube-apiserver's patcher reports it: Invalid on "patch".
            throw fromPatch
                ? ApiErrors.Invalid(d.Group, d.Kind, Meta.Name(obj),
                    [new StatusCause("FieldValueInvalid", $"Invalid value: \"{misfit.Field}: {misfit.Value.ToJsonString()}\": {misfit.Error}", "patch")])
                : ApiErrors.BadRequest($"{d.Kind} in version \"{d.Version}\" cannot be handled as a {d.Kind}: {misfit.Error}");
        }

        var apiVersion = JsonText.Of(obj["apiVersion"]);
        var kind = JsonText.Of(obj["kind"]);
        if (!string.IsNullOrEmpty(apiVersion) && apiVersion != d.GroupVersion)
        {
            throw ApiErrors.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({d.GroupVersion})");
        }

        if (!string.IsNullOrEmpty(kind) && kind != d.Kind)
        {
            throw ApiErrors.BadRequest($"the kind in the data ({kind}) does not match the expected kind ({d.Kind})");
        }

        obj["apiVersion"] = d.GroupVersion;
        obj["kind"] = d.Kind;

        var unknown = new List<string>();
        SchemaPruner.Prune(obj, model.FullSchema, "", unknown);
        if (context.FieldValidation == FieldValidation.Ignore)
        {
            return;
        }

        var problems = context.DuplicateFields.Select(f => $"duplicate field \"{f}\"")
            .Concat(unknown.Select(f => $"unknown field \"{f}\"")).ToList();
        if (problems.Count == 0)
        {
            return;
        }

        if (context.FieldValidation == FieldValidation.Strict)
        {
            var prefix = fromPatch
                ? "error strict decoding patch: "
                : $"{d.Kind} in version \"{d.Version}\" cannot be handled as a {d.Kind}: strict decoding error: ";
            throw ApiErrors.BadRequest(prefix + string.Join(", ", problems));
        }

        context.Warnings.AddRange(problems);
    }

    /// <summary>Rejects values of the wrong JSON type before admission plugins read the object.</summary>
    public void ValidateTypes(JsonObject obj)
    {
        var errors = new List<StatusCause>();
        foreach (var (name, value) in obj)
        {
            if (value is not null && SchemaKeywords.Properties(model.FullSchema)?[name] is JsonObject fieldSchema)
            {
                SchemaValidator.ValidateTypes(value, fieldSchema, name, errors);
            }
        }

        if (errors.Count > 0)
        {
            var name = Meta.Name(obj);
            throw ApiErrors.Invalid(Definition.Group, Definition.Kind, name.Length > 0 ? name : Meta.Str(obj, "generateName"), errors);
        }
    }

    /// <summary>Schema and metadata validation; throws 422 Invalid with every field error.</summary>
    public void Validate(JsonObject obj, JsonObject? old)
    {
        var errors = new List<StatusCause>();
        var metadata = Meta.Of(obj);
        if (old is null)
        {
            ObjectMetaValidator.ValidateCreate(metadata, Definition.Namespaced, errors);
        }
        else
        {
            ObjectMetaValidator.ValidateUpdate(metadata, Meta.Of(old), Definition.Namespaced, errors);
            if (Meta.IsDeleting(old))
            {
                var added = Meta.Finalizers(obj).Except(Meta.Finalizers(old)).ToList();
                if (added.Count > 0)
                {
                    errors.Add(new StatusCause("FieldValueForbidden",
                        $"Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{{{string.Join(", ", added.Select(f => $"\"{f}\""))}}}",
                        "metadata.finalizers"));
                }
            }
        }

        foreach (var (name, value) in obj)
        {
            if (name is "metadata" or "apiVersion" or "kind")
            {
                continue;
            }

            if (SchemaKeywords.Properties(model.FullSchema)?[name] is JsonObject fieldSchema)
            {
                SchemaValidator.Validate(value, fieldSchema, name, errors);
            }
        }

        if (model.FullSchema["required"] is JsonArray required)
        {
            foreach (var field in required.Select(r => r?.GetValue<string>()).OfType<string>())
            {
                if (!obj.ContainsKey(field))
                {
                    errors.Add(new StatusCause("FieldValueRequired", "Required value", field));
                }
            }
        }

        if (errors.Count > 0)
        {
            var name = Meta.Name(obj);
            throw ApiErrors.Invalid(Definition.Group, Definition.Kind, name.Length > 0 ? name : Meta.Str(obj, "generateName"), errors);
        }
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
    }

    private bool SpecChanged(JsonObject proposed, JsonObject old)
    {
        var fields = proposed.Select(p => p.Key).Concat(old.Select(p => p.Key)).Distinct();
        return fields.Where(model.CountsForGeneration).Any(f => !JsonNode.DeepEquals(proposed[f], old[f]));
    }
}
