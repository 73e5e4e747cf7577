using System.Collections.Concurrent;
using System.Reflection;
using HandlebarsDotNet;

namespace ApiBuilder.Cli.Scaffolding;

/// <summary>
/// Renders the templates embedded from <c>templates/</c>. Output is the same bytes for the same
/// inputs on every machine: values are inserted as they are (no HTML escaping, except for
/// <c>.html.hbs</c> templates) and line endings are always <c>\n</c>.
/// </summary>
internal static class TemplateRenderer
{
    private static readonly Assembly Assembly = typeof(TemplateRenderer).Assembly;
    private static readonly IHandlebars Code = Handlebars.Create(new HandlebarsConfiguration { NoEscape = true, ThrowOnUnresolvedBindingExpression = true });
    private static readonly IHandlebars Html = Handlebars.Create(new HandlebarsConfiguration { ThrowOnUnresolvedBindingExpression = true });
    private static readonly ConcurrentDictionary<string, HandlebarsTemplate<object, object>> Compiled = new(StringComparer.Ordinal);

    /// <summary>Names of every embedded template, e.g. <c>project/Program.cs.hbs</c>.</summary>
    public static IReadOnlyList<string> Names { get; } =
        [.. Assembly.GetManifestResourceNames().Where(n => n.StartsWith("templates/", StringComparison.Ordinal))
            .Select(n => n["templates/".Length..].Replace('\\', '/')).Order(StringComparer.Ordinal)];

    /// <summary>Renders <paramref name="template"/> (a name relative to <c>templates/</c>) with <paramref name="model"/>.</summary>
    public static string Render(string template, IReadOnlyDictionary<string, object?> model)
    {
        var compiled = Compiled.GetOrAdd(template, Compile);
        return compiled(model).ReplaceLineEndings("\n");
    }

    private static HandlebarsTemplate<object, object> Compile(string template)
    {
        var resource = Assembly.GetManifestResourceNames()
            .FirstOrDefault(n => n.Replace('\\', '/') == "templates/" + template)
            ?? throw new InvalidOperationException($"The template {template} is not embedded in apiserver-boot.");
        using var stream = Assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        var text = reader.ReadToEnd().ReplaceLineEndings("\n");
        return (template.EndsWith(".html.hbs", StringComparison.Ordinal) ? Html : Code).Compile(text);
    }
}
