using ApiBuilder.Cli.Tests.Infrastructure;

namespace ApiBuilder.Cli.Tests;

public sealed class CreateSubresourceTests
{
    private const string KindFolder = "src/Fleet/Apis/Ships/V1Alpha1/";

    [Fact]
    public async Task ScaleAddsTheAttributeAndTheReplicaFields()
    {
        using var temp = new TempDirectory();
        var root = await NewProjectWithFrigateAsync(temp, "--with-status-subresource", "false");

        var result = await CliRun.InAsync(root, "create", "subresource", "--subresource", "scale", "--kind", "Frigate");

        Assert.True(result.ExitCode == 0, result.ToString());
        var generated = File.ReadAllText(Path.Combine(root, KindFolder + "Frigate.apibuilder.cs"));
        Assert.Contains("[StatusSubresource]", generated, StringComparison.Ordinal);
        Assert.Contains("[ScaleSubresource(\".spec.replicas\", \".status.replicas\")]", generated, StringComparison.Ordinal);
        Assert.Contains("public partial class FrigateSpec\n{\n    /// <summary>Desired number of replicas", generated, StringComparison.Ordinal);
        Assert.Contains("public partial class FrigateStatus\n{\n    /// <summary>Observed number of replicas.</summary>\n    public int? Replicas", generated, StringComparison.Ordinal);
        Assert.Contains("ServesTheScaleSubresource", File.ReadAllText(Path.Combine(root, "tests/Fleet.Tests/ShipsV1Alpha1/FrigateTests.cs")), StringComparison.Ordinal);

        // create resource again keeps the scale subresource.
        var again = await CliRun.InAsync(root, "create", "group", "version", "resource", "--group", "ships", "--version", "v1alpha1", "--kind", "Frigate");
        Assert.Contains("Nothing to change", again.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScaleOnAnEditedKindKeepsTheUsersCode()
    {
        using var temp = new TempDirectory();
        var root = await NewProjectWithFrigateAsync(temp);
        var mine = CreateResourceTests.EditValidation(root);
        var spec = Path.Combine(root, KindFolder + "FrigateSpec.cs");
        var mySpec = File.ReadAllText(spec).Replace("    public string? Description { get; set; }\n", "    public string? Description { get; set; }\n\n    public string? Captain { get; set; }\n", StringComparison.Ordinal);
        File.WriteAllText(spec, mySpec);

        var result = await CliRun.InAsync(root, "create", "subresource", "--subresource", "scale", "--kind", "Frigate");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(mine, File.ReadAllText(Path.Combine(root, KindFolder + "Frigate.cs")));
        Assert.Equal(mySpec, File.ReadAllText(spec));
        Assert.Contains("[ScaleSubresource(", File.ReadAllText(Path.Combine(root, KindFolder + "Frigate.apibuilder.cs")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScaleBesideAnEditedSpecOfTheEarlierLayoutSaysWhatToChange()
    {
        using var temp = new TempDirectory();
        var root = await NewProjectWithFrigateAsync(temp);
        EarlierLayout.Write(root, edited: false, editedSpec: true);
        var before = CreateResourceTests.Snapshot(root);

        var result = await CliRun.InAsync(root, "create", "subresource", "--subresource", "scale", "--kind", "Frigate");

        InitRepoTests.AssertUserError(result,
            KindFolder + "FrigateSpec.cs is in the layout of an earlier apiserver-boot and you edited it: it declares class FrigateSpec without 'partial', and apiserver-boot now adds to that class in " + KindFolder + "Frigate.apibuilder.cs",
            "Declare it 'partial class FrigateSpec'");
        Assert.Equal(before, CreateResourceTests.Snapshot(root));
    }

    [Fact]
    public async Task StatusAddsTheAttribute()
    {
        using var temp = new TempDirectory();
        var root = await NewProjectWithFrigateAsync(temp, "--with-status-subresource", "false");

        var result = await CliRun.InAsync(root, "create", "subresource", "--subresource", "status", "--kind", "Frigate");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("[StatusSubresource]", File.ReadAllText(Path.Combine(root, KindFolder + "Frigate.apibuilder.cs")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACustomSubresourceIsAServedSubresourceClassWithATest()
    {
        using var temp = new TempDirectory();
        var root = await NewProjectWithFrigateAsync(temp);

        var result = await CliRun.InAsync(root, "create", "subresource", "--subresource", "logs", "--kind", "Frigate");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("", result.Error);
        Assert.Contains("Served at /apis/ships.example.com/v1alpha1/namespaces/<namespace>/frigates/<name>/logs once built", result.Out, StringComparison.Ordinal);
        var subresource = File.ReadAllText(Path.Combine(root, KindFolder + "FrigateLogsSubresource.cs"));
        Assert.Contains("[Subresource(typeof(Frigate))]", subresource, StringComparison.Ordinal);
        Assert.Contains("public static SubresourceDefinition Definition { get; }", subresource, StringComparison.Ordinal);
        Assert.Contains("Name = \"logs\"", subresource, StringComparison.Ordinal);
        Assert.Contains("Get = request =>", subresource, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(root, "tests", "Fleet.Tests", "ShipsV1Alpha1", "FrigateLogsSubresourceTests.cs")));

        var again = await CliRun.InAsync(root, "create", "subresource", "--subresource", "logs", "--kind", "Frigate");
        Assert.Contains("Nothing to change", again.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEditedCustomSubresourceIsKeptWhenTheKindIsRenderedAgain()
    {
        using var temp = new TempDirectory();
        var root = await NewProjectWithFrigateAsync(temp);
        await CliRun.InAsync(root, "create", "subresource", "--subresource", "logs", "--kind", "Frigate");
        var path = Path.Combine(root, KindFolder + "FrigateLogsSubresource.cs");
        var edited = File.ReadAllText(path).Replace("Get = request =>", "Get = static request =>", StringComparison.Ordinal);
        File.WriteAllText(path, edited);

        var result = await CliRun.InAsync(root, "create", "subresource", "--subresource", "events", "--kind", "Frigate", "--force");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(edited, File.ReadAllText(path));
        Assert.True(File.Exists(Path.Combine(root, KindFolder + "FrigateEventsSubresource.cs")));
    }

    [Fact]
    public async Task RefusesAnUnknownKind()
    {
        using var temp = new TempDirectory();
        var root = await NewProjectWithFrigateAsync(temp);

        var result = await CliRun.InAsync(root, "create", "subresource", "--subresource", "scale", "--kind", "Carrier");

        InitRepoTests.AssertUserError(result, "no Kind Carrier in this project (Kinds here: Frigate (ships/v1alpha1))", "create group version resource");
    }

    [Fact]
    public async Task AsksWhichVersionWhenTheKindHasSeveral()
    {
        using var temp = new TempDirectory();
        var root = await NewProjectWithFrigateAsync(temp);
        await CliRun.InAsync(root, "create", "group", "version", "resource", "--group", "ships", "--version", "v1", "--kind", "Frigate");

        var result = await CliRun.InAsync(root, "create", "subresource", "--subresource", "scale", "--kind", "Frigate");

        InitRepoTests.AssertUserError(result, "Frigate is in several group-versions (ships/v1, ships/v1alpha1)", "Pass --group and --version");
    }

    [Theory]
    [InlineData("Logs")]
    [InlineData("log-lines")]
    [InlineData("logs2")]
    public async Task RefusesAnInvalidSubresourceName(string name)
    {
        using var temp = new TempDirectory();
        var root = await NewProjectWithFrigateAsync(temp);

        var result = await CliRun.InAsync(root, "create", "subresource", "--subresource", name, "--kind", "Frigate");

        InitRepoTests.AssertUserError(result, $"invalid subresource \"{name}\"", "--subresource status");
    }

    private static async Task<string> NewProjectWithFrigateAsync(TempDirectory temp, params string[] extra)
    {
        var root = await CliRun.NewProjectAsync(temp);
        var result = await CliRun.InAsync(root, ["create", "group", "version", "resource", "--group", "ships", "--version", "v1alpha1", "--kind", "Frigate", .. extra]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return root;
    }
}
