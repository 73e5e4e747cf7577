using ApiBuilder.Cli.Names;
using ApiBuilder.Cli.Project;
using ApiBuilder.Runtime.Discovery;

namespace ApiBuilder.Cli.Deployment;

/// <summary>One group-version the server serves, as its APIService registers it.</summary>
internal sealed record ServedVersion(string Group, string Version, int Priority)
{
    /// <summary>The APIService's name: <c>&lt;version&gt;.&lt;group&gt;</c>.</summary>
    public string ApiServiceName => Version + "." + Group;
}

/// <summary>One API group and the resources (with their status and scale subresources) users get roles over.</summary>
internal sealed record ServedGroup(string Group, IReadOnlyList<string> Resources);

/// <summary>The API groups and versions of a project, from its state (no build needed).</summary>
internal static class ServedApis
{
    /// <summary>versionPriority of a group's preferred version; each later version gets <see cref="PriorityStep"/> less.</summary>
    public const int TopPriority = 100;

    public const int PriorityStep = 10;

    /// <summary>Every group-version, groups in ordinal order, versions in Kubernetes' order (preferred first).</summary>
    public static IReadOnlyList<ServedVersion> Versions(ProjectState state) =>
    [
        .. state.Resources.GroupBy(r => FullGroup(state, r)).OrderBy(g => g.Key, StringComparer.Ordinal)
            .SelectMany(g =>
            {
                var versions = g.Select(r => r.Version).Distinct(StringComparer.Ordinal).ToList();
                versions.Sort(VersionPriority.Compare);
                return versions.Select((v, i) => new ServedVersion(g.Key, v, Math.Max(1, TopPriority - (i * PriorityStep))));
            }),
    ];

    /// <summary>Every group with its resources: plurals of its Kinds, then their subresources.</summary>
    public static IReadOnlyList<ServedGroup> Groups(ProjectState state) =>
    [
        .. state.Resources.GroupBy(r => FullGroup(state, r)).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new ServedGroup(g.Key, [.. g.SelectMany(Resources).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)])),
    ];

    private static IEnumerable<string> Resources(ResourceState resource)
    {
        var plural = resource.PluralName;
        yield return plural;
        if (resource.StatusSubresource)
        {
            yield return plural + "/status";
        }

        if (resource.Scale)
        {
            yield return plural + "/scale";
        }
    }

    private static string FullGroup(ProjectState state, ResourceState resource) => resource.Group + "." + state.Domain;
}
