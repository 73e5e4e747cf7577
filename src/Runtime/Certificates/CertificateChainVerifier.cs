using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ApiBuilder.Runtime.Certificates;

/// <summary>
/// Verifies a certificate chain the way Go's <c>x509.Certificate.Verify</c> does for Kubernetes:
/// only the given roots are trusted, intermediates come from what the peer sent, the required
/// extended key usage must hold along the chain, and revocation is not checked.
/// </summary>
internal static class CertificateChainVerifier
{
    /// <summary>
    /// Whether <paramref name="leaf"/> chains to one of <paramref name="roots"/> at <paramref name="at"/>,
    /// valid for <paramref name="requiredUsage"/> (an OID from <see cref="ExtendedKeyUsages"/>).
    /// </summary>
    public static bool TryVerify(
        X509Certificate2 leaf,
        IEnumerable<X509Certificate2> intermediates,
        X509Certificate2Collection roots,
        string requiredUsage,
        DateTimeOffset at,
        [NotNullWhen(false)] out string? error)
    {
        if (roots.Count == 0)
        {
            error = "no certificate authority is configured to verify it";
            return false;
        }

        using var chain = new X509Chain();
        var policy = chain.ChainPolicy;
        policy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        policy.CustomTrustStore.AddRange(roots);
        policy.ExtraStore.AddRange(intermediates.Where(c => !c.RawDataMemory.Span.SequenceEqual(leaf.RawDataMemory.Span)).ToArray());
        policy.RevocationMode = X509RevocationMode.NoCheck;
        // Fetching missing intermediates from AIA URLs would let a peer make the server issue requests.
        policy.DisableCertificateDownloads = true;
        policy.ApplicationPolicy.Add(new Oid(requiredUsage));
        policy.VerificationTime = at.LocalDateTime;
        policy.VerificationTimeIgnored = false;

        try
        {
            if (chain.Build(leaf))
            {
                error = null;
                return true;
            }

            var problems = chain.ChainStatus
                .Where(s => s.Status != X509ChainStatusFlags.NoError)
                .Select(s => string.IsNullOrWhiteSpace(s.StatusInformation) ? s.Status.ToString() : s.StatusInformation.Trim())
                .Distinct();
            error = string.Join("; ", problems);
            if (error.Length == 0)
            {
                error = "the chain did not verify";
            }

            return false;
        }
        finally
        {
            // Chain elements are fresh certificate instances the caller never sees.
            foreach (var element in chain.ChainElements)
            {
                element.Certificate.Dispose();
            }
        }
    }
}
