using ApiBuilder.Cli.Scaffolding;

namespace ApiBuilder.Cli.Docs;

/// <summary>Renders an API reference as Markdown and as one static HTML page (templates/docs).</summary>
internal static class ApiReferenceRenderer
{
    public const string MarkdownFile = "api-reference.md";
    public const string HtmlFile = "api-reference.html";

    public static IReadOnlyList<PlannedFile> Render(string title, IReadOnlyList<KindDoc> kinds)
    {
        var model = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["title"] = title,
            ["kinds"] = kinds.Select(Kind).ToList(),
        };
        return
        [
            new PlannedFile(MarkdownFile, TemplateRenderer.Render("docs/api-reference.md.sbn", model)),
            new PlannedFile(HtmlFile, TemplateRenderer.Render("docs/api-reference.html.sbn", model)),
        ];
    }

    private static Dictionary<string, object?> Kind(KindDoc kind) => new(StringComparer.Ordinal)
    {
        ["kind"] = kind.Kind,
        ["anchor"] = kind.Anchor,
        ["apiVersion"] = kind.Group + "/" + kind.Version,
        ["scope"] = kind.Namespaced ? "namespaced" : "cluster-scoped",
        ["plural"] = kind.Plural,
        ["shortNames"] = kind.ShortNames.Count == 0 ? null : string.Join(", ", kind.ShortNames),
        ["subresources"] = kind.Subresources.Count == 0 ? null : string.Join(", ", kind.Subresources),
        ["description"] = kind.Description,
        ["fields"] = kind.Fields.Select(Field).ToList(),
        ["samples"] = kind.Samples.Select(s => new Dictionary<string, object?>(StringComparer.Ordinal) { ["file"] = s.File, ["yaml"] = s.Yaml }).ToList(),
    };

    private static Dictionary<string, object?> Field(FieldDoc field) => new(StringComparer.Ordinal)
    {
        ["path"] = field.Path,
        ["required"] = field.Required,
        ["type"] = field.Type,
        ["typeCell"] = Cell(field.Type),
        ["description"] = field.Description,
        ["constraints"] = field.Constraints.Length == 0 ? null : field.Constraints,
        ["descriptionCell"] = Cell(field.Description + (field.Constraints.Length == 0 ? "" : $" ({field.Constraints})")),
    };

    // A Markdown table cell: one line, no column breaks, no stray HTML.
    private static string Cell(string text) =>
        text.ReplaceLineEndings(" ").Replace("|", "\\|", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Trim();
}
