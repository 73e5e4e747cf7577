using System.Diagnostics;
using ApiBuilder.Cli.Processes;
using ApiBuilder.Cli.Tests.Infrastructure;

namespace ApiBuilder.Cli.Tests.EndToEnd;

/// <summary>
/// SLOW (a few minutes): generated projects build with the real ApiBuilder.Runtime package (packed
/// from src/Runtime with a version of its own, removed from the NuGet cache afterwards). A Kind gets
/// subresources (scale, and a custom one whose generated test requests it) and a second version, which
/// needs a conversion; then the user edits the Kind,
/// its spec and its printer columns, the CLI adds a third version, and the user's code is still
/// there and builds, and the project's own tests pass.
/// Skip it locally with <c>dotnet test --filter Category!=EndToEnd</c>.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class EditedKindTests
{
    private static readonly TimeSpan Slow = TimeSpan.FromMinutes(6);
    private const string Folder = "src/Fleet/Apis/Ships/";

    [Fact]
    public async Task AKindGrowsVersionsAndSubresourcesAroundTheUsersCodeAndBuilds()
    {
        using var temp = new TempDirectory("apiserver-boot-edited-");
        var version = $"0.0.1-edited.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";
        try
        {
            var feed = temp.Combine("feed");
            await RunAsync(RepositoryPaths.Root, "dotnet", "pack", "src/Runtime/ApiBuilder.Runtime.csproj", "--configuration", "Release",
                "--output", feed, "-p:Version=" + version, "-nologo");
            var init = await CliRun.WithAsync(temp.Path, feed, null, "init", "repo", "--domain", "example.com", "--name", "Fleet", "--output", "fleet");
            Assert.True(init.ExitCode == 0, init.ToString());
            var root = temp.Combine("fleet");

            // The issue's scenario: a version, scale, a second version of the same Kind.
            await CliAsync(root, "create", "group", "version", "resource", "--group", "ships", "--version", "v1alpha1", "--kind", "Frigate");
            await CliAsync(root, "create", "subresource", "--subresource", "scale", "--kind", "Frigate");
            await CliAsync(root, "create", "subresource", "--subresource", "details", "--kind", "Frigate");
            await CliAsync(root, "create", "group", "version", "resource", "--group", "ships", "--version", "v1beta1", "--kind", "Frigate");
            Assert.True(File.Exists(Path.Combine(root, Folder + "V1Beta1/FrigateConversion.cs")));
            await RunAsync(root, "dotnet", "build", "-warnaserror", "-nologo");

            // What every real project does next: validation, a field and a printer column of its own.
            var mine = CreateResourceTests.EditValidation(root, Folder + "V1Alpha1/Frigate.cs");
            mine = mine.Replace("[PrinterColumn(\"Phase\"", "[PrinterColumn(\"Captain\", \".spec.captain\")]\n[PrinterColumn(\"Phase\"", StringComparison.Ordinal);
            File.WriteAllText(Path.Combine(root, Folder + "V1Alpha1/Frigate.cs"), mine);
            var spec = Path.Combine(root, Folder + "V1Alpha1/FrigateSpec.cs");
            var mySpec = File.ReadAllText(spec).Replace("    public string? Description { get; set; }\n", "    public string? Description { get; set; }\n\n    /// <summary>Who commands it.</summary>\n    public string? Captain { get; set; }\n", StringComparison.Ordinal);
            File.WriteAllText(spec, mySpec);

            var third = await CliAsync(root, "create", "group", "version", "resource", "--group", "ships", "--version", "v1", "--kind", "Frigate", "--short-names", "fr");
            Assert.Contains("keep      " + Folder + "V1Alpha1/Frigate.cs", third, StringComparison.Ordinal);
            await CliAsync(root, "create", "subresource", "--subresource", "scale", "--kind", "Frigate", "--version", "v1");
            Assert.Equal(mine, File.ReadAllText(Path.Combine(root, Folder + "V1Alpha1/Frigate.cs")));
            Assert.Equal(mySpec, File.ReadAllText(spec));
            Assert.Contains("ShortNames = [\"fr\"]", File.ReadAllText(Path.Combine(root, Folder + "V1/Frigate.apibuilder.cs")), StringComparison.Ordinal);
            Assert.Contains("Replicas = Spec.Replicas", File.ReadAllText(Path.Combine(root, Folder + "V1/FrigateConversion.cs")), StringComparison.Ordinal);

            await RunAsync(root, "dotnet", "build", "-warnaserror", "-nologo");
            var tests = await RunAsync(root, "dotnet", "test", "--no-build", "-nologo");
            Assert.Contains("Passed!", tests, StringComparison.Ordinal);

            // The custom subresource is served with no edit: its generated test GETs frigates/<name>/details and gets 200.
            var details = await RunAsync(root, "dotnet", "test", "--no-build", "-nologo", "--filter", "FullyQualifiedName~FrigateDetailsSubresourceTests");
            Assert.Matches(@"Passed!\s+-\s+Failed:\s+0,\s+Passed:\s+1,", details);
        }
        finally
        {
            var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            var folder = Path.Combine(cache, "apibuilder.runtime", version);
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static async Task<string> CliAsync(string root, params string[] args)
    {
        var result = await CliRun.InAsync(root, args);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Out;
    }

    private static async Task<string> RunAsync(string directory, string program, params string[] args)
    {
        var watch = Stopwatch.StartNew();
        var result = await ProcessRunner.RunAsync(program, args, directory, new CancellationTokenSource(Slow).Token);
        Assert.True(result.ExitCode == 0, $"{program} {string.Join(' ', args)} exited with {result.ExitCode} after {watch.Elapsed}:\n{result.Text}");
        return result.Text;
    }
}
