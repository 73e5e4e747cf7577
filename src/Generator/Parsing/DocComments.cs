using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Xml;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ApiBuilder.Generator.Parsing
{
    /// <summary>
    /// The <c>&lt;summary&gt;</c> of a symbol's XML documentation as one line of plain text. Reads
    /// the compiler's parsed documentation, or the <c>///</c> lines themselves when the project
    /// does not parse documentation comments.
    /// </summary>
    internal static class DocComments
    {
        private static readonly Regex Whitespace = new(@"\s+", RegexOptions.CultureInvariant);

        public static string? Summary(ISymbol symbol, CancellationToken cancellationToken)
        {
            var xml = symbol.GetDocumentationCommentXml(cancellationToken: cancellationToken);
            if (string.IsNullOrWhiteSpace(xml))
            {
                xml = FromTrivia(symbol, cancellationToken);
            }

            if (string.IsNullOrWhiteSpace(xml))
            {
                return null;
            }

            XElement root;
            try
            {
                root = XElement.Parse("<root>" + xml + "</root>", LoadOptions.PreserveWhitespace);
            }
            catch (XmlException)
            {
                return null;
            }

            var summary = root.Descendants("summary").FirstOrDefault();
            if (summary is null)
            {
                return null;
            }

            var text = new StringBuilder();
            Render(summary, text);
            var result = Whitespace.Replace(text.ToString(), " ").Trim();
            return result.Length == 0 ? null : result;
        }

        private static void Render(XElement element, StringBuilder text)
        {
            foreach (var node in element.Nodes())
            {
                switch (node)
                {
                    case XText t:
                        text.Append(t.Value);
                        break;
                    case XElement e when e.Name.LocalName is "see" or "seealso":
                        if (e.Nodes().Any())
                        {
                            Render(e, text);
                        }
                        else if ((string?)e.Attribute("langword") is { } word)
                        {
                            text.Append(word);
                        }
                        else if ((string?)e.Attribute("cref") is { } cref)
                        {
                            text.Append(ShortName(cref));
                        }
                        else if ((string?)e.Attribute("href") is { } href)
                        {
                            text.Append(href);
                        }

                        break;
                    case XElement e when e.Name.LocalName is "paramref" or "typeparamref":
                        text.Append((string?)e.Attribute("name"));
                        break;
                    case XElement e when e.Name.LocalName is "para" or "br":
                        text.Append(' ');
                        Render(e, text);
                        text.Append(' ');
                        break;
                    case XElement e:
                        Render(e, text);
                        break;
                }
            }
        }

        private static string ShortName(string cref)
        {
            var name = cref.Length > 2 && cref[1] == ':' ? cref.Substring(2) : cref;
            var paren = name.IndexOf('(');
            if (paren >= 0)
            {
                name = name.Substring(0, paren);
            }

            var tick = name.IndexOf('`');
            if (tick >= 0)
            {
                name = name.Substring(0, tick);
            }

            var dot = name.LastIndexOf('.');
            return dot >= 0 ? name.Substring(dot + 1) : name;
        }

        private static string? FromTrivia(ISymbol symbol, CancellationToken cancellationToken)
        {
            foreach (var reference in symbol.DeclaringSyntaxReferences)
            {
                var lines = new StringBuilder();
                foreach (var trivia in reference.GetSyntax(cancellationToken).GetLeadingTrivia())
                {
                    if (trivia.IsKind(SyntaxKind.SingleLineDocumentationCommentTrivia))
                    {
                        lines.Append(trivia.ToFullString().Replace("///", ""));
                    }
                    else if (trivia.IsKind(SyntaxKind.SingleLineCommentTrivia) && trivia.ToString().StartsWith("///"))
                    {
                        lines.Append(trivia.ToString().Substring(3)).Append('\n');
                    }
                }

                if (lines.Length > 0)
                {
                    return lines.ToString();
                }
            }

            return null;
        }
    }
}
