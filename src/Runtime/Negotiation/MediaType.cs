namespace ApiBuilder.Runtime.Negotiation;

/// <summary>One clause of an Accept or Content-Type header: <c>type/subtype;k=v;...</c>.</summary>
internal sealed record MediaType(string Type, string Subtype, IReadOnlyDictionary<string, string> Parameters, double Quality)
{
    public string Essence => Type + "/" + Subtype;

    public string? Parameter(string name) => Parameters.GetValueOrDefault(name);

    /// <summary>Parses a header value into clauses in the order given (clauses without a valid type are skipped).</summary>
    public static List<MediaType> ParseList(string? header)
    {
        var result = new List<MediaType>();
        if (string.IsNullOrWhiteSpace(header))
        {
            return result;
        }

        foreach (var clause in SplitClauses(header))
        {
            if (TryParse(clause, out var media))
            {
                result.Add(media);
            }
        }

        return result;
    }

    public static bool TryParse(string value, out MediaType media)
    {
        media = null!;
        var pieces = value.Split(';');
        var essence = pieces[0].Trim().ToLowerInvariant();
        var slash = essence.IndexOf('/');
        if (slash <= 0 || slash == essence.Length - 1)
        {
            return false;
        }

        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var quality = 1.0;
        foreach (var p in pieces.Skip(1))
        {
            var eq = p.IndexOf('=');
            if (eq <= 0)
            {
                continue;
            }

            var key = p[..eq].Trim().ToLowerInvariant();
            var val = p[(eq + 1)..].Trim().Trim('"');
            if (key == "q")
            {
                _ = double.TryParse(val, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out quality);
            }
            else
            {
                parameters[key] = val;
            }
        }

        media = new MediaType(essence[..slash], essence[(slash + 1)..], parameters, quality);
        return true;
    }

    private static IEnumerable<string> SplitClauses(string header)
    {
        var start = 0;
        var quoted = false;
        for (var i = 0; i < header.Length; i++)
        {
            if (header[i] == '"')
            {
                quoted = !quoted;
            }
            else if (header[i] == ',' && !quoted)
            {
                yield return header[start..i];
                start = i + 1;
            }
        }

        yield return header[start..];
    }
}
