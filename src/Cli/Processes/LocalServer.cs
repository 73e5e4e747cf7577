using System.Diagnostics;
using System.Net;

namespace ApiBuilder.Cli.Processes;

/// <summary>
/// A built server running as a child process (<c>dotnet &lt;server&gt;.dll</c>) until stopped. Ready
/// once it has written its kubeconfig and answers <c>/readyz</c>.
/// </summary>
internal sealed class LocalServer : IAsyncDisposable
{
    private readonly Process process;
    private readonly List<string> output = [];
    private readonly Task pumping;
    private Action<string>? forward;

    private LocalServer(Process process, string kubeconfigPath)
    {
        this.process = process;
        KubeconfigPath = kubeconfigPath;
        pumping = Task.WhenAll(ProcessRunner.Pump(process.StandardOutput, OnLine), ProcessRunner.Pump(process.StandardError, OnLine));
    }

    public string KubeconfigPath { get; }

    public KubeconfigFile Kubeconfig { get; private set; } = null!;

    public Task Exited => process.WaitForExitAsync();

    public int ExitCode => process.ExitCode;

    /// <summary>Lines the server printed so far (kept until <see cref="StreamTo"/> is called).</summary>
    public IReadOnlyList<string> Output
    {
        get
        {
            lock (output)
            {
                return [.. output];
            }
        }
    }

    /// <summary>
    /// Starts <paramref name="assembly"/> with <paramref name="flags"/> plus <c>--write-kubeconfig</c>
    /// and waits until it serves. A server that stops before that fails with its own message.
    /// </summary>
    public static async Task<LocalServer> StartAsync(string assembly, IReadOnlyList<string> flags, string kubeconfigPath, string workingDirectory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(kubeconfigPath)!);
        CheckKubeconfig(kubeconfigPath);

        // Written again by the server once it listens: its appearance is the first sign of readiness.
        File.Delete(kubeconfigPath);
        var process = ProcessRunner.Start("dotnet", [assembly, .. flags, "--write-kubeconfig", kubeconfigPath], workingDirectory);
        var server = new LocalServer(process, kubeconfigPath);
        try
        {
            await server.WaitReadyAsync(cancellationToken).ConfigureAwait(false);
            return server;
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>From now on, every line the server prints goes to <paramref name="onLine"/>, starting with the ones printed so far.</summary>
    public void StreamTo(Action<string> onLine)
    {
        lock (output)
        {
            foreach (var line in output)
            {
                onLine(line);
            }

            output.Clear();
            forward = onLine;
        }
    }

    /// <summary>Stops the server with SIGTERM (killed after 10 s) and waits for its output to end.</summary>
    public async ValueTask DisposeAsync()
    {
        await ProcessRunner.StopAsync(process, TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        await pumping.ConfigureAwait(false);
        process.Dispose();
    }

    private void OnLine(string line)
    {
        lock (output)
        {
            if (forward is not null)
            {
                forward(line);
            }
            else
            {
                output.Add(line);
            }
        }
    }

    /// <summary>Fails unless <paramref name="path"/> is free or holds a kubeconfig an ApiBuilder server wrote (which it may replace).</summary>
    public static void CheckKubeconfig(string path)
    {
        // The server names every entry of the kubeconfig it writes "apibuilder".
        if (File.Exists(path) && !File.ReadLines(path).Any(l => l.Trim() == "current-context: \"apibuilder\""))
        {
            throw new UserError(
                $"{path} exists and was not written by an ApiBuilder server; the server would replace it",
                "Pass --kubeconfig with another path (the default is kubeconfig at the project root), or move the file away");
        }
    }

    private async Task WaitReadyAsync(CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(90));
        while (true)
        {
            if (process.HasExited)
            {
                await pumping.ConfigureAwait(false);
                throw ServerExit.Describe(Output, process.ExitCode);
            }

            if (deadline.IsCancellationRequested)
            {
                cancellationToken.ThrowIfCancellationRequested();
                throw new UserError("the server did not become ready within 90 seconds", "Look at its log above; try --log-level Debug");
            }

            if (File.Exists(KubeconfigPath) && await IsReadyAsync(deadline.Token).ConfigureAwait(false))
            {
                return;
            }

            try
            {
                await Task.Delay(200, deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    private async Task<bool> IsReadyAsync(CancellationToken cancellationToken)
    {
        try
        {
            Kubeconfig = KubeconfigFile.Read(KubeconfigPath);
            using var client = Kubeconfig.CreateClient();
            using var response = await client.GetAsync("/readyz", cancellationToken).ConfigureAwait(false);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (Exception e) when (e is HttpRequestException or IOException or InvalidOperationException or FormatException or ArgumentException or System.Security.Cryptography.CryptographicException)
        {
            return false; // still starting, or the kubeconfig is half-written
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
