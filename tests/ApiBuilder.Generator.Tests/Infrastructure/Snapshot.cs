using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;

namespace ApiBuilder.Generator.Tests.Infrastructure;

/// <summary>
/// Snapshot testing without Verify: compares text with <c>Snapshots/&lt;name&gt;.verified.cs</c> next
/// to the test source. A mismatch writes <c>.received.cs</c> and fails with a diff; run the tests
/// with <c>APIBUILDER_ACCEPT_SNAPSHOTS=1</c> to accept the new output.
/// </summary>
internal static partial class Snapshot
{
    public const string AcceptVariable = "APIBUILDER_ACCEPT_SNAPSHOTS";

    public static void Verify(string name, string actual, [CallerFilePath] string testFile = "")
    {
        var directory = Path.Combine(Path.GetDirectoryName(testFile)!, "Snapshots");
        var verified = Path.Combine(directory, name + ".verified.cs");
        var received = Path.Combine(directory, name + ".received.cs");
        actual = Scrub(actual);
        if (Environment.GetEnvironmentVariable(AcceptVariable) == "1")
        {
            Directory.CreateDirectory(directory);
            File.WriteAllText(verified, actual);
            File.Delete(received);
            return;
        }

        if (!File.Exists(verified))
        {
            Directory.CreateDirectory(directory);
            File.WriteAllText(received, actual);
            Assert.Fail($"No snapshot {verified}. The output is in {received}; run with {AcceptVariable}=1 to accept it.");
        }

        var expected = Scrub(File.ReadAllText(verified));
        if (expected == actual)
        {
            File.Delete(received);
            return;
        }

        File.WriteAllText(received, actual);
        Assert.Fail($"Snapshot {name} differs (- verified, + received; full output in {received}; {AcceptVariable}=1 accepts it):\n{Diff(expected, actual)}");
    }

    /// <summary>Line endings and the generator version do not count as differences.</summary>
    private static string Scrub(string text) =>
        GeneratedCodeVersion().Replace(text.Replace("\r\n", "\n"), "GeneratedCode(\"ApiBuilder.Generator\", \"<version>\")");

    [GeneratedRegex("GeneratedCode\\(\"ApiBuilder.Generator\", \"[^\"]*\"\\)")]
    private static partial Regex GeneratedCodeVersion();

    /// <summary>A line diff (longest common subsequence) showing changed lines with two lines of context.</summary>
    internal static string Diff(string expected, string actual)
    {
        var a = expected.Split('\n');
        var b = actual.Split('\n');
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        var lines = new List<(char Op, int Line, string Text)>();
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                lines.Add((' ', x + 1, a[x]));
                x++;
                y++;
            }
            else if (y < b.Length && (x == a.Length || lcs[x, y + 1] >= lcs[x + 1, y]))
            {
                lines.Add(('+', y + 1, b[y]));
                y++;
            }
            else
            {
                lines.Add(('-', x + 1, a[x]));
                x++;
            }
        }

        var text = new StringBuilder();
        var shown = 0;
        for (var k = 0; k < lines.Count && shown < 80; k++)
        {
            var near = false;
            for (var d = -2; d <= 2; d++)
            {
                near |= k + d >= 0 && k + d < lines.Count && lines[k + d].Op != ' ';
            }

            if (near)
            {
                text.Append(lines[k].Op).Append(' ').Append(lines[k].Line.ToString().PadLeft(5)).Append(": ").AppendLine(lines[k].Text);
                shown++;
            }
        }

        return text.ToString();
    }
}
