using System.Text;

namespace ApiBuilder.Cli.Scaffolding;

/// <summary>
/// Text inside HTML, escaped as Handlebars escapes it (the characters that can end an attribute
/// value or start markup), so that HTML output stayed byte-identical when the templates moved to Scriban.
/// </summary>
internal static class HtmlText
{
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            escaped.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#x27;",
                '`' => "&#x60;",
                '=' => "&#x3D;",
                _ => null,
            } ?? c.ToString());
        }

        return escaped.ToString();
    }
}
