using ApiBuilder.Cli.Output;

namespace ApiBuilder.Cli;

/// <summary>What every command works with: where it prints, where it runs, where the tool's packages are.</summary>
internal sealed record CommandContext(ICliConsole Console, string WorkingDirectory, string PackagesDirectory)
{
    /// <summary>Finds a program (etcd, docker, podman) on PATH; tests replace it.</summary>
    public Func<string, string?> FindProgram { get; init; } = Processes.ProcessRunner.FindOnPath;

    /// <summary>A path from the command line, relative to the working directory.</summary>
    public string Resolve(string path) => Path.GetFullPath(Path.Combine(WorkingDirectory, path));
}
