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
        { "APIB009", "[Storage(typeof(object))] public partial class NotAKind { }", "[Storage] on 'NotAKind' has no effect without [Kind]" },
        { "APIB009", "[Kind(\"a.example.com\", \"v1\")][StatusSubresource] public partial class Thing { }", "needs a Status property" },
        { "APIB010", "public class Outer { [Kind(\"a.example.com\", \"v1\")] public partial class Thing { } }", "nested" },
        { "APIB010", "[Kind(\"a.example.com\", \"v1\")] public partial class Thing : Exception { }", "must derive from KubernetesObject" },
        { "APIB017", "[Kind(\"a.example.com\", \"v1\")] public partial class Thing { public S Spec { get; set; } = new(); }\npublic class S { [ListType(ListType.Map, \"id\")] public List<P> Items { get; set; } = new(); }\npublic class P { public required string Name { get; set; } }", "map key 'id' is not a property of 'P'" },
        { "APIB017", "[Kind(\"a.example.com\", \"v1\")] public partial class Thing { public S Spec { get; set; } = new(); }\npublic class S { [ListType(ListType.Map, \"name\")] public List<P> Items { get; set; } = new(); }\npublic class P { public string Name { get; set; } = \"\"; }", "must be a required property" },
        { "APIB017", "[Kind(\"a.example.com\", \"v1\")] public partial class Thing { public S Spec { get; set; } = new(); }\npublic class S { [ListType(ListType.Map, \"inner\")] public List<P> Items { get; set; } = new(); }\npublic class P { public required Q Inner { get; set; } }\npublic class Q { }", "must be a string, integer, boolean or enum" },
        { "APIB017", "[Kind(\"a.example.com\", \"v1\")] public partial class Thing { public S Spec { get; set; } = new(); }\npublic class S { [ListType(ListType.Map)] public List<P> Items { get; set; } = new(); }\npublic class P { public required string Name { get; set; } }", "needs one or more distinct key" },
        { "APIB017", "[Kind(\"a.example.com\", \"v1\")] public partial class Thing { public S Spec { get; set; } = new(); }\npublic class S { [ListType(ListType.Set)] public List<P> Items { get; set; } = new(); }\npublic class P { }", "items of a set must be scalars" },
        { "APIB017", "[Kind(\"a.example.com\", \"v1\")] public partial class Thing { public S Spec { get; set; } = new(); }\npublic class S { [ListType(ListType.Set)] public string Name { get; set; } = \"\"; }", "lists and arrays only" },
        { "APIB017", "[Kind(\"a.example.com\", \"v1\")] public partial class Thing { public S Spec { get; set; } = new(); }\npublic class S { [MapType(MapType.Atomic)] public List<string> Names { get; set; } = new(); }", "objects and dictionaries only" },
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

    private const string ConversionUsings = """
        using System.Collections.Generic;
        using System.ComponentModel.DataAnnotations;
        using ApiBuilder.Runtime.Objects;
        using ApiBuilder.Runtime.Resources;

        """;

    /// <summary>v1 (stored) has spec.size; v2 has spec.capacity and <paramref name="v2Base"/>.</summary>
    private static string TwoShapes(string v2Base, string v2Members = "") => ConversionUsings + $$"""
        namespace V1 { [Kind("a.example.com", "v1")][StorageVersion] public partial class Tank { public TankSpec Spec { get; set; } = new(); }
                       public class TankSpec { public int Size { get; set; } } }
        namespace V2 { [Kind("a.example.com", "v2")] public partial class Tank {{v2Base}} { public TankSpec Spec { get; set; } = new(); {{v2Members}} }
                       public class TankSpec { public int Capacity { get; set; } } }
        """;

    private const string V2Conversion = """
        public V1.Tank ToStorage() => new() { Spec = new() { Size = Spec.Capacity } };
        public static Tank FromStorage(V1.Tank storage) => new() { Spec = new() { Capacity = storage.Spec.Size } };
        """;

    [Theory]
    [InlineData("[Kind(\"a.example.com\", \"v1\")] public partial class Status { }", "Status", "meta/v1 Status")]
    [InlineData("[Kind(\"a.example.com\", \"v1\")] public partial class Thing { }\n[Kind(\"a.example.com\", \"v1\", Kind = \"WatchEvent\")] public partial class Watched { }", "WatchEvent", "meta/v1 WatchEvent")]
    [InlineData("[Kind(\"a.example.com\", \"v1\")] public partial class Frigate { }\n[Kind(\"a.example.com\", \"v1\")] public partial class FrigateList { }", "FrigateList", "the list kind of 'Frigate'")]
    [InlineData("namespace N { [Kind(\"a.example.com\", \"v1\")] public partial class Frigate { } }\nnamespace N { [Kind(\"b.example.com\", \"v1\")] public partial class FrigateClient { } }", "FrigateClient", "the client class generated for 'Frigate'")]
    public async Task APIB013_a_Kind_named_like_a_meta_kind_or_a_name_derived_from_another_Kind_is_reported(string source, string kind, string messagePart)
    {
        var compilation = GeneratorHarness.Compile(Usings + source);

        var diagnostics = (await GeneratorHarness.AnalyzeAsync(compilation)).Where(d => d.Id == "APIB013").ToList();

        var diagnostic = Assert.Single(diagnostics, d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture).StartsWith($"The Kind '{kind}'", StringComparison.Ordinal));
        Assert.Contains(messagePart, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.True(diagnostic.Location.IsInSource, "the diagnostic points into the source");
    }

    [Fact]
    public async Task APIB013_Kinds_in_other_groups_and_namespaces_do_not_collide()
    {
        var compilation = GeneratorHarness.Compile(Usings + """
            namespace A { [Kind("a.example.com", "v1")] public partial class Frigate { } }
            namespace B { [Kind("b.example.com", "v1")] public partial class FrigateList { } }
            namespace C { [Kind("a.example.com", "v1")] public partial class Statuses { } }
            """);

        Assert.DoesNotContain(await GeneratorHarness.AnalyzeAsync(compilation), d => d.Id == "APIB013");
    }

    private const string SubresourceUsings = """
        using ApiBuilder.Runtime.Rest;
        using ApiBuilder.Runtime.Resources;

        [Kind("a.example.com", "v1")] public partial class Thing { }

        """;

    private const string Served = "new() { Name = \"peek\", Get = r => r.WriteTextAsync(r.Name) }";

    [Theory]
    [InlineData("@public static class ThingPeek { }", "has no 'Definition' property")]
    [InlineData("@public static class ThingPeek { public static readonly SubresourceDefinition Definition = " + Served + "; }", "declares 'Definition', but not as a property")]
    [InlineData("@public sealed class ThingPeek { public SubresourceDefinition Definition { get; } = " + Served + "; }", "is not static")]
    [InlineData("@public static class ThingPeek { internal static SubresourceDefinition Definition { get; } = " + Served + "; }", "is not public")]
    [InlineData("@public static class ThingPeek { public static SubresourceDefinition Definition { private get; set; } = " + Served + "; }", "without a public getter")]
    [InlineData("@public static class ThingPeek { public static object Definition { get; } = new SubresourceDefinition { Name = \"peek\" }; }", "of type 'object'")]
    [InlineData("@public static class ThingPeek<T> { public static SubresourceDefinition Definition { get; } = " + Served + "; }", "must not be generic")]
    [InlineData("public static class Outer { @private static class ThingPeek { public static SubresourceDefinition Definition { get; } = " + Served + "; } }", "must be public or internal")]
    public async Task APIB014_a_subresource_class_without_a_public_static_Definition_property_is_reported_and_not_registered(string declaration, string messagePart)
    {
        var compilation = GeneratorHarness.Compile(SubresourceUsings + declaration.Replace("@", "[Subresource(typeof(Thing))] ", StringComparison.Ordinal));

        var diagnostics = await GeneratorHarness.AnalyzeAsync(compilation);

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("APIB014", diagnostic.Id);
        Assert.Contains(messagePart, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.True(diagnostic.Location.IsInSource, "the diagnostic points into the source");
        var (_, result, _) = GeneratorHarness.Run(compilation);
        Assert.Contains("builder.AddResource(global::Thing.Definition);", GeneratorHarness.Render(result), StringComparison.Ordinal);
        Assert.DoesNotContain("AddSubresource", GeneratorHarness.Render(result), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("string", "'string', which is not a [Kind] class")]
    [InlineData("Plain", "'Plain', which is not a [Kind] class")]
    public async Task APIB015_a_subresource_of_a_class_that_is_not_a_Kind_is_reported_and_not_registered(string kindType, string messagePart)
    {
        var compilation = GeneratorHarness.Compile(SubresourceUsings + $$"""
            public partial class Plain { }
            [Subresource(typeof({{kindType}}))] public static class ThingPeek { public static SubresourceDefinition Definition { get; } = {{Served}}; }
            """);

        var diagnostics = await GeneratorHarness.AnalyzeAsync(compilation);

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("APIB015", diagnostic.Id);
        Assert.Contains(messagePart, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Contains("Subresource(typeof(", diagnostic.Location.SourceTree!.ToString().Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length), StringComparison.Ordinal);
        var (_, result, output) = GeneratorHarness.Run(compilation);
        Assert.DoesNotContain("AddSubresource", GeneratorHarness.Render(result), StringComparison.Ordinal);
        Assert.Empty(GeneratorHarness.Problems(output));
    }

    [Fact]
    public async Task APIB015_a_subresource_of_a_Kind_of_another_assembly_is_reported_and_not_registered()
    {
        var library = GeneratorHarness.Compile("""
            using ApiBuilder.Runtime.Resources;
            namespace Lib;
            [Kind("lib.example.com", "v1")] public partial class Remote { }
            """);
        var compilation = GeneratorHarness.Compile(SubresourceUsings + $$"""
            [Subresource(typeof(Lib.Remote))] public static class RemotePeek { public static SubresourceDefinition Definition { get; } = {{Served}}; }
            """).AddReferences(library.ToMetadataReference());

        var diagnostic = Assert.Single(await GeneratorHarness.AnalyzeAsync(compilation));

        Assert.Equal("APIB015", diagnostic.Id);
        Assert.Contains("'Lib.Remote', a [Kind] class of another assembly", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.DoesNotContain("AddSubresource", GeneratorHarness.Render(GeneratorHarness.Run(compilation).Result), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_subresource_of_a_Kind_the_generator_skips_is_not_registered_and_only_the_Kind_is_reported()
    {
        var compilation = GeneratorHarness.Compile(SubresourceUsings.Replace("public partial class Thing", "public class Thing", StringComparison.Ordinal) + $$"""
            [Subresource(typeof(Thing))] public static class ThingPeek { public static SubresourceDefinition Definition { get; } = {{Served}}; }
            """);

        var diagnostic = Assert.Single(await GeneratorHarness.AnalyzeAsync(compilation));

        Assert.Equal("APIB001", diagnostic.Id);
        Assert.DoesNotContain("AddSubresource", GeneratorHarness.Render(GeneratorHarness.Run(compilation).Result), StringComparison.Ordinal);
    }

    private const string StorageUsings = """
        using System;
        using System.Collections.Generic;
        using System.Text.Json.Nodes;
        using System.Threading;
        using System.Threading.Tasks;
        using ApiBuilder.Runtime.Rest;
        using ApiBuilder.Runtime.Resources;
        using ApiBuilder.Runtime.Storage;

        """;

    /// <summary>The members of <c>IReadOnlyStorage&lt;TheKind&gt;</c>; the tests put a Kind in place of <c>TheKind</c>.</summary>
    private const string ReadOnlyMembers = """
            public ValueTask<TheKind?> GetAsync(RestContext context, string name, CancellationToken cancellationToken) => default;
            public IAsyncEnumerable<TheKind> ListAsync(RestContext context, CancellationToken cancellationToken) => throw new NotSupportedException();
        """;

    private const string StorageMembers = """
            public ValueTask<long> GetCurrentRevisionAsync(CancellationToken cancellationToken) => default;
            public ValueTask<StoredObject?> GetAsync(string key, CancellationToken cancellationToken) => default;
            public ValueTask<StorageList> ListAsync(string prefix, StorageListRequest request, CancellationToken cancellationToken) => default;
            public ValueTask<StoredObject> CreateAsync(string key, JsonObject value, CancellationToken cancellationToken) => default;
            public ValueTask<StoredObject> UpdateAsync(string key, JsonObject value, long expectedRevision, CancellationToken cancellationToken) => default;
            public ValueTask<StoredObject> DeleteAsync(string key, long expectedRevision, CancellationToken cancellationToken) => default;
            public ValueTask<long> CountAsync(string prefix, CancellationToken cancellationToken) => default;
            public ValueTask<IStorageWatch> WatchAsync(string prefix, long afterRevision, CancellationToken cancellationToken) => default;
            public ValueTask DisposeAsync() => default;
        """;

    /// <summary>Each way the class named by [Storage] cannot serve as the Kind's storage; <c>@</c> is where its members go.</summary>
    public static TheoryData<string, string, string> BadStorages => new()
    {
        { "ThingStorage", "public sealed class ThingStorage : IReadOnlyStorage<Thing> { public ThingStorage(int size) { } @ }", "has no public parameterless constructor" },
        { "ThingStorage", "public sealed class ThingStorage : IReadOnlyStorage<Thing> { private ThingStorage() { } @ }", "has no public parameterless constructor" },
        { "ThingStorage", "public abstract class ThingStorage : IReadOnlyStorage<Thing> { @ }", "is abstract" },
        { "ThingStorage", "public static class ThingStorage { }", "is static" },
        { "ThingStorage<int>", "public sealed class ThingStorage<T> : IReadOnlyStorage<Thing> { @ }", "is generic" },
        { "Hidden", "", "cannot be named from the generated registration" },
        { "ThingStorage", "public struct ThingStorage : IReadOnlyStorage<Thing> { @ }", "is not a class" },
        { "ThingStorage", "public sealed class ThingStorage { }", "implements neither IReadOnlyStorage<Thing> (ApiBuilder.Runtime.Rest) nor IStorage" },
        { "ThingStorage", "[Kind(\"a.example.com\", \"v1\")] public partial class Other { }\npublic sealed class ThingStorage : IReadOnlyStorage<Other> { @ }", "(it implements ApiBuilder.Runtime.Rest.IReadOnlyStorage<Other>, of another Kind)" },
        { "ThingStorage", "public sealed class ThingStorage : IReadOnlyStorage<Thing>, IStorage { @ " + StorageMembers + " }", "implements both IReadOnlyStorage<Thing> and IStorage" },
    };

    [Theory]
    [MemberData(nameof(BadStorages))]
    public async Task APIB016_a_storage_class_the_registration_cannot_create_or_register_is_reported_and_the_Kind_is_served_by_the_server(
        string storageType, string declaration, string messagePart)
    {
        var kind = Other(declaration) ?? "Thing";
        var members = ReadOnlyMembers.Replace("TheKind", kind, StringComparison.Ordinal);
        var compilation = GeneratorHarness.Compile(StorageUsings + $$"""
            [Kind("a.example.com", "v1")][Storage(typeof({{storageType}}))] public partial class Thing
            {
                private sealed class Hidden : IReadOnlyStorage<Thing> { {{ReadOnlyMembers.Replace("TheKind", "Thing", StringComparison.Ordinal)}} }
            }
            {{declaration.Replace("@", members, StringComparison.Ordinal)}}
            """);

        var diagnostics = await GeneratorHarness.AnalyzeAsync(compilation);

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("APIB016", diagnostic.Id);
        Assert.Contains(messagePart, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.StartsWith("Storage(typeof(", diagnostic.Location.SourceTree!.ToString().Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length), StringComparison.Ordinal);
        var (_, result, output) = GeneratorHarness.Run(compilation);
        var rendered = GeneratorHarness.Render(result);
        Assert.Contains("builder.AddResource(global::Thing.Definition);", rendered, StringComparison.Ordinal);
        Assert.DoesNotContain("builder.AddResource(new ", rendered, StringComparison.Ordinal);
        Assert.DoesNotContain("builder.AddResource(global::Thing.Definition, ", rendered, StringComparison.Ordinal);
        Assert.Empty(GeneratorHarness.Problems(output));

        static string? Other(string declaration) => declaration.Contains("IReadOnlyStorage<Other>", StringComparison.Ordinal) ? "Other" : null;
    }

    [Fact]
    public async Task APIB016_stays_silent_for_an_internal_storage_class_of_the_project()
    {
        var compilation = GeneratorHarness.Compile(StorageUsings + $$"""
            [Kind("a.example.com", "v1")][Storage(typeof(ThingStorage))] public partial class Thing { }
            internal sealed class ThingStorage : IReadOnlyStorage<Thing> { {{ReadOnlyMembers.Replace("TheKind", "Thing", StringComparison.Ordinal)}} }
            """);

        Assert.Empty(await GeneratorHarness.AnalyzeAsync(compilation));
        var (_, result, output) = GeneratorHarness.Run(compilation);
        Assert.Contains("builder.AddResource(new global::ThingStorage());", GeneratorHarness.Render(result), StringComparison.Ordinal);
        Assert.Empty(GeneratorHarness.Problems(output));
    }

    [Fact]
    public async Task APIB012_a_version_with_another_shape_and_no_conversion_is_reported_and_both_versions_are_still_generated()
    {
        var compilation = GeneratorHarness.Compile(TwoShapes(""));

        var diagnostics = await GeneratorHarness.AnalyzeAsync(compilation);

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("APIB012", diagnostic.Id);
        var message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(
            "Version v2 of Kind 'Tank' ('V2.Tank') has a different shape from the storage version v1 ('V1.Tank'): spec.capacity is only in v2; " +
            "spec.size is only in v1. Implement IConvertsToStorage<V2.Tank, V1.Tank> on it to convert between them.",
            message);
        Assert.Contains("[Kind(\"a.example.com\", \"v2\")]", diagnostic.Location.SourceTree!.ToString().Substring(diagnostic.Location.SourceSpan.Start - 1, diagnostic.Location.SourceSpan.Length + 2), StringComparison.Ordinal);

        // The generated code stays complete (only APIB012 fails the build): v2 converts by apiVersion alone.
        var (_, result, output) = GeneratorHarness.Run(compilation);
        Assert.Empty(GeneratorHarness.Problems(output));
        var generated = GeneratorHarness.Render(result);
        Assert.Contains("//// V2.Tank.g.cs", generated, StringComparison.Ordinal);
        Assert.DoesNotContain("Converter =", generated, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(": IConvertsToStorage<Tank, V2.Tank>", "'V2.Tank' converts to 'V2.Tank', which is not the storage version of Kind 'Tank' (a.example.com); the storage version is v1 ('V1.Tank')")]
    [InlineData(": IConvertsToStorage<Tank, Other>", "'V2.Tank' converts to 'V2.Other', which is not the storage version")]
    public async Task APIB012_a_conversion_to_a_class_other_than_the_storage_version_is_reported(string v2Base, string messagePart)
    {
        var other = "\nnamespace V2 { [Kind(\"b.example.com\", \"v1\")] public partial class Other { } }";
        var members = v2Base.Contains("Other", StringComparison.Ordinal)
            ? "public Other ToStorage() => new(); public static Tank FromStorage(Other storage) => new();"
            : "public Tank ToStorage() => new(); public static Tank FromStorage(Tank storage) => new();";
        var compilation = GeneratorHarness.Compile(TwoShapes(v2Base, members) + other);

        var diagnostics = await GeneratorHarness.AnalyzeAsync(compilation);

        // One for the misdirected interface, one because v2 then still lacks a conversion to v1.
        Assert.Equal(2, diagnostics.Count(d => d.Id == "APIB012"));
        Assert.Contains(diagnostics, d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Contains(messagePart, StringComparison.Ordinal));
        Assert.Contains(diagnostics, d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Contains("has a different shape", StringComparison.Ordinal));
    }

    [Fact]
    public async Task APIB012_the_storage_version_implementing_the_interface_is_reported()
    {
        var compilation = GeneratorHarness.Compile(ConversionUsings + """
            [Kind("a.example.com", "v1")]
            public partial class Solo : IConvertsToStorage<Solo, Solo>
            {
                public Solo ToStorage() => new();
                public static Solo FromStorage(Solo storage) => new();
            }
            """);

        var diagnostic = Assert.Single(await GeneratorHarness.AnalyzeAsync(compilation));

        Assert.Equal("APIB012", diagnostic.Id);
        Assert.Contains("is the storage version of Kind 'Solo'", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("with a conversion", ": IConvertsToStorage<Tank, V1.Tank>", V2Conversion, "public int Capacity { get; set; }")]
    [InlineData("same shape, other descriptions, validation and nullability", "", "", "/// <summary>Size.</summary>\n[Range(1, 9)] public int? Size { get; set; }")]
    public async Task APIB012_stays_silent_when_the_versions_convert_or_have_the_same_shape(string why, string v2Base, string v2Members, string v2Spec)
    {
        var source = TwoShapes(v2Base, v2Members).Replace("public int Capacity { get; set; }", v2Spec, StringComparison.Ordinal);
        var compilation = GeneratorHarness.Compile(source);

        var diagnostics = await GeneratorHarness.AnalyzeAsync(compilation);

        Assert.True(diagnostics.IsEmpty, why + ": " + string.Join("\n", diagnostics));
        Assert.Empty(GeneratorHarness.Problems(GeneratorHarness.Run(compilation).Output));
    }

    [Fact]
    public void Every_diagnostic_id_is_documented_and_tracked_for_release()
    {
        var root = RepositoryRoot();
        var docs = File.ReadAllText(Path.Combine(root, "docs", "diagnostics.md"));
        var releases = File.ReadAllText(Path.Combine(root, "src", "Generator", "AnalyzerReleases.Unshipped.md"));
        var ids = GeneratorHarness.Analyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).Distinct().ToList();

        Assert.Equal(17, ids.Count);
        Assert.All(ids, id => Assert.Contains("### " + id, docs, StringComparison.Ordinal));
        Assert.All(ids, id => Assert.Contains(id + " |", releases, StringComparison.Ordinal));
    }

    private static string RepositoryRoot([System.Runtime.CompilerServices.CallerFilePath] string file = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, "..", ".."));
}
