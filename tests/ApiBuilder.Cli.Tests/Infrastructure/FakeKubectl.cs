namespace ApiBuilder.Cli.Tests.Infrastructure;

/// <summary>
/// A bash script that stands in for kubectl: it appends its arguments (one call a line) to a log
/// and runs the given bash body (default: succeed silently).
/// </summary>
internal sealed class FakeKubectl
{
    public FakeKubectl(TempDirectory temp, string body = "exit 0")
    {
        Path = temp.Combine("kubectl");
        Log = temp.Combine("kubectl.log");
        File.WriteAllText(Path, $"#!/usr/bin/env bash\necho \"$*\" >> '{Log}'\n{body}\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    public string Path { get; }

    public string Log { get; }

    public IReadOnlyList<string> Calls => File.Exists(Log) ? File.ReadAllLines(Log) : [];

    /// <summary>A PATH lookup that finds only this kubectl (no docker, no podman).</summary>
    public Func<string, string?> OnlyKubectl => program => program == "kubectl" ? Path : null;
}
