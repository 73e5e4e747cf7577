using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace ApiBuilder.Cli.Processes;

/// <summary>The result of a finished child process: exit code and every line it printed (stdout and stderr, interleaved).</summary>
internal sealed record ProcessResult(int ExitCode, IReadOnlyList<string> Lines)
{
    public string Text => string.Join('\n', Lines);
}

/// <summary>Starts child processes (dotnet, docker, etcd, kubectl) and makes sure none outlives the tool.</summary>
internal static class ProcessRunner
{
    /// <summary>
    /// Runs a command to completion. <paramref name="onLine"/> sees each line as it comes. On
    /// cancellation the process and its children are killed.
    /// </summary>
    public static async Task<ProcessResult> RunAsync(
        string fileName, IEnumerable<string> arguments, string workingDirectory, CancellationToken cancellationToken,
        Action<string>? onLine = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        using var process = Start(fileName, arguments, workingDirectory, environment);
        var lines = new List<string>();
        void Collect(string line)
        {
            lock (lines)
            {
                lines.Add(line);
            }

            onLine?.Invoke(line);
        }

        var reading = Task.WhenAll(Pump(process.StandardOutput, Collect), Pump(process.StandardError, Collect));
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            throw;
        }

        await reading.ConfigureAwait(false);
        lock (lines)
        {
            return new ProcessResult(process.ExitCode, [.. lines]);
        }
    }

    /// <summary>Starts a long-running child with redirected output; the caller stops it with <see cref="StopAsync"/>.</summary>
    public static Process Start(string fileName, IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        try
        {
            return Process.Start(info) ?? throw new UserError($"could not start {fileName}", $"Check that {fileName} is installed and on PATH");
        }
        catch (Win32Exception e)
        {
            throw new UserError($"could not start {fileName}: {e.Message}", $"Install {fileName} and make sure it is on PATH");
        }
    }

    /// <summary>Forwards every line of <paramref name="reader"/> to <paramref name="onLine"/> until the stream ends.</summary>
    public static Task Pump(StreamReader reader, Action<string> onLine) => Task.Run(async () =>
    {
        while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            onLine(line);
        }
    });

    /// <summary>
    /// Stops a child cleanly: SIGTERM (where there are signals), then after <paramref name="grace"/>
    /// a kill of the whole process tree.
    /// </summary>
    public static async Task StopAsync(Process process, TimeSpan grace)
    {
        if (HasExited(process))
        {
            return;
        }

        if (!OperatingSystem.IsWindows())
        {
            _ = SendSignal(process.Id, Sigterm);
            using var timeout = new CancellationTokenSource(grace);
            try
            {
                await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
                return;
            }
            catch (OperationCanceledException)
            {
            }
        }

        Kill(process);
        await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>Kills the process and its children, ignoring a process that is already gone.</summary>
    public static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
        }
        catch (Win32Exception)
        {
        }
    }

    /// <summary>Whether a program is on PATH (an absolute path is checked as it is).</summary>
    public static string? FindOnPath(string program)
    {
        if (Path.IsPathRooted(program))
        {
            return File.Exists(program) ? program : null;
        }

        var extensions = OperatingSystem.IsWindows() ? new[] { ".exe", ".cmd", ".bat", "" } : [""];
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var extension in extensions)
            {
                var candidate = Path.Combine(dir, program + extension);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    private static bool HasExited(Process process)
    {
        try
        {
            return process.HasExited;
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }

    private const int Sigterm = 15;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);
}
