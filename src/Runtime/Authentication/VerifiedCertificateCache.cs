using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ApiBuilder.Runtime.Authentication;

/// <summary>
/// Remembers client certificates (with the intermediates presented) that verified, for at most
/// <see cref="Lifetime"/> and never past their validity, so that chains are not rebuilt on every
/// request. Failures are not remembered. Bounded: when full it starts afresh.
/// </summary>
internal sealed class VerifiedCertificateCache(TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    private const int Capacity = 4096;

    private readonly ConcurrentDictionary<string, (AuthenticationResult Result, DateTimeOffset Until)> entries = new(StringComparer.Ordinal);

    public AuthenticationResult? TryGet(X509Certificate2 certificate, IReadOnlyList<X509Certificate2> chain)
    {
        if (entries.TryGetValue(Key(certificate, chain), out var entry) && time.GetUtcNow() < entry.Until)
        {
            return entry.Result;
        }

        return null;
    }

    public void Add(X509Certificate2 certificate, IReadOnlyList<X509Certificate2> chain, AuthenticationResult result)
    {
        if (entries.Count >= Capacity)
        {
            entries.Clear();
        }

        var now = time.GetUtcNow();
        var until = new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);
        foreach (var intermediate in chain)
        {
            var notAfter = new DateTimeOffset(intermediate.NotAfter.ToUniversalTime(), TimeSpan.Zero);
            until = notAfter < until ? notAfter : until;
        }

        entries[Key(certificate, chain)] = (result, now + Lifetime < until ? now + Lifetime : until);
    }

    private static string Key(X509Certificate2 certificate, IReadOnlyList<X509Certificate2> chain)
    {
        var key = Convert.ToHexString(SHA256.HashData(certificate.RawDataMemory.Span));
        foreach (var intermediate in chain)
        {
            key += "/" + Convert.ToHexString(SHA256.HashData(intermediate.RawDataMemory.Span));
        }

        return key;
    }
}
