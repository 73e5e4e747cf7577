using System.Runtime.CompilerServices;

namespace ApiBuilder.Cli.Tests.Infrastructure;

/// <summary>
/// Snapshot testing without Verify: compares text with <c>Snapshots/&lt;name&gt;.verified.&lt;ext&gt;</c>
/// next to the tests. A mismatch writes <c>.received.&lt;ext&gt;</c> and fails with a diff; run the
/// tests with <c>APIBUILDER_ACCEPT_SNAPSHOTS=1</c> to accept the new output. Comparison is byte for
/// byte: rendered files must be reproducible exactly.
/// </summary>
internal static class Snapshot
{
    public const string AcceptVariable = "APIBUILDER_ACCEPT_SNAPSHOTS";

    /// <summary>Compares <paramref name="actual"/> with the snapshot <paramref name="name"/> (a path under Snapshots/, '/'-separated, with its extension).</summary>
    public static void Verify(string name, string actual, [CallerFilePath] string testFile = "")
    {
        var directory = Path.Combine(RepositoryPaths.TestsFolder(testFile), "Snapshots");
        var extension = Path.GetExtension(name);
        var stem = name[..^extension.Length];
        var verified = Path.Combine(directory, (stem + ".verified" + extension).Replace('/', Path.DirectorySeparatorChar));
        var received = Path.Combine(directory, (stem + ".received" + extension).Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(verified)!);
        if (Environment.GetEnvironmentVariable(AcceptVariable) == "1")
        {
            File.WriteAllText(verified, actual);
            File.Delete(received);
            return;
        }

        if (!File.Exists(verified))
        {
            File.WriteAllText(received, actual);
            Assert.Fail($"No snapshot {verified}. The output is in {received}; run with {AcceptVariable}=1 to accept it.");
        }

        var expected = File.ReadAllText(verified);
        if (expected == actual)
        {
            File.Delete(received);
            return;
        }

        File.WriteAllText(received, actual);
        Assert.Fail($"Snapshot {name} differs (- verified, + received; full output in {received}; {AcceptVariable}=1 accepts it):\n{Diff(expected, actual)}");
    }

    /// <summary>Changed lines with their line numbers (a simple positional diff is enough for templates).</summary>
    private static string Diff(string expected, string actual)
    {
        var a = expected.Split('\n');
        var b = actual.Split('\n');
        var lines = new List<string>();
        for (var i = 0; i < Math.Max(a.Length, b.Length) && lines.Count < 60; i++)
        {
            var left = i < a.Length ? a[i] : null;
            var right = i < b.Length ? b[i] : null;
            if (left != right)
            {
                if (left is not null)
                {
                    lines.Add($"- {i + 1,5}: {left}");
                }

                if (right is not null)
                {
                    lines.Add($"+ {i + 1,5}: {right}");
                }
            }
        }

        return string.Join('\n', lines);
    }
}
