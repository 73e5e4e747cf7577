using ApiBuilder.Generator.Parsing;
using ApiBuilder.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ApiBuilder.Generator.Tests;

/// <summary>The pipeline stops at equal models: re-runs and unrelated edits re-emit nothing, and models hold no Roslyn objects.</summary>
public sealed class CachingTests
{
    private static readonly string[] TrackedSteps = [
        TrackingNames.Model, TrackingNames.Set, TrackingNames.Resolved, TrackingNames.RegistrationEntries, TrackingNames.Subresource,
        TrackingNames.Registration, TrackingNames.Discovery,
    ];

    private const string Unrelated = """
        namespace Wardle;

        public static class Helpers
        {
            public static int Answer() => 41;
        }
        """;

    [Fact]
    public void A_second_run_on_the_same_compilation_is_entirely_cached()
    {
        var compilation = GeneratorHarness.Compile(TestSources.Wardle, Unrelated);
        var (driver, _, _) = GeneratorHarness.Run(compilation);

        var (_, second, _) = GeneratorHarness.Run(compilation, driver);

        AssertAllOutputs(second, IncrementalStepRunReason.Cached);
    }

    [Fact]
    public void An_edit_to_an_unrelated_method_body_leaves_every_output_unchanged()
    {
        var compilation = GeneratorHarness.Compile(TestSources.Wardle, Unrelated);
        var (driver, first, _) = GeneratorHarness.Run(compilation);
        var edited = Replace(compilation, "Source1.cs", Unrelated.Replace("=> 41", "=> 42", StringComparison.Ordinal));

        var (_, second, _) = GeneratorHarness.Run(edited, driver);

        AssertAllOutputs(second, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        Assert.Equal(GeneratorHarness.Render(first), GeneratorHarness.Render(second));
    }

    [Fact]
    public void An_edit_inside_the_Kind_file_that_changes_no_model_leaves_outputs_unchanged()
    {
        var withMethod = TestSources.Wardle.Replace(
            "public FlunderStatus? Status { get; set; }",
            "public FlunderStatus? Status { get; set; }\n\n    public int Count() => 1;",
            StringComparison.Ordinal);
        var compilation = GeneratorHarness.Compile(withMethod);
        var (driver, _, _) = GeneratorHarness.Run(compilation);
        var edited = Replace(compilation, "Source0.cs", withMethod.Replace("=> 1;", "=> 2;", StringComparison.Ordinal));

        var (_, second, _) = GeneratorHarness.Run(edited, driver);

        // Whether or not the transform re-runs for the edited file, its model is equal: nothing downstream changes.
        AssertAllOutputs(second, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
    }

    [Fact]
    public void A_real_change_to_a_Kind_is_re_emitted()
    {
        var compilation = GeneratorHarness.Compile(TestSources.Wardle);
        var (driver, _, _) = GeneratorHarness.Run(compilation);
        var edited = Replace(compilation, "Source0.cs", TestSources.Wardle.Replace("[MaxLength(253)]", "[MaxLength(63)]", StringComparison.Ordinal));

        var (_, second, _) = GeneratorHarness.Run(edited, driver);

        var resolved = second.Results[0].TrackedSteps[TrackingNames.Resolved].SelectMany(s => s.Outputs).ToList();
        Assert.Contains(resolved, o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains("\\\"maxLength\\\":63", GeneratorHarness.Render(second), StringComparison.Ordinal);
    }

    [Fact]
    public void A_schema_change_leaves_the_discovery_documents_unchanged()
    {
        var compilation = GeneratorHarness.Compile(TestSources.Wardle);
        var (driver, _, _) = GeneratorHarness.Run(compilation);
        var edited = Replace(compilation, "Source0.cs", TestSources.Wardle.Replace("[MaxLength(253)]", "[MaxLength(63)]", StringComparison.Ordinal));

        var (_, second, _) = GeneratorHarness.Run(edited, driver);

        var discovery = second.Results[0].TrackedSteps[TrackingNames.Discovery].SelectMany(s => s.Outputs).ToList();
        var resolved = second.Results[0].TrackedSteps[TrackingNames.Resolved].SelectMany(s => s.Outputs).ToList();
        Assert.Contains(resolved, o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.NotEmpty(discovery);
        Assert.All(discovery, o => Assert.Contains(o.Reason, new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged }));
    }

    [Fact]
    public void A_change_to_what_discovery_lists_re_emits_the_discovery_documents()
    {
        var compilation = GeneratorHarness.Compile(TestSources.Wardle);
        var (driver, _, _) = GeneratorHarness.Run(compilation);
        var edited = Replace(compilation, "Source0.cs", TestSources.Wardle.Replace("ShortNames = [\"fi\"]", "ShortNames = [\"fis\"]", StringComparison.Ordinal));

        var (_, second, _) = GeneratorHarness.Run(edited, driver);

        var discovery = second.Results[0].TrackedSteps[TrackingNames.Discovery].SelectMany(s => s.Outputs).ToList();
        Assert.Contains(discovery, o => o.Reason == IncrementalStepRunReason.Modified);
        var generated = second.Results[0].GeneratedSources.Single(s => s.HintName == "ApiBuilder.GeneratedDiscovery.g.cs").SourceText.ToString();
        Assert.Contains("\"shortNames\":[\"fis\"]", generated, StringComparison.Ordinal);
    }

    [Fact]
    public void An_edit_inside_a_subresource_handler_leaves_outputs_unchanged()
    {
        var compilation = GeneratorHarness.Compile(TestSources.Wardle);
        var (driver, first, _) = GeneratorHarness.Run(compilation);
        var edited = Replace(compilation, "Source0.cs", TestSources.Wardle.Replace(" reference={", " ref={", StringComparison.Ordinal));
        Assert.NotEqual(compilation.SyntaxTrees.Single().ToString(), edited.SyntaxTrees.Single().ToString());

        var (_, second, _) = GeneratorHarness.Run(edited, driver);

        AssertAllOutputs(second, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        Assert.Equal(GeneratorHarness.Render(first), GeneratorHarness.Render(second));
    }

    [Fact]
    public void A_new_subresource_class_is_registered_and_leaves_the_Kinds_unchanged()
    {
        var compilation = GeneratorHarness.Compile(TestSources.Wardle, Unrelated);
        var (driver, _, _) = GeneratorHarness.Run(compilation);
        var edited = Replace(compilation, "Source1.cs", Unrelated + """

            [ApiBuilder.Runtime.Resources.Subresource(typeof(Flunder))]
            public static class FlunderEcho
            {
                public static ApiBuilder.Runtime.Rest.SubresourceDefinition Definition { get; } = new() { Name = "echo", Get = r => r.WriteTextAsync(r.Name) };
            }
            """);

        var (_, second, _) = GeneratorHarness.Run(edited, driver);

        var steps = second.Results[0].TrackedSteps;
        Assert.Contains(steps[TrackingNames.Registration].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.All(steps[TrackingNames.Resolved].SelectMany(s => s.Outputs), o => Assert.Contains(o.Reason, new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged }));
        Assert.All(steps[TrackingNames.Discovery].SelectMany(s => s.Outputs), o => Assert.Contains(o.Reason, new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged }));
        var registration = second.Results[0].GeneratedSources.Single(s => s.HintName == "ApiBuilder.GeneratedResources.g.cs").SourceText.ToString();
        Assert.Contains("builder.AddSubresource(global::Wardle.Flunder.Definition, global::Wardle.FlunderEcho.Definition);", registration, StringComparison.Ordinal);
    }

    [Fact]
    public void An_edit_inside_a_storage_class_leaves_outputs_unchanged()
    {
        var compilation = GeneratorHarness.Compile(StorageTests.ReadOnlySource);
        var (driver, first, _) = GeneratorHarness.Run(compilation);
        var edited = Replace(compilation, "Source0.cs", StorageTests.ReadOnlySource.Replace("Value = 42", "Value = 43", StringComparison.Ordinal));
        Assert.NotEqual(compilation.SyntaxTrees.Single().ToString(), edited.SyntaxTrees.Single().ToString());

        var (_, second, _) = GeneratorHarness.Run(edited, driver);

        AssertAllOutputs(second, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        Assert.Equal(GeneratorHarness.Render(first), GeneratorHarness.Render(second));
    }

    [Fact]
    public void Adding_Storage_to_a_Kind_re_emits_the_registration_and_leaves_discovery_unchanged()
    {
        var withoutStorage = StorageTests.ReadOnlySource.Replace("[Storage(typeof(GaugeStorage))]", "", StringComparison.Ordinal);
        var compilation = GeneratorHarness.Compile(withoutStorage);
        var (driver, first, _) = GeneratorHarness.Run(compilation);
        var edited = Replace(compilation, "Source0.cs", StorageTests.ReadOnlySource);

        var (_, second, _) = GeneratorHarness.Run(edited, driver);

        var steps = second.Results[0].TrackedSteps;
        Assert.Contains(steps[TrackingNames.Registration].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.All(steps[TrackingNames.Discovery].SelectMany(s => s.Outputs), o => Assert.Contains(o.Reason, new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged }));
        const string Line = "builder.AddResource(new global::Metrics.GaugeStorage());";
        Assert.DoesNotContain(Line, GeneratorHarness.Render(first), StringComparison.Ordinal);
        Assert.Contains(Line, GeneratorHarness.Render(second), StringComparison.Ordinal);
    }

    [Fact]
    public void A_storage_class_in_another_file_that_stops_implementing_the_interface_is_no_longer_registered()
    {
        const string Kind = """
            using ApiBuilder.Runtime.Resources;
            namespace Metrics;
            [Kind("metrics.example.com", "v1")][Storage(typeof(MeterStorage))] public partial class Meter { }
            """;
        const string Storage = """
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            using ApiBuilder.Runtime.Rest;
            namespace Metrics;
            public sealed class MeterStorage : IReadOnlyStorage<Meter>
            {
                public ValueTask<Meter?> GetAsync(RestContext context, string name, CancellationToken cancellationToken) => default;
                public async IAsyncEnumerable<Meter> ListAsync(RestContext context, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken) { await Task.Yield(); yield break; }
            }
            """;
        var compilation = GeneratorHarness.Compile(Kind, Storage);
        var (driver, first, _) = GeneratorHarness.Run(compilation);
        var edited = Replace(compilation, "Source1.cs", Storage.Replace(" : IReadOnlyStorage<Meter>", "", StringComparison.Ordinal));

        var (_, second, _) = GeneratorHarness.Run(edited, driver);

        const string Line = "builder.AddResource(new global::Metrics.MeterStorage());";
        Assert.Contains(Line, GeneratorHarness.Render(first), StringComparison.Ordinal);
        Assert.DoesNotContain(Line, GeneratorHarness.Render(second), StringComparison.Ordinal);
        Assert.Contains("builder.AddResource(global::Metrics.Meter.Definition);", GeneratorHarness.Render(second), StringComparison.Ordinal);
    }

    [Fact]
    public void An_edit_inside_a_conversion_method_leaves_outputs_unchanged()
    {
        var compilation = GeneratorHarness.Compile(TestSources.SeveralVersions);
        var (driver, first, _) = GeneratorHarness.Run(compilation);
        var edited = Replace(compilation, "Source0.cs", TestSources.SeveralVersions.Replace("Quantity = 1", "Quantity = 2", StringComparison.Ordinal));

        var (_, second, _) = GeneratorHarness.Run(edited, driver);

        AssertAllOutputs(second, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        Assert.Equal(GeneratorHarness.Render(first), GeneratorHarness.Render(second));
    }

    [Fact]
    public void Removing_the_conversion_interface_removes_the_converter()
    {
        var compilation = GeneratorHarness.Compile(TestSources.SeveralVersions);
        var (driver, first, _) = GeneratorHarness.Run(compilation);
        var edited = Replace(compilation, "Source0.cs", TestSources.SeveralVersions.Replace(" : IConvertsToStorage<Order, Shop.V1.Order>", "", StringComparison.Ordinal));

        var (_, second, _) = GeneratorHarness.Run(edited, driver);

        Assert.Contains("GeneratedConversions", GeneratorHarness.Render(first), StringComparison.Ordinal);
        Assert.DoesNotContain("GeneratedConversions", GeneratorHarness.Render(second), StringComparison.Ordinal);
        var registration = second.Results[0].TrackedSteps[TrackingNames.Registration].SelectMany(s => s.Outputs).ToList();
        Assert.Contains(registration, o => o.Reason == IncrementalStepRunReason.Modified);
    }

    [Fact]
    public void Step_outputs_hold_no_symbols_syntax_or_compilations()
    {
        var (_, result, _) = GeneratorHarness.Run(GeneratorHarness.Compile(TestSources.Wardle, TestSources.EdgeCases, TestSources.SeveralVersions, StorageTests.ReadOnlySource, StorageTests.OwnStorageSource));

        var steps = result.Results[0].TrackedSteps;
        foreach (var name in TrackedSteps)
        {
            var forbidden = steps[name].SelectMany(s => s.Outputs).SelectMany((o, i) => ModelWalker.ForbiddenObjects(o.Value, $"{name}[{i}]")).ToList();
            Assert.True(forbidden.Count == 0, string.Join("\n", forbidden));
        }
    }

    [Fact]
    public void The_same_source_parsed_twice_gives_equal_but_distinct_models()
    {
        var first = Models(GeneratorHarness.Compile(TestSources.EdgeCases, StorageTests.ReadOnlySource, StorageTests.OwnStorageSource));
        var second = Models(GeneratorHarness.Compile(TestSources.EdgeCases, StorageTests.ReadOnlySource, StorageTests.OwnStorageSource));

        Assert.Equal(first.Count, second.Count);
        for (var i = 0; i < first.Count; i++)
        {
            Assert.Equal(first[i], second[i]);
            Assert.Equal(first[i].GetHashCode(), second[i].GetHashCode());
            Assert.NotSame(first[i], second[i]);
        }
    }

    private static List<Model.KindModel> Models(Compilation compilation)
    {
        var (_, result, _) = GeneratorHarness.Run(compilation);
        return [.. result.Results[0].TrackedSteps[TrackingNames.Model].SelectMany(s => s.Outputs).Select(o => (Model.KindModel)o.Value)];
    }

    private static void AssertAllOutputs(GeneratorDriverRunResult result, params IncrementalStepRunReason[] allowed)
    {
        var steps = result.Results[0].TrackedSteps;
        foreach (var name in TrackedSteps)
        {
            // A compilation without [Subresource] classes runs no step that yields a subresource model.
            if (name == TrackingNames.Subresource && !steps.ContainsKey(name))
            {
                continue;
            }

            Assert.True(steps.ContainsKey(name), $"step {name} was not tracked");
            foreach (var output in steps[name].SelectMany(s => s.Outputs))
            {
                Assert.True(allowed.Contains(output.Reason), $"{name}: {output.Reason}");
            }
        }

        foreach (var output in result.Results[0].TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs))
        {
            Assert.True(allowed.Contains(output.Reason), $"output step: {output.Reason}");
        }
    }

    private static Compilation Replace(Compilation compilation, string path, string text)
    {
        var old = compilation.SyntaxTrees.Single(t => t.FilePath == path);
        return compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(text, GeneratorHarness.ParseOptions, path));
    }
}
