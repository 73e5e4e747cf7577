namespace ApiBuilder.Cli.Processes;

/// <summary>
/// kubectl from PATH, against the current context of <c>KUBECONFIG</c> (inherited) or of the
/// <c>--kubeconfig</c> file given.
/// </summary>
internal sealed class Kubectl
{
    private readonly string program;
    private readonly string? kubeconfig;
    private readonly string workingDirectory;

    private Kubectl(string program, string? kubeconfig, string workingDirectory)
    {
        this.program = program;
        this.kubeconfig = kubeconfig;
        this.workingDirectory = workingDirectory;
    }

    /// <summary>kubectl as found on PATH; fails with the fix when it is not there.</summary>
    public static Kubectl Find(CommandContext context, string? kubeconfig) =>
        new(context.FindProgram("kubectl") ?? throw new UserError("kubectl is not on PATH", "Install kubectl (https://kubernetes.io/docs/tasks/tools/) and run the command again"),
            kubeconfig is null ? null : context.Resolve(kubeconfig),
            context.WorkingDirectory);

    /// <summary>The command line as the user would type it, for messages.</summary>
    public string Display(params string[] arguments) => string.Join(' ', ["kubectl", .. Arguments(arguments)]);

    public Task<ProcessResult> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        ProcessRunner.RunAsync(program, Arguments(arguments), workingDirectory, cancellationToken);

    /// <summary>The line of kubectl's output that says what went wrong (its "error:" line, else its last line).</summary>
    public static string Reason(ProcessResult result) =>
        (result.Lines.LastOrDefault(l => l.StartsWith("error:", StringComparison.OrdinalIgnoreCase) || l.StartsWith("Error from server", StringComparison.Ordinal))
            ?? result.Lines.LastOrDefault(l => l.Trim().Length > 0)
            ?? $"exit code {result.ExitCode}, no output").Trim().TrimEnd('.');

    private IReadOnlyList<string> Arguments(IReadOnlyList<string> arguments) =>
        kubeconfig is null ? arguments : ["--kubeconfig", kubeconfig, .. arguments];
}
