using System.Collections;
using System.Reflection;
using System.Text;
using ApiBuilder.Runtime.Discovery;
using ApiBuilder.Runtime.Resources;
using ApiBuilder.Runtime.Server;
using Microsoft.CodeAnalysis;

namespace ApiBuilder.Generator.Tests.Infrastructure;

/// <summary>One group's discovery documents as text: the APIGroup, the APIResourceList of each version, the aggregated entry.</summary>
internal sealed record GroupDocumentsText(string ApiGroup, IReadOnlyDictionary<string, string> ResourceLists, string AggregatedEntry)
{
    public static GroupDocumentsText Of(PrecomputedGroupDiscovery group) => new(
        Encoding.UTF8.GetString(group.ApiGroup.Span),
        group.ResourceLists.ToDictionary(l => l.Key, l => Encoding.UTF8.GetString(l.Value.Span), StringComparer.Ordinal),
        Encoding.UTF8.GetString(group.AggregatedEntry.Span));
}

/// <summary>
/// The runtime's own discovery computation (the internal <c>DiscoveryDocuments</c>, reached by reflection:
/// the runtime does not open its internals to this project), and assemblies compiled from test sources.
/// </summary>
internal static class RuntimeDiscovery
{
    private static readonly Type Documents =
        typeof(ApiServer).Assembly.GetType("ApiBuilder.Runtime.Discovery.DiscoveryDocuments", throwOnError: true)!;

    /// <summary><c>DiscoveryDocuments.Compute</c>: the group's documents computed from the definitions.</summary>
    public static GroupDocumentsText Compute(string group, IReadOnlyList<ResourceDefinition> definitions)
    {
        var documents = Documents.GetMethod("Compute", BindingFlags.Public | BindingFlags.Static)!.Invoke(null, [group, definitions, null, null])!;
        object Property(string name) => documents.GetType().GetProperty(name)!.GetValue(documents)!;
        var lists = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in (IEnumerable)Property("ResourceLists"))
        {
            var (key, value) = ((KeyValuePair<string, byte[]>)pair!);
            lists[key] = Encoding.UTF8.GetString(value);
        }

        return new GroupDocumentsText(Encoding.UTF8.GetString((byte[])Property("ApiGroup")), lists, Encoding.UTF8.GetString((byte[])Property("AggregatedEntry")));
    }

    /// <summary>Whether the runtime, given these definitions and precomputed documents, serves <paramref name="group"/> from the precomputed ones.</summary>
    public static bool UsesPrecomputed(IReadOnlyList<ResourceDefinition> definitions, IReadOnlyList<PrecomputedGroupDiscovery> precomputed, string group)
    {
        var documents = Activator.CreateInstance(Documents, BindingFlags.Public | BindingFlags.Instance, null, [definitions, precomputed, null, null], null)!;
        return (bool)Documents.GetMethod("IsPrecomputed")!.Invoke(documents, [group])!;
    }

    /// <summary>
    /// Emits a compilation (with generated code) and loads it into a collectible context that shares this
    /// process's ApiBuilder.Runtime; returns the generated <c>Definitions</c> and <c>GeneratedDiscovery.Groups</c>.
    /// </summary>
    public static (IReadOnlyList<ResourceDefinition> Definitions, IReadOnlyList<PrecomputedGroupDiscovery> Discovery) Load(Compilation output)
    {
        var assembly = GeneratorHarness.Load(output);
        object Static(string type, string property) =>
            assembly.GetType("ApiBuilder.Runtime.Server." + type, throwOnError: true)!.GetProperty(property)!.GetValue(null)!;
        return ((IReadOnlyList<ResourceDefinition>)Static("GeneratedResources", "Definitions"), (IReadOnlyList<PrecomputedGroupDiscovery>)Static("GeneratedDiscovery", "Groups"));
    }
}
