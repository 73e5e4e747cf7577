using System.Globalization;
using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace ApiBuilder.Runtime.Certificates;

/// <summary>
/// The subject alternative names a serving certificate must carry: the requested ones plus the
/// loopback names, so kubectl and probes on the same host can always connect.
/// </summary>
internal sealed class ServingNames
{
    private static readonly IdnMapping Idn = new();

    private ServingNames(IReadOnlyList<string> dnsNames, IReadOnlyList<IPAddress> ipAddresses)
    {
        DnsNames = dnsNames;
        IPAddresses = ipAddresses;
    }

    /// <summary>Lowercase ASCII (punycode) DNS names, requested ones first, then <c>localhost</c>.</summary>
    public IReadOnlyList<string> DnsNames { get; }

    /// <summary>Requested IP addresses, then <c>127.0.0.1</c> and <c>::1</c>.</summary>
    public IReadOnlyList<IPAddress> IPAddresses { get; }

    /// <summary>The subject CN: the first DNS name (the Service name when one is requested).</summary>
    public string CommonName => DnsNames[0];

    public static ServingNames Create(IReadOnlyList<string> dnsNames, IReadOnlyList<IPAddress> ipAddresses)
    {
        var names = new List<string>();
        foreach (var name in dnsNames.Append("localhost"))
        {
            var normalized = Normalize(name);
            if (!names.Contains(normalized, StringComparer.Ordinal))
            {
                names.Add(normalized);
            }
        }

        var addresses = new List<IPAddress>();
        foreach (var address in ipAddresses.Append(IPAddress.Loopback).Append(IPAddress.IPv6Loopback))
        {
            if (!addresses.Contains(address))
            {
                addresses.Add(address);
            }
        }

        return new ServingNames(names, addresses);
    }

    /// <summary>The subjectAltName extension holding every name.</summary>
    public X509Extension ToExtension()
    {
        var builder = new SubjectAlternativeNameBuilder();
        foreach (var name in DnsNames)
        {
            builder.AddDnsName(name);
        }

        foreach (var address in IPAddresses)
        {
            builder.AddIpAddress(address);
        }

        return builder.Build(critical: false);
    }

    /// <summary>Whether <paramref name="certificate"/> carries every one of these names (it may carry more).</summary>
    public bool AreCoveredBy(X509Certificate2 certificate)
    {
        var extension = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().FirstOrDefault();
        if (extension is null)
        {
            return false;
        }

        var presentNames = extension.EnumerateDnsNames().Select(n => n.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        var presentAddresses = extension.EnumerateIPAddresses().ToHashSet();
        return DnsNames.All(presentNames.Contains) && IPAddresses.All(presentAddresses.Contains);
    }

    private static string Normalize(string name)
    {
        var trimmed = name.Trim().TrimEnd('.');
        if (trimmed.Length == 0)
        {
            throw new ArgumentException("A serving certificate DNS name must not be empty.", nameof(name));
        }

        // Certificates store IDNs as punycode; normalizing here makes the coverage check compare like with like.
        return Idn.GetAscii(trimmed).ToLowerInvariant();
    }
}
