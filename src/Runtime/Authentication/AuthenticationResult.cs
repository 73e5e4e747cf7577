using System.Diagnostics.CodeAnalysis;

namespace ApiBuilder.Runtime.Authentication;

/// <summary>The result of authenticating a request: a user, no credentials, or a failure.</summary>
public sealed record AuthenticationResult
{
    private AuthenticationResult(AuthenticationOutcome outcome, UserInfo? user, string? failureReason)
    {
        Outcome = outcome;
        User = user;
        FailureReason = failureReason;
    }

    /// <summary>No credential this authenticator understands.</summary>
    public static AuthenticationResult NoCredentials { get; } = new(AuthenticationOutcome.NoCredentials, null, null);

    /// <summary>Authenticated, no credentials, or failed.</summary>
    public AuthenticationOutcome Outcome { get; }

    /// <summary>The user, when <see cref="IsAuthenticated"/>.</summary>
    public UserInfo? User { get; }

    /// <summary>Why the credential was rejected, when <see cref="Outcome"/> is Failed; for logs, not for the client.</summary>
    public string? FailureReason { get; }

    /// <summary>Whether a user was found.</summary>
    [MemberNotNullWhen(true, nameof(User))]
    public bool IsAuthenticated => Outcome == AuthenticationOutcome.Authenticated;

    /// <summary>The credential names <paramref name="user"/>.</summary>
    /// <param name="user">The authenticated user.</param>
    /// <returns>An authenticated result.</returns>
    public static AuthenticationResult Authenticated(UserInfo user) =>
        new(AuthenticationOutcome.Authenticated, user ?? throw new ArgumentNullException(nameof(user)), null);

    /// <summary>A credential was presented but is invalid; the request is answered 401.</summary>
    /// <param name="reason">Why, for the server's log.</param>
    /// <returns>A failed result.</returns>
    public static AuthenticationResult Failed(string reason) =>
        new(AuthenticationOutcome.Failed, null, reason);
}
