using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Admission;
using ApiBuilder.Runtime.Errors;

namespace ApiBuilder.Runtime.Objects;

/// <summary>
/// Runs a Kind's typed hooks as an admission plugin: <see cref="IDefaulted.SetDefaults"/> while
/// mutating (changes are written back into the request's object) and
/// <see cref="IValidated{TSelf}"/> while validating (errors become 422 Invalid with field paths).
/// The generated <c>AddGeneratedResources()</c> adds one for every Kind that implements a hook.
/// </summary>
/// <typeparam name="TKind">The Kind.</typeparam>
public sealed class KindAdmission<TKind> : IAdmissionPlugin
    where TKind : KubernetesObject, IKind<TKind>
{
    private static readonly bool Defaulted = typeof(IDefaulted).IsAssignableFrom(typeof(TKind));
    private static readonly bool Validated = typeof(IValidated<TKind>).IsAssignableFrom(typeof(TKind));

    /// <inheritdoc />
    public string Name => TKind.Definition.Kind + "Hooks";

    /// <inheritdoc />
    public bool Handles(AdmissionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var definition = TKind.Definition;
        return request.Operation != AdmissionOperation.Delete
            && request.Resource.Group == definition.Group
            && request.Resource.Version == definition.Version
            && request.Resource.Plural == definition.Plural;
    }

    /// <inheritdoc />
    public ValueTask MutateAsync(AdmissionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!Defaulted)
        {
            return ValueTask.CompletedTask;
        }

        TKind typed;
        try
        {
            typed = KindJson.FromJsonObject<TKind>(request.Object);
        }
        catch (JsonException)
        {
            // The object does not fit its schema; validation, which runs next, reports where.
            return ValueTask.CompletedTask;
        }

        // The typed object is written before and after its defaults: only when they differ does
        // the request's object need the changes (most writes carry their defaults already).
        var before = Buffers.Before;
        var after = Buffers.After;
        try
        {
            KindJson.Write(typed, before);
            ((IDefaulted)typed).SetDefaults();
            KindJson.Write(typed, after);
            if (!before.WrittenSpan.SequenceEqual(after.WrittenSpan))
            {
                WriteBack((JsonObject)JsonNode.Parse(after.WrittenSpan)!, request.Object);
            }
        }
        finally
        {
            Buffers.Release();
        }

        request.TypedObject = typed;
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask ValidateAsync(AdmissionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!Validated)
        {
            return ValueTask.CompletedTask;
        }

        // What this Kind's defaulting read, when no plugin has changed the object since.
        var typed = request.TypedObject as TKind ?? Convert(request, request.Object);
        var validated = (IValidated<TKind>)typed;
        var errors = request.Operation == AdmissionOperation.Update && request.OldObject is { } old
            ? validated.ValidateUpdate(Convert(request, old))
            : validated.Validate();
        var causes = errors.Select(e => e.ToStatusCause()).ToList();
        if (causes.Count > 0)
        {
            throw ApiErrors.Invalid(TKind.Definition.Group, TKind.Definition.Kind, request.Name, causes);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Two reusable buffers per thread; <see cref="MutateAsync"/> runs without awaiting.</summary>
    private static class Buffers
    {
        [ThreadStatic]
        private static ArrayBufferWriter<byte>? before;

        [ThreadStatic]
        private static ArrayBufferWriter<byte>? after;

        public static ArrayBufferWriter<byte> Before => before ??= new ArrayBufferWriter<byte>(1024);

        public static ArrayBufferWriter<byte> After => after ??= new ArrayBufferWriter<byte>(1024);

        public static void Release()
        {
            // Kept small: one very large object must not pin its buffers to the thread.
            Reset(ref before);
            Reset(ref after);
        }

        private static void Reset(ref ArrayBufferWriter<byte>? buffer)
        {
            if (buffer is null)
            {
                return;
            }

            if (buffer.Capacity > 64 * 1024)
            {
                buffer = null;
            }
            else
            {
                buffer.ResetWrittenCount();
            }
        }
    }

    private static TKind Convert(AdmissionRequest request, JsonObject json)
    {
        try
        {
            return KindJson.FromJsonObject<TKind>(json);
        }
        catch (JsonException e)
        {
            throw ApiErrors.Invalid(TKind.Definition.Group, TKind.Definition.Kind, request.Name,
                [new StatusCause("FieldValueInvalid", "Invalid value: the object does not match its type: " + e.Message)]);
        }
    }

    /// <summary>
    /// Copies what the hook may have changed into the request's object: the Kind's own top-level
    /// fields (those its schema declares) and the typed metadata fields. Fields outside the typed
    /// model (e.g. <c>metadata.managedFields</c>) are kept as they are, and a field the hook left
    /// empty where there was none stays absent.
    /// </summary>
    private static void WriteBack(JsonObject changed, JsonObject target)
    {
        if (TKind.Definition.Schema["properties"] is JsonObject properties)
        {
            foreach (var (name, _) in properties)
            {
                Merge(name, changed, target);
            }
        }

        if (changed["metadata"] is JsonObject changedMeta)
        {
            if (target["metadata"] is not JsonObject targetMeta)
            {
                targetMeta = new JsonObject();
                target["metadata"] = targetMeta;
            }

            foreach (var name in ObjectMetaJson.Names)
            {
                Merge(name, changedMeta, targetMeta);
            }
        }
    }

    private static void Merge(string name, JsonObject from, JsonObject to)
    {
        var before = to[name];
        if (!from.TryGetPropertyValue(name, out var after) || after is null)
        {
            if (before is not null)
            {
                to.Remove(name);
            }

            return;
        }

        if (before is null && after is JsonObject { Count: 0 })
        {
            return;
        }

        if (!JsonNode.DeepEquals(before, after))
        {
            to[name] = after.DeepClone();
        }
    }
}
