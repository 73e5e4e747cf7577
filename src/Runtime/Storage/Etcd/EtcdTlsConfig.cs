using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ApiBuilder.Runtime.Storage.Etcd;

/// <summary>
/// TLS to etcd (<c>--etcd-cafile</c>, <c>--etcd-certfile</c>, <c>--etcd-keyfile</c>): loads the files
/// once (a bad file is a <see cref="StorageConfigurationException"/> naming it), checks etcd's
/// serving certificate against the CA file (or the system's roots), and explains each way the
/// connection can fail: which certificate or file is wrong, and how to fix it.
/// </summary>
internal sealed class EtcdTlsConfig : IDisposable
{
    private const string ServerAuthOid = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuthOid = "1.3.6.1.5.5.7.3.2";

    /// <summary>How long a probe waits, after its handshake, for etcd to refuse the client certificate.</summary>
    private static readonly TimeSpan RefusalWait = TimeSpan.FromSeconds(1);

    private readonly X509Certificate2Collection? roots;
    private readonly X509Certificate2? clientCertificate;
    private readonly SslStreamCertificateContext? clientContext;

    private EtcdTlsConfig(string? caFile, string? certFile, X509Certificate2Collection? roots, X509Certificate2? clientCertificate, X509Certificate2Collection? intermediates)
    {
        CaFile = caFile;
        CertFile = certFile;
        this.roots = roots;
        this.clientCertificate = clientCertificate;
        if (clientCertificate is not null)
        {
            // A context is sent whatever CAs etcd says it accepts, so a mismatch shows up as
            // etcd's refusal (which is explained) rather than as no certificate at all.
            clientContext = SslStreamCertificateContext.Create(clientCertificate, intermediates, offline: true);
        }
    }

    public string? CaFile { get; }

    public string? CertFile { get; }

    /// <exception cref="StorageConfigurationException">A file is missing, unreadable, or not what its flag needs.</exception>
    public static EtcdTlsConfig Load(EtcdStorageOptions options)
    {
        if ((options.CertFile is null) != (options.KeyFile is null))
        {
            throw new StorageConfigurationException("--etcd-certfile and --etcd-keyfile must be given together");
        }

        var roots = options.CaFile is { } caFile ? LoadRoots(caFile) : null;
        X509Certificate2? client = null;
        X509Certificate2Collection? intermediates = null;
        if (options.CertFile is { } certFile)
        {
            (client, intermediates) = LoadClientCertificate(certFile, options.KeyFile!);
        }

        return new EtcdTlsConfig(options.CaFile, options.CertFile, roots, client, intermediates);
    }

    /// <summary>Presents the client certificate and checks etcd's certificate with <see cref="Validate"/>.</summary>
    public void Apply(SslClientAuthenticationOptions ssl)
    {
        ssl.ClientCertificateContext = clientContext;
        ssl.RemoteCertificateValidationCallback = Validate;
    }

    /// <summary>The explanation carried by <paramref name="e"/>, when etcd's certificate was refused here.</summary>
    public static string? Explanation(Exception e)
    {
        for (var x = (Exception?)e; x is not null; x = x.InnerException)
        {
            if (x is RefusedException refused)
            {
                return refused.Message;
            }
        }

        return null;
    }

