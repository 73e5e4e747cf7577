using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace ApiBuilder.Runtime.Tests.Storage;

/// <summary>
/// Real etcd members (the <c>etcd</c> binary of Debian's etcd-server package) on loopback ports
/// that were free, each with a data directory under a temp directory. Members can be killed and
/// started again on the same data; everything is stopped and deleted on dispose. With
/// <c>tls: true</c> the members serve clients over HTTPS only and demand a client certificate
/// (<c>--client-cert-auth</c>) signed by <see cref="Tls"/>'s CA; peers still talk plain HTTP.
/// </summary>
public sealed class EtcdCluster : IAsyncDisposable
{
    private readonly TempDirectory directory = new("etcd");
    private readonly Member[] members;
    private readonly string token = "apibuilder-" + Guid.NewGuid().ToString("N")[..8];

    private EtcdCluster(int size, bool tls, bool serverCertificateForClients)
    {
        Tls = tls ? EtcdTls.Create(Path.Combine(directory.Path, "tls"), serverCertificateForClients: serverCertificateForClients) : null;
        var scheme = tls ? "https" : "http";
        members = [.. Enumerable.Range(0, size).Select(i => new Member($"m{i}", scheme, FreePort(), FreePort(), Path.Combine(directory.Path, $"m{i}")))];
    }

    /// <summary>The CA and certificates the members and their clients use; null when the members serve plain HTTP.</summary>
    public EtcdTls? Tls { get; }

    public IReadOnlyList<Uri> ClientUrls => [.. members.Select(m => m.ClientUrl)];

    public int Size => members.Length;

    public Uri ClientUrl(int member) => members[member].ClientUrl;

