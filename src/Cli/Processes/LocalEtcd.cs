using System.Diagnostics;

namespace ApiBuilder.Cli.Processes;

/// <summary><c>etcd</c> from PATH on free loopback ports, with its data under the project (<c>--start-etcd</c>).</summary>
internal sealed class LocalEtcd : IAsyncDisposable
{
    private readonly Process process;
    private readonly Task pumping;

    private LocalEtcd(Process process, Uri clientUrl, Task pumping)
    {
        this.process = process;
        ClientUrl = clientUrl;
        this.pumping = pumping;
    }

    public Uri ClientUrl { get; }

    /// <summary>Fails with the fix unless etcd is found.</summary>
    public static string Require(string? etcd) => etcd ?? throw new UserError(
        "--start-etcd needs etcd, which is not on PATH",
        "Install etcd (Debian/Ubuntu: apt-get install etcd-server), pass --etcd-servers <url> of a running etcd, or drop --start-etcd to use the embedded SQLite storage");

    public static async Task<LocalEtcd> StartAsync(string etcd, string dataDirectory, string logPath, CancellationToken cancellationToken)
    {
        var client = Ports.Free();
        var peer = Ports.Free();
        Directory.CreateDirectory(dataDirectory);
        var clientUrl = $"http://127.0.0.1:{client}";
        var peerUrl = $"http://127.0.0.1:{peer}";
        var process = ProcessRunner.Start(etcd,
        [
            "--name", "apiserver-boot", "--data-dir", dataDirectory,
            "--listen-client-urls", clientUrl, "--advertise-client-urls", clientUrl,
            "--listen-peer-urls", peerUrl, "--initial-advertise-peer-urls", peerUrl,
            "--initial-cluster", "apiserver-boot=" + peerUrl,
        ], Path.GetDirectoryName(dataDirectory)!);
        var log = new StreamWriter(logPath, append: false) { AutoFlush = true };
        void Write(string line)
        {
            lock (log)
            {
                log.WriteLine(line);
            }
        }

        var pumping = Task.WhenAll(ProcessRunner.Pump(process.StandardOutput, Write), ProcessRunner.Pump(process.StandardError, Write))
            .ContinueWith(_ => log.Dispose(), TaskScheduler.Default);
        var started = new LocalEtcd(process, new Uri(clientUrl), pumping);
        try
        {
            await started.WaitHealthyAsync(logPath, cancellationToken).ConfigureAwait(false);
            return started;
        }
        catch
        {
            await started.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await ProcessRunner.StopAsync(process, TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        await pumping.ConfigureAwait(false);
        process.Dispose();
    }

    private async Task WaitHealthyAsync(string logPath, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = ClientUrl, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new UserError($"etcd exited with code {process.ExitCode} at start (its log: {logPath})", "Read the log; a stale data folder can be removed");
            }

            try
            {
                var health = await http.GetStringAsync("/health", cancellationToken).ConfigureAwait(false);
                if (health.Contains("\"true\"", StringComparison.Ordinal))
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
            }

            await Task.Delay(200, cancellationToken).ConfigureAwait(false);
        }

        throw new UserError($"etcd did not become healthy within 30 seconds (its log: {logPath})", "Read the log, or pass --etcd-servers of an etcd you run");
    }
}
