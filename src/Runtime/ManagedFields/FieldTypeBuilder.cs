using System.Text.Json.Nodes;
using System.Runtime.CompilerServices;
using ApiBuilder.Runtime.Patch;
using ApiBuilder.Runtime.Resources;
using ApiBuilder.Runtime.Schema;

namespace ApiBuilder.Runtime.ManagedFields;

/// <summary>
/// Turns a structural OpenAPI schema into a <see cref="FieldType"/>, as kube-apiserver does for a CRD's schema:
/// lists are atomic unless <c>x-kubernetes-list-type</c> says set or map (with <c>x-kubernetes-list-map-keys</c>),
/// objects are granular unless <c>x-kubernetes-map-type: atomic</c>, and
/// <c>x-kubernetes-preserve-unknown-fields</c> subtrees take their type from the values. ObjectMeta's own rules
/// apply to <c>metadata</c> (labels and annotations granular maps, finalizers a set, ownerReferences a map by uid).
/// </summary>
internal static class FieldTypeBuilder
{
    private static readonly ConditionalWeakTable<ResourceDefinition, FieldType> ByDefinition = [];

    /// <summary>The type of objects of <paramref name="definition"/>, computed once per definition (resource version).</summary>
    public static FieldType ForDefinition(ResourceDefinition definition) =>
        ByDefinition.GetValue(definition, static d => ForObject(ObjectMetaSchema.Compose(d.Schema)));

    /// <summary><see cref="ForDefinition(ResourceDefinition)"/> from the definition's schema already composed with ObjectMeta's.</summary>
    public static FieldType ForDefinition(ResourceDefinition definition, JsonObject fullSchema) =>
        ByDefinition.GetValue(definition, _ => ForObject(fullSchema));

    public static FieldType ForObject(JsonObject fullSchema)
    {
        var root = Build(fullSchema, depth: 0);
        if (root.Kind != FieldTypeKind.Map)
        {
            return root;
        }

        var fields = new Dictionary<string, FieldType>(root.Fields, StringComparer.Ordinal)
        {
            ["metadata"] = ObjectMeta,
            ["apiVersion"] = FieldType.Scalar,
            ["kind"] = FieldType.Scalar,
        };
        return new FieldType { Kind = FieldTypeKind.Map, Atomic = false, Fields = fields, Elements = root.Elements };
    }

    private const int MaxDepth = 64;

    public static FieldType Build(JsonObject schema, int depth)
    {
        if (depth > MaxDepth)
        {
            return FieldType.Deduced;
        }

        if (SchemaKeywords.IntOrString(schema))
        {
            return FieldType.Scalar;
        }

        var type = schema["type"] is JsonValue t && t.TryGetValue<string>(out var s) ? s : null;
        var preserve = SchemaKeywords.PreservesUnknownFields(schema);
        switch (type)
        {
            case "array":
                return List(schema, depth);
            case "object":
                return Map(schema, preserve, depth);
            case null when SchemaKeywords.Properties(schema) is not null || schema["additionalProperties"] is not null:
                return Map(schema, preserve, depth);
            case null:
                return preserve || schema.Count == 0 ? FieldType.Deduced : FieldType.Scalar;
            default:
                return FieldType.Scalar;
        }
    }

    private static FieldType Map(JsonObject schema, bool preserve, int depth)
    {
        var fields = new Dictionary<string, FieldType>(StringComparer.Ordinal);
        if (SchemaKeywords.Properties(schema) is { } properties)
        {
            foreach (var (name, value) in properties)
            {
                if (value is JsonObject child)
                {
                    fields[name] = Build(child, depth + 1);
                }
            }
        }

        FieldType? elements = null;
        if (SchemaKeywords.AdditionalProperties(schema) is { } additional)
        {
            elements = Build(additional, depth + 1);
        }
        else if (preserve || SchemaKeywords.AllowsAnyAdditionalProperties(schema) || (fields.Count == 0 && schema["properties"] is null))
        {
            elements = FieldType.Deduced;
        }

        var atomic = schema["x-kubernetes-map-type"] is JsonValue m && m.TryGetValue<string>(out var mapType) && mapType == "atomic";
        return new FieldType { Kind = FieldTypeKind.Map, Atomic = atomic, Fields = fields, Elements = elements, Patch = PatchMeta.Of(schema) };
    }

    private static FieldType List(JsonObject schema, int depth)
    {
        var items = SchemaKeywords.Items(schema) is { } itemSchema ? Build(itemSchema, depth + 1) : FieldType.Deduced;
        var listType = schema["x-kubernetes-list-type"] is JsonValue l && l.TryGetValue<string>(out var lt) ? lt : null;
        var keys = schema["x-kubernetes-list-map-keys"] is JsonArray k
            ? k.Select(n => n is JsonValue v && v.TryGetValue<string>(out var key) ? key : null).OfType<string>().ToList()
            : [];
        var patch = PatchMeta.Of(schema);
        return listType switch
        {
            "set" => new FieldType { Kind = FieldTypeKind.List, ListKind = ListKind.Set, Elements = items, Patch = patch },
            "map" when keys.Count > 0 && items.Kind == FieldTypeKind.Map =>
                new FieldType { Kind = FieldTypeKind.List, ListKind = ListKind.Map, Keys = keys, Elements = items, Patch = patch },
            _ => new FieldType { Kind = FieldTypeKind.List, ListKind = ListKind.Atomic, Atomic = true, Elements = items, Patch = patch },
        };
    }

    /// <summary>ObjectMeta as Kubernetes' own OpenAPI types it.</summary>
    public static readonly FieldType ObjectMeta = BuildObjectMeta();

    private static FieldType BuildObjectMeta()
    {
        var stringMap = new FieldType { Kind = FieldTypeKind.Map, Elements = FieldType.Scalar };
        var ownerReference = new FieldType
        {
            Kind = FieldTypeKind.Map,
            Fields = new Dictionary<string, FieldType>(StringComparer.Ordinal)
            {
                ["apiVersion"] = FieldType.Scalar,
                ["kind"] = FieldType.Scalar,
                ["name"] = FieldType.Scalar,
                ["uid"] = FieldType.Scalar,
                ["controller"] = FieldType.Scalar,
                ["blockOwnerDeletion"] = FieldType.Scalar,
            },
        };
        var fields = new Dictionary<string, FieldType>(StringComparer.Ordinal)
        {
            ["labels"] = stringMap,
            ["annotations"] = stringMap,
            ["finalizers"] = new FieldType { Kind = FieldTypeKind.List, ListKind = ListKind.Set, Elements = FieldType.Scalar, Patch = PatchMeta.MergeByValue },
            ["ownerReferences"] = new FieldType { Kind = FieldTypeKind.List, ListKind = ListKind.Map, Keys = ["uid"], Elements = ownerReference, Patch = PatchMeta.MergeBy("uid") },
            ["managedFields"] = new FieldType { Kind = FieldTypeKind.List, ListKind = ListKind.Atomic, Atomic = true, Elements = FieldType.Deduced },
        };
        foreach (var scalar in (string[])["name", "generateName", "namespace", "selfLink", "uid", "resourceVersion", "generation",
            "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds"])
        {
            fields[scalar] = FieldType.Scalar;
        }

        return new FieldType { Kind = FieldTypeKind.Map, Fields = fields };
    }
}
