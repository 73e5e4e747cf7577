using System;
using System.Collections.Generic;
using System.Linq;

namespace ApiBuilder.Generator.Model
{
    /// <summary>
    /// What <c>AddGeneratedResources()</c> registers: the valid Kinds, ordered by group, Kind and version, and the
    /// subresources of those Kinds, in the order of their Kinds, then by class name.
    /// </summary>
    internal sealed record RegistrationModel(EquatableArray<RegistrationEntry> Entries, EquatableArray<SubresourceModel> Subresources)
    {
        /// <summary>
        /// Subresources of a Kind the generator emits nothing for (excluded, or invalid) are left out: their
        /// registration would not compile, and the Kind's own diagnostic says what to fix.
        /// </summary>
        public static RegistrationModel Create(EquatableArray<RegistrationEntry> entries, IEnumerable<SubresourceModel> subresources)
        {
            var order = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var entry in entries)
            {
                order[entry.FullName] = order.Count;
            }

            var served = subresources
                .Where(s => order.ContainsKey(s.KindFullName))
                .Distinct()
                .OrderBy(s => order[s.KindFullName])
                .ThenBy(s => s.FullName, StringComparer.Ordinal)
                .ToEquatableArray();
            return new RegistrationModel(entries, served);
        }
    }
}
