using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using Scriban;
using Scriban.Runtime;

namespace ApiBuilder.Cli.Scaffolding;

/// <summary>
/// Renders the Scriban templates embedded from <c>templates/</c>. Output is the same bytes for the
/// same inputs on every machine: values are inserted as they are (a <c>.html.sbn</c> template
/// escapes them itself with <c>escape_html</c>), unknown names are errors, and line endings are
/// always <c>\n</c>.
/// </summary>
internal static class TemplateRenderer
{
    private static readonly Assembly Assembly = typeof(TemplateRenderer).Assembly;
    private static readonly ConcurrentDictionary<string, Template> Compiled = new(StringComparer.Ordinal);

    /// <summary>Names of every embedded template, e.g. <c>project/Program.cs.sbn</c>.</summary>
    public static IReadOnlyList<string> Names { get; } =
        [.. Assembly.GetManifestResourceNames().Where(n => n.StartsWith("templates/", StringComparison.Ordinal))
            .Select(n => n["templates/".Length..].Replace('\\', '/')).Order(StringComparer.Ordinal)];

    /// <summary>Renders <paramref name="template"/> (a name relative to <c>templates/</c>) with <paramref name="model"/>.</summary>
    public static string Render(string template, IReadOnlyDictionary<string, object?> model)
    {
        var compiled = Compiled.GetOrAdd(template, Compile);
        var globals = (ScriptObject)ToScript(model)!;
        globals.Import("escape_html", new Func<string?, string>(HtmlText.Escape));
        var context = new TemplateContext
        {
            StrictVariables = true,
            LoopLimit = 0,
            NewLine = "\n",
            MemberRenamer = member => member.Name,
        };
        context.PushGlobal(globals);
        return compiled.Render(context).ReplaceLineEndings("\n");
    }

    private static Template Compile(string template)
    {
        var resource = Assembly.GetManifestResourceNames()
            .FirstOrDefault(n => n.Replace('\\', '/') == "templates/" + template)
            ?? throw new InvalidOperationException($"The template {template} is not embedded in apiserver-boot.");
        using var stream = Assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        var parsed = Template.Parse(reader.ReadToEnd().ReplaceLineEndings("\n"), template);
        return parsed.HasErrors
            ? throw new InvalidOperationException($"The template {template} does not parse: {string.Join("; ", parsed.Messages)}")
            : parsed;
    }

    // Models are dictionaries, lists and plain values; Scriban sees them with their keys unchanged.
    private static object? ToScript(object? value)
    {
        switch (value)
        {
            case IReadOnlyDictionary<string, object?> map:
                var obj = new ScriptObject(StringComparer.Ordinal);
                foreach (var (key, item) in map)
                {
                    obj.Add(key, ToScript(item));
                }

                return obj;
            case string or null:
                return value;
            case IEnumerable list:
                var array = new ScriptArray();
                foreach (var item in list)
                {
                    array.Add(ToScript(item));
                }

                return array;
            default:
                return value;
        }
    }
}
