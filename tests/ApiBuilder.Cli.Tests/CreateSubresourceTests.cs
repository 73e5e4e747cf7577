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
        var kind = File.ReadAllText(Path.Combine(root, KindFolder + "Frigate.cs"));
        Assert.Contains("[StatusSubresource]", kind, StringComparison.Ordinal);
        Assert.Contains("[ScaleSubresource(\".spec.replicas\", \".status.replicas\")]", kind, StringComparison.Ordinal);
        Assert.Contains("public int? Replicas", File.ReadAllText(Path.Combine(root, KindFolder + "FrigateSpec.cs")), StringComparison.Ordinal);
        Assert.Contains("public int? Replicas", File.ReadAllText(Path.Combine(root, KindFolder + "FrigateStatus.cs")), StringComparison.Ordinal);
        Assert.Contains("ServesTheScaleSubresource", File.ReadAllText(Path.Combine(root, "tests/Fleet.Tests/ShipsV1Alpha1/FrigateTests.cs")), StringComparison.Ordinal);

        // create resource again keeps the scale subresource.
        var again = await CliRun.InAsync(root, "create", "group", "version", "resource", "--group", "ships", "--version", "v1alpha1", "--kind", "Frigate");
        Assert.Contains("Nothing to change", again.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StatusAddsTheAttribute()
    {
        using var temp = new TempDirectory();
        var root = await NewProjectWithFrigateAsync(temp, "--with-status-subresource", "false");

        var result = await CliRun.InAsync(root, "create", "subresource", "--subresource", "status", "--kind", "Frigate");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("[StatusSubresource]", File.ReadAllText(Path.Combine(root, KindFolder + "Frigate.cs")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACustomSubresourceIsAnHonestSkeleton()
    {
        using var temp = new TempDirectory();
        var root = await NewProjectWithFrigateAsync(temp);

        var result = await CliRun.InAsync(root, "create", "subresource", "--subresource", "logs", "--kind", "Frigate");

        Assert.True(result.ExitCode == 0, result.ToString());
        var skeleton = File.ReadAllText(Path.Combine(root, KindFolder + "FrigateLogsSubresource.cs"));
        Assert.Contains("NOT SERVED YET", skeleton, StringComparison.Ordinal);
        Assert.Contains("404 NotFound", result.Error, StringComparison.Ordinal);
        Assert.StartsWith("warning: ", result.Error, StringComparison.Ordinal);

        var again = await CliRun.InAsync(root, "create", "subresource", "--subresource", "logs", "--kind", "Frigate");
        Assert.Contains("Nothing to change", again.Out, StringComparison.Ordinal);
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
