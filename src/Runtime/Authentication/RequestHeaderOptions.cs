using System.Security.Cryptography.X509Certificates;

namespace ApiBuilder.Runtime.Authentication;

/// <summary>
/// Front-proxy (request-header) authentication settings: the <c>requestheader-*</c> keys of the
/// <c>extension-apiserver-authentication</c> ConfigMap, or the matching flags. Header names are
/// case-insensitive.
/// </summary>
internal sealed record RequestHeaderOptions
{
    /// <summary><c>requestheader-client-ca-file</c>: CAs that sign the front proxy's client certificate.</summary>
    public required X509Certificate2Collection ClientCertificateAuthorities { get; init; }

    /// <summary><c>requestheader-allowed-names</c>: accepted client certificate CNs; empty accepts any CN the CA signed.</summary>
    public IReadOnlyList<string> AllowedNames { get; init; } = [];

    /// <summary><c>requestheader-username-headers</c>: the first non-empty one names the user.</summary>
    public IReadOnlyList<string> UsernameHeaders { get; init; } = ["X-Remote-User"];

    /// <summary><c>requestheader-uid-headers</c>: not defaulted, as in the generic apiserver.</summary>
    public IReadOnlyList<string> UidHeaders { get; init; } = [];

    /// <summary><c>requestheader-group-headers</c>: every value of every one is a group.</summary>
    public IReadOnlyList<string> GroupHeaders { get; init; } = ["X-Remote-Group"];

    /// <summary><c>requestheader-extra-headers-prefix</c>: headers starting with one carry extra attributes.</summary>
    public IReadOnlyList<string> ExtraHeaderPrefixes { get; init; } = ["X-Remote-Extra-"];

    /// <summary>Throws <see cref="ArgumentException"/> for settings that would trust nothing or everything.</summary>
    public void Validate()
    {
        if (ClientCertificateAuthorities.Count == 0)
        {
            throw new ArgumentException("Request-header authentication needs at least one client CA (requestheader-client-ca-file).");
        }

        if (UsernameHeaders.Count == 0)
        {
            throw new ArgumentException("Request-header authentication needs at least one username header (requestheader-username-headers).");
        }

        // A blank prefix would turn every request header into an extra attribute, and strip them all.
        RequireNoBlank(UsernameHeaders, "requestheader-username-headers");
        RequireNoBlank(UidHeaders, "requestheader-uid-headers");
        RequireNoBlank(GroupHeaders, "requestheader-group-headers");
        RequireNoBlank(ExtraHeaderPrefixes, "requestheader-extra-headers-prefix");
    }

    private static void RequireNoBlank(IReadOnlyList<string> values, string setting)
    {
        if (values.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException($"{setting} must not contain empty values.");
        }
    }
}
