using System.Xml.Linq;
using ApiBuilder.Cli.Scaffolding;
using ApiBuilder.Cli.Tests.Infrastructure;

namespace ApiBuilder.Cli.Tests;

public sealed class CommandLineTests
{
    public static TheoryData<string> Commands =>
    [
        "", "init", "init repo", "create", "create group version resource", "create subresource", "build", "build executables",
        "build container", "build docs", "build config", "run", "run local", "run in-cluster", "version",
    ];

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task EveryCommandHasHelpWithExamples(string command)
    {
        using var temp = new TempDirectory();

        var result = await CliRun.InAsync(temp.Path, [.. command.Split(' ', StringSplitOptions.RemoveEmptyEntries), "--help"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Usage:", result.Out, StringComparison.Ordinal);
        if (command is "" or "init repo" or "create group version resource" or "create subresource" or "build executables" or "build container"
            or "build docs" or "build config" or "run local" or "run in-cluster" or "version")
        {
            Assert.Contains("Examples:\n  apiserver-boot", result.Out, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AnUnknownCommandIsAUserError()
    {
        using var temp = new TempDirectory();

        var result = await CliRun.InAsync(temp.Path, "deploy");

        InitRepoTests.AssertUserError(result, "unrecognized command or argument 'deploy'", "Run 'apiserver-boot --help'");
    }

    [Fact]
    public async Task AnUnknownFlagIsAUserError()
    {
        using var temp = new TempDirectory();

        var result = await CliRun.InAsync(temp.Path, "run", "local", "--port", "1");

        InitRepoTests.AssertUserError(result, "unrecognized command or argument '--port'", "Run 'apiserver-boot run local --help'");
    }

    [Fact]
    public async Task AGroupCommandAloneAsksForASubcommand()
    {
        using var temp = new TempDirectory();

        var result = await CliRun.InAsync(temp.Path, "build");

        InitRepoTests.AssertUserError(result, "'apiserver-boot build' needs a subcommand", "Run 'apiserver-boot build --help'");
    }

    [Fact]
    public async Task AMissingRequiredFlagIsAUserError()
    {
        using var temp = new TempDirectory();

        var result = await CliRun.InAsync(temp.Path, "init", "repo");

        InitRepoTests.AssertUserError(result, "option '--domain' is required", "Run 'apiserver-boot init repo --help'");
    }

    [Fact]
    public async Task VersionNamesTheToolAndTheRuntimePackage()
    {
        using var temp = new TempDirectory();

        var result = await CliRun.InAsync(temp.Path, "version");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("apiserver-boot " + ToolInfo.Version, result.Out, StringComparison.Ordinal);
        Assert.Contains("ApiBuilder.Runtime package: " + CliRun.RuntimeVersion, result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BuildContainerWithoutARunningEngineIsAUserError()
    {
        using var temp = new TempDirectory();
        var root = await CliRun.NewProjectAsync(temp);

        // Whatever this machine has: no docker/podman at all, or a client without an engine (the CI machine).
        var result = await CliRun.InAsync(root, "build", "container");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Matches("error: (no container engine found|docker is installed but its engine is not running|podman is installed but .podman info. fails)", result.Error);
    }

    [Fact]
    public async Task BuildContainerWithNoEngineOnPathSaysHowToGetOne()
    {
        using var temp = new TempDirectory();
        var root = await CliRun.NewProjectAsync(temp);

        var result = await CliRun.WithAsync(root, FakePackages.Directory, _ => null, "build", "container");

        InitRepoTests.AssertUserError(result, "no container engine found (neither docker nor podman is on PATH)", "Install Docker or Podman");
    }

    [Theory]
    [InlineData("build", "executables")]
    [InlineData("build", "docs")]
    [InlineData("build", "container")]
    [InlineData("run", "local")]
    [InlineData("run", "in-cluster", "--name", "ships", "--namespace", "ships", "--image", "ships:v1")]
    [InlineData("create", "subresource", "--subresource", "status", "--kind", "Frigate")]
    public async Task ProjectCommandsRefuseToRunOutsideAProject(params string[] args)
    {
        using var temp = new TempDirectory();

        var result = await CliRun.InAsync(temp.Path, args);

        InitRepoTests.AssertUserError(result, "is not inside an ApiBuilder project", "apiserver-boot init repo");
    }

    [Fact]
    public void GeneratedTestProjectsUseTheTestPackagesThisRepositoryUses()
    {
        var props = XDocument.Load(Path.Combine(RepositoryPaths.Root, "Directory.Packages.props"));
        string Version(string id) => props.Descendants("PackageVersion").Single(e => (string?)e.Attribute("Include") == id).Attribute("Version")!.Value;

        Assert.Equal(TestPackages.TestSdk, Version("Microsoft.NET.Test.Sdk"));
        Assert.Equal(TestPackages.Xunit, Version("xunit"));
        Assert.Equal(TestPackages.XunitRunner, Version("xunit.runner.visualstudio"));
    }
}