    /// <param name="serverCertificateForClients">
    /// False leaves clientAuth out of the serving certificate, which etcd 3.4's JSON gateway needs
    /// under --client-cert-auth: such a member starts but answers nothing (it is then not waited for).
    /// </param>
    public static async Task<EtcdCluster> StartAsync(int size = 1, bool tls = false, bool serverCertificateForClients = true)
    {
        var cluster = new EtcdCluster(size, tls, serverCertificateForClients);
        try
        {
            foreach (var member in cluster.members)
            {
                cluster.Start(member, existing: false);
            }

            foreach (var member in cluster.members)
            {
                await cluster.WaitReadyAsync(member, answers: serverCertificateForClients);
            }

            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>SIGKILL, as a crash or a power cut of that member would end it.</summary>
    public async Task KillAsync(int member)
    {
        var m = members[member];
        if (m.Process is { } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            process.Dispose();
            m.Process = null;
        }
    }

    /// <summary>Starts a killed member again on its data.</summary>
    public async Task RestartAsync(int member)
    {
        var m = members[member];
        Start(m, existing: true);
        await WaitReadyAsync(m);
    }

    public string Output(int member) => members[member].Output.ToString();

    public async ValueTask DisposeAsync()
    {
        for (var i = 0; i < members.Length; i++)
        {
            try
            {
                await KillAsync(i);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
        }

        directory.Dispose();
    }

    private void Start(Member m, bool existing)
    {
        var start = new ProcessStartInfo(FindEtcd())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var cluster = string.Join(",", members.Select(x => $"{x.Name}=http://127.0.0.1:{x.PeerPort}"));
        foreach (var argument in new[]
                 {
                     "--name", m.Name, "--data-dir", m.DataDirectory,
                     "--listen-client-urls", m.ClientUrl.ToString().TrimEnd('/'), "--advertise-client-urls", m.ClientUrl.ToString().TrimEnd('/'),
                     "--listen-peer-urls", $"http://127.0.0.1:{m.PeerPort}", "--initial-advertise-peer-urls", $"http://127.0.0.1:{m.PeerPort}",
                     "--initial-cluster", cluster, "--initial-cluster-token", token,
                     "--initial-cluster-state", existing ? "existing" : "new",
                     // Quick elections keep failover tests short.
                     "--heartbeat-interval", "50", "--election-timeout", "500",
                     "--logger", "zap", "--log-level", "warn",
                 })
        {
            start.ArgumentList.Add(argument);
        }

        if (Tls is { } tls)
        {
            foreach (var argument in new[]
                     {
                         "--cert-file", tls.ServerCertFile, "--key-file", tls.ServerKeyFile,
                         "--client-cert-auth", "--trusted-ca-file", tls.CaFile,
                     })
            {
                start.ArgumentList.Add(argument);
            }
        }

        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(m, e.Data);
        process.ErrorDataReceived += (_, e) => Append(m, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        m.Process = process;
    }

    private static void Append(Member m, string? line)
    {
        if (line is not null)
        {
            lock (m.Output)
            {
                m.Output.AppendLine(line);
            }
        }
    }

    private async Task WaitReadyAsync(Member m, bool answers = true)
    {
        using var http = Tls is { } tls ? new HttpClient(tls.CreateClientHandler()) : new HttpClient();
        http.Timeout = TimeSpan.FromSeconds(2);
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (m.Process is { HasExited: true } exited)
            {
                throw new InvalidOperationException($"etcd {m.Name} exited with {exited.ExitCode}:\n{m.Output}");
            }

            try
            {
                // A linearizable range answers only once the member has a leader.
                using var response = await http.PostAsync(new Uri(m.ClientUrl, "/v3/kv/range"), new StringContent("{\"key\":\"AA==\"}"));
                if (response.StatusCode == HttpStatusCode.OK || !answers)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"etcd {m.Name} was not ready after 30s:\n{m.Output}");
    }

    private static string FindEtcd()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Append("/usr/bin").Append("/usr/local/bin"))
        {
            var candidate = Path.Combine(dir, "etcd");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("etcd is not installed: `apt-get install -y etcd-server` (Debian's etcd 3.4) puts it on PATH.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class Member(string name, string scheme, int clientPort, int peerPort, string dataDirectory)
    {
        public string Name { get; } = name;

        public int PeerPort { get; } = peerPort;

        public Uri ClientUrl { get; } = new($"{scheme}://127.0.0.1:{clientPort}");

        public string DataDirectory { get; } = dataDirectory;

        public StringBuilder Output { get; } = new();

        public Process? Process { get; set; }
    }
}

/// <summary>
/// PEM files for etcd's client TLS, made with the BCL (no openssl, no runtime helpers, so the
/// process-level tests can link this file alone): a CA, a serving certificate for 127.0.0.1 and
/// localhost, a client certificate, and a second CA that signed neither (the "wrong CA").
/// </summary>
public sealed class EtcdTls
{
    private readonly X509Certificate2 ca;

    private EtcdTls(string directory, X509Certificate2 ca)
    {
        Directory = directory;
        this.ca = ca;
    }

    public string Directory { get; }

    /// <summary>The CA that signed both certificates: etcd's <c>--trusted-ca-file</c>, the server's <c>--etcd-cafile</c>.</summary>
    public string CaFile => Path.Combine(Directory, "ca.crt");

    public string ServerCertFile => Path.Combine(Directory, "server.crt");

    public string ServerKeyFile => Path.Combine(Directory, "server.key");

    /// <summary>The client certificate: the server's <c>--etcd-certfile</c>.</summary>
    public string ClientCertFile => Path.Combine(Directory, "client.crt");

    public string ClientKeyFile => Path.Combine(Directory, "client.key");

    /// <summary>Another CA, which signed nothing etcd has: a wrong <c>--etcd-cafile</c>.</summary>
    public string OtherCaFile => Path.Combine(Directory, "other-ca.crt");

    public static EtcdTls Create(string directory, string caName = "apibuilder-test-etcd-ca", bool serverCertificateForClients = true)
    {
        System.IO.Directory.CreateDirectory(directory);
        var tls = new EtcdTls(directory, NewCa(caName));
        File.WriteAllText(tls.CaFile, tls.ca.ExportCertificatePem());
        using (var other = NewCa("apibuilder-test-other-ca"))
        {
            File.WriteAllText(tls.OtherCaFile, other.ExportCertificatePem());
        }

        // etcd 3.4's JSON gateway dials etcd's own gRPC port with the serving certificate as its
        // client certificate: under --client-cert-auth that certificate must allow client auth too.
        tls.Issue("etcd", serverCertificateForClients ? [Oids.ServerAuth, Oids.ClientAuth] : [Oids.ServerAuth], sans: true, tls.ServerCertFile, tls.ServerKeyFile);
        tls.Issue("apibuilder-test-client", [Oids.ClientAuth], sans: false, tls.ClientCertFile, tls.ClientKeyFile);
        return tls;
    }

    /// <summary>A handler that trusts the CA (only) and presents the client certificate.</summary>
    public SocketsHttpHandler CreateClientHandler()
    {
        using var pem = X509Certificate2.CreateFromPemFile(ClientCertFile, ClientKeyFile);
        var roots = new X509Certificate2Collection();
        roots.ImportFromPemFile(CaFile);
        var handler = new SocketsHttpHandler();
        handler.SslOptions.ClientCertificates = [X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null)];
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
        {
            if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
            {
                return false;
            }

            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.AddRange(roots);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return chain.Build(X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
        };
        return handler;
    }

    private static X509Certificate2 NewCa(string commonName)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(1));
    }

    private void Issue(string commonName, string[] usages, bool sans, string certFile, string keyFile)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        var ekus = new OidCollection();
        foreach (var usage in usages)
        {
            ekus.Add(new Oid(usage));
        }

        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(ekus, false));
        if (sans)
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(IPAddress.Loopback);
            names.AddDnsName("localhost");
            request.CertificateExtensions.Add(names.Build());
        }

        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        using var certificate = request.Create(ca, DateTimeOffset.UtcNow.AddMinutes(-30), DateTimeOffset.UtcNow.AddHours(12), RandomNumberGenerator.GetBytes(16));
        File.WriteAllText(certFile, certificate.ExportCertificatePem());
        File.WriteAllText(keyFile, key.ExportPkcs8PrivateKeyPem());
    }

    private static class Oids
    {
        public const string ServerAuth = "1.3.6.1.5.5.7.3.1";
        public const string ClientAuth = "1.3.6.1.5.5.7.3.2";
    }
}

/// <summary>One etcd member shared by the tests of a class (each test uses its own key prefix).</summary>
public class EtcdFixture : IAsyncLifetime
{
    private readonly bool tls;
    private EtcdCluster? cluster;

    public EtcdFixture()
        : this(tls: false)
    {
    }

    protected EtcdFixture(bool tls) => this.tls = tls;

    public EtcdCluster Cluster => cluster ?? throw new InvalidOperationException("etcd is not started");

    public async Task InitializeAsync() => cluster = await EtcdCluster.StartAsync(tls: tls);

    public async Task DisposeAsync()
    {
        if (cluster is not null)
        {
            await cluster.DisposeAsync();
        }
    }
}

/// <summary>One etcd member with client TLS and <c>--client-cert-auth</c>, shared by the tests of a class.</summary>
public sealed class TlsEtcdFixture() : EtcdFixture(tls: true);
