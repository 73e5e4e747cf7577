using ApiBuilder.Cli.Tests.Infrastructure;

namespace ApiBuilder.Cli.Tests;

/// <summary>build container with stand-in engines (shell scripts): what it says about docker and podman is what is so.</summary>
public sealed class BuildContainerTests
{
    private const string NoDaemon = "echo 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?' >&2; exit 1";

    [Fact]
    public async Task DockerWithoutItsEngineAndNoPodmanSaysSo()
    {
        using var temp = new TempDirectory();
        var root = await CliRun.NewProjectAsync(temp);
        var engines = Engines(temp, ("docker", NoDaemon));

        var result = await CliRun.WithAsync(root, FakePackages.Directory, engines, "build", "container");

        InitRepoTests.AssertUserError(result, "docker is installed but its engine is not running (Cannot connect to the Docker daemon", "Start the docker engine");
        Assert.Contains("or install Podman, which needs no daemon", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PodmanIsUsedWhenDockersEngineDoesNotAnswer()
    {
        using var temp = new TempDirectory();
        var root = await CliRun.NewProjectAsync(temp);
        var engines = Engines(temp, ("docker", NoDaemon), ("podman", "echo \"podman $*\"; exit 0"));

        var result = await CliRun.WithAsync(root, FakePackages.Directory, engines, "build", "container");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("docker is installed but its engine is not running", result.Out, StringComparison.Ordinal);
        Assert.Contains(": using podman.", result.Out, StringComparison.Ordinal);
        Assert.Contains("Push it with: podman push fleet:latest", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFailingPodmanIsNotToldToStartADaemon()
    {
        using var temp = new TempDirectory();
        var root = await CliRun.NewProjectAsync(temp);
        var engines = Engines(temp, ("podman", "echo 'Error: cannot connect to Podman socket' >&2; exit 125"));

        var result = await CliRun.WithAsync(root, FakePackages.Directory, engines, "build", "container");

        InitRepoTests.AssertUserError(result, "podman is installed but 'podman info' fails (Error: cannot connect to Podman socket)", "Podman needs no daemon");
        Assert.DoesNotContain("docker", result.Error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AnEngineNamedWithEngineThatIsMissingIsNamedAsMissing()
    {
        using var temp = new TempDirectory();
        var root = await CliRun.NewProjectAsync(temp);
        var engines = Engines(temp, ("docker", "exit 0"));

        var result = await CliRun.WithAsync(root, FakePackages.Directory, engines, "build", "container", "--engine", "podman");

        InitRepoTests.AssertUserError(result, "no container engine found (podman is not on PATH)", "leave out --engine");
    }

    /// <summary>A FindProgram that knows only the given engines, each a shell script with the given body.</summary>
    private static Func<string, string?> Engines(TempDirectory temp, params (string Name, string Script)[] engines)
    {
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, script) in engines)
        {
            var path = temp.Combine(name);
            File.WriteAllText(path, "#!/bin/sh\n" + script + "\n");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
            found[name] = path;
        }

        return name => found.GetValueOrDefault(name);
    }
}
