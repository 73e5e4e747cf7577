using System;
using System.Collections.Generic;
using System.Linq;

namespace ApiBuilder.Generator.Model
{
    /// <summary>
    /// Facts across all Kinds of the compilation: which classes are excluded (duplicate plural or
    /// Kind in a group-version, a multi-version Kind without exactly one storage version) and which
    /// class is the storage version of its Kind. Equatable, so a change that leaves them as they
    /// were does not re-emit any Kind.
    /// </summary>
    internal sealed record KindSet(EquatableArray<string> Excluded, EquatableArray<string> StorageVersions)
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
                }
                else
                {
                    excluded.UnionWith(versions.Select(k => k.FullName));
                }
            }

            return new KindSet(excluded.ToEquatableArray(), storage.ToEquatableArray());
        }

        /// <summary>The Kind with its storage-version flag, or null when it is excluded.</summary>
        public ResolvedKind? Resolve(KindModel model) =>
            Excluded.Contains(model.FullName) ? null : new ResolvedKind(model, StorageVersions.Contains(model.FullName));
    }
}
