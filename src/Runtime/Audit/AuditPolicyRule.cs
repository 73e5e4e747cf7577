using ApiBuilder.Runtime.Authorization;

namespace ApiBuilder.Runtime.Audit;

/// <summary>Resources of one API group in a rule, as audit.k8s.io/v1's <c>GroupResources</c>.</summary>
/// <param name="Group">The API group; "" is the core group, "*" any group.</param>
/// <param name="Resources">Resources (<c>flunders</c>, <c>flunders/status</c>, <c>flunders/*</c>, <c>*/status</c>, <c>*</c>); empty matches all in the group.</param>
/// <param name="ResourceNames">Object names; empty matches any.</param>
internal sealed record AuditGroupResources(string Group, IReadOnlyList<string> Resources, IReadOnlyList<string> ResourceNames);

/// <summary>
/// One rule of an audit policy, matched as k8s.io/apiserver's policy checker does: every non-empty
/// condition must hold; <c>namespaces</c> and <c>resources</c> match resource requests only,
/// <c>nonResourceURLs</c> (exact, or a prefix ending in <c>*</c>) other paths only.
/// </summary>
internal sealed record AuditPolicyRule
{
    public required AuditLevel Level { get; init; }

    public IReadOnlyList<string> Users { get; init; } = [];

    public IReadOnlyList<string> UserGroups { get; init; } = [];

    public IReadOnlyList<string> Verbs { get; init; } = [];

    public IReadOnlyList<AuditGroupResources> Resources { get; init; } = [];

    public IReadOnlyList<string> Namespaces { get; init; } = [];

    public IReadOnlyList<string> NonResourceUrls { get; init; } = [];

    public IReadOnlyList<AuditStage> OmitStages { get; init; } = [];

    public bool Matches(AuthorizationAttributes a)
    {
        if (Users.Count > 0 && !Users.Contains(a.User.Name, StringComparer.Ordinal))
        {
            return false;
        }

        if (UserGroups.Count > 0 && !a.User.Groups.Any(g => UserGroups.Contains(g, StringComparer.Ordinal)))
        {
            return false;
        }

        if (Verbs.Count > 0 && !Verbs.Contains(a.Verb, StringComparer.Ordinal))
        {
            return false;
        }

        if (Namespaces.Count > 0 || Resources.Count > 0)
        {
            return a.IsResourceRequest && ResourceMatches(a);
        }

        if (NonResourceUrls.Count > 0)
        {
            return !a.IsResourceRequest && NonResourceUrls.Any(url => PathMatches(a.Path, url));
        }

        return true;
    }

    private bool ResourceMatches(AuthorizationAttributes a)
    {
        if (Namespaces.Count > 0 && !Namespaces.Contains(a.Namespace, StringComparer.Ordinal))
        {
            return false;
        }

        if (Resources.Count == 0)
        {
            return true;
        }

        var combined = a.Subresource.Length > 0 ? a.Resource + "/" + a.Subresource : a.Resource;
        foreach (var group in Resources)
        {
            if (group.Group != a.ApiGroup && group.Group != "*")
            {
                continue;
            }

            if (group.Resources.Count == 0)
            {
                return true;
            }

            if (group.ResourceNames.Count > 0 && !group.ResourceNames.Contains(a.Name, StringComparer.Ordinal))
            {
                continue;
            }

            foreach (var resource in group.Resources)
            {
                if (resource == combined || resource == "*"
                    || (a.Subresource.Length > 0 && resource.StartsWith("*/", StringComparison.Ordinal) && a.Subresource == resource[2..])
                    || (resource.EndsWith("/*", StringComparison.Ordinal) && a.Resource == resource[..^2]))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool PathMatches(string path, string spec) =>
        spec == "*" || spec == path || (spec.EndsWith('*') && path.StartsWith(spec.TrimEnd('*'), StringComparison.Ordinal));
}
