using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ApiBuilder.Runtime.Certificates;

namespace ApiBuilder.Runtime.Authentication;

/// <summary>
/// Authenticates TLS client certificates signed by the <c>--client-ca-file</c> CAs
/// (k8s.io/apiserver <c>request/x509</c>): user = subject CN, groups = subject O values.
/// </summary>
internal sealed class ClientCertificateAuthenticator(X509Certificate2Collection trustedCAs, TimeProvider time)
{
    private readonly X509Certificate2Collection _trustedCAs = TrustAnchors.Copy(trustedCAs);

    // Building a chain costs more than the rest of a small request; a client presents the same
    // certificate on every request, so verified certificates are remembered for a short while.
    private readonly VerifiedCertificateCache _verified = new(time);

    public AuthenticationResult Authenticate(AuthenticationRequest request)
    {
        // Without configured CAs client certificates are not a credential here at all (no --client-ca-file).
        if (request.ClientCertificate is not { } certificate || _trustedCAs.Count == 0)
        {
            return AuthenticationResult.NoCredentials;
        }

        if (_verified.TryGet(certificate, request.ClientChain) is { } known)
        {
            return known;
        }

        if (!CertificateChainVerifier.TryVerify(
                certificate, request.ClientChain, _trustedCAs, ExtendedKeyUsages.ClientAuthentication, time.GetUtcNow(), out var error))
        {
            return AuthenticationResult.Failed($"verifying client certificate {Describe(certificate)} failed: {error}");
        }

        CertificateSubject subject;
        try
        {
            subject = CertificateSubject.Read(certificate.SubjectName);
        }
        catch (CryptographicException e)
        {
            return AuthenticationResult.Failed($"client certificate {Describe(certificate)}: {e.Message}");
        }

        // Like k8s' CommonNameUserConversion, a verified certificate without a CN names nobody: not a credential.
        if (subject.CommonName.Length == 0)
        {
            return AuthenticationResult.NoCredentials;
        }

        var result = AuthenticationResult.Authenticated(new UserInfo(subject.CommonName, null, subject.Organizations, UserInfo.NoExtra));
        _verified.Add(certificate, request.ClientChain, result);
        return result;
    }

    private static string Describe(X509Certificate2 certificate) =>
        $"(subject \"{certificate.Subject}\", serial {certificate.SerialNumber}, issuer \"{certificate.Issuer}\")";
}
