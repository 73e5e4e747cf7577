using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Errors;

namespace ApiBuilder.Runtime.Validation;

/// <summary>Validates <c>metadata</c> on create and update, as ValidateObjectMeta does for every Kind.</summary>
internal static class ObjectMetaValidator
{
    private const int TotalAnnotationSizeLimit = 256 * 1024;

    public static void ValidateCreate(JsonObject metadata, bool namespaced, List<StatusCause> errors)
    {
        var name = Serialization.JsonText.Of(metadata["name"]) ?? "";
        var generateName = Serialization.JsonText.Of(metadata["generateName"]) ?? "";
        if (name.Length == 0)
        {
            errors.Add(new StatusCause("FieldValueRequired", "Required value: name or generateName is required", "metadata.name"));
        }
        else
        {
            foreach (var message in NameRules.IsDns1123Subdomain(name))
            {
                errors.Add(InvalidValue("metadata.name", name, message));
            }
        }

        if (generateName.Length > 0)
        {
            // The prefix is valid when it could start a valid name (a trailing '-' is allowed).
            var probe = generateName.EndsWith('-') || generateName.EndsWith('.') ? generateName + "a" : generateName;
            foreach (var message in NameRules.IsDns1123Subdomain(probe))
            {
                errors.Add(InvalidValue("metadata.generateName", generateName, message));
            }
        }

        ValidateCommon(metadata, namespaced, errors);
    }

    public static void ValidateUpdate(JsonObject metadata, JsonObject oldMetadata, bool namespaced, List<StatusCause> errors)
    {
        foreach (var field in (string[])["name", "namespace", "uid", "creationTimestamp"])
        {
            var now = metadata[field]?.ToJsonString();
            var before = oldMetadata[field]?.ToJsonString();
            if (now != before)
            {
                var shown = metadata[field] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.ToJsonString() : now ?? "\"\"";
                errors.Add(new StatusCause("FieldValueInvalid", $"Invalid value: {shown}: field is immutable", "metadata." + field));
            }
        }

        ValidateCommon(metadata, namespaced, errors);
    }

    private static void ValidateCommon(JsonObject metadata, bool namespaced, List<StatusCause> errors)
    {
        var ns = Serialization.JsonText.Of(metadata["namespace"]) ?? "";
        if (namespaced)
        {
            if (ns.Length == 0)
            {
                errors.Add(new StatusCause("FieldValueRequired", "Required value", "metadata.namespace"));
            }
            else
            {
                foreach (var message in NameRules.IsDns1123Label(ns))
                {
                    errors.Add(InvalidValue("metadata.namespace", ns, message));
                }
            }
        }
        else if (ns.Length > 0)
        {
            errors.Add(new StatusCause("FieldValueForbidden", "Forbidden: not allowed on this type", "metadata.namespace"));
        }

        if (metadata["labels"] is JsonObject labels)
        {
            foreach (var (key, value) in labels)
            {
                foreach (var message in NameRules.IsLabelKey(key))
                {
                    errors.Add(InvalidValue("metadata.labels", key, message));
                }

                var text = Serialization.JsonText.Of(value) ?? "";
                foreach (var message in NameRules.IsLabelValue(text))
                {
                    errors.Add(InvalidValue($"metadata.labels", text, message));
                }
            }
        }

        if (metadata["annotations"] is JsonObject annotations)
        {
            var total = 0;
            foreach (var (key, value) in annotations)
            {
                foreach (var message in NameRules.IsQualifiedName(key.ToLowerInvariant()))
                {
                    errors.Add(InvalidValue("metadata.annotations", key, message));
                }

                total += Encoding.UTF8.GetByteCount(key) + Encoding.UTF8.GetByteCount(Serialization.JsonText.Of(value) ?? "");
            }

            if (total > TotalAnnotationSizeLimit)
            {
                errors.Add(new StatusCause("FieldValueTooLong", $"Too long: must have at most {TotalAnnotationSizeLimit} bytes", "metadata.annotations"));
            }
        }

        if (metadata["finalizers"] is JsonArray finalizers)
        {
            for (var i = 0; i < finalizers.Count; i++)
            {
                var finalizer = Serialization.JsonText.Of(finalizers[i]) ?? "";
                foreach (var message in NameRules.IsQualifiedName(finalizer))
                {
                    errors.Add(InvalidValue($"metadata.finalizers[{i}]", finalizer, message));
                }
            }
        }

        if (Schema.JsonNumbers.TryGetInt64(metadata["generation"], out var generation) && generation < 0)
        {
            errors.Add(new StatusCause("FieldValueInvalid", $"Invalid value: {generation}: must be greater than or equal to 0", "metadata.generation"));
        }
    }

    private static StatusCause InvalidValue(string field, string value, string message) =>
        new("FieldValueInvalid", $"Invalid value: {GoQuote.Quote(value)}: {message}", field);
}
