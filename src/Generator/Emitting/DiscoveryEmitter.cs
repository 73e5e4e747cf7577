using System.Linq;
using ApiBuilder.Generator.Model;

namespace ApiBuilder.Generator.Emitting
{
    /// <summary>
    /// The assembly's precomputed discovery: per API group, the APIGroup document, the APIResourceList of each
    /// version and the group's aggregated-discovery entry, as UTF-8 literals that <c>AddGeneratedResources</c>
    /// hands to the server.
    /// </summary>
    internal static class DiscoveryEmitter
    {
        public const string HintName = "ApiBuilder.GeneratedDiscovery.g.cs";

        private const string Precomputed = "global::ApiBuilder.Runtime.Discovery.PrecomputedGroupDiscovery";

        public static string Emit(EquatableArray<DiscoveryGroup> groups)
        {
            var w = SourceHeader.Start("ApiBuilder.Runtime.Server");
            w.Line("/// <summary>")
                .Line("/// The discovery documents of the API groups declared with <c>[Kind]</c> in this assembly, precomputed as")
                .Line("/// UTF-8 JSON. <c>AddGeneratedResources</c> hands them to the server, which serves a group's documents as")
                .Line("/// they are when the group's resources are exactly these definitions, and computes them otherwise.")
                .Line("/// </summary>")
                .Line(Names.GeneratedCode)
                .Line("internal static class GeneratedDiscovery")
                .Open();

            w.Line("/// <summary>One entry per API group, ordered by name.</summary>")
                .Line($"public static global::System.Collections.Generic.IReadOnlyList<{Precomputed}> Groups {{ get; }} = new {Precomputed}[]")
                .Open();
            foreach (var group in groups)
            {
                if (!group.Precomputed)
                {
                    w.Line($"// {group.Name}: computed by the server at start-up (a name or category is not printable ASCII).");
                    continue;
                }

                w.Line($"// {group.Name}")
                    .Line($"new {Precomputed}(")
                    .Line($"    {JsonText.Literal(group.Name)},")
                    .Line($"    new {Names.ResourceDefinition}[]")
                    .Line("    {");
                foreach (var entry in group.Versions.SelectMany(v => v.Resources))
                {
                    w.Line($"        {entry.Resource.FullName}.Definition,");
                }

                w.Line("    },")
                    .Line($"    {JsonText.RawUtf8(DiscoveryJson.ApiGroup(group))},")
                    .Line($"    {JsonText.RawUtf8(DiscoveryJson.AggregatedEntry(group))})");
                for (var i = 0; i < group.Versions.Count; i++)
                {
                    var version = group.Versions[i];
                    w.Line($"    .AddResourceList({JsonText.Literal(version.Version)}, {JsonText.RawUtf8(DiscoveryJson.ResourceList(group, version))})" +
                           (i == group.Versions.Count - 1 ? "," : ""));
                }
            }

            w.Close("};");
            w.Close();
            return SourceHeader.End(w, "ApiBuilder.Runtime.Server");
        }
    }
}
