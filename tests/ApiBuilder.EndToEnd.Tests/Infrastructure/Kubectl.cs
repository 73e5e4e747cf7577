using System.Diagnostics;

namespace ApiBuilder.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Runs the real kubectl against one server: always with <c>--kubeconfig</c> and an isolated
/// <c>--cache-dir</c>, so neither the user's configuration nor a stale discovery cache leaks in.
/// </summary>
public sealed class Kubectl
{
    /// <summary>Set to use a kubectl other than the one on PATH.</summary>
    public const string OverrideVariable = "KUBECTL";

    private static readonly Lazy<string> Executable = new(FindExecutable);
    private readonly string kubeconfig;
    private readonly string cacheDirectory;
    private readonly string filesDirectory;
    private readonly ServerOutput serverOutput;

    internal Kubectl(string kubeconfig, string cacheDirectory, string workDirectory, ServerOutput serverOutput)
    {
        this.kubeconfig = kubeconfig;
        this.cacheDirectory = cacheDirectory;
        this.serverOutput = serverOutput;
        filesDirectory = Path.Combine(workDirectory, "files");
        Directory.CreateDirectory(filesDirectory);
    }

    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    public Task<KubectlResult> RunAsync(params string[] args) => RunAsync(new KubectlInvocation(args));

    /// <summary>Runs kubectl with <paramref name="stdin"/> as its standard input (for <c>-f -</c>).</summary>
    public Task<KubectlResult> RunWithInputAsync(string stdin, params string[] args) => RunAsync(new KubectlInvocation(args) { Stdin = stdin });

    public async Task<KubectlResult> RunAsync(KubectlInvocation invocation)
    {
        using var process = new Process { StartInfo = CreateStartInfo(invocation.Args, invocation.Environment, redirectInput: true) };
        process.Start();
        // Read the raw streams (not line events) so output such as -o jsonpath keeps its exact bytes.
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (invocation.Stdin is not null)
        {
            await process.StandardInput.WriteAsync(invocation.Stdin).ConfigureAwait(false);
        }

        process.StandardInput.Close();

        var timedOut = false;
        using (var timeout = new CancellationTokenSource(invocation.Timeout ?? DefaultTimeout))
        {
            try
            {
                await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                timedOut = true;
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync().ConfigureAwait(false);
            }
        }

        return new KubectlResult(invocation.Args, timedOut ? -1 : process.ExitCode,
            await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false), timedOut, serverOutput);
    }

    /// <summary>Starts a long-running kubectl (e.g. <c>get -w</c>) whose stdout is read line by line.</summary>
    public KubectlProcess Start(params string[] args)
    {
        var process = new Process { StartInfo = CreateStartInfo(args, null, redirectInput: false) };
        return new KubectlProcess(process, args, serverOutput);
    }

    /// <summary>Writes a manifest (or script) into this server's scratch directory and returns its path.</summary>
    public string WriteFile(string name, string content)
    {
        var path = Path.Combine(filesDirectory, $"{Guid.NewGuid():N}-{name}");
        File.WriteAllText(path, content);
        return path;
    }

    private ProcessStartInfo CreateStartInfo(IReadOnlyList<string> args, IReadOnlyDictionary<string, string>? environment, bool redirectInput)
    {
        var start = new ProcessStartInfo(Executable.Value)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectInput,
            UseShellExecute = false,
            WorkingDirectory = filesDirectory,
        };
        start.ArgumentList.Add("--kubeconfig");
        start.ArgumentList.Add(kubeconfig);
        start.ArgumentList.Add("--cache-dir");
        start.ArgumentList.Add(cacheDirectory);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // Nothing from the developer's environment may redirect kubectl elsewhere.
        start.Environment.Remove("KUBECONFIG");
        start.Environment.Remove("KUBECTL_EXTERNAL_DIFF");
        start.Environment.Remove("KUBE_EDITOR");
        start.Environment.Remove("EDITOR");
        if (environment is not null)
        {
            foreach (var (key, value) in environment)
            {
                start.Environment[key] = value;
            }
        }

        return start;
    }

    private static string FindExecutable()
    {
        if (Environment.GetEnvironmentVariable(OverrideVariable) is { Length: > 0 } explicitPath)
        {
            return File.Exists(explicitPath)
                ? explicitPath
                : throw new InvalidOperationException($"{OverrideVariable} points to '{explicitPath}', which does not exist.");
        }

        var names = OperatingSystem.IsWindows() ? new[] { "kubectl.exe" } : new[] { "kubectl" };
        var found = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(dir => names.Select(name => Path.Combine(dir, name)))
            .FirstOrDefault(File.Exists);
        return found ?? throw new InvalidOperationException(
            "kubectl was not found on PATH. The end-to-end tests drive the real kubectl (1.32 or newer): " +
            $"install it (https://kubernetes.io/docs/tasks/tools/) or set {OverrideVariable} to its path.");
    }
}
