using System.Diagnostics;

namespace ApiBuilder.Runtime.Tests.Certificates;

/// <summary>Runs the real kubectl from PATH.</summary>
internal static class Kubectl
{
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("kubectl")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Keep the user's kubeconfig out of the picture.
        start.Environment.Remove("KUBECONFIG");

        using var process = Process.Start(start)
            ?? throw new InvalidOperationException("kubectl could not be started; it must be on PATH for this test.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"kubectl {string.Join(' ', arguments)} did not finish within 60 s.");
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
