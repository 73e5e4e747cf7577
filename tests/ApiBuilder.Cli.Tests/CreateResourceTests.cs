using ApiBuilder.Cli.Tests.Infrastructure;

namespace ApiBuilder.Cli.Tests;

public sealed class CreateResourceTests
{
    private static readonly string[] Frigate = ["create", "group", "version", "resource", "--group", "ships", "--version", "v1alpha1", "--kind", "Frigate"];
    private const string KindFile = "src/Fleet/Apis/Ships/V1Alpha1/Frigate.cs";

    [Fact]
    public async Task WritesTheKindItsSampleAndItsTests()
    {
        using var temp = new TempDirectory();
        var root = await CliRun.NewProjectAsync(temp);

        var result = await CliRun.InAsync(root, [.. Frigate, "--controller", "--short-names", "fr,frg"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var kind = File.ReadAllText(Path.Combine(root, KindFile));
        Assert.Contains("[Kind(\"ships.example.com\", \"v1alpha1\", ShortNames = [\"fr\", \"frg\"])]", kind, StringComparison.Ordinal);
        Assert.DoesNotContain("ResourceScope.Cluster", kind, StringComparison.Ordinal); // namespaced by default
        Assert.Contains("[StatusSubresource]", kind, StringComparison.Ordinal);
        foreach (var file in new[]
        {
            "src/Fleet/Apis/Ships/V1Alpha1/FrigateSpec.cs", "src/Fleet/Apis/Ships/V1Alpha1/FrigateStatus.cs", "src/Fleet/Apis/Ships/V1Alpha1/FrigateController.cs",
            "config/samples/ships.example.com_v1alpha1_frigate.yaml", "tests/Fleet.Tests/ShipsV1Alpha1/FrigateTests.cs",
        })
        {
            Assert.True(File.Exists(Path.Combine(root, file)), file + " is missing");
        }

        Assert.Contains("\"kind\": \"Frigate\"", File.ReadAllText(Path.Combine(root, ".apibuilder/project.json")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheFirstKindRemovesTheStandInForAddGeneratedResources()
    {
        using var temp = new TempDirectory();
        var root = await CliRun.NewProjectAsync(temp);
        var standIn = Path.Combine(root, "src/Fleet/NoKindsYet.cs");
        Assert.True(File.Exists(standIn), "a new project carries the stand-in");

        var result = await CliRun.InAsync(root, Frigate);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.False(File.Exists(standIn), result.ToString());
        Assert.DoesNotContain("NoKindsYet.cs", File.ReadAllText(Path.Combine(root, ".apibuilder/generated.json")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEditedStandInIsKept()
    {
        using var temp = new TempDirectory();
        var root = await CliRun.NewProjectAsync(temp);
        var standIn = Path.Combine(root, "src/Fleet/NoKindsYet.cs");
        File.AppendAllText(standIn, "// mine\n");

        Assert.Equal(0, (await CliRun.InAsync(root, Frigate)).ExitCode);

        Assert.True(File.Exists(standIn));
    }

    [Fact]
    public async Task NonNamespacedMakesTheKindClusterScoped()
    {
        using var temp = new TempDirectory();
        var root = await CliRun.NewProjectAsync(temp);

        var result = await CliRun.InAsync(root, "create", "group", "version", "resource", "--group", "ports", "--version", "v1", "--kind", "Harbor", "--non-namespaced", "--with-status-subresource", "false");

        Assert.True(result.ExitCode == 0, result.ToString());
        var kind = File.ReadAllText(Path.Combine(root, "src/Fleet/Apis/Ports/V1/Harbor.cs"));
        Assert.Contains("Scope = ResourceScope.Cluster", kind, StringComparison.Ordinal);
        Assert.DoesNotContain("[StatusSubresource]", kind, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(root, "src/Fleet/Apis/Ports/V1/HarborController.cs")));
    }

    [Fact]
    public async Task RunningItAgainChangesNothing()
    {
        using var temp = new TempDirectory();
        var root = await CliRun.NewProjectAsync(temp);
        Assert.Equal(0, (await CliRun.InAsync(root, [.. Frigate, "--controller"])).ExitCode);
        var before = Snapshot(root);

        var again = await CliRun.InAsync(root, [.. Frigate, "--controller"]);

        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("Nothing to change", again.Out, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(root));
    }

    [Fact]
    public async Task KeepsAnEditedFileWhenTheGeneratedVersionIsUnchanged()
    {
        using var temp = new TempDirectory();
        var root = await CliRun.NewProjectAsync(temp);
        await CliRun.InAsync(root, Frigate);
        var path = Path.Combine(root, KindFile);
        File.WriteAllText(path, File.ReadAllText(path).Replace("yield break;", "yield break; // mine", StringComparison.Ordinal));
        var before = Snapshot(root);

        var again = await CliRun.InAsync(root, Frigate);

        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("keep      " + KindFile, again.Out, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(root));
    }

    [Fact]
    public async Task RefusesToOverwriteAnEditedFileAndWritesNothing()
    {
        using var temp = new TempDirectory();
        var root = await CliRun.NewProjectAsync(temp);
        await CliRun.InAsync(root, Frigate);
        var path = Path.Combine(root, KindFile);
        File.AppendAllText(path, "// my change\n");
        var before = Snapshot(root);

        // Cluster-scoped now: Frigate.cs (edited) and the tests (not edited) would both change.
        var result = await CliRun.InAsync(root, [.. Frigate, "--non-namespaced"]);

        InitRepoTests.AssertUserError(result, KindFile + " was changed since apiserver-boot wrote it", "Pass --force");
        Assert.Equal(before, Snapshot(root));
    }

    [Fact]
    public async Task ForceOverwritesAnEditedFile()
    {
        using var temp = new TempDirectory();
        var root = await CliRun.NewProjectAsync(temp);
        await CliRun.InAsync(root, Frigate);
        var path = Path.Combine(root, KindFile);
        File.AppendAllText(path, "// my change\n");

        var result = await CliRun.InAsync(root, [.. Frigate, "--non-namespaced", "--force"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("overwrite " + KindFile, result.Out, StringComparison.Ordinal);
        var kind = File.ReadAllText(path);
        Assert.DoesNotContain("my change", kind, StringComparison.Ordinal);
        Assert.Contains("Scope = ResourceScope.Cluster", kind, StringComparison.Ordinal);

        // Recorded as generated again: a later run without --force may update it.
        var back = await CliRun.InAsync(root, Frigate);
        Assert.True(back.ExitCode == 0, back.ToString());
        Assert.Contains("update    " + KindFile, back.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASecondVersionMakesTheFirstTheStorageVersion()
    {
        using var temp = new TempDirectory();
        var root = await CliRun.NewProjectAsync(temp);
        await CliRun.InAsync(root, Frigate);

        var result = await CliRun.InAsync(root, "create", "group", "version", "resource", "--group", "ships", "--version", "v1beta1", "--kind", "Frigate");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("[StorageVersion]", File.ReadAllText(Path.Combine(root, KindFile)), StringComparison.Ordinal);
        Assert.DoesNotContain("[StorageVersion]", File.ReadAllText(Path.Combine(root, "src/Fleet/Apis/Ships/V1Beta1/Frigate.cs")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--group", "Ships", "invalid group \"Ships\"")]
    [InlineData("--group", "ships.more", "invalid group \"ships.more\"")]
    [InlineData("--group", "9ships", "invalid group \"9ships\"")]
    [InlineData("--version", "1", "invalid version \"1\"")]
    [InlineData("--version", "v1Alpha1", "invalid version \"v1Alpha1\"")]
    [InlineData("--version", "v0", "invalid version \"v0\"")]
    [InlineData("--kind", "frigate", "invalid kind \"frigate\"")]
    [InlineData("--kind", "Fri_gate", "invalid kind \"Fri_gate\"")]
    [InlineData("--kind", "Program", "invalid kind \"Program\"")]
    [InlineData("--kind", "Fleet", "invalid kind \"Fleet\"")]
    [InlineData("--short-names", "Fr", "invalid short name \"Fr\"")]
    public async Task RefusesInvalidNamesAndWritesNothing(string flag, string value, string reason)
    {
        using var temp = new TempDirectory();
        var root = await CliRun.NewProjectAsync(temp);
        var before = Snapshot(root);
        var args = new List<string> { "create", "group", "version", "resource" };
        foreach (var (name, fallback) in new[] { ("--group", "ships"), ("--version", "v1alpha1"), ("--kind", "Frigate") })
        {
            args.AddRange([name, name == flag ? value : fallback]);
        }

        if (flag == "--short-names")
        {
            args.AddRange([flag, value]);
        }

        var result = await CliRun.InAsync(root, [.. args]);

        InitRepoTests.AssertUserError(result, reason, "Pass ");
        Assert.Equal(before, Snapshot(root));
    }

    [Fact]
    public async Task RefusesToRunOutsideAProject()
    {
        using var temp = new TempDirectory();

        var result = await CliRun.InAsync(temp.Path, Frigate);

        InitRepoTests.AssertUserError(result, "is not inside an ApiBuilder project", "init repo");
        Assert.Empty(Directory.GetFileSystemEntries(temp.Path));
    }

    [Fact]
    public async Task WorksFromASubfolderOfTheProject()
    {
        using var temp = new TempDirectory();
        var root = await CliRun.NewProjectAsync(temp);

        var result = await CliRun.InAsync(Path.Combine(root, "src", "Fleet"), Frigate);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(File.Exists(Path.Combine(root, KindFile)));
    }

    /// <summary>Every file of the project with its content.</summary>
    internal static IReadOnlyDictionary<string, string> Snapshot(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(root, f), File.ReadAllText)
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .ToDictionary(p => p.Key, p => p.Value);
}
