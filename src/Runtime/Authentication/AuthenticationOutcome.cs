namespace ApiBuilder.Runtime.Authentication;

/// <summary>What an authenticator concluded about a request.</summary>
public enum AuthenticationOutcome
{
    /// <summary>The request carries no credential this authenticator understands; the next one may.</summary>
    NoCredentials,

    /// <summary>A credential identified a user.</summary>
    Authenticated,

    /// <summary>A credential was presented but is invalid: the request is answered 401, with no fallback.</summary>
    Failed,
}
