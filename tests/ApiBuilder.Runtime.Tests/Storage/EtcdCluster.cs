using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ApiBuilder.Runtime.Tests.Storage;

/// <summary>
/// Real etcd members (the <c>etcd</c> binary of Debian's etcd-server package) on loopback ports
/// that were free, each with a data directory under a temp directory. Members can be killed and
/// started again on the same data; everything is stopped and deleted on dispose.
/// </summary>
public sealed class EtcdCluster : IAsyncDisposable
{
    private readonly TempDirectory directory = new("etcd");
    private readonly Member[] members;
    private readonly string token = "apibuilder-" + Guid.NewGuid().ToString("N")[..8];

    private EtcdCluster(int size)
    {
        members = [.. Enumerable.Range(0, size).Select(i => new Member($"m{i}", FreePort(), FreePort(), Path.Combine(directory.Path, $"m{i}")))];
    }

    public IReadOnlyList<Uri> ClientUrls => [.. members.Select(m => m.ClientUrl)];

    public int Size => members.Length;

    public Uri ClientUrl(int member) => members[member].ClientUrl;

    public static async Task<EtcdCluster> StartAsync(int size = 1)
    {
        var cluster = new EtcdCluster(size);
        try
        {
            foreach (var member in cluster.members)
            {
                cluster.Start(member, existing: false);
            }

            foreach (var member in cluster.members)
            {
                await WaitReadyAsync(member);
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

    private static async Task WaitReadyAsync(Member m)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
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
                if (response.StatusCode == HttpStatusCode.OK)
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

    private sealed class Member(string name, int clientPort, int peerPort, string dataDirectory)
    {
        public string Name { get; } = name;

        public int PeerPort { get; } = peerPort;

        public Uri ClientUrl { get; } = new($"http://127.0.0.1:{clientPort}");

        public string DataDirectory { get; } = dataDirectory;

        public StringBuilder Output { get; } = new();

        public Process? Process { get; set; }
    }
}

/// <summary>One etcd member shared by the tests of a class (each test uses its own key prefix).</summary>
public sealed class EtcdFixture : IAsyncLifetime
{
    private EtcdCluster? cluster;

    public EtcdCluster Cluster => cluster ?? throw new InvalidOperationException("etcd is not started");

    public async Task InitializeAsync() => cluster = await EtcdCluster.StartAsync();

    public async Task DisposeAsync()
    {
        if (cluster is not null)
        {
            await cluster.DisposeAsync();
        }
    }
}
