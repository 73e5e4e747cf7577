using System.Globalization;
using System.Text;

namespace ApiBuilder.Generator.Benchmarks;

/// <summary>A synthetic project: <see cref="Count"/> Kinds, one file each, plus an unrelated file to edit.</summary>
internal static class KindSources
{
    public const int Count = 200;

    public static IEnumerable<(string Path, string Text)> Kinds()
    {
        for (var i = 0; i < Count; i++)
        {
            var n = i.ToString(CultureInfo.InvariantCulture);
            var text = new StringBuilder()
                .AppendLine("using System.Collections.Generic;")
                .AppendLine("using System.ComponentModel.DataAnnotations;")
                .AppendLine("using ApiBuilder.Runtime.Resources;")
                .AppendLine("namespace Bench.Kinds;")
                .AppendLine($"/// <summary>Kind number {n}.</summary>")
                .AppendLine($"[Kind(\"group{i % 10}.bench.example.com\", \"v1\", ShortNames = [\"k{n}\"])]")
                .AppendLine("[StatusSubresource]")
                .AppendLine("[PrinterColumn(\"Phase\", \".status.phase\")]")
                .AppendLine($"public partial class Thing{n}")
                .AppendLine("{")
                .AppendLine($"    public Thing{n}Spec Spec {{ get; set; }} = new();")
                .AppendLine($"    public Thing{n}Status? Status {{ get; set; }}")
                .AppendLine("}")
                .AppendLine($"/// <summary>Desired state of Thing{n}.</summary>")
                .AppendLine($"public sealed class Thing{n}Spec")
                .AppendLine("{")
                .AppendLine("    /// <summary>Display name.</summary>")
                .AppendLine("    [MaxLength(63)] public string? Name { get; set; }")
                .AppendLine("    [Range(0, 100)] public int Replicas { get; set; }")
                .AppendLine("    public Dictionary<string, string> Labels { get; set; } = new();")
                .AppendLine($"    public List<Thing{n}Port> Ports {{ get; set; }} = new();")
                .AppendLine($"    public Thing{n}Mode Mode {{ get; set; }}")
                .AppendLine("}")
                .AppendLine($"public sealed class Thing{n}Port {{ public int Number {{ get; set; }} public string? Protocol {{ get; set; }} }}")
                .AppendLine($"public enum Thing{n}Mode {{ Fast, Slow }}")
                .AppendLine($"public sealed class Thing{n}Status {{ public string? Phase {{ get; set; }} public long ObservedGeneration {{ get; set; }} }}");
            yield return ($"Thing{n}.cs", text.ToString());
        }
    }

    public static string Unrelated(int answer) =>
        $"namespace Bench;\npublic static class Helpers\n{{\n    public static int Answer() => {answer.ToString(CultureInfo.InvariantCulture)};\n}}\n";
}
