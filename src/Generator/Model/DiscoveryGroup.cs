using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace ApiBuilder.Generator.Model
{
    /// <summary>What discovery needs of one served version of a Kind.</summary>
    internal sealed record DiscoveryResource(
        string FullName,
        string Group,
        string Version,
        string Kind,
        string Plural,
        string Singular,
        bool Namespaced,
        EquatableArray<string> ShortNames,
        EquatableArray<string> Categories,
        bool StatusSubresource,
        bool ScaleSubresource,
        bool IsStorageVersion);

    /// <summary>A resource as its group-version lists it, with the hash of its Kind's storage version.</summary>
    internal sealed record DiscoveryEntry(DiscoveryResource Resource, string StorageVersionHash);

    /// <summary>One version of a group: its resources ordered by plural.</summary>
    internal sealed record DiscoveryVersion(string Version, EquatableArray<DiscoveryEntry> Resources);

    /// <summary>
    /// One API group of the assembly, ordered as the runtime's <c>DiscoveryDocuments</c> orders it: versions
    /// by Kubernetes' priority (GA, beta, alpha; the preferred version first), resources by plural.
    /// </summary>
    /// <param name="Precomputed">
    /// False when a name or category is not printable ASCII, or a version number does not fit an int:
    /// the generator cannot promise the runtime's exact bytes then, so the runtime computes the group.
    /// </param>
    internal sealed record DiscoveryGroup(string Name, bool Precomputed, EquatableArray<DiscoveryVersion> Versions)
    {
        /// <summary>The groups of <paramref name="resources"/>, ordered by name.</summary>
        public static EquatableArray<DiscoveryGroup> Create(IEnumerable<DiscoveryResource> resources) =>
            resources
                .GroupBy(r => r.Group)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => Create(g.Key, g.ToList()))
                .ToEquatableArray();

        private static DiscoveryGroup Create(string name, List<DiscoveryResource> resources)
        {
            var precomputed = resources.All(r =>
                Plain(r.Group) && Plain(r.Version) && Plain(r.Kind) && Plain(r.Plural) && Plain(r.Singular)
                && r.ShortNames.All(Plain) && r.Categories.All(Plain) && VersionPriority.IsComparable(r.Version));
            var versions = resources.Select(r => r.Version).Distinct().ToList();
            versions.Sort(VersionPriority.Compare);
            return new DiscoveryGroup(
                name,
                precomputed,
                versions.Select(v => new DiscoveryVersion(v, resources
                        .Where(r => r.Version == v)
                        .OrderBy(r => r.Plural, StringComparer.Ordinal)
                        .Select(r => new DiscoveryEntry(r, StorageVersionHash(StorageVersion(r, resources))))
                        .ToEquatableArray()))
                    .ToEquatableArray());
        }

        /// <summary>The version the Kind is stored in; the resource itself when none is (the runtime refuses that at start-up).</summary>
        private static DiscoveryResource StorageVersion(DiscoveryResource resource, List<DiscoveryResource> group) =>
            group.FirstOrDefault(r => r.Kind == resource.Kind && r.IsStorageVersion) ?? resource;

        /// <summary>Std-base64 of the first 8 bytes of SHA-256 over group/version/kind, as Kubernetes computes it.</summary>
        private static string StorageVersionHash(DiscoveryResource storage)
        {
            using var sha = SHA256.Create();
            var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(storage.Group + "/" + storage.Version + "/" + storage.Kind));
            return Convert.ToBase64String(hash, 0, 8);
        }

        /// <summary>Printable ASCII: the runtime's JSON writer escapes only '"' and '\' there, as the generator does.</summary>
        private static bool Plain(string value) => value.All(c => c >= 0x20 && c <= 0x7E);
    }

    /// <summary>
    /// The runtime's <c>VersionPriority</c>: GA before beta before alpha, higher numbers first, and versions
    /// that do not look like Kubernetes versions last, ordinally.
    /// </summary>
    internal static class VersionPriority
    {
        private static readonly Regex KubeVersion = new("^v([1-9][0-9]*)(?:(alpha|beta)([1-9][0-9]*))?$", RegexOptions.CultureInvariant);

        public static int Compare(string a, string b)
        {
            var ka = Key(a);
            var kb = Key(b);
            if (ka is null || kb is null)
            {
                return ka is null && kb is null ? string.CompareOrdinal(a, b) : ka is null ? 1 : -1;
            }

            var (majorA, stageA, minorA) = ka.Value;
            var (majorB, stageB, minorB) = kb.Value;
            if (stageA != stageB)
            {
                return stageB.CompareTo(stageA);
            }

            if (majorA != majorB)
            {
                return majorB.CompareTo(majorA);
            }

            return minorB.CompareTo(minorA);
        }

        /// <summary>False for a Kubernetes-like version whose numbers overflow an int (the runtime fails on those).</summary>
        public static bool IsComparable(string version)
        {
            var m = KubeVersion.Match(version);
            return !m.Success || (Number(m.Groups[1].Value) is not null && (!m.Groups[3].Success || Number(m.Groups[3].Value) is not null));
        }

        private static (int Major, int Stage, int Minor)? Key(string version)
        {
            var m = KubeVersion.Match(version);
            if (!m.Success)
            {
                return null;
            }

            var stage = m.Groups[2].Value switch { "alpha" => 0, "beta" => 1, _ => 2 };
            var minor = m.Groups[3].Success ? Number(m.Groups[3].Value) ?? 0 : 0;
            return (Number(m.Groups[1].Value) ?? 0, stage, minor);
        }

        private static int? Number(string digits) =>
            int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
    }
}
