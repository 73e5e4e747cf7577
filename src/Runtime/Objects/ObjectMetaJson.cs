using System.Text.Json;

namespace ApiBuilder.Runtime.Objects;

/// <summary>Reads and writes <see cref="ObjectMeta"/> with Kubernetes' JSON names; unknown fields are skipped.</summary>
internal static class ObjectMetaJson
{
    /// <summary>The JSON names this type owns; everything else in metadata (e.g. managedFields) is left alone on write-back.</summary>
    public static readonly IReadOnlyList<string> Names =
    [
        "name", "generateName", "namespace", "uid", "resourceVersion", "generation", "creationTimestamp",
        "deletionTimestamp", "deletionGracePeriodSeconds", "labels", "annotations", "finalizers", "ownerReferences",
    ];

    public static ObjectMeta Read(ref Utf8JsonReader reader)
    {
        GeneratedJson.ExpectObject(ref reader);
        var meta = new ObjectMeta();
        while (GeneratedJson.NextProperty(ref reader))
        {
            var name = reader.GetString();
            reader.Read();
            if (reader.TokenType == JsonTokenType.Null)
            {
                continue;
            }

            switch (name)
            {
                case "name": meta.Name = GeneratedJson.ReadString(ref reader); break;
                case "generateName": meta.GenerateName = GeneratedJson.ReadString(ref reader); break;
                case "namespace": meta.Namespace = GeneratedJson.ReadString(ref reader); break;
                case "uid": meta.Uid = GeneratedJson.ReadString(ref reader); break;
                case "resourceVersion": meta.ResourceVersion = GeneratedJson.ReadString(ref reader); break;
                case "generation": meta.Generation = reader.GetInt64(); break;
                case "creationTimestamp": meta.CreationTimestamp = GeneratedJson.ReadTime(ref reader); break;
                case "deletionTimestamp": meta.DeletionTimestamp = GeneratedJson.ReadTime(ref reader); break;
                case "deletionGracePeriodSeconds": meta.DeletionGracePeriodSeconds = reader.GetInt64(); break;
                case "labels": meta.Labels = GeneratedJson.ReadMap(ref reader, GeneratedJson.ReadString); break;
                case "annotations": meta.Annotations = GeneratedJson.ReadMap(ref reader, GeneratedJson.ReadString); break;
                case "finalizers": meta.Finalizers = GeneratedJson.ReadList(ref reader, GeneratedJson.ReadString); break;
                case "ownerReferences": meta.OwnerReferences = GeneratedJson.ReadList(ref reader, ReadOwner); break;
                default: reader.Skip(); break;
            }
        }

        return meta;
    }

    public static void Write(Utf8JsonWriter writer, ObjectMeta meta)
    {
        writer.WriteStartObject();
        WriteString(writer, "name", meta.Name);
        WriteString(writer, "generateName", meta.GenerateName);
        WriteString(writer, "namespace", meta.Namespace);
        WriteString(writer, "uid", meta.Uid);
        WriteString(writer, "resourceVersion", meta.ResourceVersion);
        if (meta.Generation is { } generation)
        {
            writer.WriteNumber("generation", generation);
        }

        if (meta.CreationTimestamp is { } created)
        {
            writer.WritePropertyName("creationTimestamp");
            GeneratedJson.WriteTime(writer, created);
        }

        if (meta.DeletionTimestamp is { } deleted)
        {
            writer.WritePropertyName("deletionTimestamp");
            GeneratedJson.WriteTime(writer, deleted);
        }

        if (meta.DeletionGracePeriodSeconds is { } grace)
        {
            writer.WriteNumber("deletionGracePeriodSeconds", grace);
        }

        WriteStringMap(writer, "labels", meta.Labels);
        WriteStringMap(writer, "annotations", meta.Annotations);
        if (meta.Finalizers is { Count: > 0 } finalizers)
        {
            writer.WritePropertyName("finalizers");
            GeneratedJson.WriteList(writer, finalizers, static (w, f) => w.WriteStringValue(f));
        }

        if (meta.OwnerReferences is { Count: > 0 } owners)
        {
            writer.WritePropertyName("ownerReferences");
            GeneratedJson.WriteList(writer, owners, WriteOwner);
        }

        writer.WriteEndObject();
    }

    private static OwnerReference ReadOwner(ref Utf8JsonReader reader)
    {
        GeneratedJson.ExpectObject(ref reader);
        var owner = new OwnerReference();
        while (GeneratedJson.NextProperty(ref reader))
        {
            var name = reader.GetString();
            reader.Read();
            if (reader.TokenType == JsonTokenType.Null)
            {
                continue;
            }

            switch (name)
            {
                case "apiVersion": owner.ApiVersion = GeneratedJson.ReadString(ref reader); break;
                case "kind": owner.Kind = GeneratedJson.ReadString(ref reader); break;
                case "name": owner.Name = GeneratedJson.ReadString(ref reader); break;
                case "uid": owner.Uid = GeneratedJson.ReadString(ref reader); break;
                case "controller": owner.Controller = reader.GetBoolean(); break;
                case "blockOwnerDeletion": owner.BlockOwnerDeletion = reader.GetBoolean(); break;
                default: reader.Skip(); break;
            }
        }

        return owner;
    }

    private static void WriteOwner(Utf8JsonWriter writer, OwnerReference owner)
    {
        writer.WriteStartObject();
        writer.WriteString("apiVersion", owner.ApiVersion);
        writer.WriteString("kind", owner.Kind);
        writer.WriteString("name", owner.Name);
        writer.WriteString("uid", owner.Uid);
        if (owner.Controller is { } controller)
        {
            writer.WriteBoolean("controller", controller);
        }

        if (owner.BlockOwnerDeletion is { } block)
        {
            writer.WriteBoolean("blockOwnerDeletion", block);
        }

        writer.WriteEndObject();
    }

    private static void WriteString(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private static void WriteStringMap(Utf8JsonWriter writer, string name, Dictionary<string, string>? map)
    {
        if (map is { Count: > 0 })
        {
            writer.WritePropertyName(name);
            GeneratedJson.WriteMap(writer, map, static (w, v) => w.WriteStringValue(v));
        }
    }
}
