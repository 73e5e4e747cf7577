using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ApiBuilder.Runtime.Certificates;
using Microsoft.AspNetCore.Http;

namespace ApiBuilder.Runtime.Authentication;

/// <summary>
/// Authenticates requests proxied by kube-apiserver's aggregation layer (k8s.io/apiserver
/// <c>headerrequest</c>): the user comes from <c>X-Remote-*</c> headers, which are trusted only when
/// the TLS client proved, with a certificate from the request-header CA and an allowed CN, that it
/// is the front proxy. Anything else is not a credential of this kind, so the request falls through
/// to the other authenticators with its headers ignored.
/// </summary>
internal sealed class RequestHeaderAuthenticator
{
    private readonly RequestHeaderOptions _options;

    private readonly X509Certificate2Collection _trustedCAs;

    private readonly TimeProvider _time;

    public RequestHeaderAuthenticator(RequestHeaderOptions options, TimeProvider time)
    {
        options.Validate();
        _options = options;
        _trustedCAs = TrustAnchors.Copy(options.ClientCertificateAuthorities);
        _time = time;
    }

    public AuthenticationResult Authenticate(AuthenticationRequest request)
    {
        if (request.ClientCertificate is not { } certificate || !IsFrontProxy(certificate, request.ClientChain))
        {
            return AuthenticationResult.NoCredentials;
        }

        var headers = request.Headers;
        var name = FirstValue(headers, _options.UsernameHeaders);
        if (name is null)
        {
            return AuthenticationResult.NoCredentials;
        }

        var user = new UserInfo(
            name,
            FirstValue(headers, _options.UidHeaders),
            AllValues(headers, _options.GroupHeaders),
            Extra(headers));
        ClearHeaders(headers);
        return AuthenticationResult.Authenticated(user);
    }

    /// <summary>
    /// Removes every header this authenticator reads, so nothing downstream mistakes an unverified
    /// header for the authenticated user. Called after any successful authentication.
    /// </summary>
    public void ClearHeaders(IHeaderDictionary headers)
    {
        foreach (var header in _options.UsernameHeaders.Concat(_options.UidHeaders).Concat(_options.GroupHeaders))
        {
            headers.Remove(header);
        }

        var extraHeaders = headers.Keys.Where(IsExtraHeader).ToList();
        foreach (var header in extraHeaders)
        {
            headers.Remove(header);
        }
    }

    /// <summary>
    /// Why a certificate from the request-header CA was not taken as the front proxy (a CN that is not
    /// allowed, or no user header), or null when it does not come from that CA at all. Logged instead of
    /// the client-certificate authenticator's chain error, which would name the wrong cause.
    /// </summary>
    public string? ExplainRejectedFrontProxy(AuthenticationRequest request)
    {
        if (request.ClientCertificate is not { } certificate || !SignedByRequestHeaderCa(certificate, request.ClientChain))
        {
            return null;
        }

        var subject = $"client certificate \"{certificate.Subject}\" is signed by the request-header (front-proxy) CA";
        if (!HasAllowedName(certificate))
        {
            return $"{subject}, but its common name is not in requestheader-allowed-names [{string.Join(", ", _options.AllowedNames)}]";
        }

        return $"{subject}, but the request names no user in {string.Join(" or ", _options.UsernameHeaders)}: " +
            "only kube-apiserver's aggregation layer should hold that certificate, and it always sends the user";
    }

    private bool IsFrontProxy(X509Certificate2 certificate, IReadOnlyList<X509Certificate2> chain) =>
        SignedByRequestHeaderCa(certificate, chain) && HasAllowedName(certificate);

    private bool SignedByRequestHeaderCa(X509Certificate2 certificate, IReadOnlyList<X509Certificate2> chain) =>
        CertificateChainVerifier.TryVerify(certificate, chain, _trustedCAs, ExtendedKeyUsages.ClientAuthentication, _time.GetUtcNow(), out _);

    private bool HasAllowedName(X509Certificate2 certificate)
    {
        if (_options.AllowedNames.Count == 0)
        {
            return true;
        }

        try
        {
            return _options.AllowedNames.Contains(CertificateSubject.Read(certificate.SubjectName).CommonName, StringComparer.Ordinal);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private bool IsExtraHeader(string header) =>
        _options.ExtraHeaderPrefixes.Any(prefix => header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));

    /// <summary>The first value of the first header, in order, whose first value is non-empty.</summary>
    private static string? FirstValue(IHeaderDictionary headers, IReadOnlyList<string> names)
    {
        foreach (var name in names)
        {
            if (headers.TryGetValue(name, out var values) && values.Count > 0 && !string.IsNullOrEmpty(values[0]))
            {
                return values[0];
            }
        }

        return null;
    }

    private static List<string> AllValues(IHeaderDictionary headers, IReadOnlyList<string> names)
    {
        var result = new List<string>();
        foreach (var name in names)
        {
            if (headers.TryGetValue(name, out var values))
            {
                result.AddRange(values.Where(v => !string.IsNullOrEmpty(v))!);
            }
        }

        return result;
    }

    private Dictionary<string, IReadOnlyList<string>> Extra(IHeaderDictionary headers)
    {
        var extra = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        // Prefixes first, then headers, so values keep the order of the configured prefixes.
        foreach (var prefix in _options.ExtraHeaderPrefixes)
        {
            foreach (var (header, values) in headers)
            {
                if (!header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                // Lowercase before decoding, as the generic apiserver does: escaped bytes keep their case.
                var key = ExtraKeyEscaping.Unescape(header[prefix.Length..].ToLowerInvariant());
                if (key.Length == 0)
                {
                    continue;
                }

                if (!extra.TryGetValue(key, out var list))
                {
                    extra[key] = list = [];
                }

                list.AddRange(values.Select(v => v ?? string.Empty));
            }
        }

        return extra.ToDictionary(e => e.Key, e => (IReadOnlyList<string>)e.Value, StringComparer.Ordinal);
    }
}
