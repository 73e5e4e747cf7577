using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Http;

namespace ApiBuilder.Runtime.Authentication;

/// <summary>What authenticators read from an HTTP request, kept apart from HttpContext so they test in isolation.</summary>
public sealed record AuthenticationRequest
{
    /// <summary>The TLS client (leaf) certificate, if the client sent one.</summary>
    public X509Certificate2? ClientCertificate { get; init; }

    /// <summary>Further certificates the client sent (its intermediates); may be empty.</summary>
    public IReadOnlyList<X509Certificate2> ClientChain { get; init; } = [];

    /// <summary>
    /// The request headers. Authenticators that trust headers remove them once read, so later
    /// handlers cannot mistake them for verified facts.
    /// </summary>
    public required IHeaderDictionary Headers { get; init; }

    /// <summary>The token of an <c>Authorization: Bearer</c> header, if any.</summary>
    public string? BearerToken { get; init; }
}
