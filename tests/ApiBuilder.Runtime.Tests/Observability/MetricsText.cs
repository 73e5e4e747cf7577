using System.Globalization;

namespace ApiBuilder.Runtime.Tests.Observability;

/// <summary>Reads samples out of Prometheus' text format: <c>name{label="value",...} number</c>.</summary>
internal sealed class MetricsText(string text)
{
    public string Text { get; } = text;

    /// <summary>The value of the one sample of <paramref name="name"/> whose labels include all of <paramref name="labels"/>; null when none.</summary>
    public double? Value(string name, params (string Label, string Value)[] labels)
    {
        var found = Samples(name).Where(s => labels.All(l => s.Labels.TryGetValue(l.Label, out var v) && v == l.Value)).ToList();
        Assert.True(found.Count <= 1, $"more than one {name} sample matches: {string.Join(" | ", found.Select(f => f.Line))}");
        return found.Count == 0 ? null : found[0].Value;
    }

    public IEnumerable<(Dictionary<string, string> Labels, double Value, string Line)> Samples(string name)
    {
        foreach (var line in Text.Split('\n'))
        {
            if (line.StartsWith(name + "{", StringComparison.Ordinal) || line.StartsWith(name + " ", StringComparison.Ordinal))
            {
                var labels = new Dictionary<string, string>();
                var open = line.IndexOf('{');
                var close = line.LastIndexOf('}');
                if (open > 0 && open == name.Length)
                {
                    foreach (var pair in line[(open + 1)..close].Split("\",", StringSplitOptions.RemoveEmptyEntries))
                    {
                        var eq = pair.IndexOf('=');
                        labels[pair[..eq]] = pair[(eq + 2)..].TrimEnd('"');
                    }
                }

                var value = line[(line.LastIndexOf(' ') + 1)..];
                yield return (labels, double.Parse(value, CultureInfo.InvariantCulture), line);
            }
        }
    }
}
