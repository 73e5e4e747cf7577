namespace ApiBuilder.Runtime.Authorization;

/// <summary>
/// Allows non-resource paths listed in <c>--authorization-always-allow-paths</c> to everyone, as the
/// generic apiserver does for <c>/healthz</c>, <c>/readyz</c> and <c>/livez</c>: exact paths, or a
/// prefix when the entry ends in <c>*</c>.
/// </summary>
internal sealed class AlwaysAllowPathsAuthorizer : IAuthorizer
{
    private readonly HashSet<string> _exact = new(StringComparer.Ordinal);
    private readonly List<string> _prefixes = [];

    public AlwaysAllowPathsAuthorizer(IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            if (path.EndsWith('*'))
            {
                _prefixes.Add(path.TrimEnd('*'));
            }
            else
            {
                _exact.Add(path);
            }
        }
    }

    public ValueTask<AuthorizationDecision> AuthorizeAsync(AuthorizationAttributes attributes, CancellationToken cancellationToken) =>
        ValueTask.FromResult(!attributes.IsResourceRequest && Matches(attributes.Path) ? AuthorizationDecision.Allow : AuthorizationDecision.NoOpinion);

    private bool Matches(string path) =>
        _exact.Contains(path) || _prefixes.Exists(prefix => path.StartsWith(prefix, StringComparison.Ordinal));
}
