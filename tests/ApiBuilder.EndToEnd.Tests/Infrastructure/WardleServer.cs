using System.Diagnostics;
using System.Net;
using Xunit;

namespace ApiBuilder.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The Wardle sample server running as a child process on 127.0.0.1 (port chosen by the server), with
/// its certificates and administrator kubeconfig in a temporary directory. Shared by the tests of a
/// collection; tests stay independent by using their own namespace and unique names.
/// The process tree is killed on dispose, and on test-host exit as a last resort.
/// </summary>
public sealed class WardleServer : IAsyncLifetime
{
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(60);

    private readonly string workDirectory = Path.Combine(Path.GetTempPath(), "apibuilder-e2e-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly string[] extraArguments;

    public WardleServer()
        : this([])
    {
    }

    /// <summary>A server started with more flags, e.g. <c>--kubeconfig</c> of a stand-in cluster.</summary>
    internal WardleServer(params string[] extraArguments) => this.extraArguments = extraArguments;

    /// <summary>The certificate directory: the server's CA is <c>ca.crt</c> there.</summary>
    public string CertificateDirectory => Path.Combine(workDirectory, "certs");
    private Process? process;
    private HttpClient? http;
    private Kubectl? kubectl;
    private WardleApi? api;

    /// <summary>stdout and stderr of the server, appended to assertion messages.</summary>
    public ServerOutput Output { get; } = new();

    /// <summary>Path of the administrator kubeconfig the server wrote.</summary>
    public string KubeconfigPath => Path.Combine(workDirectory, "kubeconfig");

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>PEM of the CA that signed the server's certificate.</summary>
    public string CertificateAuthorityPem { get; private set; } = "";

    /// <summary>Trusts the server's CA and presents the administrator client certificate.</summary>
    public HttpClient Http => http ?? throw new InvalidOperationException("The server is not started.");

    /// <summary>Runs the real kubectl against this server.</summary>
    public Kubectl Kubectl => kubectl ?? throw new InvalidOperationException("The server is not started.");

    /// <summary>Raw REST calls on the wardle.example.com API with <see cref="Http"/>.</summary>
    public WardleApi Api => api ?? throw new InvalidOperationException("The server is not started.");

    /// <summary>A client that trusts the server but presents no client certificate.</summary>
    public HttpClient CreateAnonymousHttpClient() =>
        KubeconfigHttpClient.Create(Kubeconfig.TryLoad(KubeconfigPath)!, presentClientCertificate: false);

    /// <summary>Appends the server's recent output to a failure message.</summary>
    public string Explain(string message) => $"{message}{Environment.NewLine}{Output.Tail()}";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(workDirectory);
        var serverAssembly = WardleServerLocation.FindServerAssembly();
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workDirectory,
        };
        foreach (var argument in new[]
                 {
                     serverAssembly, "--secure-port", "0", "--bind-address", "127.0.0.1",
                     "--cert-dir", Path.Combine(workDirectory, "certs"), "--write-kubeconfig", KubeconfigPath,
                     // Tests assert exact resourceVersions and watch events: no controller writes meanwhile,
                     // except where a test asks for them (--controllers=* among its own arguments).
                     "--controllers=",
                 }.Concat(extraArguments))
        {
            start.ArgumentList.Add(argument);
        }

        process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Output.Append("stdout", e.Data);
        process.ErrorDataReceived += (_, e) => Output.Append("stderr", e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        AppDomain.CurrentDomain.ProcessExit += KillOnHostExit;

        try
        {
            var config = await WaitUntilReadyAsync().ConfigureAwait(false);
            BaseAddress = config.Server;
            CertificateAuthorityPem = config.CertificateAuthorityPem;
            http = KubeconfigHttpClient.Create(config, presentClientCertificate: true);
            kubectl = new Kubectl(KubeconfigPath, Path.Combine(workDirectory, "kubectl-cache"), workDirectory, Output);
            api = new WardleApi(http, this);
        }
        catch
        {
            await DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task<Kubeconfig> WaitUntilReadyAsync()
    {
        var deadline = Stopwatch.StartNew();
        string lastProblem = "the kubeconfig was not written";
        while (deadline.Elapsed < StartupTimeout)
        {
            if (process!.HasExited)
            {
                throw new InvalidOperationException(Explain($"The Wardle server exited with code {process.ExitCode} before it became ready."));
            }

            if (Kubeconfig.TryLoad(KubeconfigPath) is { } config)
            {
                using var probe = KubeconfigHttpClient.Create(config, presentClientCertificate: true);
                probe.Timeout = TimeSpan.FromSeconds(5);
                try
                {
                    using var response = await probe.GetAsync("/readyz").ConfigureAwait(false);
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        return config;
                    }

                    lastProblem = $"/readyz answered {(int)response.StatusCode}";
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    lastProblem = $"/readyz failed: {e.Message}";
                }
            }

            await Task.Delay(100).ConfigureAwait(false);
        }

        throw new TimeoutException(Explain($"The Wardle server was not ready after {StartupTimeout.TotalSeconds}s: {lastProblem}."));
    }

    public async Task DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= KillOnHostExit;
        http?.Dispose();
        if (process is not null)
        {
            Kill(process);
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Reported by the leak check below when it matters; nothing else to do.
            }

            process.Dispose();
        }

        try
        {
            Directory.Delete(workDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A temp directory left behind is harmless.
        }
    }

    private void KillOnHostExit(object? sender, EventArgs e)
    {
        if (process is not null)
        {
            Kill(process);
        }
    }

    private static void Kill(Process p)
    {
        try
        {
            if (!p.HasExited)
            {
                p.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    /// <summary>The dotnet host running the tests (set by the dotnet CLI), else the one on PATH.</summary>
    internal static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
}
