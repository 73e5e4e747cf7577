namespace ApiBuilder.Runtime.Authorization;

/// <summary>
/// Allows everything to members of <c>--authorization-always-allow-groups</c> (default
/// <c>system:masters</c>), without asking kube-apiserver: it would allow them anyway, and the
/// aggregator's availability probes come in that group.
/// </summary>
internal sealed class PrivilegedGroupsAuthorizer(IReadOnlyList<string> groups) : IAuthorizer
{
    public ValueTask<AuthorizationDecision> AuthorizeAsync(AuthorizationAttributes attributes, CancellationToken cancellationToken)
    {
        foreach (var group in attributes.User.Groups)
        {
            if (groups.Contains(group, StringComparer.Ordinal))
            {
                return ValueTask.FromResult(AuthorizationDecision.Allow);
            }
        }

        return ValueTask.FromResult(AuthorizationDecision.NoOpinion);
    }
}
