using System.Diagnostics;
using System.Globalization;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.RegularExpressions;

namespace ApiBuilder.Runtime.Benchmarks.Report;

/// <summary>
/// A server run as its own process (<c>dotnet some.dll args</c>): the Wardle sample, or the bare
/// Kestrel baseline (this program's <c>baseline-server</c> mode). Start returns once
/// <c>/readyz</c> answers 200 and records how long that took from the process start.
/// </summary>
internal sealed partial class ServerProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private ServerProcess(Process process, Uri address)
    {
        this.process = process;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>From <see cref="Process.Start()"/> to the first 200 of <c>/readyz</c>.</summary>
    public TimeSpan StartTime { get; private set; }

    public int Pid => process.Id;

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

    public static async Task<ServerProcess> StartAsync(string dll, int port, IEnumerable<string> arguments, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var probe = new HttpClient(new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, _, _, _) => true },
            ConnectTimeout = TimeSpan.FromSeconds(1),
        }) { Timeout = TimeSpan.FromSeconds(2) };
        var address = new Uri($"https://127.0.0.1:{port}/");
        var clock = Stopwatch.StartNew();
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var server = new ServerProcess(process, address);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{Path.GetFileName(dll)} exited with {process.ExitCode}:\n{server.Output}");
            }

            try
            {
                using var response = await probe.GetAsync(new Uri(address, "/readyz"));
                if (response.IsSuccessStatusCode)
                {
                    server.StartTime = clock.Elapsed;
                    return server;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(5);
        }

        await server.DisposeAsync();
        throw new TimeoutException($"{Path.GetFileName(dll)} was not ready after 60s:\n{server.Output}");
    }

    /// <summary>Resident set size of the process now (VmRSS), in bytes.</summary>
    public long ResidentBytes()
    {
        foreach (var line in File.ReadLines($"/proc/{process.Id}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
            }
        }

        throw new InvalidOperationException("no VmRSS");
    }

    /// <summary>An HTTP client with the client certificate of a kubeconfig the server wrote (user admin, system:masters).</summary>
    public static HttpClient ClientFromKubeconfig(string kubeconfig, Uri address, int maxConnections = int.MaxValue)
    {
        var text = File.ReadAllText(kubeconfig);
        var cert = Encoding.UTF8.GetString(Convert.FromBase64String(CertificateData().Match(text).Groups[1].Value));
        var key = Encoding.UTF8.GetString(Convert.FromBase64String(KeyData().Match(text).Groups[1].Value));
        using var pem = X509Certificate2.CreateFromPem(cert, key);
        var certificate = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = maxConnections,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = [certificate],
                LocalCertificateSelectionCallback = (_, _, _, _, _) => certificate,
                RemoteCertificateValidationCallback = (_, _, _, _) => true,
            },
        };
        return new HttpClient(handler) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(100) };
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
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

    [GeneratedRegex(@"client-certificate-data:\s*(\S+)")]
    private static partial Regex CertificateData();

    [GeneratedRegex(@"client-key-data:\s*(\S+)")]
    private static partial Regex KeyData();
}
