using System.Net;

namespace ApiBuilder.Runtime.Certificates;

/// <summary>The generic apiserver's TLS flags, and the names the serving certificate must carry.</summary>
internal sealed record ServingCertificateOptions
{
    /// <summary><c>--cert-dir</c>: where certificates are generated when no <see cref="TlsCertFile"/> is given.</summary>
    public string CertDirectory { get; init; } = CertificateDirectory.DefaultPath;

    /// <summary><c>--tls-cert-file</c>: PEM serving certificate, optionally followed by intermediates.</summary>
    public string? TlsCertFile { get; init; }

    /// <summary><c>--tls-private-key-file</c>: PEM private key of <see cref="TlsCertFile"/>.</summary>
    public string? TlsPrivateKeyFile { get; init; }

    /// <summary><c>--client-ca-file</c>: PEM CAs whose client certificates authenticate users.</summary>
    public string? ClientCaFile { get; init; }

    /// <summary>DNS names for a generated serving certificate, e.g. <c>&lt;service&gt;.&lt;namespace&gt;.svc</c>.</summary>
    public IReadOnlyList<string> DnsNames { get; init; } = [];

    /// <summary>IP addresses for a generated serving certificate.</summary>
    public IReadOnlyList<IPAddress> IPAddresses { get; init; } = [];
}
