namespace ApiBuilder.EndToEnd.Tests.Infrastructure;

/// <summary>Thread-safe capture of a child process's stdout and stderr lines, for failure messages.</summary>
public sealed class ServerOutput
{
    private readonly List<string> lines = [];
    private readonly Lock gate = new();

    public void Append(string stream, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (gate)
        {
            lines.Add($"[{stream}] {line}");
        }
    }

    public bool Contains(string text)
    {
        lock (gate)
        {
            return lines.Any(l => l.Contains(text, StringComparison.Ordinal));
        }
    }

    /// <summary>The lines captured so far that contain <paramref name="text"/>.</summary>
    public IReadOnlyList<string> LinesContaining(string text)
    {
        lock (gate)
        {
            return [.. lines.Where(l => l.Contains(text, StringComparison.Ordinal))];
        }
    }

    /// <summary>The last lines, formatted to be appended to an assertion message.</summary>
    public string Tail(int count = 60)
    {
        lock (gate)
        {
            var tail = lines.Skip(Math.Max(0, lines.Count - count)).ToList();
            return tail.Count == 0
                ? "--- server output: (none) ---"
                : $"--- server output (last {tail.Count} of {lines.Count} lines) ---{Environment.NewLine}{string.Join(Environment.NewLine, tail)}";
        }
    }
}
