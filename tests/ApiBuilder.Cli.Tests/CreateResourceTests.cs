using ApiBuilder.Cli.Tests.Infrastructure;

namespace ApiBuilder.Cli.Tests;

public sealed class CreateResourceTests
{
    private static readonly string[] Frigate = ["create", "group", "version", "resource", "--group", "ships", "--version", "v1alpha1", "--kind", "Frigate"];
    private const string KindFile = "src/Fleet/Apis/Ships/V1Alpha1/Frigate.cs";
    private const string GeneratedFile = "src/Fleet/Apis/Ships/V1Alpha1/Frigate.apibuilder.cs";

    [Fact]
    public async Task WritesTheKindItsSampleAndItsTests()
    {
        using var temp = new TempDirectory();
        var root = await CliRun.NewProjectAsync(temp);

        var result = await CliRun.InAsync(root, [.. Frigate, "--controller", "--short-names", "fr,frg"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var kind = File.ReadAllText(Path.Combine(root, GeneratedFile));
        Assert.Contains("[Kind(\"ships.example.com\", \"v1alpha1\", ShortNames = [\"fr\", \"frg\"])]", kind, StringComparison.Ordinal);
        Assert.DoesNotContain("ResourceScope.Cluster", kind, StringComparison.Ordinal); // namespaced by default
        Assert.Contains("[StatusSubresource]", kind, StringComparison.Ordinal);
        foreach (var file in new[]
        {
            KindFile, "src/Fleet/Apis/Ships/V1Alpha1/FrigateSpec.cs", "src/Fleet/Apis/Ships/V1Alpha1/FrigateStatus.cs", "src/Fleet/Apis/Ships/V1Alpha1/FrigateController.cs",
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
        var kind = File.ReadAllText(Path.Combine(root, "src/Fleet/Apis/Ports/V1/Harbor.apibuilder.cs"));
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
    public async Task RefusesToOverwriteAnEditedGeneratedFileAndWritesNothing()
    {
        using var temp = new TempDirectory();
        var root = await CliRun.NewProjectAsync(temp);
        await CliRun.InAsync(root, Frigate);
        var path = Path.Combine(root, GeneratedFile);
        File.AppendAllText(path, "// my change\n");
        var before = Snapshot(root);

        // Cluster-scoped now: Frigate.apibuilder.cs (edited) and the tests (not edited) would both change.
        var result = await CliRun.InAsync(root, [.. Frigate, "--non-namespaced"]);

        InitRepoTests.AssertUserError(result, GeneratedFile + " was changed since apiserver-boot wrote it", "Pass --force");
        Assert.Equal(before, Snapshot(root));
    }

    [Fact]
    public async Task ForceOverwritesAnEditedGeneratedFileButNeverTheUsersCode()
    {
        using var temp = new TempDirectory();
        var root = await CliRun.NewProjectAsync(temp);
        await CliRun.InAsync(root, Frigate);
        File.AppendAllText(Path.Combine(root, GeneratedFile), "// my change\n");
        var mine = EditValidation(root);

        var result = await CliRun.InAsync(root, [.. Frigate, "--non-namespaced", "--force"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("overwrite " + GeneratedFile, result.Out, StringComparison.Ordinal);
        var generated = File.ReadAllText(Path.Combine(root, GeneratedFile));
        Assert.DoesNotContain("my change", generated, StringComparison.Ordinal);
        Assert.Contains("Scope = ResourceScope.Cluster", generated, StringComparison.Ordinal);
        Assert.Equal(mine, File.ReadAllText(Path.Combine(root, KindFile)));
        Assert.Contains("keep      " + KindFile + " (yours, edited: left as it is)", result.Out, StringComparison.Ordinal);

        // Recorded as generated again: a later run without --force may update it.
        var back = await CliRun.InAsync(root, Frigate);
        Assert.True(back.ExitCode == 0, back.ToString());
        Assert.Contains("update    " + GeneratedFile, back.Out, StringComparison.Ordinal);
        Assert.Equal(mine, File.ReadAllText(Path.Combine(root, KindFile)));
    }

    [Fact]
    public async Task AnEditedKindGetsANewScopeAndKeepsTheUsersCode()
    {
        using var temp = new TempDirectory();
        var root = await CliRun.NewProjectAsync(temp);
        await CliRun.InAsync(root, Frigate);
        var mine = EditValidation(root);

        var result = await CliRun.InAsync(root, [.. Frigate, "--non-namespaced", "--short-names", "fr"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(mine, File.ReadAllText(Path.Combine(root, KindFile)));
        Assert.Contains("[Kind(\"ships.example.com\", \"v1alpha1\", Scope = ResourceScope.Cluster, ShortNames = [\"fr\"])]", File.ReadAllText(Path.Combine(root, GeneratedFile)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEditedKindOfTheEarlierLayoutIsRefusedWithWhatToDo()
    {
        using var temp = new TempDirectory();
        var root = await CliRun.NewProjectAsync(temp);
        await CliRun.InAsync(root, Frigate);
        EarlierLayout.Write(root, edited: true);
        var before = Snapshot(root);

        var result = await CliRun.InAsync(root, "create", "group", "version", "resource", "--group", "ships", "--version", "v1beta1", "--kind", "Frigate");

        InitRepoTests.AssertUserError(result, KindFile + " is in the layout of an earlier apiserver-boot and you edited it", "Remove the [Kind]");
        Assert.Equal(before, Snapshot(root));
    }

    [Fact]
    public async Task AnUneditedKindOfTheEarlierLayoutMovesToTheNewOne()
    {
        using var temp = new TempDirectory();
        var root = await CliRun.NewProjectAsync(temp);
        await CliRun.InAsync(root, Frigate);
        EarlierLayout.Write(root, edited: false);

        var result = await CliRun.InAsync(root, "create", "group", "version", "resource", "--group", "ships", "--version", "v1beta1", "--kind", "Frigate");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("create    " + GeneratedFile, result.Out, StringComparison.Ordinal);
        Assert.Contains("update    " + KindFile, result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("[Kind(", File.ReadAllText(Path.Combine(root, KindFile)), StringComparison.Ordinal);
        Assert.Contains("partial class FrigateSpec", File.ReadAllText(Path.Combine(root, "src/Fleet/Apis/Ships/V1Alpha1/FrigateSpec.cs")), StringComparison.Ordinal);
    }

    /// <summary>What every real project does: validation in the Kind's own file. Returns the file's new text.</summary>
    internal static string EditValidation(string root, string kindFile = KindFile)
    {
        var path = Path.Combine(root, kindFile);
        var text = File.ReadAllText(path).Replace(
            "        yield break;\n",
            "        if (Spec.Description == \"forbidden\")\n        {\n            yield return FieldError.Forbidden(\"spec.description\", \"must not be forbidden\");\n        }\n",
            StringComparison.Ordinal);
        Assert.Contains("forbidden", text, StringComparison.Ordinal);
        File.WriteAllText(path, text);
        return text;
    }

    [Fact]
    public async Task ASecondVersionMakesTheFirstTheStorageVersion()
    {
        using var temp = new TempDirectory();
        var root = await CliRun.NewProjectAsync(temp);
        await CliRun.InAsync(root, Frigate);

        var result = await CliRun.InAsync(root, "create", "group", "version", "resource", "--group", "ships", "--version", "v1beta1", "--kind", "Frigate");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("[StorageVersion]", File.ReadAllText(Path.Combine(root, GeneratedFile)), StringComparison.Ordinal);
        Assert.DoesNotContain("[StorageVersion]", File.ReadAllText(Path.Combine(root, "src/Fleet/Apis/Ships/V1Beta1/Frigate.apibuilder.cs")), StringComparison.Ordinal);
        Assert.Contains("IConvertsToStorage<Frigate, Storage.Frigate>", File.ReadAllText(Path.Combine(root, "src/Fleet/Apis/Ships/V1Beta1/FrigateConversion.cs")), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(root, "src/Fleet/Apis/Ships/V1Alpha1/FrigateConversion.cs")), "the storage version converts to nothing");
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
    [InlineData("--kind", "Status", "invalid kind \"Status\": 'Status' is a kind Kubernetes itself uses")]
    [InlineData("--kind", "WatchEvent", "invalid kind \"WatchEvent\": 'WatchEvent' is a kind Kubernetes itself uses")]
    [InlineData("--kind", "Scale", "invalid kind \"Scale\"")]
    [InlineData("--kind", "APIResourceList", "invalid kind \"APIResourceList\"")]
    [InlineData("--plural", "People", "invalid plural \"People\": it must be a DNS-1035 label")]
    [InlineData("--plural", "9lives", "invalid plural \"9lives\"")]
    [InlineData("--plural", "mice.v1", "invalid plural \"mice.v1\"")]
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

        if (flag is "--short-names" or "--plural")
        {
            args.AddRange([flag, value]);
        }

        var result = await CliRun.InAsync(root, [.. args]);

        InitRepoTests.AssertUserError(result, reason, "Pass ");
        Assert.Equal(before, Snapshot(root));
    }

    [Theory]
    [InlineData("FrigateList", "invalid kind \"FrigateList\": 'FrigateList' is the name of the list kind of 'Frigate' in group ships")]
    [InlineData("FrigateClient", "invalid kind \"FrigateClient\": 'FrigateClient' is the name of the client class generated for 'Frigate'")]
    [InlineData("FrigateController", "the controller class generated for 'Frigate'")]
    [InlineData("FrigateSpec", "the spec class of 'Frigate'")]
    [InlineData("FrigateStatus", "the status class of 'Frigate'")]
    [InlineData("FrigateConversion", "the conversion file of 'Frigate' (FrigateConversion.cs)")]
    [InlineData("Frig", null)]
    public async Task RefusesAKindNamedAfterAnotherKindsDerivedNames(string kind, string? reason)
    {
        using var temp = new TempDirectory();
        var root = await CliRun.NewProjectAsync(temp);
        Assert.Equal(0, (await CliRun.InAsync(root, Frigate)).ExitCode);
        var before = Snapshot(root);

        var result = await CliRun.InAsync(root, "create", "group", "version", "resource", "--group", "ships", "--version", "v1", "--kind", kind);

        if (reason is null)
        {
            Assert.True(result.ExitCode == 0, result.ToString());
            return;
        }

        InitRepoTests.AssertUserError(result, reason, "Pass another --kind");
        Assert.Equal(before, Snapshot(root));
    }

    [Fact]
    public async Task AKindAndACustomSubresourceClassCannotShareAName()
    {
        using var temp = new TempDirectory();
        var root = await CliRun.NewProjectAsync(temp);
        Assert.Equal(0, (await CliRun.InAsync(root, Frigate)).ExitCode);
        Assert.Equal(0, (await CliRun.InAsync(root, "create", "subresource", "--subresource", "logs", "--kind", "Frigate")).ExitCode);
        var before = Snapshot(root);

        var kind = await CliRun.InAsync(root, "create", "group", "version", "resource", "--group", "ships", "--version", "v1alpha1", "--kind", "FrigateLogsSubresource");
        InitRepoTests.AssertUserError(kind, "invalid kind \"FrigateLogsSubresource\": it is the name of Frigate's logs subresource class", "Pass another --kind");
        Assert.Equal(before, Snapshot(root));

        // The other way round: a Kind first, then a subresource whose class would take its name.
        Assert.Equal(0, (await CliRun.InAsync(root, "create", "group", "version", "resource", "--group", "ships", "--version", "v1alpha1", "--kind", "FrigateEventsSubresource")).ExitCode);
        before = Snapshot(root);
        var subresource = await CliRun.InAsync(root, "create", "subresource", "--subresource", "events", "--kind", "Frigate");
        InitRepoTests.AssertUserError(subresource, "invalid subresource \"events\": its class FrigateEventsSubresource", "Pass another --subresource");
        Assert.Equal(before, Snapshot(root));
    }

    [Fact]
    public async Task AKindNamedAfterAnotherKindsConversionFileLeavesThatFileAlone()
    {
        using var temp = new TempDirectory();
        var root = await CliRun.NewProjectAsync(temp);
        Assert.Equal(0, (await CliRun.InAsync(root, Frigate)).ExitCode);
        Assert.Equal(0, (await CliRun.InAsync(root, "create", "group", "version", "resource", "--group", "ships", "--version", "v1beta1", "--kind", "Frigate")).ExitCode);
        var conversion = Path.Combine(root, "src/Fleet/Apis/Ships/V1Beta1/FrigateConversion.cs");
        var before = File.ReadAllText(conversion);

        var result = await CliRun.InAsync(root, "create", "group", "version", "resource", "--group", "ships", "--version", "v1beta1", "--kind", "FrigateConversion");

        InitRepoTests.AssertUserError(result, "'FrigateConversion' is the name of the conversion file of 'Frigate'", "Pass another --kind");
        Assert.Equal(before, File.ReadAllText(conversion));
    }

    [Fact]
    public async Task AFrigateBesideAnExistingFrigateListIsRefusedToo()
    {
        using var temp = new TempDirectory();
        var root = await CliRun.NewProjectAsync(temp);
        Assert.Equal(0, (await CliRun.InAsync(root, "create", "group", "version", "resource", "--group", "ships", "--version", "v1", "--kind", "FrigateList")).ExitCode);

        var result = await CliRun.InAsync(root, Frigate);

        InitRepoTests.AssertUserError(result, "the Kind 'FrigateList' beside it is the name of the list kind of 'Frigate'", "Pass another --kind");
    }

    [Fact]
    public async Task PluralNamesTheResourceEverywhere()
    {
        using var temp = new TempDirectory();
        var root = await CliRun.NewProjectAsync(temp);

        var result = await CliRun.InAsync(root, "create", "group", "version", "resource", "--group", "crew", "--version", "v1alpha1", "--kind", "Person", "--plural", "people");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("kubectl --kubeconfig kubeconfig get people", result.Out, StringComparison.Ordinal);
        Assert.Contains("[Kind(\"crew.example.com\", \"v1alpha1\", Plural = \"people\")]", File.ReadAllText(Path.Combine(root, "src/Fleet/Apis/Crew/V1Alpha1/Person.apibuilder.cs")), StringComparison.Ordinal);
        Assert.Contains("\"plural\": \"people\"", File.ReadAllText(Path.Combine(root, ".apibuilder/project.json")), StringComparison.Ordinal);

        // A second version keeps the plural; the guess is not recorded at all.
        var second = await CliRun.InAsync(root, "create", "group", "version", "resource", "--group", "crew", "--version", "v1beta1", "--kind", "Person");
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains("Plural = \"people\"", File.ReadAllText(Path.Combine(root, "src/Fleet/Apis/Crew/V1Beta1/Person.apibuilder.cs")), StringComparison.Ordinal);
        await CliRun.InAsync(root, Frigate);
        Assert.DoesNotContain("\"plural\": null", File.ReadAllText(Path.Combine(root, ".apibuilder/project.json")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task APluralTakenInTheGroupVersionIsRefused()
    {
        using var temp = new TempDirectory();
        var root = await CliRun.NewProjectAsync(temp);
        Assert.Equal(0, (await CliRun.InAsync(root, Frigate)).ExitCode);

        var result = await CliRun.InAsync(root, "create", "group", "version", "resource", "--group", "ships", "--version", "v1alpha1", "--kind", "Boat", "--plural", "frigates");

        InitRepoTests.AssertUserError(result, "the plural \"frigates\" of Boat is already the resource name of Frigate in ships/v1alpha1", "Pass another --plural");
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
