using ApiBuilder.Generator.Tests.Infrastructure;

namespace ApiBuilder.Generator.Tests;

/// <summary>The generated code for representative inputs, compared with approved snapshots; each must also compile cleanly.</summary>
public sealed class SnapshotTests
{
    [Theory]
    [InlineData("Wardle", TestSources.Wardle)]
    [InlineData("EdgeCases", TestSources.EdgeCases)]
    [InlineData("SeveralVersions", TestSources.SeveralVersions)]
    [InlineData("ClusterScoped", TestSources.ClusterScoped)]
    public void Generated_code_matches_the_snapshot(string name, string source)
    {
        var (_, result, output) = GeneratorHarness.Run(GeneratorHarness.Compile(source));

        Assert.Empty(result.Diagnostics);
        Assert.Empty(GeneratorHarness.Problems(output));
        Snapshot.Verify(name, GeneratorHarness.Render(result));
    }
}
