using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Errors;

namespace ApiBuilder.Runtime.ManagedFields;

/// <summary>
/// Field management for one resource version, as kube-apiserver's field manager: every write records the
/// fields its manager set (Update operations), server-side apply merges a configuration, checks other
/// managers' fields for conflicts, and removes fields its manager stopped applying (Apply operations).
/// The type is computed once from the schema; managers are kept in <c>metadata.managedFields</c>.
/// </summary>
internal sealed class FieldManager(FieldType type, string groupVersion, string kind, bool hasStatusSubresource)
{
    /// <summary>Update managers beyond this are merged, oldest first, into <c>ancient-changes</c>.</summary>
    public const int MaxUpdateManagers = 10;

    public const string LastAppliedAnnotation = "kubectl.kubernetes.io/last-applied-configuration";

    // Fields no manager owns: identity and server-set metadata (kube-apiserver's StripMetaManager).
    private static readonly FieldSet Stripped = BuildStripped();

    public FieldType Type { get; } = type;

    /// <summary>
    /// Records an update by <paramref name="manager"/> (create when <paramref name="live"/> is null) in
    /// <paramref name="proposed"/>'s managedFields. managedFields the client sent replace the stored ones
    /// (an empty list resets them), except for subresources, where the stored ones count.
    /// </summary>
    public void Update(JsonObject? live, JsonObject proposed, string manager, string subresource, string now)
    {
        var metadata = proposed["metadata"] as JsonObject;
        JsonNode? sent = null;
        var hasSent = metadata is not null && metadata.TryGetPropertyValue("managedFields", out sent);
        metadata?.Remove("managedFields");
        var comparison = Comparison.Of(live ?? Empty(), proposed, Type);
        RestrictTo(comparison, subresource);

        Dictionary<ManagerKey, ManagedEntry> managers;
        if (subresource.Length == 0 && hasSent && ManagedFieldsCodec.IsReset(sent))
        {
            managers = [];
        }
        else if (subresource.Length == 0 && hasSent && ManagedFieldsCodec.Decode(sent) is { Count: > 0 } fromRequest)
        {
            managers = fromRequest;
        }
        else if (comparison.IsSame)
        {
            // Nothing changed and nothing was sent: the stored entries stay as they are, without decoding them.
            if (live?["metadata"]?["managedFields"] is { } stored && metadata is not null)
            {
                metadata["managedFields"] = stored.DeepClone();
            }

            return;
        }
        else
        {
            managers = Stored(live);
        }

        if (!comparison.IsSame)
        {
            var changed = comparison.Changed();
            foreach (var entry in managers.Values)
            {
                entry.Set.ExceptWith(changed);
                entry.Set.ExceptWith(comparison.Removed);
            }

            changed.ExceptWith(Stripped);
            if (!changed.IsEmpty)
            {
                var key = ManagerKey.ForUpdate(manager.Length > 0 ? manager : "unknown", groupVersion, subresource);
                if (managers.TryGetValue(key, out var mine))
                {
                    mine.Set.UnionWith(changed);
                    mine.ApiVersion = groupVersion;
                    mine.Time = now;
                }
                else
                {
                    managers[key] = new ManagedEntry(changed, groupVersion, now);
                }
            }

            DropEmpty(managers);
            CapUpdateManagers(managers);
        }

        Write(proposed, managers);
    }

    /// <summary>
    /// Applies <paramref name="config"/> for <paramref name="manager"/> to <paramref name="live"/> (null: the object
    /// is created) and returns the new object with its managedFields. Throws 409 on conflicts unless forced.
    /// </summary>
    public JsonObject Apply(JsonObject? live, JsonObject config, string manager, string subresource, bool force, string now)
    {
        var managers = Stored(live);
        var before = live is null ? Empty() : WithoutManagedFields(live);
        FieldSet applied;
        try
        {
            applied = FieldSetBuilder.Build(config, Type);
        }
        catch (FieldPathException e)
        {
            throw ApiErrors.InvalidMessage($"failed to create typed patch object ({groupVersion}, Kind={kind}) {Meta(config, "namespace")}/{Meta(config, "name")}: {e.Message}");
        }

        KeepFor(applied, subresource);
        var key = ManagerKey.ForApply(manager, subresource);
        var last = managers.TryGetValue(key, out var previous) ? previous.Set : null;
        var merged = ApplyMerge.Merge(before, config, Type);
        managers[key] = new ManagedEntry(applied, groupVersion, previous?.Time);
        var result = last is null || last.IsEmpty ? merged : Prune(merged, managers, last);

        var comparison = Comparison.Of(before, result, Type);
        RestrictTo(comparison, subresource);
        var changed = comparison.Changed();
        var conflicts = Conflicts(managers, key, changed);
        if (conflicts.Count > 0 && !force)
        {
            if (manager == "kubectl" && AllowedByLastApplied(before) is { } allowed)
            {
                conflicts = [.. conflicts.Where(c => !allowed.Has(c.Path))];
            }

            if (conflicts.Count > 0)
            {
                throw ApplyConflict.ToStatus(conflicts);
            }
        }

        foreach (var (other, entry) in managers)
        {
            if (other != key)
            {
                entry.Set.ExceptWith(changed);
                entry.Set.ExceptWith(comparison.Removed);
            }
        }

        managers[key].Set.ExceptWith(Stripped);
        if (!JsonNode.DeepEquals(before, result))
        {
            managers[key].Time = now;
        }

        if (manager == "kubectl" && HasLastApplied(result))
        {
            // kubectl's server-side apply keeps the client-side apply annotation in step with what it applied.
            ((JsonObject)result["metadata"]!["annotations"]!)[LastAppliedAnnotation] = LastApplied(config);
        }

        DropEmpty(managers);
        CapUpdateManagers(managers);
        Write(result, managers);
        return result;
    }

