using System.Globalization;
using System.Text;

namespace ApiBuilder.Runtime.Benchmarks.Report;

/// <summary>One line of the report: a measurement, the baseline it is compared with, and the target.</summary>
/// <param name="Ratio">Measured divided by baseline; for throughput higher is better, for times lower is better.</param>
/// <param name="Met">Whether the target holds; null when the line has no target.</param>
internal sealed record ReportRow(string Scenario, string Backend, string Measured, string Baseline, string BaselineValue, double Ratio, string Target, bool? Met);

/// <summary>The Markdown report: sections of rows, plus free notes.</summary>
internal sealed class ReportTable
{
    private readonly List<(string Title, string RatioMeaning, List<ReportRow> Rows)> sections = [];
    private readonly List<string> notes = [];

    public List<ReportRow> Section(string title, string ratioMeaning)
    {
        var rows = new List<ReportRow>();
        sections.Add((title, ratioMeaning, rows));
        return rows;
    }

    public void Note(string text) => notes.Add(text);

    public string ToMarkdown(string heading, IEnumerable<string> preamble)
    {
        var md = new StringBuilder();
        md.Append("# ").AppendLine(heading).AppendLine();
        foreach (var line in preamble)
        {
            md.AppendLine(line);
        }

        md.AppendLine();
        foreach (var (title, meaning, rows) in sections.Where(s => s.Rows.Count > 0))
        {
            md.Append("## ").AppendLine(title).AppendLine();
            md.AppendLine(meaning).AppendLine();
            md.AppendLine("| scenario | backend | measured | baseline | baseline measured | ratio | target | |");
            md.AppendLine("|---|---|---|---|---|---:|---|---|");
            foreach (var r in rows)
            {
                var met = r.Met switch { true => "met", false => "**missed**", null => "" };
                md.Append(CultureInfo.InvariantCulture, $"| {r.Scenario} | {r.Backend} | {r.Measured} | {r.Baseline} | {r.BaselineValue} | {r.Ratio:F2}× | {r.Target} | {met} |").AppendLine();
            }

            md.AppendLine();
        }

        if (notes.Count > 0)
        {
            md.AppendLine("## Notes").AppendLine();
            foreach (var note in notes)
            {
                md.Append("- ").AppendLine(note);
            }

            md.AppendLine();
        }

        return md.ToString();
    }

    public static string PerSecond(LoadResult r) =>
        string.Create(CultureInfo.InvariantCulture, $"{r.PerSecond:F0}/s (p50 {r.P50Ms:F1} ms, p99 {r.P99Ms:F1} ms{(r.Errors > 0 ? $", {r.Errors} errors" : "")})");

    public static string Mean(LoadResult r) =>
        string.Create(CultureInfo.InvariantCulture, $"{r.MeanMs:F1} ms (p50 {r.P50Ms:F1}, p99 {r.P99Ms:F1}{(r.Errors > 0 ? $", {r.Errors} errors" : "")})");
}
