using ApiBuilder.Cli.Tests.Infrastructure;

namespace ApiBuilder.Cli.Tests;

public sealed class InitRepoTests
{
    [Fact]
    public async Task CreatesTheSolutionWithTheRuntimePackageInItsLocalFeed()
    {
        using var temp = new TempDirectory();

        var result = await CliRun.InAsync(temp.Path, "init", "repo", "--domain", "example.com", "--output", "ships-server");

        Assert.True(result.ExitCode == 0, result.ToString());
        var root = temp.Combine("ships-server");
        foreach (var file in new[]
        {
            "ShipsServer.slnx", "nuget.config", "Directory.Build.props", "Dockerfile", ".gitignore", ".dockerignore", "README.md", "config/README.md",
            "src/ShipsServer/ShipsServer.csproj", "src/ShipsServer/Program.cs", "tests/ShipsServer.Tests/ShipsServer.Tests.csproj",
            ".apibuilder/project.json", ".apibuilder/generated.json", $".apibuilder/packages/ApiBuilder.Runtime.{CliRun.RuntimeVersion}.nupkg",
        })
        {
            Assert.True(File.Exists(Path.Combine(root, file)), file + " is missing");
        }

        Assert.Contains($"<PackageReference Include=\"ApiBuilder.Runtime\" Version=\"{CliRun.RuntimeVersion}\" />", File.ReadAllText(Path.Combine(root, "src/ShipsServer/ShipsServer.csproj")), StringComparison.Ordinal);
        Assert.Contains("value=\".apibuilder/packages\"", File.ReadAllText(Path.Combine(root, "nuget.config")), StringComparison.Ordinal);
        Assert.Contains("\"domain\": \"example.com\"", File.ReadAllText(Path.Combine(root, ".apibuilder/project.json")), StringComparison.Ordinal);
        Assert.Equal(["ships-server"], Directory.GetFileSystemEntries(temp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task AcceptsAnEmptyFolderAndAFreshGitRepository()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp.Combine("empty"));
        Directory.CreateDirectory(temp.Combine("fresh", ".git"));

        var empty = await CliRun.InAsync(temp.Combine("empty"), "init", "repo", "--domain", "example.com");
        var fresh = await CliRun.InAsync(temp.Combine("fresh"), "init", "repo", "--domain", "example.com", "--name", "Fresh");

        Assert.True(empty.ExitCode == 0, empty.ToString());
        Assert.True(File.Exists(temp.Combine("empty", "Empty.slnx")));
        Assert.True(fresh.ExitCode == 0, fresh.ToString());
        Assert.True(File.Exists(temp.Combine("fresh", "Fresh.slnx")));
        Assert.True(Directory.Exists(temp.Combine("fresh", ".git")));
    }

    [Fact]
    public async Task RefusesANonEmptyFolderAndLeavesItAsItWas()
    {
        using var temp = new TempDirectory();
        var target = temp.Combine("busy");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "notes.txt"), "mine");

        var result = await CliRun.InAsync(temp.Path, "init", "repo", "--domain", "example.com", "--output", "busy");

        AssertUserError(result, "busy is not empty (it has notes.txt)", "--output");
        Assert.Equal(["notes.txt"], Directory.GetFileSystemEntries(target).Select(Path.GetFileName));
        Assert.Equal(["busy"], Directory.GetFileSystemEntries(temp.Path).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData("Example.com", "invalid domain \"Example.com\"")]
    [InlineData("example", "invalid domain \"example\": it must contain a dot")]
    [InlineData("-bad.example.com", "invalid domain")]
    [InlineData("under_score.com", "invalid domain")]
    [InlineData("", "invalid domain \"\"")]
    public async Task RefusesAnInvalidDomain(string domain, string reason)
    {
        using var temp = new TempDirectory();

        var result = await CliRun.InAsync(temp.Path, "init", "repo", "--domain", domain, "--output", "x");

        AssertUserError(result, reason, "--domain example.com");
        Assert.Empty(Directory.GetFileSystemEntries(temp.Path));
    }

    [Theory]
    [InlineData("1Fleet")]
    [InlineData("Fleet-Server")]
    [InlineData("Acme.class")]
    [InlineData("Acme..Fleet")]
    public async Task RefusesAnInvalidProjectName(string name)
    {
        using var temp = new TempDirectory();

        var result = await CliRun.InAsync(temp.Path, "init", "repo", "--domain", "example.com", "--name", name, "--output", "x");

        AssertUserError(result, $"invalid project name \"{name}\"", "--name Acme.ShipsServer");
        Assert.Empty(Directory.GetFileSystemEntries(temp.Path));
    }

    [Fact]
    public async Task RefusesWhenTheToolCarriesNoRuntimePackage()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp.Combine("no-packages"));

        var result = await CliRun.WithAsync(temp.Path, temp.Combine("no-packages"), null, "init", "repo", "--domain", "example.com", "--output", "x");

        AssertUserError(result, "carries no ApiBuilder.Runtime package", "dotnet pack src/Cli");
        Assert.Equal(["no-packages"], Directory.GetFileSystemEntries(temp.Path).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData("taken/fleet")]
    [InlineData("taken/deeper/fleet")]
    public async Task RefusesAnOutputBelowAFile(string output)
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.Combine("taken"), "");

        var result = await CliRun.InAsync(temp.Path, "init", "repo", "--domain", "example.com", "--name", "Fleet", "--output", output);

        AssertUserError(result, $"{output} cannot be created: {temp.Combine("taken")} is a file", "--output");
        Assert.Equal(["taken"], Directory.GetFileSystemEntries(temp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task RefusesAnOutputThatIsAFile()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.Combine("taken"), "");

        var result = await CliRun.InAsync(temp.Path, "init", "repo", "--domain", "example.com", "--output", "taken");

        AssertUserError(result, "taken is a file", "--output");
    }

    [Fact]
    public async Task ANewProjectsFilesAreRecordedAsGenerated()
    {
        using var temp = new TempDirectory();
        var root = await CliRun.NewProjectAsync(temp);

        var manifest = File.ReadAllText(Path.Combine(root, ".apibuilder/generated.json"));

        Assert.Contains("\"src/Fleet/Program.cs\": \"sha256:", manifest, StringComparison.Ordinal);
        Assert.DoesNotContain(".apibuilder/packages", manifest, StringComparison.Ordinal);
    }

    /// <summary>Exit code 1 and exactly one line on stderr: "error: reason. fix".</summary>
    internal static void AssertUserError(CliResult result, string reason, string fix)
    {
        Assert.True(result.ExitCode == 1, result.ToString());
        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, "expected one line on stderr:\n" + result.Error);
        Assert.StartsWith("error: ", lines[0], StringComparison.Ordinal);
        Assert.Contains(reason, lines[0], StringComparison.Ordinal);
        Assert.Contains(fix, lines[0], StringComparison.Ordinal);
    }
}