    /// <summary>The object an apply to a missing object starts from: only its apiVersion and kind.</summary>
    public JsonObject Empty() => new() { ["apiVersion"] = groupVersion, ["kind"] = kind };

    private static string Meta(JsonObject obj, string field) =>
        obj["metadata"]?[field] is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";

    private static Dictionary<ManagerKey, ManagedEntry> Stored(JsonObject? live) =>
        live is null ? [] : ManagedFieldsCodec.Decode(live["metadata"]?["managedFields"]) ?? [];

    private static JsonObject WithoutManagedFields(JsonObject live)
    {
        var copy = (JsonObject)live.DeepClone();
        (copy["metadata"] as JsonObject)?.Remove("managedFields");
        return copy;
    }

    private static void Write(JsonObject obj, Dictionary<ManagerKey, ManagedEntry> managers)
    {
        var encoded = ManagedFieldsCodec.Encode(managers);
        if (encoded is null)
        {
            (obj["metadata"] as JsonObject)?.Remove("managedFields");
            return;
        }

        if (obj["metadata"] is not JsonObject metadata)
        {
            obj["metadata"] = metadata = [];
        }

        metadata["managedFields"] = encoded;
    }

    // Writes to the status subresource own only status; writes to the resource never own status when it has a subresource.
    private Func<PathElement, bool>? Keep(string subresource) => subresource switch
    {
        "status" => e => e.Token == "f:status",
        "" when hasStatusSubresource => e => e.Token != "f:status",
        _ => null,
    };

    private void KeepFor(FieldSet set, string subresource)
    {
        if (Keep(subresource) is { } keep)
        {
            set.KeepTopLevel(keep);
        }
    }

    private void RestrictTo(Comparison comparison, string subresource)
    {
        if (Keep(subresource) is { } keep)
        {
            comparison.KeepTopLevel(keep);
        }
    }

    private static List<ApplyConflict> Conflicts(Dictionary<ManagerKey, ManagedEntry> managers, ManagerKey applier, FieldSet changed)
    {
        var conflicts = new List<ApplyConflict>();
        foreach (var (other, entry) in managers)
        {
            if (other == applier)
            {
                continue;
            }

            foreach (var path in FieldSet.Intersection(entry.Set, changed).Paths())
            {
                conflicts.Add(new ApplyConflict(other, path));
            }
        }

        return conflicts;
    }

    /// <summary>
    /// Removes what the applier applied last time and applies no more, unless another manager owns it
    /// (structured-merge-diff's prune: remove the last applied fields, add back owned and never-applied ones).
    /// </summary>
    private JsonObject Prune(JsonObject merged, Dictionary<ManagerKey, ManagedEntry> managers, FieldSet last)
    {
        var lastNamed = FieldRemoval.WithNamedFields(last, Type);
        var withoutLast = (JsonObject)merged.DeepClone();
        FieldRemoval.Remove(withoutLast, lastNamed, Type);

        var owned = new FieldSet();
        foreach (var entry in managers.Values)
        {
            owned.UnionWith(entry.Set);
        }

        var mergedSet = Named(merged);
        var keep = FieldSet.Union(Named(withoutLast), FieldRemoval.WithNamedFields(owned, Type));
        var withOwned = (JsonObject)merged.DeepClone();
        FieldRemoval.Remove(withOwned, FieldSet.Difference(mergedSet, keep), Type);

        var gone = FieldSet.Intersection(FieldSet.Difference(mergedSet, Named(withOwned)), lastNamed);
        var result = (JsonObject)merged.DeepClone();
        FieldRemoval.Remove(result, gone, Type);
        return result;
    }

