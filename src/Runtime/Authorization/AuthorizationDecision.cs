namespace ApiBuilder.Runtime.Authorization;

/// <summary>What an authorizer concluded, as k8s.io/apiserver's <c>authorizer.Decision</c>.</summary>
public enum Decision
{
    /// <summary>The authorizer has no opinion: the next one is asked; if none allows, the request is forbidden.</summary>
    NoOpinion,

    /// <summary>The request is allowed; no later authorizer is asked.</summary>
    Allow,

    /// <summary>The request is forbidden; no later authorizer is asked.</summary>
    Deny,
}

/// <summary>An authorizer's answer, with the reason shown after the 403 message.</summary>
/// <param name="Decision">Allow, deny or no opinion.</param>
/// <param name="Reason">Why; appended to the Forbidden message (e.g. RBAC's "no RBAC policy matched").</param>
public sealed record AuthorizationDecision(Decision Decision, string Reason = "")
{
    /// <summary>Allowed, without a reason.</summary>
    public static AuthorizationDecision Allow { get; } = new(Decision.Allow);

    /// <summary>No opinion, without a reason.</summary>
    public static AuthorizationDecision NoOpinion { get; } = new(Decision.NoOpinion);

    /// <summary>Whether the request may proceed.</summary>
    public bool Allowed => Decision == Decision.Allow;

    /// <summary>Forbidden, for <paramref name="reason"/>.</summary>
    /// <param name="reason">Why, shown to the client.</param>
    /// <returns>A deny decision.</returns>
    public static AuthorizationDecision Deny(string reason = "") => new(Decision.Deny, reason);
}
