using System.Text.Json;
using ApiBuilder.Runtime.Authentication;

namespace ApiBuilder.Runtime.Authorization;

/// <summary>
/// A local policy for servers that run without a cluster (<c>--authorization-policy-file</c>), in
/// Kubernetes' ABAC format: one <c>abac.authorization.kubernetes.io/v1beta1</c> Policy object per line,
/// e.g. <c>{"apiVersion":"abac.authorization.kubernetes.io/v1beta1","kind":"Policy","spec":{"user":"jane","namespace":"*","resource":"flunders","apiGroup":"*","readonly":true}}</c>.
/// A request is allowed when any policy matches it, with ABAC's rules; otherwise this authorizer has
/// no opinion. Blank lines and lines starting with <c>#</c> are skipped.
/// </summary>
internal sealed class PolicyFileAuthorizer(IReadOnlyList<PolicyFileAuthorizer.Policy> policies) : IAuthorizer
{
    public const string ApiVersion = "abac.authorization.kubernetes.io/v1beta1";

    public ValueTask<AuthorizationDecision> AuthorizeAsync(AuthorizationAttributes attributes, CancellationToken cancellationToken)
    {
        foreach (var policy in policies)
        {
            if (policy.Matches(attributes))
            {
                return ValueTask.FromResult(AuthorizationDecision.Allow);
            }
        }

        return ValueTask.FromResult(new AuthorizationDecision(Decision.NoOpinion, "no policy matched"));
    }

    /// <summary>Reads a policy file; a mistake throws <see cref="FormatException"/> naming the line.</summary>
    public static PolicyFileAuthorizer Load(string path)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FormatException($"cannot read --authorization-policy-file {path}: {e.Message}", e);
        }

        var policies = new List<Policy>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            try
            {
                policies.Add(Parse(line));
            }
            catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
            {
                throw new FormatException($"--authorization-policy-file {path}, line {i + 1}: {e.Message}", e);
            }
        }

        return new PolicyFileAuthorizer(policies);
    }

    private static Policy Parse(string line)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("a policy is one JSON object per line");
        }

        var apiVersion = Text(root, "apiVersion");
        var kind = Text(root, "kind");
        if (apiVersion != ApiVersion || kind != "Policy")
        {
            throw new FormatException($"expected apiVersion \"{ApiVersion}\" and kind \"Policy\", got \"{apiVersion}\" and \"{kind}\"");
        }

        if (!root.TryGetProperty("spec", out var spec) || spec.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("a policy needs a spec object");
        }

        foreach (var property in spec.EnumerateObject())
        {
            if (property.Name is not ("user" or "group" or "readonly" or "apiGroup" or "namespace" or "resource" or "nonResourcePath"))
            {
                throw new FormatException($"unknown field spec.{property.Name}: use user, group, readonly, apiGroup, namespace, resource or nonResourcePath");
            }
        }

        var policy = new Policy(
            Text(spec, "user"), Text(spec, "group"),
            spec.TryGetProperty("readonly", out var ro) && ro.ValueKind == JsonValueKind.True,
            Text(spec, "apiGroup"), Text(spec, "namespace"), Text(spec, "resource"), Text(spec, "nonResourcePath"));
        if (policy.User.Length == 0 && policy.Group.Length == 0)
        {
            throw new FormatException("a policy needs spec.user or spec.group (\"*\" for everyone)");
        }

        return policy;
    }

    private static string Text(JsonElement element, string name) =>
        !element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? ""
        : value.ValueKind == JsonValueKind.String ? value.GetString()!
        : throw new FormatException($"{name} must be a string");

    /// <summary>One ABAC policy: who (user or group), and what (a resource in a namespace and group, or a non-resource path).</summary>
    internal sealed record Policy(string User, string Group, bool ReadOnly, string ApiGroup, string Namespace, string Resource, string NonResourcePath)
    {
        public bool Matches(AuthorizationAttributes a) =>
            SubjectMatches(a.User) && (a.IsReadOnly || !ReadOnly) && (a.IsResourceRequest ? ResourceMatches(a) : NonResourceMatches(a.Path));

        private bool SubjectMatches(UserInfo user)
        {
            var matched = false;
            if (User.Length > 0)
            {
                matched = User == "*" || User == user.Name;
                if (!matched)
                {
                    return false;
                }
            }

            if (Group.Length > 0)
            {
                matched = Group == "*" || user.Groups.Contains(Group, StringComparer.Ordinal);
            }

            return matched;
        }

        private bool ResourceMatches(AuthorizationAttributes a) =>
            (Namespace == "*" || Namespace == a.Namespace)
            && (Resource == "*" || Resource == a.Resource)
            && (ApiGroup == "*" || ApiGroup == a.ApiGroup);

        private bool NonResourceMatches(string path) =>
            NonResourcePath == "*" || NonResourcePath == path
            || (NonResourcePath.EndsWith('*') && path.StartsWith(NonResourcePath.TrimEnd('*'), StringComparison.Ordinal));
    }
}
