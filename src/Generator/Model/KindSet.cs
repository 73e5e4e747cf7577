using System;
using System.Collections.Generic;
using System.Linq;

namespace ApiBuilder.Generator.Model
{
    /// <summary>
    /// Facts across all Kinds of the compilation: which classes are excluded (duplicate plural or
    /// Kind in a group-version, a multi-version Kind without exactly one storage version), which
    /// class is the storage version of its Kind, and which versions convert to it through
    /// <c>IConvertsToStorage</c> (every version of such a Kind shares one generated converter).
    /// Equatable, so a change that leaves them as they were does not re-emit any Kind.
    /// </summary>
    /// <param name="Excluded">Classes the generator emits nothing for.</param>
    /// <param name="StorageVersions">The storage version of each Kind.</param>
    /// <param name="Converting">Versions that implement <c>IConvertsToStorage</c> for their Kind's storage version.</param>
    /// <param name="WithConverter">Every version of the Kinds that have at least one converting version.</param>
    internal sealed record KindSet(
        EquatableArray<string> Excluded,
        EquatableArray<string> StorageVersions,
        EquatableArray<string> Converting,
        EquatableArray<string> WithConverter)
    {
        public static KindSet Create(IEnumerable<KindIdentity> identities)
        {
            var all = identities.ToList();
            var excluded = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var clash in all.GroupBy(k => (k.Group, k.Version, k.Plural)).Where(g => g.Count() > 1))
            {
                excluded.UnionWith(clash.Select(k => k.FullName));
            }

            foreach (var clash in all.GroupBy(k => (k.Group, k.Version, k.Kind)).Where(g => g.Count() > 1))
            {
                excluded.UnionWith(clash.Select(k => k.FullName));
            }

            var storage = new SortedSet<string>(StringComparer.Ordinal);
            var storageOf = new Dictionary<(string Group, string Kind), string>();
            foreach (var kind in all.GroupBy(k => (k.Group, k.Kind)))
            {
                var versions = kind.ToList();
                var marked = versions.Where(k => k.MarkedStorageVersion).ToList();
                if (versions.Count == 1)
                {
                    storage.Add(versions[0].FullName);
                }
                else if (marked.Count == 1)
                {
                    storage.Add(marked[0].FullName);
                    storageOf[kind.Key] = marked[0].FullName;
                }
                else
                {
                    excluded.UnionWith(versions.Select(k => k.FullName));
                }
            }

            // Conversion needs the generated storage class (TStorage of the converter) and the converting class.
            var converting = new SortedSet<string>(StringComparer.Ordinal);
            var withConverter = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var kind in all.GroupBy(k => (k.Group, k.Kind)))
            {
                if (!storageOf.TryGetValue(kind.Key, out var hub) || excluded.Contains(hub))
                {
                    continue;
                }

                var spokes = kind.Where(k => k.FullName != hub && !excluded.Contains(k.FullName) && k.ConvertsToStorage.Contains(hub)).ToList();
                if (spokes.Count > 0)
                {
                    converting.UnionWith(spokes.Select(k => k.FullName));
                    withConverter.UnionWith(kind.Select(k => k.FullName).Where(n => !excluded.Contains(n)));
                }
            }

            return new KindSet(excluded.ToEquatableArray(), storage.ToEquatableArray(), converting.ToEquatableArray(), withConverter.ToEquatableArray());
        }

        /// <summary>The Kind with its storage-version and conversion facts, or null when it is excluded.</summary>
        public ResolvedKind? Resolve(KindModel model) =>
            Excluded.Contains(model.FullName)
                ? null
                : new ResolvedKind(model, StorageVersions.Contains(model.FullName), WithConverter.Contains(model.FullName), Converting.Contains(model.FullName));
    }
}
