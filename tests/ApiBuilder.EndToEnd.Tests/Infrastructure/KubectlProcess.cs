using System.Diagnostics;
using Xunit;

namespace ApiBuilder.EndToEnd.Tests.Infrastructure;

/// <summary>A running kubectl (such as <c>get -w</c>) whose stdout lines are collected as they arrive. Killed on dispose.</summary>
public sealed class KubectlProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly IReadOnlyList<string> args;
    private readonly ServerOutput serverOutput;
    private readonly List<string> stdout = [];
    private readonly List<string> stderr = [];
    private readonly SemaphoreSlim lineArrived = new(0);

    internal KubectlProcess(Process process, IReadOnlyList<string> args, ServerOutput serverOutput)
    {
        this.process = process;
        this.args = args;
        this.serverOutput = serverOutput;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (stdout)
                {
                    stdout.Add(e.Data);
                }

                lineArrived.Release();
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (stderr)
                {
                    stderr.Add(e.Data);
                }
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>
    /// Waits until a stdout line at index <paramref name="fromLine"/> or later matches, and returns its index.
    /// Fails with the output so far when the timeout passes or kubectl exits first.
    /// </summary>
    public async Task<int> WaitForLineAsync(Func<string, bool> match, string description, int fromLine = 0, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        var drained = false;
        while (true)
        {
            lock (stdout)
            {
                for (var i = fromLine; i < stdout.Count; i++)
                {
                    if (match(stdout[i]))
                    {
                        return i;
                    }
                }
            }

            var remaining = deadline - DateTime.UtcNow;
            if (process.HasExited && !drained)
            {
                // HasExited can turn true before the last output lines are delivered; the
                // parameterless WaitForExit waits for the output streams to end, then look again.
                process.WaitForExit();
                drained = true;
                continue;
            }

            if (remaining <= TimeSpan.Zero || process.HasExited)
            {
                Assert.Fail(Describe($"kubectl never printed {description} (from output line {fromLine})" +
                    (process.HasExited ? $"; it exited with code {process.ExitCode}" : "")));
            }

            await lineArrived.WaitAsync(remaining < TimeSpan.FromMilliseconds(200) ? remaining : TimeSpan.FromMilliseconds(200)).ConfigureAwait(false);
        }
    }

    /// <summary>Waits for kubectl to exit by itself and returns its exit code; fails if it is still running after the timeout.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail(Describe($"kubectl was still running after {timeout.TotalSeconds}s"));
        }

        // Drains the asynchronous output readers.
        await process.WaitForExitAsync().ConfigureAwait(false);
        return process.ExitCode;
    }

    public string Describe(string failure)
    {
        string outText, errText;
        lock (stdout)
        {
            outText = string.Join(Environment.NewLine, stdout);
        }

        lock (stderr)
        {
            errText = string.Join(Environment.NewLine, stderr);
        }

        return $"{failure}{Environment.NewLine}$ kubectl {string.Join(' ', args)}{Environment.NewLine}" +
               $"--- stdout so far ---{Environment.NewLine}{outText}{Environment.NewLine}--- stderr so far ---{Environment.NewLine}{errText}{Environment.NewLine}" +
               serverOutput.Tail();
    }

    public async ValueTask DisposeAsync()
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
            // Already exited.
        }

        await process.WaitForExitAsync().ConfigureAwait(false);
        process.Dispose();
        lineArrived.Dispose();
    }
}