    private FieldSet Named(JsonObject obj) => FieldRemoval.WithNamedFields(FieldSetBuilder.Build(obj, Type, strict: false), Type);

    /// <summary>
    /// Fields kubectl's client-side apply set with the values still live: kubectl's server-side apply may take
    /// them over without a conflict (null when the object has no last-applied annotation).
    /// </summary>
    private FieldSet? AllowedByLastApplied(JsonObject live)
    {
        if (live["metadata"]?["annotations"]?[LastAppliedAnnotation] is not JsonValue v || !v.TryGetValue<string>(out var text) || text.Length == 0)
        {
            return null;
        }

        JsonObject? lastApplied;
        try
        {
            lastApplied = JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }

        if (lastApplied is null)
        {
            return null;
        }

        var set = FieldSetBuilder.Build(lastApplied, Type, strict: false);
        var comparison = Comparison.Of(lastApplied, live, Type);
        set.ExceptWith(comparison.Modified);
        set.ExceptWith(comparison.Added);
        set.ExceptWith(comparison.Removed);
        return set;
    }

    private static bool HasLastApplied(JsonObject obj) =>
        obj["metadata"]?["annotations"]?[LastAppliedAnnotation] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0;

    // The applied configuration without the annotation itself, as kubectl encodes objects (sorted keys, a final newline).
    private static string LastApplied(JsonObject config)
    {
        var copy = (JsonObject)config.DeepClone();
        (copy["metadata"]?["annotations"] as JsonObject)?.Remove(LastAppliedAnnotation);
        var text = new StringBuilder();
        CanonicalJson.Write(copy, text);
        return text.Append('\n').ToString();
    }

    private static void DropEmpty(Dictionary<ManagerKey, ManagedEntry> managers)
    {
        var anyEmpty = false;
        foreach (var entry in managers.Values)
        {
            anyEmpty |= entry.Set.IsEmpty;
        }

        if (!anyEmpty)
        {
            return;
        }

        foreach (var key in managers.Where(m => m.Value.Set.IsEmpty).Select(m => m.Key).ToList())
        {
            managers.Remove(key);
        }
    }

    /// <summary>Merges the oldest Update managers per apiVersion into <c>ancient-changes</c> until at most <see cref="MaxUpdateManagers"/> remain.</summary>
    private static void CapUpdateManagers(Dictionary<ManagerKey, ManagedEntry> managers)
    {
        var updateManagers = 0;
        foreach (var key in managers.Keys)
        {
            updateManagers += key.IsApply ? 0 : 1;
        }

        if (updateManagers <= MaxUpdateManagers)
        {
            // Nothing to merge: the common case, decided without sorting.
            return;
        }

        var updaters = managers.Where(m => !m.Key.IsApply)
            .OrderBy(m => m.Value.Time ?? "", StringComparer.Ordinal)
            .ThenBy(m => m.Key.Manager, StringComparer.Ordinal)
            .Select(m => m.Key)
            .ToList();
        var count = updaters.Count;
        var firstOfVersion = new Dictionary<string, ManagerKey>(StringComparer.Ordinal);
        for (var i = 0; i < updaters.Count && count > MaxUpdateManagers; i++)
        {
            var manager = updaters[i];
            var entry = managers[manager];
            var bucket = ManagerKey.ForUpdate("ancient-changes", entry.ApiVersion, "");
            if (!firstOfVersion.TryGetValue(entry.ApiVersion, out var first))
            {
                firstOfVersion[entry.ApiVersion] = manager;
                continue;
            }

            if (!managers.ContainsKey(bucket))
            {
                managers[bucket] = managers[first];
                managers.Remove(first);
            }

            managers[bucket].Set.UnionWith(entry.Set);
            managers[bucket].Time = entry.Time;
            managers.Remove(manager);
            count--;
        }
    }

    private static FieldSet BuildStripped()
    {
        var set = new FieldSet();
        set.Insert([PathElement.Field("apiVersion")]);
        set.Insert([PathElement.Field("kind")]);
        set.Insert([PathElement.Field("metadata")]);
        foreach (var field in (string[])["name", "namespace", "creationTimestamp", "selfLink", "uid", "clusterName", "generation", "managedFields", "resourceVersion"])
        {
            set.Insert([PathElement.Field("metadata"), PathElement.Field(field)]);
        }

        return set;
    }
}
