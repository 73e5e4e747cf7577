using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Resources;

namespace ApiBuilder.Runtime.Objects;

/// <summary>
/// Converts the objects of one Kind between its versions through the storage version
/// <typeparamref name="TStorage"/> (hub and spoke). Versions added with
/// <see cref="AddVersion{TVersion}"/> convert through their <see cref="IConvertsToStorage{TSelf, TStorage}"/>
/// implementation; every other version has the storage version's shape, so that objects pass
/// between it and the storage version unchanged but for <c>apiVersion</c>. Metadata is carried
/// over exactly as it was, including fields the typed <see cref="ObjectMeta"/> does not model
/// (e.g. <c>managedFields</c>).
/// </summary>
/// <remarks>
/// The source generator creates one per Kind that has versions implementing
/// <see cref="IConvertsToStorage{TSelf, TStorage}"/> and sets its <see cref="Convert"/> as the
/// <see cref="ResourceDefinition.Converter"/> of every version of the Kind. Instances are
/// immutable: <see cref="AddVersion{TVersion}"/> returns a new converter.
/// </remarks>
/// <typeparam name="TStorage">The storage version of the Kind.</typeparam>
public sealed class KindConverter<TStorage>
    where TStorage : KubernetesObject, IKind<TStorage>
{
    private readonly Spoke[] versions;

    /// <summary>A converter with no versions of a different shape yet.</summary>
    public KindConverter()
        : this([])
    {
    }

    private KindConverter(Spoke[] versions) => this.versions = versions;

    /// <summary>
    /// A converter that also converts <typeparamref name="TVersion"/> through its
    /// <see cref="IConvertsToStorage{TSelf, TStorage}"/> implementation.
    /// </summary>
    /// <typeparam name="TVersion">A version of the Kind other than the storage version.</typeparam>
    /// <returns>A new converter; this one is unchanged.</returns>
    /// <exception cref="ArgumentException">The version is already added, or is the storage version itself.</exception>
    public KindConverter<TStorage> AddVersion<TVersion>()
        where TVersion : KubernetesObject, IKind<TVersion>, IConvertsToStorage<TVersion, TStorage>
    {
        // Definition is read only when converting: the generated Definitions refer to this converter,
        // so reading theirs here could run before they are initialized.
        if (typeof(TVersion) == typeof(TStorage) || versions.Any(v => v.Type == typeof(TVersion)))
        {
            throw new ArgumentException($"{typeof(TVersion)} is the storage version or is already added.", nameof(TVersion));
        }

        return new KindConverter<TStorage>([.. versions, new Spoke<TVersion>()]);
    }

    /// <summary>
    /// Converts <paramref name="obj"/> from the version its <c>apiVersion</c> names to
    /// <paramref name="toGroupVersion"/>; an <see cref="ObjectConverter"/>.
    /// </summary>
    /// <param name="obj">The object; it is not changed, but may be returned as it is.</param>
    /// <param name="toGroupVersion">The group-version to convert to, e.g. <c>shop.example.com/v2</c>.</param>
    /// <returns>
    /// The converted object, with <paramref name="obj"/>'s metadata. When neither version converts
    /// through <see cref="IConvertsToStorage{TSelf, TStorage}"/>, <paramref name="obj"/> itself:
    /// the caller rewrites <c>apiVersion</c>.
    /// </returns>
    /// <exception cref="JsonException">The object does not fit the typed class of its version.</exception>
    public JsonObject Convert(JsonObject obj, string toGroupVersion)
    {
        ArgumentNullException.ThrowIfNull(obj);
        ArgumentNullException.ThrowIfNull(toGroupVersion);
        var from = obj["apiVersion"] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
        var source = Find(from);
        var target = Find(toGroupVersion);
        if (from == toGroupVersion || (source is null && target is null))
        {
            return obj;
        }

        var storage = source is null ? KindJson.FromJsonObject<TStorage>(obj) : source.ToStorage(obj);
        var converted = target is null ? KindJson.ToJsonObject(storage) : target.FromStorage(storage);
        if (obj["metadata"] is { } metadata)
        {
            converted["metadata"] = metadata.DeepClone();
        }
        else
        {
            converted.Remove("metadata");
        }

        return converted;
    }

    /// <summary>
    /// Converts a typed object to the storage version through its
    /// <see cref="IConvertsToStorage{TSelf, TStorage}.ToStorage"/>; the result has a copy of its metadata.
    /// </summary>
    /// <typeparam name="TVersion">The version of <paramref name="value"/>.</typeparam>
    /// <param name="value">The object to convert; not changed.</param>
    /// <returns>A new object of the storage version.</returns>
    public static TStorage ToStorage<TVersion>(TVersion value)
        where TVersion : KubernetesObject, IConvertsToStorage<TVersion, TStorage>
    {
        ArgumentNullException.ThrowIfNull(value);
        var storage = Checked(value.ToStorage(), typeof(TVersion), "ToStorage");
        storage.Metadata = CopyOf(value.Metadata);
        return storage;
    }

    /// <summary>
    /// Converts a typed object of the storage version to <typeparamref name="TVersion"/> through its
    /// <see cref="IConvertsToStorage{TSelf, TStorage}.FromStorage"/>; the result has a copy of its metadata.
    /// </summary>
    /// <typeparam name="TVersion">The version to convert to.</typeparam>
    /// <param name="storage">The object of the storage version; not changed.</param>
    /// <returns>A new object of <typeparamref name="TVersion"/>.</returns>
    public static TVersion FromStorage<TVersion>(TStorage storage)
        where TVersion : KubernetesObject, IConvertsToStorage<TVersion, TStorage>
    {
        ArgumentNullException.ThrowIfNull(storage);
        var value = Checked(TVersion.FromStorage(storage), typeof(TVersion), "FromStorage");
        value.Metadata = CopyOf(storage.Metadata);
        return value;
    }

    private Spoke? Find(string? groupVersion)
    {
        if (groupVersion is null)
        {
            return null;
        }

        foreach (var version in versions)
        {
            if (version.GroupVersion == groupVersion)
            {
                return version;
            }
        }

        return null;
    }

    private static T Checked<T>(T? result, Type type, string method)
        where T : class =>
        result ?? throw new InvalidOperationException($"{type}.{method} returned null.");

    private static ObjectMeta CopyOf(ObjectMeta? meta)
    {
        if (meta is null)
        {
            return new ObjectMeta();
        }

        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            ObjectMetaJson.Write(writer, meta);
        }

        var reader = new Utf8JsonReader(buffer.WrittenSpan);
        reader.Read();
        return ObjectMetaJson.Read(ref reader);
    }

    /// <summary>A version with its own shape, converted through the storage version.</summary>
    private abstract class Spoke
    {
        public abstract Type Type { get; }

        public abstract string GroupVersion { get; }

        public abstract TStorage ToStorage(JsonObject obj);

        public abstract JsonObject FromStorage(TStorage storage);
    }

    private sealed class Spoke<TVersion> : Spoke
        where TVersion : KubernetesObject, IKind<TVersion>, IConvertsToStorage<TVersion, TStorage>
    {
        public override Type Type => typeof(TVersion);

        public override string GroupVersion => TVersion.Definition.GroupVersion;

        public override TStorage ToStorage(JsonObject obj)
        {
            var value = KindJson.FromJsonObject<TVersion>(obj);
            var storage = Checked(value.ToStorage(), typeof(TVersion), "ToStorage");
            storage.Metadata = value.Metadata;
            return storage;
        }

        public override JsonObject FromStorage(TStorage storage)
        {
            var value = Checked(TVersion.FromStorage(storage), typeof(TVersion), "FromStorage");
            value.Metadata = storage.Metadata;
            return KindJson.ToJsonObject(value);
        }
    }
}
