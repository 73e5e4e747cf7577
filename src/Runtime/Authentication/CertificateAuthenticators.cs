namespace ApiBuilder.Runtime.Authentication;

/// <summary>
/// The certificate-based authenticators in force: front proxy (request header) and client
/// certificates. Kept together because both come from one place, the flags or the
/// <c>kube-system/extension-apiserver-authentication</c> ConfigMap, and change together when it does.
/// </summary>
/// <param name="RequestHeader">Front-proxy authentication; null when no request-header CA is known.</param>
/// <param name="ClientCertificate">Client certificates; null when no client CA is known.</param>
internal sealed record CertificateAuthenticators(RequestHeaderAuthenticator? RequestHeader, ClientCertificateAuthenticator? ClientCertificate)
{
    public static CertificateAuthenticators None { get; } = new(null, null);
}
