using ApiBuilder.Generator.Tests.Infrastructure;

namespace ApiBuilder.Generator.Tests;

/// <summary>Each analyzer diagnostic fires on bad input, at the right place, and the generator then emits nothing for that Kind.</summary>
public sealed class DiagnosticTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using ApiBuilder.Runtime.Resources;

        """;

    public static TheoryData<string, string, string> BadKinds => new()
    {
        { "APIB001", "[Kind(\"a.example.com\", \"v1\")] public class Thing { }", "Thing" },
        { "APIB002", "[Kind(\"nodots\", \"v1\")] public partial class Thing { }", "nodots" },
        { "APIB002", "[Kind(\"Upper.Example.com\", \"v1\")] public partial class Thing { }", "Upper.Example.com" },
        { "APIB003", "[Kind(\"a.example.com\", \"1.0\")] public partial class Thing { }", "1.0" },
        { "APIB003", "[Kind(\"a.example.com\", \"v1gamma1\")] public partial class Thing { }", "v1gamma1" },
        { "APIB004", "[Kind(\"a.example.com\", \"v1\", Kind = \"my_thing\")] public partial class Thing { }", "my_thing" },
        { "APIB005", "[Kind(\"a.example.com\", \"v1\", Plural = \"Things\")] public partial class Thing { }", "Things" },
        { "APIB005", "[Kind(\"a.example.com\", \"v1\", ShortNames = [\"t_1\"])] public partial class Thing { }", "t_1" },
        { "APIB006", "[Kind(\"a.example.com\", \"v1\", Plural = \"things\")] public partial class Thing { }\n[Kind(\"a.example.com\", \"v1\", Plural = \"things\")] public partial class Other { }", "things" },
        { "APIB007", "[Kind(\"a.example.com\", \"v1\")] public partial class Thing { public TimeSpan Spec { get; set; } }", "TimeSpan" },
        { "APIB007", "[Kind(\"a.example.com\", \"v1\")] public partial class Thing { public Node Spec { get; set; } = new(); }\npublic class Node { public Node? Next { get; set; } }", "recursive" },
        { "APIB007", "[Kind(\"a.example.com\", \"v1\")] public partial class Thing { public Dictionary<int, string> Spec { get; set; } = new(); }", "keys must be strings" },
        { "APIB008", "[Kind(\"a.example.com\", \"v1\")][PrinterColumn(\"X\", \"spec.x\")] public partial class Thing { }", "spec.x" },
        { "APIB008", "[Kind(\"a.example.com\", \"v1\")][PrinterColumn(\"X\", \".spec.items[?(@.a)]\")] public partial class Thing { }", "simple paths" },
        { "APIB008", "[Kind(\"a.example.com\", \"v1\")][PrinterColumn(\"X\", \".spec.x\", Type = \"float\")] public partial class Thing { }", "float" },
        { "APIB009", "[Kind(\"a.example.com\", \"v1\")][ScaleSubresource(\".spec.replicas\", \".status.replicas\")] public partial class Thing { public object? Status { get; set; } }", "needs [StatusSubresource]" },
        { "APIB009", "[Kind(\"a.example.com\", \"v1\")][StatusSubresource][ScaleSubresource(\".spec.replicas\", \"\")] public partial class Thing { public S Status { get; set; } = new(); }\npublic class S { public int Replicas { get; set; } }", "both the spec and the status replicas paths" },
        { "APIB009", "[PrinterColumn(\"X\", \".spec.x\")] public partial class NotAKind { }", "without [Kind]" },
        { "APIB009", "[Kind(\"a.example.com\", \"v1\")][StatusSubresource] public partial class Thing { }", "needs a Status property" },
        { "APIB010", "public class Outer { [Kind(\"a.example.com\", \"v1\")] public partial class Thing { } }", "nested" },
        { "APIB010", "[Kind(\"a.example.com\", \"v1\")] public partial class Thing : Exception { }", "must derive from KubernetesObject" },
        { "APIB011", "namespace A { [Kind(\"a.example.com\", \"v1\")] public partial class Thing { } }\nnamespace B { [Kind(\"a.example.com\", \"v2\")] public partial class Thing { } }", "0 are marked" },
        { "APIB011", "namespace A { [Kind(\"a.example.com\", \"v1\")][StorageVersion] public partial class Thing { } }\nnamespace B { [Kind(\"a.example.com\", \"v2\")][StorageVersion] public partial class Thing { } }", "2 are marked" },
    };

    [Theory]
    [MemberData(nameof(BadKinds))]
    public async Task The_analyzer_reports_bad_input_and_the_generator_emits_nothing_for_it(string id, string source, string messagePart)
    {
        var compilation = GeneratorHarness.Compile(Usings + source);

        var diagnostics = await GeneratorHarness.AnalyzeAsync(compilation);

        var diagnostic = Assert.Single(diagnostics.Where(d => d.Id == id).Take(1));
        Assert.Contains(messagePart, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.True(diagnostic.Location.IsInSource, "the diagnostic points into the source");
        var (_, result, _) = GeneratorHarness.Run(compilation);
        Assert.Empty(result.Diagnostics);
        Assert.DoesNotContain(result.Results[0].GeneratedSources, s => s.HintName.Contains("Thing", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_problem_in_a_type_shared_by_two_Kinds_is_reported_once()
    {
        var compilation = GeneratorHarness.Compile(Usings + """
            [Kind("a.example.com", "v1")] public partial class One { public Shared Spec { get; set; } = new(); }
            [Kind("a.example.com", "v1")] public partial class Two { public Shared Spec { get; set; } = new(); }
            public class Shared { public TimeSpan Timeout { get; set; } }
            """);

        var diagnostics = await GeneratorHarness.AnalyzeAsync(compilation);

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("APIB007", diagnostic.Id);
        Assert.Contains("Timeout", diagnostic.Location.SourceTree!.ToString().Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TestSources.Wardle)]
    [InlineData(TestSources.EdgeCases)]
    [InlineData(TestSources.SeveralVersions)]
    [InlineData(TestSources.ClusterScoped)]
    public async Task Good_input_gets_no_diagnostic(string source)
    {
        var diagnostics = await GeneratorHarness.AnalyzeAsync(GeneratorHarness.Compile(source));

        Assert.Empty(diagnostics);
    }

    [Fact]
    public void Every_diagnostic_id_is_documented_and_tracked_for_release()
    {
        var root = RepositoryRoot();
        var docs = File.ReadAllText(Path.Combine(root, "docs", "diagnostics.md"));
        var releases = File.ReadAllText(Path.Combine(root, "src", "Generator", "AnalyzerReleases.Unshipped.md"));
        var ids = GeneratorHarness.Analyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).Distinct().ToList();

        Assert.Equal(11, ids.Count);
        Assert.All(ids, id => Assert.Contains("### " + id, docs, StringComparison.Ordinal));
        Assert.All(ids, id => Assert.Contains(id + " |", releases, StringComparison.Ordinal));
    }

    private static string RepositoryRoot([System.Runtime.CompilerServices.CallerFilePath] string file = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, "..", ".."));
}
