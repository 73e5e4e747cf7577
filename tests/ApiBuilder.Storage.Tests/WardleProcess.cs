using System.Diagnostics;
using System.Net;
using System.Text;
using ApiBuilder.EndToEnd.Tests.Infrastructure;

namespace ApiBuilder.Storage.Tests;

/// <summary>
/// The Wardle server as a child process on 127.0.0.1 with its certificates and kubeconfig in a
/// directory that outlives the process, so it can be killed (SIGKILL) and started again on the
/// same storage. Always killed on dispose.
/// </summary>
internal sealed class WardleProcess : IAsyncDisposable
{
    private readonly string directory;
    private readonly string[] storageArguments;
    private readonly StringBuilder output = new();
    private Process? process;

    private WardleProcess(string directory, string[] storageArguments)
    {
        this.directory = directory;
        this.storageArguments = storageArguments;
    }

    public HttpClient Http { get; private set; } = null!;

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    private string KubeconfigPath => Path.Combine(directory, "kubeconfig");

    public static async Task<WardleProcess> StartAsync(string directory, params string[] storageArguments)
    {
        var server = new WardleProcess(directory, storageArguments);
        try
        {
            await server.StartAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>SIGKILL: no shutdown code runs, as in a crash or a power cut of the process.</summary>
    public async Task KillAsync()
    {
        if (process is { } p)
        {
            try
            {
                p.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }

            await p.WaitForExitAsync();
            p.Dispose();
            process = null;
            Http.Dispose();
        }
    }

    public async Task RestartAsync()
    {
        await KillAsync();
        await StartAsync();
    }

    public async ValueTask DisposeAsync() => await KillAsync();

    private async Task StartAsync()
    {
        File.Delete(KubeconfigPath);
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } h && File.Exists(h) ? h : "dotnet";
        var start = new ProcessStartInfo(host)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = directory,
        };
        foreach (var argument in new[]
                 {
                     WardleServerLocation.FindServerAssembly(), "--secure-port", "0", "--bind-address", "127.0.0.1",
                     "--cert-dir", Path.Combine(directory, "certs"), "--write-kubeconfig", KubeconfigPath, "--log-level", "Warning",
                     // The tests compare resourceVersions the server acknowledged with what is stored: no controller may write meanwhile.
                     "--controllers=",
                 }.Concat(storageArguments))
        {
            start.ArgumentList.Add(argument);
        }

        process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"the Wardle server exited with {process.ExitCode}:\n{Output}");
            }

            if (Kubeconfig.TryLoad(KubeconfigPath) is { } config)
            {
                var http = KubeconfigHttpClient.Create(config, presentClientCertificate: true);
                http.Timeout = TimeSpan.FromSeconds(10);
                try
                {
                    using var ready = await http.GetAsync("/readyz");
                    if (ready.StatusCode == HttpStatusCode.OK)
                    {
                        Http = http;
                        return;
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    // Not listening yet.
                }

                http.Dispose();
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"the Wardle server was not ready after 60s:\n{Output}");
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
