using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ApiBuilder.Runtime.Benchmarks.Report;

/// <summary>
/// One etcd member (the <c>etcd</c> on PATH, Debian's etcd-server) on free loopback ports with its
/// data in a temporary directory, started for the report and killed (data deleted) at the end.
/// Clients speak plain HTTP to it, the same for the storage and the raw baseline.
/// </summary>
internal sealed class EtcdServer : IAsyncDisposable
{
    private readonly Process process;
    private readonly string directory;
    private readonly StringBuilder output = new();

    private EtcdServer(Process process, string directory, Uri clientUrl)
    {
        this.process = process;
        this.directory = directory;
        ClientUrl = clientUrl;
    }

    public Uri ClientUrl { get; }

    /// <summary>The etcd process's id.</summary>
    public int Pid => process.Id;

    public static async Task<EtcdServer> StartAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "apibuilder-bench-etcd-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(directory);
        var client = new Uri($"http://127.0.0.1:{FreePort()}");
        var peer = $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo("etcd") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[]
                 {
                     "--name", "bench", "--data-dir", Path.Combine(directory, "data"),
                     "--listen-client-urls", client.ToString().TrimEnd('/'), "--advertise-client-urls", client.ToString().TrimEnd('/'),
                     "--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer, "--initial-cluster", "bench=" + peer,
                     "--logger", "zap", "--log-level", "warn",
                 })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("etcd did not start");
        var server = new EtcdServer(process, directory, client);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"etcd exited with {process.ExitCode}:\n{server.output}");
            }

            try
            {
                // A linearizable range answers once the member has a leader.
                using var response = await http.PostAsync(new Uri(client, "/v3/kv/range"), new StringContent("{\"key\":\"AA==\"}"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return server;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(50);
        }

        await server.DisposeAsync();
        throw new TimeoutException("etcd was not ready after 30s");
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }
}
