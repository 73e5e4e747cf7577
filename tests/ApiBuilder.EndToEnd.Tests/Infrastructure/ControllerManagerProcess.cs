using System.Diagnostics;

namespace ApiBuilder.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The Wardle executable run as its controller-manager (<c>wardle-apiserver controller-manager ...</c>) in a child
/// process; killed on dispose.
/// </summary>
internal sealed class ControllerManagerProcess : IAsyncDisposable
{
    private readonly Process process;

    private ControllerManagerProcess(Process process) => this.process = process;

    /// <summary>stdout and stderr of the process.</summary>
    public ServerOutput Output { get; } = new();

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    public static ControllerManagerProcess Start(string workDirectory, params string[] flags)
    {
        var start = new ProcessStartInfo(WardleServer.DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workDirectory,
        };
        start.ArgumentList.Add(WardleServerLocation.FindServerAssembly());
        start.ArgumentList.Add("controller-manager");
        foreach (var flag in flags)
        {
            start.ArgumentList.Add(flag);
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var manager = new ControllerManagerProcess(process);
        process.OutputDataReceived += (_, e) => manager.Output.Append("stdout", e.Data);
        process.ErrorDataReceived += (_, e) => manager.Output.Append("stderr", e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return manager;
    }

    /// <summary>Kills the process at once, as a node failure would.</summary>
    public void Kill()
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
        }
    }

    /// <summary>Waits for the process to exit by itself; returns its exit code, or null if it still runs after <paramref name="timeout"/>.</summary>
    public async Task<int?> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token).ConfigureAwait(false);
            return process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        await WaitForExitAsync(TimeSpan.FromSeconds(15)).ConfigureAwait(false);
        process.Dispose();
    }
}