    /// <summary>
    /// After a request to <paramref name="server"/> broke on a connection that was established:
    /// whether TLS is the reason, explained; null when it is not (or etcd cannot be reached now).
    /// Over https: whether etcd refuses this client's certificate (or its absence). etcd checks
    /// client certificates only after a TLS 1.3 handshake has completed on the client's side, so
    /// the refusal reaches a request as a reset or an alert in the middle of sending it; a fresh
    /// connection that sends nothing gets the alert cleanly. Over http: whether etcd speaks TLS there.
    /// </summary>
    public async Task<string?> DiagnoseAsync(Uri server, TimeSpan limit, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limit);
        using var tcp = new TcpClient();
        try
        {
            await tcp.ConnectAsync(server.IdnHost, server.Port, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }

        var ssl = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false);
        await using (ssl.ConfigureAwait(false))
        {
            var https = server.Scheme == Uri.UriSchemeHttps;
            var options = new SslClientAuthenticationOptions { TargetHost = server.IdnHost };
            if (https)
            {
                Apply(options);
            }
            else
            {
                // Only whether a TLS server answers matters, not whom it claims to be.
                options.RemoteCertificateValidationCallback = (_, _, _, _) => true;
            }

            try
            {
                await ssl.AuthenticateAsClientAsync(options, timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return null;
            }
            catch (Exception e) when (e is IOException or AuthenticationException or SocketException)
            {
                if (!https)
                {
                    return null;
                }

                // TLS 1.2 refuses a client certificate inside the handshake, with an alert that says so.
                var how = Alert(e);
                return Explanation(e) ?? (how.Contains("certificate", StringComparison.OrdinalIgnoreCase) || how.Contains("unknown ca", StringComparison.OrdinalIgnoreCase)
                    ? Refused(server, how)
                    : $"the TLS handshake with etcd {server} failed ({how}): if that member serves plain HTTP, use http:// in --etcd-servers; " +
                        "for TLS it needs --cert-file and --key-file");
            }

            if (!https)
            {
                return $"etcd {server} serves TLS, not plain HTTP: use https://{server.Authority} in --etcd-servers, with --etcd-cafile " +
                    "(and --etcd-certfile and --etcd-keyfile if it demands client certificates)";
            }

            try
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);
                wait.CancelAfter(RefusalWait);
                var read = await ssl.ReadAsync(new byte[1], wait.Token).ConfigureAwait(false);
                return read == 0 ? Refused(server, "it closed the connection") : null;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Silence: etcd waits for a request, so it took the certificate.
                return null;
            }
            catch (Exception e) when (e is IOException or AuthenticationException or SocketException)
            {
                return Refused(server, Alert(e));
            }
        }
    }

    public void Dispose()
    {
        clientCertificate?.Dispose();
        if (roots is not null)
        {
            foreach (var root in roots)
            {
                root.Dispose();
            }
        }
    }

    private static X509Certificate2Collection LoadRoots(string caFile)
    {
        var roots = new X509Certificate2Collection();
        try
        {
            roots.ImportFromPemFile(caFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new StorageConfigurationException($"cannot read --etcd-cafile {caFile}: {e.Message}", e);
        }

        if (roots.Count == 0)
        {
            throw new StorageConfigurationException(
                $"--etcd-cafile {caFile} contains no certificate: it must hold the PEM certificate (-----BEGIN CERTIFICATE-----) of the CA that signed etcd's serving certificate");
        }

        return roots;
    }

    private static (X509Certificate2 Certificate, X509Certificate2Collection Intermediates) LoadClientCertificate(string certFile, string keyFile)
    {
        var chain = new X509Certificate2Collection();
        try
        {
            chain.ImportFromPemFile(certFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new StorageConfigurationException($"cannot read --etcd-certfile {certFile}: {e.Message}", e);
        }

        if (chain.Count == 0)
        {
            throw new StorageConfigurationException(
                $"--etcd-certfile {certFile} contains no certificate: it must hold the PEM client certificate (-----BEGIN CERTIFICATE-----) that etcd's --trusted-ca-file CA signed");
        }

        X509Certificate2 withKey;
        try
        {
            withKey = X509Certificate2.CreateFromPemFile(certFile, keyFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StorageConfigurationException($"cannot read --etcd-keyfile {keyFile}: {e.Message}", e);
        }
        catch (ArgumentException e)
        {
            throw new StorageConfigurationException(
                $"--etcd-keyfile {keyFile} is not the private key of the certificate in --etcd-certfile {certFile} ({e.Message}): pass the key that was issued with that certificate", e);
        }
        catch (CryptographicException e)
        {
            throw new StorageConfigurationException(
                $"--etcd-keyfile {keyFile} holds no usable private key for --etcd-certfile {certFile} ({e.Message}): it must be an unencrypted PEM key (PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY)", e);
        }

        using (withKey)
        {
            if (withKey.Extensions.OfType<X509EnhancedKeyUsageExtension>().FirstOrDefault() is { } usage
                && !usage.EnhancedKeyUsages.Cast<Oid>().Any(o => o.Value == ClientAuthOid))
            {
                throw new StorageConfigurationException(
                    $"--etcd-certfile {certFile} (\"{withKey.Subject}\") is not valid for client authentication, so etcd would refuse it: issue it with the extended key usage clientAuth");
            }

            // Through PKCS#12 the key is one the platform's TLS can use (ephemeral PEM keys are not, on Windows).
            var certificate = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
            var intermediates = new X509Certificate2Collection();
            for (var i = 1; i < chain.Count; i++)
            {
                intermediates.Add(chain[i]);
            }

            chain[0].Dispose();
            return (certificate, intermediates);
        }
    }

    private bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        var host = (sender as SslStream)?.TargetHostName is { Length: > 0 } target ? target : "the host in --etcd-servers";
        if (certificate is null)
        {
            throw new RefusedException($"etcd at {host} presented no TLS certificate");
        }

        using var owned = certificate is X509Certificate2 ? null : X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        var served = owned ?? (X509Certificate2)certificate;
        if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
        {
            throw new RefusedException(
                $"etcd's serving certificate {Describe(served)} is not valid for {host}, the host in --etcd-servers (it names {Names(served)}): " +
                $"use one of those names in --etcd-servers, or reissue etcd's --cert-file with {host} among its subject alternative names");
        }

        if (roots is null)
        {
            if (errors == SslPolicyErrors.None)
            {
                return true;
            }

            throw new RefusedException(
                $"etcd's serving certificate {Describe(served)} is not trusted by the system's CA roots ({Problems(chain, served)}): " +
                "pass the CA that signed it with --etcd-cafile");
        }

        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(roots);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        custom.ChainPolicy.ApplicationPolicy.Add(new Oid(ServerAuthOid));
        if (chain is not null)
        {
            // The intermediates etcd sent along.
            custom.ChainPolicy.ExtraStore.AddRange(chain.ChainPolicy.ExtraStore);
        }

        if (custom.Build(served))
        {
            return true;
        }

        var trusted = string.Join(", ", roots.Select(r => $"\"{r.Subject}\""));
        throw new RefusedException(
            $"etcd's serving certificate {Describe(served)} is not trusted by --etcd-cafile {CaFile}, which holds {trusted} ({Problems(custom, served)}): " +
            "pass in --etcd-cafile the CA that signed etcd's --cert-file");
    }

    private string Refused(Uri server, string how)
    {
        if (clientCertificate is not { } client)
        {
            return $"etcd {server} refused the connection after the TLS handshake ({how}): it requires a client certificate (etcd runs with --client-cert-auth); " +
                "pass --etcd-certfile and --etcd-keyfile with a certificate signed by a CA in etcd's --trusted-ca-file";
        }

        var now = DateTime.Now;
        var expired = now > client.NotAfter || now < client.NotBefore ? $"; it is valid only from {client.NotBefore:u} to {client.NotAfter:u}" : "";
        return $"etcd {server} refused the client certificate {Describe(client)} from --etcd-certfile {CertFile} ({how}){expired}: " +
            "pass a certificate signed by a CA in etcd's --trusted-ca-file, valid now and allowed for client authentication";
    }

    private static string Describe(X509Certificate2 certificate) => $"\"{certificate.Subject}\" (issued by \"{certificate.Issuer}\")";

    private static string Names(X509Certificate2 certificate)
    {
        var names = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>()
            .SelectMany(e => e.EnumerateDnsNames().Concat(e.EnumerateIPAddresses().Select(a => a.ToString())))
            .ToList();
        return names.Count == 0 ? "no subject alternative names" : string.Join(", ", names);
    }

    private static string Problems(X509Chain? chain, X509Certificate2 served)
    {
        var statuses = chain?.ChainStatus.Select(s => s.Status).Distinct().ToList() ?? [];
        var problems = new List<string>();
        if (statuses.Any(s => s is X509ChainStatusFlags.PartialChain or X509ChainStatusFlags.UntrustedRoot))
        {
            problems.Add("no trusted CA signed it");
        }

        if (statuses.Contains(X509ChainStatusFlags.NotTimeValid))
        {
            problems.Add($"it is valid only from {served.NotBefore:u} to {served.NotAfter:u}");
        }

        if (statuses.Contains(X509ChainStatusFlags.NotValidForUsage))
        {
            problems.Add("it is not valid for server authentication (extended key usage serverAuth)");
        }

        problems.AddRange(chain?.ChainStatus
            .Where(s => s.Status is not (X509ChainStatusFlags.PartialChain or X509ChainStatusFlags.UntrustedRoot or X509ChainStatusFlags.NotTimeValid or X509ChainStatusFlags.NotValidForUsage))
            .Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0).Distinct() ?? []);
        return problems.Count == 0 ? "the chain does not verify" : string.Join("; ", problems);
    }

    /// <summary>The TLS alert (e.g. "bad certificate") or the socket error that ended the probe.</summary>
    private static string Alert(Exception e)
    {
        var innermost = e;
        while (innermost.InnerException is { } inner)
        {
            innermost = inner;
        }

        var message = innermost.Message;
        var alert = message.IndexOf("alert ", StringComparison.OrdinalIgnoreCase);
        return alert >= 0 ? "TLS alert: " + message[(alert + "alert ".Length)..].Trim() : message.TrimEnd('.');
    }

    /// <summary>Thrown by <see cref="Validate"/> so the reason reaches the request's error, which a false return would lose.</summary>
    private sealed class RefusedException(string message) : AuthenticationException(message);
}
